import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guard.server";
import { can } from "~/auth/permissions.server";
import { AuditType, timeInZones, WorkplaceRisk } from "~/components/audits";
import { Pagination } from "~/components/pagination";
import { TableWrap, Th } from "~/components/table-wrap";
import { PRIORITY_RULES } from "~/domain/audits/priority";
import { priorityQueue } from "~/domain/audits/queue.server";
import { settingsOf } from "~/domain/audits/settings.server";
import { jurisdictionsOf } from "~/domain/audits/workplaces.server";
import { withDomainErrors } from "~/lib/http-errors.server";

export const meta: MetaFunction = () => [{ title: "Priority queue · Audits · Labour Due Diligence" }];

const PAGE = 50;

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  const orgId = session.membership?.orgId ?? -1;
  const url = new URL(request.url);
  const q = url.searchParams.get("q") ?? "";
  const queue = await priorityQueue(context.db, session, Date.now(), { q });
  const pages = Math.max(1, Math.ceil(queue.length / PAGE));
  const page = Math.min(pages, Math.max(1, Number(url.searchParams.get("page")) || 1));
  return {
    rows: queue.slice((page - 1) * PAGE, page * PAGE).map((r, i) => ({ ...r, rank: (page - 1) * PAGE + i + 1 })),
    total: queue.length,
    page,
    pages,
    q,
    zone: (await settingsOf(context.db, orgId)).timeZone,
    jurisdictions: await jurisdictionsOf(context.db, orgId),
    canSchedule: can(session, "audits.schedule", { orgId }),
  };
});

export default function Queue() {
  const { rows, total, page, pages, q, zone, jurisdictions, canSchedule } = useLoaderData<typeof loader>();
  const R = PRIORITY_RULES;
  return (
    <>
      <p className="breadcrumbs">
        <Link to="/audits">Audits</Link> ›
      </p>
      <div className="page-header">
        <div>
          <h1>Priority queue</h1>
          <p>
            Workplaces in your jurisdiction ({jurisdictions.join(", ") || "none set"}) that companies share with you, highest priority first.
          </p>
        </div>
        {canSchedule ? (
          <Link className="button" to="/audits/plan">
            Propose a plan
          </Link>
        ) : null}
      </div>
      <details className="card">
        <summary>How the priority is computed</summary>
        <p>
          Priority = the risk score (0–100; {R.unscoredScore} if not scored yet) + time since the last audit ({R.pointsPerYearSinceAudit} points a year, at
          most {R.maxSinceAudit}; never audited: {R.maxSinceAudit}) + open corrective actions ({R.perOpenAction} each, {R.perOverdueAction} more if overdue,
          at most {R.maxActions}) + grievances raised in the last 12 months ({R.perGrievance} each, at most {R.maxGrievances}) + uncertainty: when the top
          of the score’s range (every unknown indicator present) reaches <em>high</em> or <em>critical</em> and a worse band than the score itself,{" "}
          {R.rangePointsPerScorePoint} of a point for each point the range reaches above the score, at most {R.maxRange}, because an audit is what turns
          those unknowns into observations. Ties go to the workplace listed first. Each row shows its parts. A score the company does not share with you
          counts as {R.unscoredScore} (and its range is not used), and only grievances your organisation raised count.
        </p>
      </details>
      <Form method="get" className="card inline-form" role="search" aria-label="Search the queue">
        <div className="field">
          <label htmlFor="q">Workplace name</label>
          <input id="q" name="q" type="search" defaultValue={q} maxLength={100} />
        </div>
        <button className="button button--secondary" type="submit">
          Search
        </button>
      </Form>
      <div className="card">
        <h2>
          {total} workplace{total === 1 ? "" : "s"}
        </h2>
        {rows.length === 0 ? (
          <p className="muted">No workplace yet: companies have not shared suppliers in your jurisdiction with you.</p>
        ) : (
          <TableWrap label="Priority queue">
            <table className="stack-table">
              <thead>
                <tr>
                  <Th num>Rank</Th>
                  <Th>Workplace</Th>
                  <Th>Risk</Th>
                  <Th num>Priority</Th>
                  <Th>Why</Th>
                  <Th>Next audit</Th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.supplierId}>
                    <td className="num" data-label="Rank">{r.rank}</td>
                    <td className="cell-name">
                      <Link to={`/shared/${r.supplierId}`}>{r.name}</Link>
                      <span className="cell-sub">
                        {r.companyName} · {r.country} · {r.sector ?? "sector unknown"}
                      </span>
                    </td>
                    <td data-label="Risk">
                      <WorkplaceRisk scoreShared={r.scoreShared} band={r.riskBand} score={r.riskScore} low={r.riskScoreLow} high={r.riskScoreHigh} confidence={r.riskConfidence} />
                    </td>
                    <td className="num" data-label="Priority">
                      <strong>{r.priority}</strong>
                    </td>
                    <td data-label="Why">
                      <ul className="reasons">
                        {r.reasons.map((reason) => (
                          <li key={reason.label}>
                            {reason.label} <span className="muted">+{reason.points}</span>
                          </li>
                        ))}
                      </ul>
                    </td>
                    <td data-label="Next audit">
                      {r.nextAudit ? (
                        <>
                          <Link to={`/audits/${r.nextAudit.id}`}>{timeInZones(r.nextAudit.startsAt, r.nextAudit.placeZone, zone)}</Link>
                          <span className="cell-sub">
                            <AuditType type={r.nextAudit.type} />
                          </span>
                        </>
                      ) : canSchedule ? (
                        <Link className="button button--small button--secondary" to={`/audits/new?supplier=${r.supplierId}`} aria-label={`Schedule an audit of ${r.name}`}>
                          Schedule
                        </Link>
                      ) : (
                        "—"
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
        <Pagination page={page} pages={pages} params={{ q }} label="Queue pages" />
      </div>
    </>
  );
}
