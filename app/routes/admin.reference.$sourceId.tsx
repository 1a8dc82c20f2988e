import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guard.server";
import { authorize } from "~/auth/permissions.server";
import { FormError } from "~/components/field";
import { bandName } from "~/components/risk/risk-text";
import { TableWrap, Th } from "~/components/table-wrap";
import { activateReference, diffReference, discardReference, findReferenceSource, referenceActivationPreview, referenceImpact } from "~/domain/reference/editions.server";
import { ReferenceEditionSchema } from "~/domain/reference/schemas";
import { referenceRowsOf } from "~/domain/reference/sources.server";
import { useFormat } from "~/i18n/format";
import { serverT } from "~/i18n/i18n.server";
import { idParam, runAction, withDomainErrors } from "~/lib/actions.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "" }];

const SHOWN = 200;

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, params, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  const id = idParam(params.sourceId);
  const source = await findReferenceSource(context.db, session, id);
  const rows = [...(await referenceRowsOf(context.db, id)).entries()].sort((a, b) => a[0].localeCompare(b[0]));
  const pending = source.status === "pending";
  return {
    pageTitle: `${source.name} ${source.edition} · ${serverT(context.locale, "admin")("reference.list.title")} · ${serverT(context.locale, "common")("site.name")}`,
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
  return runAction(
    request,
    ReferenceEditionSchema,
    async ({ intent, confirm }) => {
      // Activation rescores everyone: the first post only states what it would do.
      if (intent === "activate" && !confirm) return { ok: true as const, confirm: await referenceActivationPreview(context.db, session, id) };
      if (intent === "activate") {
        await activateReference(context.db, session, id, context.ip);
        throw redirect("/admin/reference");
      }
      await discardReference(context.db, session, id, context.ip);
      throw redirect(`/admin/reference/${id}`);
    },
    context.locale,
  );
});

const STATUS_KEYS = { active: "reference.list.status.active", pending: "reference.list.status.pending", superseded: "reference.list.status.superseded", discarded: "reference.list.status.discarded" } as const;

/** Rows of the table as published: its column names and cells are the source's own (English) words. */
function RowsTable({ label, rows, columns }: { label: string; rows: { key: string; data: Record<string, string> }[]; columns: string[] }) {
  return (
    <TableWrap label={label}>
      <table className="stack-table" lang="en" translate="no">
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
  );
}

