import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guard.server";
import { FilterSelect, FilterSubmit } from "~/components/filters";
import { TableWrap, Th } from "~/components/table-wrap";
import { stateOfRow } from "~/domain/reports/jurisdiction-companies.server";
import { receivedReports } from "~/domain/reports/reports.server";
import { REVIEW_STATE_BADGES, REVIEW_STATE_LABELS } from "~/domain/reports/review-states";
import { parseRegulatorFilter } from "~/domain/reports/submissions-export.server";
import { REPORT_TYPE_LABELS } from "~/domain/reports/labels";
import { formatDateTime } from "~/lib/format";
import { withDomainErrors } from "~/lib/http-errors.server";

/** The kinds of report a company submits. */
const SUBMITTABLE = ["company_due_diligence", "supplier_profile"] as const;

export const meta: MetaFunction = () => [{ title: "Submitted reports · Labour Due Diligence" }];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  const filter = parseRegulatorFilter(new URL(request.url).searchParams);
  const received = await receivedReports(context.db, session, filter);
  return { rows: received.rows.map((r) => ({ ...r, state: stateOfRow(r) })), companies: received.companies, filter };
});

export default function Submitted() {
  const { rows, companies, filter } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Submitted reports</h1>
          <p>
            Reports companies submitted to you. Each download is recorded. Corrections supersede the original; both stay listed. See also the{" "}
            <Link to="/regulator/companies">companies in your jurisdiction</Link> and the <Link to="/regulator/patterns">jurisdiction view</Link>.
          </p>
        </div>
        <a className="button button--secondary" href={`/regulator/submissions.csv${csvQuery(filter)}`} download>
          Download as CSV
        </a>
      </div>
      <Form method="get" className="card filters" aria-label="Filter submitted reports">
        <FilterSelect name="company" label="Company" value={filter.company} any="All companies" options={companies.map((c) => [c.id, c.name])} />
        <FilterSelect name="type" label="Kind" value={filter.type} any="All kinds" options={SUBMITTABLE.map((t) => [t, REPORT_TYPE_LABELS[t]])} />
        <div className="field">
          <label htmlFor="from">Period from</label>
          <input id="from" name="from" type="date" defaultValue={filter.from ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="to">Period to</label>
          <input id="to" name="to" type="date" defaultValue={filter.to ?? ""} />
        </div>
        <FilterSelect name="status" label="Status" value={filter.status} any="All" options={[["current", "Current"], ["superseded", "Superseded"]]} />
        <FilterSubmit />
      </Form>
      <div className="card">
        <h2>
          {rows.length} report{rows.length === 1 ? "" : "s"}
        </h2>
        {rows.length === 0 ? (
          <p className="muted">No report matches.</p>
        ) : (
          <TableWrap label="Submitted reports">
            <table>
              <thead>
                <tr>
                  <Th>Report</Th>
                  <Th>Company</Th>
                  <Th>Period</Th>
                  <Th>Submitted</Th>
                  <Th>Status</Th>
                  <Th>Review</Th>
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
                    <td>{r.periodStart ? `${r.periodStart} to ${r.periodEnd}` : "—"}</td>
                    <td>{r.submittedAt ? formatDateTime(r.submittedAt) : ""}</td>
                    <td>
                      {r.supersededBy ? <span className="badge badge--muted">Superseded by {r.supersededBy}</span> : <span className="badge badge--ok">Current</span>}
                      {r.supersedes ? (
                        <span className="cell-sub">
                          corrects <Link to={`/reports/${r.supersedes}`}>{r.supersedes}</Link>
                        </span>
                      ) : null}
                    </td>
                    <td>
                      <span className={`badge ${REVIEW_STATE_BADGES[r.state]}`}>{REVIEW_STATE_LABELS[r.state]}</span>
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
