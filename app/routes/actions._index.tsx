import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { CORRECTIVE_ACTION_STATUSES } from "#db/schema";
import { requireUser } from "~/auth/guard.server";
import { ActionStatus, indicatorLabel, Severity } from "~/components/audits";
import { FilterSelect, FilterSubmit } from "~/components/filters";
import { Pagination } from "~/components/pagination";
import { TableWrap, Th } from "~/components/table-wrap";
import { listActions } from "~/domain/audits/corrective-actions.server";
import { ACTION_STATUS_LABELS } from "~/domain/audits/form-schemas";
import { withDomainErrors } from "~/lib/http-errors.server";

export const meta: MetaFunction = () => [{ title: "Corrective actions · Labour Due Diligence" }];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  const url = new URL(request.url);
  const status = url.searchParams.get("status");
  const filter = {
    status: status && (CORRECTIVE_ACTION_STATUSES as readonly string[]).includes(status) ? status : undefined,
    overdue: url.searchParams.get("overdue") === "1",
    page: Number(url.searchParams.get("page")) || 1,
  };
  return { ...(await listActions(context.db, session, filter)), filter, side: session.membership!.orgType === "company" ? ("company" as const) : ("inspectorate" as const) };
});

export default function Actions() {
  const { rows, total, overdue, page, pages, filter, side } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Corrective actions</h1>
          <p>
            {side === "company"
              ? "What inspectors asked to be fixed at your suppliers. Answer each one: say what was done and attach evidence; the inspectorate verifies it closed."
              : "What your audits asked to be fixed. Verify the ones the companies submitted; overdue ones raise the workplace's priority."}
          </p>
        </div>
      </div>
      {overdue ? (
        <div className="alert alert--warning" role="status">
          {overdue} overdue corrective action{overdue === 1 ? "" : "s"}. <Link to="?overdue=1">Show them</Link>
        </div>
      ) : null}
      <Form method="get" className="card filters" aria-label="Filter corrective actions">
        <FilterSelect name="status" label="Status" value={filter.status} any="Any status" options={CORRECTIVE_ACTION_STATUSES.map((s) => [s, ACTION_STATUS_LABELS[s]])} />
        <label className="checkbox">
          <input type="checkbox" name="overdue" value="1" defaultChecked={filter.overdue} /> Overdue only
        </label>
        <FilterSubmit />
      </Form>
      <div className="card">
        <h2>
          {total} action{total === 1 ? "" : "s"}
        </h2>
        {rows.length === 0 ? (
          <p className="muted">No corrective action matches.</p>
        ) : (
          <TableWrap label="Corrective actions">
            <table className="stack-table">
              <thead>
                <tr>
                  <Th>Action</Th>
                  <Th>Workplace</Th>
                  <Th>Finding</Th>
                  <Th>Owner</Th>
                  <Th>Due</Th>
                  <Th>Status</Th>
                </tr>
              </thead>
              <tbody>
                {rows.map((a) => (
                  <tr key={a.id}>
                    <td className="cell-name">
                      <Link to={`/actions/${a.id}`}>{a.description.length > 80 ? `${a.description.slice(0, 80)}…` : a.description}</Link>
                    </td>
                    <td data-label="Workplace">
                      {a.supplierName}
                      <span className="cell-sub">{side === "company" ? a.inspectorateName : a.companyName}</span>
                    </td>
                    <td data-label="Finding">
                      {indicatorLabel(a.indicator)} <Severity result={a.severity} />
                    </td>
                    <td data-label="Owner">{a.owner}</td>
                    <td data-label="Due">{a.dueOn}</td>
                    <td data-label="Status">
                      <ActionStatus status={a.status} overdue={a.overdue} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
        <Pagination page={page} pages={pages} params={{ status: filter.status, overdue: filter.overdue ? 1 : undefined }} label="Corrective action pages" />
      </div>
    </>
  );
}