export default function ReferenceEdition() {
  const { source, columns, rows, diff, impact } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t } = useTranslation(["admin", "risk"]);
  const format = useFormat();
  const result = answer && !answer.ok ? answer : undefined;
  const confirm = answer?.ok ? answer.confirm : null;
  const shownColumns = columns.slice(0, 8);
  const status = source.status in STATUS_KEYS ? t(STATUS_KEYS[source.status as keyof typeof STATUS_KEYS]) : source.status;
  const bold = { 1: <strong />, 3: <strong />, 5: <strong /> };
  return (
    <>
      <p className="breadcrumbs">
        <Link to="/admin/reference">{t("reference.edition.breadcrumb")}</Link> ›
      </p>
      <div className="page-header">
        <div>
          <h1 lang="en" translate="no">
            {source.name} {source.edition}
          </h1>
          <p>{t("reference.edition.summary", { status, rows: t("reference.edition.rows", { count: source.rowCount }), file: source.fileName, loaded: format.dateTime(source.createdAt) })}</p>
        </div>
      </div>
      <div className="card">
        <h2>{t("reference.edition.source")}</h2>
        <p className="citation" lang="en">
          {source.citation}
        </p>
        <p className="muted">
          <Trans t={t} i18nKey="reference.edition.sha" values={{ sha: source.fileSha256 }} components={{ 1: <code /> }} />
        </p>
      </div>
      {diff && impact ? (
        <div className="card">
          <h2>{t("reference.edition.changesHeading")}</h2>
          <FormError message={result ? Object.values(result.errors)[0] : undefined} />
          {confirm ? (
            <div className="alert alert--warning confirm-panel" role="alert" aria-labelledby="confirm-title">
              <h3 id="confirm-title">{t("reference.edition.confirm.title", { name: confirm.name, edition: confirm.edition })}</h3>
              <p>
                <Trans
                  t={t}
                  i18nKey={diff.against ? "reference.edition.confirm.replaces" : "reference.edition.confirm.replacesNothing"}
                  values={{
                    name: confirm.name,
                    edition: confirm.edition,
                    against: diff.against?.edition ?? "",
                    suppliers: t("reference.edition.suppliers", { count: confirm.suppliersScored }),
                    organisations: t("reference.edition.organisations", { count: confirm.organisations }),
                    scoreChanged: format.number(confirm.scoreChanged),
                    bandChanged: format.number(confirm.bandChanged),
                  }}
                  components={bold}
                />
                {confirm.watchlist ? ` ${t("reference.edition.confirm.watchlist")}` : ""}
              </p>
              <Form method="post" className="actions">
                <input type="hidden" name="intent" value="activate" />
                <input type="hidden" name="confirm" value="yes" />
                <button className="button" type="submit">
                  {t("reference.edition.confirm.yes")}
                </button>
                <Link className="button button--secondary" to={`/admin/reference/${source.id}`}>
                  {t("reference.edition.confirm.no")}
                </Link>
              </Form>
            </div>
          ) : null}
          <p>
            <Trans
              t={t}
              i18nKey={diff.against ? "reference.edition.compared" : "reference.edition.comparedNothing"}
              values={{ against: diff.against?.edition ?? "", added: format.number(diff.added.length), removed: format.number(diff.removed.length), changed: format.number(diff.changed.length) }}
              components={bold}
            />
          </p>
          <p>
            <Trans
              t={t}
              i18nKey="reference.edition.impact"
              values={{
                suppliers: t("reference.edition.suppliers", { count: impact.suppliersScored }),
                organisations: t("reference.edition.organisations", { count: impact.organisations }),
                scoreChanged: format.number(impact.scoreChanged),
                bandChanged: format.number(impact.bandChanged),
              }}
              components={bold}
            />
          </p>
          <TableWrap label={t("reference.edition.byBand")}>
            <table className="stack-table">
              <thead>
                <tr>
                  <Th>{t("reference.edition.band")}</Th>
                  <Th num>{t("reference.edition.now")}</Th>
                  <Th num>{t("reference.edition.withEdition")}</Th>
                </tr>
              </thead>
              <tbody>
                {Object.entries(impact.byBand).map(([band, n]) => (
                  <tr key={band}>
                    <th scope="row">{bandName(t as unknown as Parameters<typeof bandName>[0], band)}</th>
                    <td className="num" data-label={t("reference.edition.now")}>
                      {format.number(n.before)}
                    </td>
                    <td className="num" data-label={t("reference.edition.withEdition")}>
                      {format.number(n.after)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          {diff.added.length ? (
            <>
              <h3>{t("reference.edition.added", { count: diff.added.length })}</h3>
              <RowsTable label={t("reference.edition.added", { count: diff.added.length })} rows={diff.added} columns={shownColumns} />
            </>
          ) : null}
          {diff.removed.length ? (
            <>
              <h3>{t("reference.edition.removed", { count: diff.removed.length })}</h3>
              <RowsTable label={t("reference.edition.removed", { count: diff.removed.length })} rows={diff.removed} columns={shownColumns} />
            </>
          ) : null}
          {diff.changed.length ? (
            <>
              <h3>{t("reference.edition.changed", { count: diff.changed.length })}</h3>
              <ul lang="en">
                {diff.changed.slice(0, SHOWN).map((c) => (
                  <li key={c.key}>
                    <strong>{c.key}</strong>: {c.columns.map((x) => t("reference.edition.changedCell", { column: x.column, before: x.before, after: x.after })).join("; ")}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <div className="actions" hidden={confirm ? true : undefined}>
            <Form method="post">
              <input type="hidden" name="intent" value="activate" />
              <button className="button" type="submit">
                {t("reference.edition.activate")}
              </button>
            </Form>
            <Form method="post">
              <input type="hidden" name="intent" value="discard" />
              <button className="button button--secondary" type="submit">
                {t("reference.edition.discard")}
              </button>
            </Form>
          </div>
        </div>
      ) : null}
      <h2>{rows.length < source.rowCount ? t("reference.edition.rowsFirst", { count: rows.length }) : t("reference.edition.rowsHeading")}</h2>
      <RowsTable label={t("reference.edition.rowsLabel")} rows={rows} columns={shownColumns} />
    </>
  );
}
