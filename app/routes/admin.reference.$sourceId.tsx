import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guard.server";
import { authorize } from "~/auth/permissions.server";
import { FormError } from "~/components/field";
import { TableWrap, Th } from "~/components/table-wrap";
import { activateReference, diffReference, discardReference, findReferenceSource, referenceActivationPreview, referenceImpact } from "~/domain/reference/editions.server";
import { ReferenceEditionSchema } from "~/domain/reference/schemas";
import { referenceRowsOf } from "~/domain/reference/sources.server";
import { idParam, runAction, withDomainErrors } from "~/lib/actions.server";
import { formatDateTime, formatNumber } from "~/lib/format";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.source.name ?? "Reference"} ${data?.source.edition ?? ""} · Reference data · Labour Due Diligence` }];

const SHOWN = 200;

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, params, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  const id = idParam(params.sourceId);
  const source = await findReferenceSource(context.db, session, id);
  const rows = [...(await referenceRowsOf(context.db, id)).entries()].sort((a, b) => a[0].localeCompare(b[0]));
  const pending = source.status === "pending";
  return {
    source: { ...source, createdAt: source.createdAt.getTime(), activatedAt: source.activatedAt?.getTime() ?? null },
    columns: rows.length ? Object.keys(rows[0]![1]) : [],
    rows: rows.slice(0, SHOWN).map(([key, data]) => ({ key, data })),
    diff: pending ? await diffReference(context.db, session, id) : null,
    impact: pending ? await referenceImpact(context.db, session, id) : null,
  };
});

export const action = /* @__PURE__ */ withDomainErrors(async ({ request, params, context }: ActionFunctionArgs) => {
  const session = requireUser(request, context);
  authorize(session, "reference.manage");
  const id = idParam(params.sourceId);
  return runAction(request, ReferenceEditionSchema, async ({ intent, confirm }) => {
    // Activation rescores everyone: the first post only states what it would do.
    if (intent === "activate" && !confirm) return { ok: true as const, confirm: await referenceActivationPreview(context.db, session, id) };
    if (intent === "activate") {
      await activateReference(context.db, session, id, context.ip);
      throw redirect("/admin/reference");
    }
    await discardReference(context.db, session, id, context.ip);
    throw redirect(`/admin/reference/${id}`);
  });
});

function DiffTable({ title, rows, columns }: { title: string; rows: { key: string; data: Record<string, string> }[]; columns: string[] }) {
  if (rows.length === 0) return null;
  return (
    <>
      <h3>
        {title} ({formatNumber(rows.length)})
      </h3>
      <TableWrap label={title}>
        <table className="stack-table">
          <thead>
            <tr>
              {columns.map((c) => (
                <Th key={c}>{c}</Th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, SHOWN).map((r) => (
              <tr key={r.key}>
                {columns.map((c) => (
                  <td key={c} data-label={c}>
                    {r.data[c]}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </>
  );
}

export default function ReferenceEdition() {
  const { source, columns, rows, diff, impact } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const result = answer && !answer.ok ? answer : undefined;
  const confirm = answer?.ok ? answer.confirm : null;
  const shownColumns = columns.slice(0, 8);
  return (
    <>
      <p className="breadcrumbs">
        <Link to="/admin/reference">Reference data</Link> ›
      </p>
      <div className="page-header">
        <div>
          <h1>
            {source.name} {source.edition}
          </h1>
          <p>
            {source.status} · {formatNumber(source.rowCount)} rows · {source.fileName} · loaded {formatDateTime(source.createdAt)}
          </p>
        </div>
      </div>
      <div className="card">
        <h2>Source</h2>
        <p className="citation">{source.citation}</p>
        <p className="muted">
          SHA-256 of the file: <code>{source.fileSha256}</code>
        </p>
      </div>
      {diff && impact ? (
        <div className="card">
          <h2>What changes</h2>
          <FormError message={result ? Object.values(result.errors)[0] : undefined} />
          {confirm ? (
            <div className="alert alert--warning confirm-panel" role="alert" aria-labelledby="confirm-title">
              <h3 id="confirm-title">
                Activate {confirm.name} {confirm.edition}?
              </h3>
              <p>
                Activating {confirm.name} {confirm.edition} replaces {diff.against ? `edition ${diff.against.edition}` : "nothing (no edition of this table is in use)"} and rescores{" "}
                {formatNumber(confirm.suppliersScored)} supplier{confirm.suppliersScored === 1 ? "" : "s"} of {formatNumber(confirm.organisations)} organisation{confirm.organisations === 1 ? "" : "s"}:{" "}
                <strong>{formatNumber(confirm.scoreChanged)}</strong> would get a different score and <strong>{formatNumber(confirm.bandChanged)}</strong> a different band.
                {confirm.watchlist ? " Every company's suppliers and recruiters are also matched against it, for review." : ""}
              </p>
              <Form method="post" className="actions">
                <input type="hidden" name="intent" value="activate" />
                <input type="hidden" name="confirm" value="yes" />
                <button className="button" type="submit">
                  Yes, activate and rescore
                </button>
                <Link className="button button--secondary" to={`/admin/reference/${source.id}`}>
                  No, keep it pending
                </Link>
              </Form>
            </div>
          ) : null}
          <p>
            Compared with {diff.against ? `the edition in use (${diff.against.edition})` : "nothing: no edition of this table is in use"}: <strong>{formatNumber(diff.added.length)}</strong> rows added,{" "}
            <strong>{formatNumber(diff.removed.length)}</strong> removed, <strong>{formatNumber(diff.changed.length)}</strong> changed.
          </p>
          <p>
            If activated: of {formatNumber(impact.suppliersScored)} suppliers in {formatNumber(impact.organisations)} organisations, <strong>{formatNumber(impact.scoreChanged)}</strong> would get a different
            score and <strong>{formatNumber(impact.bandChanged)}</strong> a different band.
          </p>
          <TableWrap label="Suppliers per band before and after">
            <table className="stack-table">
              <thead>
                <tr>
                  <Th>Band</Th>
                  <Th num>Now</Th>
                  <Th num>With this edition</Th>
                </tr>
              </thead>
              <tbody>
                {Object.entries(impact.byBand).map(([band, n]) => (
                  <tr key={band}>
                    <th scope="row">{band}</th>
                    <td className="num" data-label="Now">{formatNumber(n.before)}</td>
                    <td className="num" data-label="With this edition">{formatNumber(n.after)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          <DiffTable title="Added" rows={diff.added} columns={shownColumns} />
          <DiffTable title="Removed" rows={diff.removed} columns={shownColumns} />
          {diff.changed.length ? (
            <>
              <h3>Changed ({formatNumber(diff.changed.length)})</h3>
              <ul>
                {diff.changed.slice(0, SHOWN).map((c) => (
                  <li key={c.key}>
                    <strong>{c.key}</strong>: {c.columns.map((x) => `${x.column} "${x.before}" → "${x.after}"`).join("; ")}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <div className="actions" hidden={confirm ? true : undefined}>
            <Form method="post">
              <input type="hidden" name="intent" value="activate" />
              <button className="button" type="submit">
                Activate and rescore everyone
              </button>
            </Form>
            <Form method="post">
              <input type="hidden" name="intent" value="discard" />
              <button className="button button--secondary" type="submit">
                Discard
              </button>
            </Form>
          </div>
        </div>
      ) : null}
      <h2>Rows{rows.length < source.rowCount ? ` (first ${rows.length})` : ""}</h2>
      <TableWrap label="Rows of this edition">
        <table className="stack-table">
          <thead>
            <tr>
              {shownColumns.map((c) => (
                <Th key={c}>{c}</Th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key}>
                {shownColumns.map((c) => (
                  <td key={c} data-label={c}>
                    {r.data[c]}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </>
  );
}
