import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guard.server";
import { FilterSelect, FilterSubmit } from "~/components/filters";
import { TableWrap, Th } from "~/components/table-wrap";
import { isLocalDate } from "~/domain/audits/local-time";
import { receivedReports} from "~/domain/reports/reports.server";
import { REPORT_TYPE_LABELS } from "~/domain/reports/labels";
import { formatDateTime } from "~/lib/format";
import { withDomainErrors } from "~/lib/http-errors.server";

/** The kinds of report a company submits. */
const SUBMITTABLE = ["company_due_diligence", "supplier_profile"] as const;

export const meta: MetaFunction = () => [{ title: "Submitted reports · Labour Due Diligence" }];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  const url = new URL(request.url);
  const date = (name: string) => {
    const v = url.searchParams.get(name) ?? "";
    return isLocalDate(v) ? v : undefined;
  };
  const status = url.searchParams.get("status");
  const filter = {
    company: Number(url.searchParams.get("company")) || undefined,
    type: url.searchParams.get("type") ?? undefined,
    from: date("from"),
    to: date("to"),
    status: status === "current" || status === "superseded" ? (status as "current" | "superseded") : undefined,
  };
  return { ...(await receivedReports(context.db, session, filter)), filter };
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
            <Link to="/regulator/patterns">jurisdiction view</Link>.
          </p>
        </div>
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
                      {r.supersedes ? <span className="cell-sub">corrects {r.supersedes}</span> : null}
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
