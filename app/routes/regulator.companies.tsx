import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guard.server";
import { FilterSubmit } from "~/components/filters";
import { TableWrap, Th } from "~/components/table-wrap";
import { isLocalDate } from "~/domain/audits/local-time";
import { jurisdictionCompanies } from "~/domain/reports/jurisdiction-companies.server";
import { REVIEW_STATE_BADGES } from "~/domain/reports/review-states";
import { formatsFor, useFormat } from "~/i18n/format";
import { serverT } from "~/i18n/i18n.server";
import { withDomainErrors } from "~/lib/http-errors.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "" }];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  const url = new URL(request.url);
  // The period defaults to the calendar year, as the company's due-diligence report does.
  const year = new Date().getUTCFullYear();
  const day = (name: string, fallback: string) => {
    const v = url.searchParams.get(name) ?? "";
    return isLocalDate(v) ? v : fallback;
  };
  let period = { from: day("from", `${year}-01-01`), to: day("to", `${year}-12-31`) };
  const swapped = period.from > period.to;
  if (swapped) period = { from: period.to, to: period.from };
  const { jurisdictions, companies } = await jurisdictionCompanies(context.db, session, period);
  const country = formatsFor(context.locale).country;
  return {
    pageTitle: `${serverT(context.locale, "regulator")("companies.title")} · ${serverT(context.locale, "common")("site.name")}`,
    period,
    swapped,
    jurisdictions: jurisdictions.map((code) => ({ code, name: country(code) })),
    companies: companies.map((c) => ({ ...c, places: c.jurisdictions.map(country) })),
  };
});

export default function Companies() {
  const { period, swapped, jurisdictions, companies } = useLoaderData<typeof loader>();
  const submitted = companies.filter((c) => c.report).length;
  const csv = `/regulator/submissions.csv?${new URLSearchParams({ from: period.from, to: period.to })}`;
  const { t } = useTranslation("regulator");
  const format = useFormat();
  const from = format.date(period.from);
  const to = format.date(period.to);
  return (
    <>
      <p className="breadcrumbs">
        <Link to="/regulator">{t("submitted.title")}</Link> ›
      </p>
      <div className="page-header">
        <div>
          <h1>{t("companies.title")}</h1>
          <p>{t("companies.intro", { places: jurisdictions.length ? format.list(jurisdictions.map((j) => j.name)) : t("companies.noJurisdiction") })}</p>
        </div>
        <a className="button button--secondary" href={csv} download>
          {t("companies.csv")}
        </a>
      </div>
      <Form method="get" className="card filters" aria-label={t("companies.choosePeriod")}>
        <div className="field">
          <label htmlFor="from">{t("submitted.from")}</label>
          <input id="from" name="from" type="date" defaultValue={period.from} required />
        </div>
        <div className="field">
          <label htmlFor="to">{t("submitted.to")}</label>
          <input id="to" name="to" type="date" defaultValue={period.to} required />
        </div>
        <FilterSubmit />
      </Form>
      {swapped ? (
        <div className="alert alert--info" role="status">
          {t("companies.swapped", { from, to })}
        </div>
      ) : null}
      <div className="card">
        <h2>{t("companies.heading", { count: companies.length, submitted, from, to })}</h2>
        {companies.length === 0 ? (
          <p className="muted">{t("companies.none")}</p>
        ) : (
          <TableWrap label={t("companies.title")}>
            <table>
              <thead>
                <tr>
                  <Th>{t("companies.col.company")}</Th>
                  <Th>{t("companies.col.report")}</Th>
                  <Th>{t("companies.col.review")}</Th>
                  <Th num>{t("companies.col.any")}</Th>
                </tr>
              </thead>
              <tbody>
                {companies.map((c) => (
                  <tr key={c.id}>
                    <td>
                      {c.submissions > 0 ? <Link to={`/regulator?${new URLSearchParams({ company: String(c.id), from: period.from, to: period.to })}`}>{c.name}</Link> : c.name}
                      <span className="cell-sub">
                        {c.places.length ? c.places.join(", ") : t("companies.jurisdictionNotSet")}
                        {c.deactivated ? ` · ${t("companies.deactivated")}` : ""}
                      </span>
                    </td>
                    <td>
                      {c.report ? (
                        <>
                          <span className="badge badge--ok">{t("companies.yes")}</span> <Link to={`/reports/${c.report.id}`}>{c.report.title}</Link>
                          <span className="cell-sub">
                            {t("companies.submittedOn", { date: format.date(c.report.submittedAt) })}
                            {c.report.corrects ? t("companies.correcting", { id: c.report.corrects }) : ""}
                          </span>
                        </>
                      ) : (
                        <span className="badge badge--warning">{t("companies.noneSubmitted")}</span>
                      )}
                    </td>
                    <td>{c.report ? <span className={`badge ${REVIEW_STATE_BADGES[c.report.state]}`}>{t(`reviewState.${c.report.state}`)}</span> : "—"}</td>
                    <td className="num">{format.number(c.submissions)}</td>
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

