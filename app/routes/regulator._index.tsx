import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guard.server";
import { FilterSelect, FilterSubmit } from "~/components/filters";
import { TableWrap, Th } from "~/components/table-wrap";
import { stateOfRow } from "~/domain/reports/jurisdiction-companies.server";
import { receivedReports } from "~/domain/reports/reports.server";
import { REVIEW_STATE_BADGES } from "~/domain/reports/review-states";
import { parseRegulatorFilter } from "~/domain/reports/submissions-export.server";
import { useFormat } from "~/i18n/format";
import { serverT } from "~/i18n/i18n.server";
import { withDomainErrors } from "~/lib/http-errors.server";

/** The kinds of report a company submits. */
const SUBMITTABLE = ["company_due_diligence", "supplier_profile"] as const;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "" }];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  const filter = parseRegulatorFilter(new URL(request.url).searchParams);
  const received = await receivedReports(context.db, session, filter);
  return {
    pageTitle: `${serverT(context.locale, "regulator")("submitted.title")} · ${serverT(context.locale, "common")("site.name")}`,
    rows: received.rows.map((r) => ({ ...r, state: stateOfRow(r) })),
    companies: received.companies,
    filter,
  };
});

export default function Submitted() {
  const { rows, companies, filter } = useLoaderData<typeof loader>();
  const { t } = useTranslation("regulator");
  const format = useFormat();
  return (
    <>
      <div className="page-header">
        <div>
          <h1>{t("submitted.title")}</h1>
          <p>
            <Trans t={t} i18nKey="submitted.intro" components={{ 1: <Link to="/regulator/companies" />, 3: <Link to="/regulator/patterns" /> }} />
          </p>
        </div>
        <a className="button button--secondary" href={`/regulator/submissions.csv${csvQuery(filter)}`} download>
          {t("submitted.csv")}
        </a>
      </div>
      <Form method="get" className="card filters" aria-label={t("submitted.filters")}>
        <FilterSelect name="company" label={t("submitted.company")} value={filter.company} any={t("submitted.allCompanies")} options={companies.map((c) => [c.id, c.name])} />
        <FilterSelect name="type" label={t("submitted.kind")} value={filter.type} any={t("submitted.allKinds")} options={SUBMITTABLE.map((type) => [type, t(`reportType.${type}`)])} />
        <div className="field">
          <label htmlFor="from">{t("submitted.from")}</label>
          <input id="from" name="from" type="date" defaultValue={filter.from ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="to">{t("submitted.to")}</label>
          <input id="to" name="to" type="date" defaultValue={filter.to ?? ""} />
        </div>
        <FilterSelect
          name="status"
          label={t("submitted.status")}
          value={filter.status}
          any={t("submitted.all")}
          options={[
            ["current", t("submitted.current")],
            ["superseded", t("submitted.superseded")],
          ]}
        />
        <FilterSubmit />
      </Form>
      <div className="card">
        <h2>{t("submitted.count", { count: rows.length })}</h2>
        {rows.length === 0 ? (
          <p className="muted">{t("submitted.none")}</p>
        ) : (
          <TableWrap label={t("submitted.title")}>
            <table>
              <thead>
                <tr>
                  <Th>{t("submitted.col.report")}</Th>
                  <Th>{t("submitted.col.company")}</Th>
                  <Th>{t("submitted.col.period")}</Th>
                  <Th>{t("submitted.col.submitted")}</Th>
                  <Th>{t("submitted.col.status")}</Th>
                  <Th>{t("submitted.col.review")}</Th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id}>
                    <td>
                      <Link to={`/reports/${r.id}`}>{r.title}</Link>
                      <span className="cell-sub mono">{r.id}</span>
                    </td>
                    <td>{r.issuer}</td>
                    <td>{r.periodStart ? t("submitted.period", { from: format.date(r.periodStart), to: format.date(r.periodEnd) }) : "—"}</td>
                    <td>{r.submittedAt ? format.dateTime(r.submittedAt) : ""}</td>
                    <td>
                      {r.supersededBy ? <span className="badge badge--muted">{t("submitted.supersededBy", { id: r.supersededBy })}</span> : <span className="badge badge--ok">{t("submitted.current")}</span>}
                      {r.supersedes ? (
                        <span className="cell-sub">
                          <Trans t={t} i18nKey="submitted.corrects" values={{ id: r.supersedes }} components={{ 1: <Link to={`/reports/${r.supersedes}`} /> }} />
                        </span>
                      ) : null}
                    </td>
                    <td>
                      <span className={`badge ${REVIEW_STATE_BADGES[r.state]}`}>{t(`reviewState.${r.state}`)}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </div>
    </>
  );
}

/** The list's filters, carried to the CSV so that it holds exactly the rows shown. */
function csvQuery(filter: Record<string, string | number | undefined>): string {
  const entries = Object.entries(filter).filter((e): e is [string, string | number] => e[1] !== undefined && e[1] !== "");
  return entries.length ? `?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)]))}` : "";
}
