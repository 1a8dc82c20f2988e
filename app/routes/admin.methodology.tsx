import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guard.server";
import { authorize } from "~/auth/permissions.server";
import { FormError } from "~/components/field";
import { refreshWhileRunning, ScoringRunCard } from "~/components/scoring-run";
import { TableWrap, Th } from "~/components/table-wrap";
import { activateMethodology, addMethodologyVersion, listMethodologies } from "~/domain/risk/methodology-store.server";
import { latestRunView } from "~/domain/risk/rescore.server";
import { methodologyImpact } from "~/domain/risk/methodology-impact.server";
import { MethodologyAdminSchema } from "~/domain/risk/schemas";
import { idParam, runAction, withDomainErrors } from "~/lib/actions.server";
import { formatDateTime, formatNumber } from "~/lib/format";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: "Methodology versions · Labour Due Diligence" },
  ...refreshWhileRunning(data?.run),
];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  authorize(session, "reference.manage");
  return {
    versions: (await listMethodologies(context.db, session)).map((m) => ({ ...m, createdAt: m.createdAt.getTime(), activatedAt: m.activatedAt?.getTime() ?? null })),
    run: await latestRunView(context.db),
  };
});

export const action = /* @__PURE__ */ withDomainErrors(async ({ request, context }: ActionFunctionArgs) => {
  const session = requireUser(request, context);
  authorize(session, "reference.manage");
  return runAction(request, MethodologyAdminSchema, async (input) => {
    if (input.intent === "add") throw redirect(`/admin/methodology/${await addMethodologyVersion(context.db, session, input.definition, context.ip)}?stored=1`);
    if (!input.confirm) return { ok: true as const, confirm: await methodologyImpact(context.db, session, idParam(input.id)) };
    else await activateMethodology(context.db, session, idParam(input.id), context.ip);
    throw redirect("/admin/methodology");
  });
});

export default function MethodologyVersions() {
  const { versions, run } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const result = answer && !answer.ok ? answer : undefined;
  const confirm = answer?.ok ? answer.confirm : null;
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Methodology versions</h1>
          <p>
            The risk method is data: each version is kept, and every score names the version that produced it. Activating a draft rescores every supplier and recruiter. Read the active
            method on the <Link to="/methodology">Methodology</Link> page.
          </p>
        </div>
      </div>
      <p className="actions">
        <Link className="button" to="/admin/methodology/new">
          Draft a new version
        </Link>
      </p>
      <ScoringRunCard run={run} />
      {result?.errors.methodology ? <FormError message={result.errors.methodology} /> : null}
      {confirm ? (
        <div className="alert alert--warning confirm-panel" role="alert" aria-labelledby="confirm-title">
          <h2 id="confirm-title">
            Activate version {confirm.version} ({confirm.name})?
          </h2>
          <p>
            Activating version {confirm.version} retires the method in use and rescores {formatNumber(confirm.suppliersScored)} supplier{confirm.suppliersScored === 1 ? "" : "s"} of{" "}
            {formatNumber(confirm.organisations)} compan{confirm.organisations === 1 ? "y" : "ies"}
            {confirm.recruiters ? ` and ${formatNumber(confirm.recruiters)} labour recruiter${confirm.recruiters === 1 ? "" : "s"}` : ""}: <strong>{formatNumber(confirm.scoreChanged)}</strong> would get a
            different score and <strong>{formatNumber(confirm.bandChanged)}</strong> a different band. Scores already given stay reproducible under the old version.
          </p>
          <Form method="post" className="actions">
            <input type="hidden" name="intent" value="activate" />
            <input type="hidden" name="id" value={confirm.id} />
            <input type="hidden" name="confirm" value="yes" />
            <button className="button" type="submit">
              Yes, activate version {confirm.version} and rescore
            </button>
            <Link className="button button--secondary" to="/admin/methodology">
              No, keep the method in use
            </Link>
          </Form>
        </div>
      ) : null}
      <TableWrap label="Methodology versions">
        <table className="stack-table">
          <thead>
            <tr>
              <Th>Version</Th>
              <Th>Name</Th>
              <Th>Status</Th>
              <Th>Added</Th>
              <Th>Activated</Th>
              <Th>
                <span className="visually-hidden">Actions</span>
              </Th>
            </tr>
          </thead>
          <tbody>
            {versions.map((m) => (
              <tr key={m.id}>
                <td className="cell-name" data-label="Version">
                  <Link to={`/admin/methodology/${m.id}`}>Version {m.version}</Link>
                </td>
                <td data-label="Name">{m.name}</td>
                <td data-label="Status">{m.status}</td>
                <td data-label="Added">{formatDateTime(m.createdAt)}</td>
                <td data-label="Activated">{m.activatedAt ? formatDateTime(m.activatedAt) : "—"}</td>
                <td data-label="">
                  {m.status === "draft" ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value="activate" />
                      <input type="hidden" name="id" value={m.id} />
                      <button className="button button--small" type="submit">
                        Activate and rescore
                      </button>
                    </Form>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <details className="card" open={result?.intent === "add" ? true : undefined}>
        <summary>Import a version from a definition file (JSON)</summary>
        <p>For a version prepared outside the platform, e.g. one shipped in fixtures/methodology. To change weights or bands, use &ldquo;Draft a new version&rdquo; instead.</p>
        <FormError message={result && !result.errors.methodology ? Object.values(result.errors)[0] : undefined} />
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="add" />
          <div className="field">
            <label htmlFor="definition">Definition (JSON)</label>
            <span className="hint" id="definition-hint">
              Same shape as the shipped version 1.0 (fixtures/methodology/v1.json), with a new version number. It is checked and stored as a draft; nothing changes until you activate it.
            </span>
            <textarea id="definition" name="definition" rows={10} spellCheck={false} defaultValue={result?.values.definition ?? ""} aria-describedby="definition-hint" aria-invalid={result?.errors.definition ? true : undefined} />
          </div>
          <button className="button" type="submit">
            Check and store as draft
          </button>
        </Form>
      </details>
    </>
  );
}
