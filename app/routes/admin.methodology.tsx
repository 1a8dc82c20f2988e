import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guard.server";
import { authorize } from "~/auth/permissions.server";
import { FormError } from "~/components/field";
import { refreshWhileRunning, ScoringRunCard } from "~/components/scoring-run";
import { TableWrap, Th } from "~/components/table-wrap";
import { draftMessageText, type AdminT } from "~/components/methodology-text";
import { Invalid } from "~/domain/errors";
import { activateMethodology, addMethodologyVersion, DefinitionInvalid, listMethodologies } from "~/domain/risk/methodology-store.server";
import { latestRunView } from "~/domain/risk/rescore.server";
import { methodologyImpact } from "~/domain/risk/methodology-impact.server";
import { MethodologyAdminSchema } from "~/domain/risk/schemas";
import { formatsFor, useFormat } from "~/i18n/format";
import { serverT } from "~/i18n/i18n.server";
import { idParam, runAction, withDomainErrors } from "~/lib/actions.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "" }, ...refreshWhileRunning(data?.run)];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  authorize(session, "reference.manage");
  return {
    pageTitle: `${serverT(context.locale, "admin")("methodology.list.title")} · ${serverT(context.locale, "common")("site.name")}`,
    versions: (await listMethodologies(context.db, session)).map((m) => ({ ...m, createdAt: m.createdAt.getTime(), activatedAt: m.activatedAt?.getTime() ?? null })),
    run: await latestRunView(context.db, context.locale),
  };
});

export const action = /* @__PURE__ */ withDomainErrors(async ({ request, context }: ActionFunctionArgs) => {
  const session = requireUser(request, context);
  authorize(session, "reference.manage");
  /** Stores a pasted definition; the schema's issues are listed in the reader's language. */
  const addDefinition = async (definition: string) => {
    try {
      return await addMethodologyVersion(context.db, session, definition, context.ip);
    } catch (error) {
      if (error instanceof DefinitionInvalid) throw new Invalid("definition", draftMessageText(serverT(context.locale, "admin") as unknown as AdminT, formatsFor(context.locale), error.draft));
      throw error;
    }
  };
  return runAction(
    request,
    MethodologyAdminSchema,
    async (input) => {
      if (input.intent === "add") throw redirect(`/admin/methodology/${await addDefinition(input.definition)}?stored=1`);
      if (!input.confirm) return { ok: true as const, confirm: await methodologyImpact(context.db, session, idParam(input.id)) };
      else await activateMethodology(context.db, session, idParam(input.id), context.ip);
      throw redirect("/admin/methodology");
    },
    context.locale,
  );
});

const STATUS_KEYS = { draft: "methodology.list.status.draft", active: "methodology.list.status.active", retired: "methodology.list.status.retired" } as const;

export default function MethodologyVersions() {
  const { versions, run } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t } = useTranslation("admin");
  const format = useFormat();
  const result = answer && !answer.ok ? answer : undefined;
  const confirm = answer?.ok ? answer.confirm : null;
  const status = (s: string) => (s in STATUS_KEYS ? t(STATUS_KEYS[s as keyof typeof STATUS_KEYS]) : s);
  return (
    <>
      <div className="page-header">
        <div>
          <h1>{t("methodology.list.title")}</h1>
          <p>
            <Trans t={t} i18nKey="methodology.list.intro" components={{ 1: <Link to="/methodology" /> }} />
          </p>
        </div>
      </div>
      <p className="actions">
        <Link className="button" to="/admin/methodology/new">
          {t("methodology.list.draftNew")}
        </Link>
      </p>
      <ScoringRunCard run={run} />
      {result?.errors.methodology ? <FormError message={result.errors.methodology} /> : null}
      {confirm ? (
        <div className="alert alert--warning confirm-panel" role="alert" aria-labelledby="confirm-title">
          <h2 id="confirm-title">{t("methodology.list.confirm.title", { version: confirm.version, name: confirm.name })}</h2>
          <p>
            <Trans
              t={t}
              i18nKey={confirm.recruiters ? "methodology.list.confirm.textWithRecruiters" : "methodology.list.confirm.text"}
              values={{
                version: confirm.version,
                suppliers: t("methodology.list.confirm.suppliers", { count: confirm.suppliersScored }),
                companies: t("methodology.list.confirm.companies", { count: confirm.organisations }),
                recruiters: t("methodology.list.confirm.recruiters", { count: confirm.recruiters ?? 0 }),
                scoreChanged: format.number(confirm.scoreChanged),
                bandChanged: format.number(confirm.bandChanged),
              }}
              components={{ 1: <strong />, 3: <strong /> }}
            />
          </p>
          <Form method="post" className="actions">
            <input type="hidden" name="intent" value="activate" />
            <input type="hidden" name="id" value={confirm.id} />
            <input type="hidden" name="confirm" value="yes" />
            <button className="button" type="submit">
              {t("methodology.list.confirm.yes", { version: confirm.version })}
            </button>
            <Link className="button button--secondary" to="/admin/methodology">
              {t("methodology.list.confirm.no")}
            </Link>
          </Form>
        </div>
      ) : null}
      <TableWrap label={t("methodology.list.title")}>
        <table className="stack-table">
          <thead>
            <tr>
              <Th>{t("methodology.list.col.version")}</Th>
              <Th>{t("methodology.list.col.name")}</Th>
              <Th>{t("methodology.list.col.status")}</Th>
              <Th>{t("methodology.list.col.added")}</Th>
              <Th>{t("methodology.list.col.activated")}</Th>
              <Th>
                <span className="visually-hidden">{t("methodology.list.col.actions")}</span>
              </Th>
            </tr>
          </thead>
          <tbody>
            {versions.map((m) => (
              <tr key={m.id}>
                <td className="cell-name" data-label={t("methodology.list.col.version")}>
                  <Link to={`/admin/methodology/${m.id}`}>{t("methodology.list.versionLink", { version: m.version })}</Link>
                </td>
                {/* The version's own name, as it was published. */}
                <td data-label={t("methodology.list.col.name")} lang="en">
                  {m.name}
                </td>
                <td data-label={t("methodology.list.col.status")}>{status(m.status)}</td>
                <td data-label={t("methodology.list.col.added")}>{format.dateTime(m.createdAt)}</td>
                <td data-label={t("methodology.list.col.activated")}>{format.dateTime(m.activatedAt)}</td>
                <td data-label="">
                  {m.status === "draft" ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value="activate" />
                      <input type="hidden" name="id" value={m.id} />
                      <button className="button button--small" type="submit">
                        {t("methodology.list.activate")}
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
        <summary>{t("methodology.list.import.summary")}</summary>
        <p>{t("methodology.list.import.text")}</p>
        <FormError message={result && !result.errors.methodology ? Object.values(result.errors)[0] : undefined} />
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="add" />
          <div className="field">
            <label htmlFor="definition">{t("methodology.list.import.label")}</label>
            <span className="hint" id="definition-hint">
              {t("methodology.list.import.hint")}
            </span>
            <textarea id="definition" name="definition" rows={10} spellCheck={false} defaultValue={result?.values.definition ?? ""} aria-describedby="definition-hint" aria-invalid={result?.errors.definition ? true : undefined} />
          </div>
          <button className="button" type="submit">
            {t("methodology.list.import.submit")}
          </button>
        </Form>
      </details>
    </>
  );
}
