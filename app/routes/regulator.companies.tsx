import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guard.server";
import { FilterSubmit } from "~/components/filters";
import { TableWrap, Th } from "~/components/table-wrap";
import { isLocalDate } from "~/domain/audits/local-time";
import { jurisdictionCompanies } from "~/domain/reports/jurisdiction-companies.server";
import { REVIEW_STATE_BADGES, REVIEW_STATE_LABELS } from "~/domain/reports/review-states";
import { countryName } from "~/domain/reference/countries.server";
import { formatDate, formatNumber } from "~/lib/format";
import { withDomainErrors } from "~/lib/http-errors.server";

export const meta: MetaFunction = () => [{ title: "Companies in your jurisdiction · Labour Due Diligence" }];

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
  return {
    period,
    swapped,
    jurisdictions: jurisdictions.map((code) => ({ code, name: countryName(code) })),
    companies: companies.map((c) => ({ ...c, places: c.jurisdictions.map(countryName) })),
  };
});

export default function Companies() {
  const { period, swapped, jurisdictions, companies } = useLoaderData<typeof loader>();
  const submitted = companies.filter((c) => c.report).length;
  const csv = `/regulator/submissions.csv?${new URLSearchParams({ from: period.from, to: period.to })}`;
  return (
    <>
      <p className="breadcrumbs">
        <Link to="/regulator">Submitted reports</Link> ›
      </p>
      <div className="page-header">
        <div>
          <h1>Companies in your jurisdiction</h1>
          <p>
            Companies established in {jurisdictions.length ? jurisdictions.map((j) => j.name).join(", ") : "none of your countries (your jurisdiction is not set)"}, and any other company that
            submitted to you, with the due-diligence report each submitted for the period.
          </p>
        </div>
        <a className="button button--secondary" href={csv} download>
          Download submissions (CSV)
        </a>
      </div>
      <Form method="get" className="card filters" aria-label="Choose the period">
        <div className="field">
          <label htmlFor="from">Period from</label>
          <input id="from" name="from" type="date" defaultValue={period.from} required />
        </div>
        <div className="field">
          <label htmlFor="to">Period to</label>
          <input id="to" name="to" type="date" defaultValue={period.to} required />
        </div>
        <FilterSubmit />
      </Form>
      {swapped ? (
        <div className="alert alert--info" role="status">
          The period&apos;s end was before its start: shown from {period.from} to {period.to}.
        </div>
      ) : null}
      <div className="card">
        <h2>
          {formatNumber(submitted)} of {formatNumber(companies.length)} compan{companies.length === 1 ? "y has" : "ies have"} submitted a due-diligence report for {period.from} to {period.to}
        </h2>
        {companies.length === 0 ? (
          <p className="muted">No company is established in your jurisdiction, and none has submitted to you.</p>
        ) : (
          <TableWrap label="Companies in your jurisdiction">
            <table>
              <thead>
                <tr>
                  <Th>Company</Th>
                  <Th>Due-diligence report for the period</Th>
                  <Th>Review</Th>
                  <Th num>Reports of any kind in the period</Th>
                </tr>
              </thead>
              <tbody>
                {companies.map((c) => (
                  <tr key={c.id}>
                    <td>
                      {c.submissions > 0 ? <Link to={`/regulator?${new URLSearchParams({ company: String(c.id), from: period.from, to: period.to })}`}>{c.name}</Link> : c.name}
                      <span className="cell-sub">
                        {c.places.length ? c.places.join(", ") : "jurisdiction not set"}
                        {c.deactivated ? " · deactivated" : ""}
                      </span>
                    </td>
                    <td>
                      {c.report ? (
                        <>
                          <span className="badge badge--ok">Yes</span> <Link to={`/reports/${c.report.id}`}>{c.report.title}</Link>
                          <span className="cell-sub">
                            submitted {formatDate(c.report.submittedAt)}
                            {c.report.corrects ? `, correcting ${c.report.corrects}` : ""}
                          </span>
                        </>
                      ) : (
                        <span className="badge badge--warning">None submitted</span>
                      )}
                    </td>
                    <td>{c.report ? <span className={`badge ${REVIEW_STATE_BADGES[c.report.state]}`}>{REVIEW_STATE_LABELS[c.report.state]}</span> : "—"}</td>
                    <td className="num">{formatNumber(c.submissions)}</td>
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

