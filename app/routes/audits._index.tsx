import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guard.server";
import { can } from "~/auth/permissions.server";
import { AuditStatus, AuditType, windowInZones } from "~/components/audits";
import { FilterSelect, FilterSubmit } from "~/components/filters";
import { Pagination } from "~/components/pagination";
import { TableWrap, Th } from "~/components/table-wrap";
import { listAudits, overduePlannedAudits } from "~/domain/audits/audit-views.server";
import { TYPE_LABELS } from "~/domain/audits/form-schemas";
import { inspectorsOf } from "~/domain/audits/scheduling.server";
import { settingsOf } from "~/domain/audits/settings.server";
import { STATUS_LABELS } from "~/domain/audits/status";
import { AUDIT_STATUSES, AUDIT_TYPES } from "#db/schema";
import { zoneName } from "~/lib/format";
import { withDomainErrors } from "~/lib/http-errors.server";

export const meta: MetaFunction = () => [{ title: "Audits · Labour Due Diligence" }];

const WHEN = ["upcoming", "past", "all"] as const;

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  const orgId = session.membership?.orgId ?? -1;
  const url = new URL(request.url);
  const pick = <T extends string>(name: string, allowed: readonly T[]): T | undefined => {
    const v = url.searchParams.get(name);
    return v && (allowed as readonly string[]).includes(v) ? (v as T) : undefined;
  };
  const inspector = Number(url.searchParams.get("inspector"));
  const filter = {
    when: pick("when", WHEN) ?? "upcoming",
    status: pick("status", AUDIT_STATUSES),
    type: pick("type", AUDIT_TYPES),
    inspectorId: Number.isSafeInteger(inspector) && inspector > 0 ? inspector : undefined,
    page: Number(url.searchParams.get("page")) || 1,
  };
  const list = await listAudits(context.db, session, filter);
  return { ...list, overdue: await overduePlannedAudits(context.db, session, orgId), filter, zone: (await settingsOf(context.db, orgId)).timeZone, inspectors: await inspectorsOf(context.db, orgId), canSchedule: can(session, "audits.schedule", { orgId }) };
});

export default function Audits() {
  const { rows, total, page, pages, overdue, filter, zone, inspectors, canSchedule } = useLoaderData<typeof loader>();
  const params = { when: filter.when, status: filter.status, type: filter.type, inspector: filter.inspectorId };
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Audits</h1>
          <p>
            Each audit&apos;s times are in its workplace&apos;s time zone, named beside them, with your inspectorate&apos;s ({zoneName(zone)}) after them where the clocks differ. Plan from the <Link to="/audits/queue">priority queue</Link> or let the{" "}
            <Link to="/audits/plan">planner</Link> propose a schedule.
          </p>
        </div>
        {canSchedule ? (
          <Link className="button" to="/audits/new">
            Schedule an audit
          </Link>
        ) : null}
      </div>
      {overdue.length ? (
        <div className="alert alert--warning" role="status">
          <p>
            <strong>
              {overdue.length} planned audit{overdue.length === 1 ? " is" : "s are"} past {overdue.length === 1 ? "its" : "their"} time and not started.
            </strong>{" "}
            Open each to start it (recording it late), reschedule or cancel it.
          </p>
          <ul>
            {overdue.map((a) => (
              <li key={a.id}>
                <Link to={`/audits/${a.id}`}>
                  {a.supplierName}, {windowInZones(a.startsAt, a.endsAt, a.placeZone, zone)}
                </Link>{" "}
                <span className="muted">({a.lead})</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <Form method="get" className="card filters" aria-label="Filter audits">
        <div className="field">
          <label htmlFor="when">When</label>
          <select id="when" name="when" defaultValue={filter.when}>
            <option value="upcoming">Upcoming and running</option>
            <option value="past">Past</option>
            <option value="all">All</option>
          </select>
        </div>
        <FilterSelect name="status" label="Status" value={filter.status} any="Any status" options={AUDIT_STATUSES.map((s) => [s, STATUS_LABELS[s]])} />
        <FilterSelect name="type" label="Type" value={filter.type} any="Any type" options={AUDIT_TYPES.map((t) => [t, TYPE_LABELS[t]])} />
        <FilterSelect name="inspector" label="Inspector" value={filter.inspectorId} any="Everyone" options={inspectors.map((i) => [i.id, i.name])} />
        <FilterSubmit />
      </Form>
      <div className="card">
        <h2>
          {total} audit{total === 1 ? "" : "s"}
        </h2>
        {rows.length === 0 ? (
          <p className="muted">No audit matches. Schedule one from the priority queue.</p>
        ) : (
          <TableWrap label="Audits">
            <table className="stack-table">
              <thead>
                <tr>
                  <Th>When</Th>
                  <Th>Workplace</Th>
                  <Th>Type</Th>
                  <Th>Status</Th>
                  <Th>Lead</Th>
                  <Th num>Findings</Th>
                </tr>
              </thead>
              <tbody>
                {rows.map((a) => (
                  <tr key={a.id}>
                    <td className="cell-name">
                      <Link to={`/audits/${a.id}`}>{windowInZones(a.startsAt, a.endsAt, a.placeZone, zone)}</Link>
                    </td>
                    <td data-label="Workplace">
                      {a.supplierName}
                      <span className="cell-sub">
                        {a.companyName}
                        {a.country ? ` · ${a.country}` : ""}
                      </span>
                    </td>
                    <td data-label="Type">
                      <AuditType type={a.type} />
                    </td>
                    <td data-label="Status">
                      <AuditStatus status={a.status} />
                      {a.overdue ? <span className="badge badge--danger">Overdue: not started</span> : null}
                    </td>
                    <td data-label="Lead">{a.lead}</td>
                    <td className="num" data-label="Findings">
                      {a.findings}
                      {a.critical ? <span className="cell-sub">{a.critical} critical</span> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
        <Pagination page={page} pages={pages} params={params} label="Audit pages" />
      </div>
    </>
  );
}
