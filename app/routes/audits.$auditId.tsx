import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { AUDIT_STATUSES, type AuditStatus as Status } from "#db/schema";
import { requireUser } from "~/auth/guard.server";
import { can } from "~/auth/permissions.server";
import { ActionStatus, AuditStatus, AuditType, Fact, inZone, timeInZones, windowInZones, WorkplaceRisk } from "~/components/audits";
import { FormError } from "~/components/field";
import { FindingsList } from "~/components/findings-list";
import { InterviewTable } from "~/components/interviews";
import { interviewsOf } from "~/domain/audits/interviews.server";
import { IssueReportForm, PageSizeField } from "~/components/reports";
import { actionsOfAudit, auditDetail, findingsOf } from "~/domain/audits/audit-views.server";
import { addCorrectiveAction } from "~/domain/audits/corrective-actions.server";
import { AuditPageSchema } from "~/domain/audits/form-schemas";
import { addLocalDays, localDay } from "~/domain/audits/local-time";
import { changeAuditStatus, PERMANENT, startAuditNow, requireOwnAudit, statusChangeConsequence } from "~/domain/audits/scheduling.server";
import { scoreChangeText, type ScoreChange } from "~/domain/audits/score-change";
import { RECORDING, RESCHEDULABLE, STATUS_LABELS, TRANSITIONS } from "~/domain/audits/status";
import { companyAuditDetail } from "~/domain/audits/visibility.server";
import { Invalid } from "~/domain/errors";
import { zoneName } from "~/lib/format";
import { idParam, runAction, withDomainErrors } from "~/lib/actions.server";

export const meta: MetaFunction = ({ params }) => [{ title: `Audit #${params.auditId} · Labour Due Diligence` }];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, params, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  const auditId = idParam(params.auditId);
  const now = Date.now();
  if (session.membership?.orgType === "company") return { side: "company" as const, ...(await companyAuditDetail(context.db, session, auditId, now)) };
  const detail = await auditDetail(context.db, session, auditId);
  const orgId = detail.audit.orgId;
  return {
    side: "inspectorate" as const,
    ...detail,
    now,
    findings: await findingsOf(context.db, auditId),
    interviews: await interviewsOf(context.db, auditId),
    actions: await actionsOfAudit(context.db, auditId, localDay(now, detail.settings.timeZone)),
    canSchedule: can(session, "audits.schedule", { orgId }),
    canRecord: can(session, "audits.record", { orgId }),
    canReport: can(session, "reports.issue", { orgId }),
  };
});

export const action = /* @__PURE__ */ withDomainErrors(async ({ request, params, context }: ActionFunctionArgs) => {
  const session = requireUser(request, context);
  const auditId = idParam(params.auditId);
  // Only the inspectorate's own audit: anyone else learns nothing, whatever the form holds.
  await requireOwnAudit(context.db, session, auditId);
  return runAction(request, AuditPageSchema, async (input) => {
    if (input.intent === "status") {
      if (!(AUDIT_STATUSES as readonly string[]).includes(input.to)) throw new Invalid("form", "Choose a status.");
      const to = input.to as Status;
      // A change that cannot be undone takes a second POST (confirm=yes) after a page that says
      // what it will do: no script needed, and a stray click changes nothing.
      if (PERMANENT.includes(to) && input.confirm !== "yes") {
        return { ok: true as const, confirm: { to, reason: input.reason, consequence: await statusChangeConsequence(context.db, session, auditId, to, input.reason) } };
      }
      await changeAuditStatus(context.db, session, auditId, to, input.reason, { ip: context.ip });
      throw redirect(`/audits/${auditId}?changed=status`);
    }
    if (input.intent === "start") {
      await startAuditNow(context.db, session, auditId, { ip: context.ip });
      throw redirect(`/audits/${auditId}?changed=status`);
    }
    const findingId = idParam(input.findingId);
    const added = await addCorrectiveAction(context.db, session, findingId, { description: input.description, owner: input.owner, dueOn: input.dueOn }, { ip: context.ip });
    // The new action's id in the address: the page says what was added (read back from the
    // database, not from the form) and starts the finding's form afresh, so that it is not sent twice.
    throw redirect(`/audits/${auditId}?added=${added}#finding-${findingId}`);
  });
});

export default function Audit() {
  const data = useLoaderData<typeof loader>();
  return data.side === "company" ? <CompanyView {...data} /> : <InspectorateView {...data} />;
}

function CompanyView({ audit, placeZone, findings, actions, interviewed }: Extract<ReturnType<typeof useLoaderData<typeof loader>>, { side: "company" }>) {
  return (
    <>
      <p className="breadcrumbs">
        <Link to={`/suppliers/${audit.supplierId}`}>{audit.supplierName}</Link> ›
      </p>
      <div className="page-header">
        <div>
          <h1>Audit of {audit.supplierName}</h1>
          <p>
            By {audit.inspectorateName} · <AuditType type={audit.type} /> · {windowInZones(audit.startsAt, audit.endsAt, placeZone)} · <AuditStatus status={audit.status} />
          </p>
        </div>
      </div>
      <div className="card">
        <h2>Findings</h2>
        {interviewed !== null ? (
          <p>
            {interviewed} worker{interviewed === 1 ? "" : "s"} interviewed in all. The inspectorate keeps the counts by group to itself: they are small enough to
            point to the people who spoke.
          </p>
        ) : null}
        <FindingsList findings={findings} />
      </div>
      <div className="card">
        <h2>Corrective actions</h2>
        <ActionTable actions={actions} />
      </div>
    </>
  );
}

function ActionTable({ actions }: { actions: { id: number; description: string; owner: string; dueOn: string; status: string; overdue: boolean }[] }) {
  if (actions.length === 0) return <p className="muted">No corrective actions.</p>;
  return (
    <ul className="entity-list">
      {actions.map((a) => (
        <li key={a.id}>
          <Link to={`/actions/${a.id}`}>{a.description}</Link> <ActionStatus status={a.status} overdue={a.overdue} />{" "}
          <span className="muted">
            owner: {a.owner} · due <span className="nowrap">{a.dueOn}</span>
          </span>
        </li>
      ))}
    </ul>
  );
}

/** The score change kept with a status change, in words; only the fact of it where the share keeps scores from the inspectorate. */
function scoreText(change: ScoreChange, scoreShared: boolean): string {
  return scoreShared ? scoreChangeText(change) : "the company's score for this workplace was recomputed (its scores are not shared with your inspectorate)";
}

function InspectorateView(props: Extract<ReturnType<typeof useLoaderData<typeof loader>>, { side: "inspectorate" }>) {
  const { audit, settings, placeZone, supplierName, companyName, country, scoreShared, riskScore, riskBand, riskScoreLow, riskScoreHigh, riskConfidence, shared, asOf, team, history, findings, interviews, actions, followUp, followedUpBy, now, canSchedule, canRecord, canReport, reportId } = props;
  const answer = useActionData<typeof action>();
  // A refused form (errors beside the fields, input kept), or the confirmation step of a change that cannot be undone.
  const result = answer && !answer.ok ? answer : undefined;
  const confirm = answer && answer.ok ? answer.confirm : undefined;
  const [search] = useSearchParams();
  const zone = settings.timeZone;
  const lastStatus = [...history].reverse().find((e) => e.kind === "status");
  // Startable on the audit's day (early) or any time after (late): startAuditNow's rule.
  const canStart = canSchedule && (audit.status === "planned" || audit.status === "confirmed") && localDay(now, zone) >= localDay(audit.startsAt, zone);
  const errors: Record<string, string> = result?.errors ?? {};
  const next = TRANSITIONS[audit.status];
  const critical = findings.some((f) => f.result === "critical");
  const dueDays = { critical: settings.criticalDueDays, major: settings.majorDueDays, minor: settings.minorDueDays } as Record<string, number>;
  // The rule's date is the latest an action may be due (corrective-actions.server.ts chooseDueDate).
  const latestDue = (f: { result: string; recordedAt: number }) => addLocalDays(localDay(f.recordedAt, zone), dueDays[f.result] ?? 0);
  const today = localDay(now, zone);
  const mine = (findingId: number) => result?.intent === "add-action" && result.values.findingId === String(findingId);
  // The action just added (after the redirect), if it is one of this audit's: another id says nothing.
  const added = actions.find((a) => String(a.id) === search.get("added"));
  return (
    <>
      <p className="breadcrumbs">
        <Link to="/audits">Audits</Link> ›
      </p>
      {search.get("scheduled") ? (
        <div className="alert alert--success" role="status">
          Audit scheduled.
        </div>
      ) : null}
      {search.get("changed") === "status" && lastStatus && !confirm ? (
        <div className="alert alert--success" role="status">
          Audit marked {STATUS_LABELS[lastStatus.toStatus as Status]?.toLowerCase() ?? lastStatus.toStatus}
          {lastStatus.details?.score ? <>: {scoreText(lastStatus.details.score as ScoreChange, scoreShared)}</> : "."}
        </div>
      ) : null}
      {confirm ? (
        <section className="card confirm-step" aria-labelledby="confirm-title" id="confirm">
          <h2 id="confirm-title">{confirm.to === "cancelled" ? "Cancel this audit?" : `Mark this audit ${STATUS_LABELS[confirm.to].toLowerCase()}?`}</h2>
          {confirm.consequence.map((line, i) => (
            <p key={i}>{line}</p>
          ))}
          <div className="actions">
            <Form method="post">
              <input type="hidden" name="intent" value="status" />
              <input type="hidden" name="to" value={confirm.to} />
              <input type="hidden" name="reason" value={confirm.reason} />
              <input type="hidden" name="confirm" value="yes" />
              <button className={`button ${confirm.to === "cancelled" ? "button--danger" : ""}`} type="submit">
                {confirm.to === "cancelled" ? "Yes, cancel the audit" : `Yes, mark it ${STATUS_LABELS[confirm.to].toLowerCase()}`}
              </button>
            </Form>
            <Link className="button button--secondary" to={`/audits/${audit.id}`}>
              No, leave it {STATUS_LABELS[audit.status].toLowerCase()}
            </Link>
          </div>
        </section>
      ) : null}
      <div className="page-header">
        <div>
          <h1>
            Audit #{audit.id}: {supplierName}
          </h1>
          <p>
            <AuditType type={audit.type} /> · {windowInZones(audit.startsAt, audit.endsAt, placeZone, zone)} · <AuditStatus status={audit.status} />
          </p>
        </div>
        <WorkplaceRisk scoreShared={scoreShared} band={riskBand} score={riskScore} low={riskScoreLow} high={riskScoreHigh} confidence={riskConfidence} />
      </div>
      {!shared ? (
        <div className="alert alert--info">
          {companyName} no longer shares this workplace with your inspectorate. The audit stays yours; the workplace is shown as it stood
          {asOf ? ` on ${inZone(asOf, zone)} ${zoneName(zone)}` : ""}, with nothing current, and no new audit of it can be scheduled.
        </div>
      ) : null}
      {audit.type === "unannounced" && audit.startsAt > Date.now() ? (
        <div className="alert alert--info">Unannounced: {companyName} cannot see this audit until {timeInZones(audit.startsAt, placeZone, zone)}.</div>
      ) : null}
      <div className="card">
        <h2>Plan</h2>
        <dl className="facts">
          <Fact term="Workplace">
            {supplierName} ({country}) · supplier of {companyName}
          </Fact>
          <Fact term="Team">{team.map((t) => `${t.name}${t.role === "lead" ? " (lead)" : ""}`).join(", ")}</Fact>
          {audit.followUpOf ? (
            <Fact term="Follows up">
              <Link to={`/audits/${audit.followUpOf}`}>audit #{audit.followUpOf}</Link>
            </Fact>
          ) : null}
          {followedUpBy.length ? (
            <Fact term="Followed up by">
              {followedUpBy.map((f, i) => (
                <span key={f.id}>
                  {i ? ", " : ""}
                  <Link to={`/audits/${f.id}`}>audit #{f.id}</Link> ({timeInZones(f.startsAt, placeZone, zone)}, {STATUS_LABELS[f.status].toLowerCase()})
                </span>
              ))}
            </Fact>
          ) : null}
          {audit.notes ? <Fact term="Notes">{audit.notes}</Fact> : null}
        </dl>
        {audit.status === "planned" || audit.status === "confirmed" ? (
          audit.endsAt < now ? (
            <div className="alert alert--warning">Overdue: this audit&apos;s planned time has passed and it was not started. Start it now to record it late, reschedule it, or cancel it.</div>
          ) : !canStart ? (
            <p className="muted">It can be started (&quot;Start now&quot;) from {localDay(audit.startsAt, zone)}, its planned day, even before its time.</p>
          ) : null
        ) : null}
        {canSchedule && (next.length || RESCHEDULABLE.includes(audit.status)) ? (
          <div className="stack">
            <FormError message={result?.intent === "status" ? (errors.form ?? errors.reason) : undefined} />
            <div className="actions">
              {canStart ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="start" />
                  <button className="button" type="submit">
                    {now < audit.startsAt ? "Start now (early)" : now > audit.endsAt ? "Start now (record late)" : "Start now"}
                  </button>
                </Form>
              ) : null}
              {next
                // "Start now" is the way in progress (it records when the visit began).
                .filter((s) => s !== "cancelled" && s !== "report_issued" && s !== "in_progress")
                .map((to) => (
                  <Form method="post" key={to}>
                    <input type="hidden" name="intent" value="status" />
                    <input type="hidden" name="to" value={to} />
                    <button className="button" type="submit">
                      Mark {STATUS_LABELS[to].toLowerCase()}
                    </button>
                  </Form>
                ))}
              {RESCHEDULABLE.includes(audit.status) && shared ? (
                <Link className="button button--secondary" to={`/audits/${audit.id}/edit`}>
                  Reschedule or change team
                </Link>
              ) : null}
            </div>
            {next.includes("cancelled") ? (
              <Form method="post" className="inline-form">
                <input type="hidden" name="intent" value="status" />
                <input type="hidden" name="to" value="cancelled" />
                <div className="field">
                  <label htmlFor="cancel-reason">Reason for cancelling</label>
                  <input id="cancel-reason" name="reason" maxLength={1000} defaultValue={result?.intent === "status" ? (result.values.reason ?? "") : ""} />
                </div>
                <button className="button button--danger" type="submit">
                  Cancel audit
                </button>
              </Form>
            ) : null}
          </div>
        ) : null}
      </div>
      <div className="card" id="findings">
        <div className="page-header">
          <h2>Findings</h2>
          {canRecord && RECORDING.includes(audit.status) ? (
            <Link className="button" to={`/audits/${audit.id}/findings`}>
              Record findings
            </Link>
          ) : null}
        </div>
        {!RECORDING.includes(audit.status) && findings.length === 0 ? <p className="muted">Findings are recorded once the audit is in progress.</p> : null}
        {critical && canSchedule ? (
          <div className="alert alert--warning">
            A critical finding calls for a follow-up audit.{" "}
            {followUp.audit ? (
              <Link to={`/audits/${followUp.audit}`}>Follow-up scheduled (audit #{followUp.audit}).</Link>
            ) : followUp.proposal ? (
              <Link to={`/audits/new?proposal=${followUp.proposal}`}>Review the proposed follow-up.</Link>
            ) : (
              <Link to={`/audits/new?supplier=${audit.supplierId}&followUpOf=${audit.id}`}>Schedule a follow-up.</Link>
            )}
          </div>
        ) : null}
        {RECORDING.includes(audit.status) || interviews.total !== null ? (
          <section aria-labelledby="interviews-title">
            <h3 id="interviews-title">Workers interviewed</h3>
            <InterviewTable counts={interviews} />
          </section>
        ) : null}
        <FindingsList findings={findings}>
          {(f) =>
            f.result === "not_observed" ? null : (
              <div className="stack">
                <ActionTable actions={actions.filter((a) => a.findingId === f.id)} />
                {added && added.findingId === f.id ? (
                  <p className="alert alert--success" role="status">
                    Corrective action added: “{added.description}”, {added.owner === "company" ? "for the company" : "for the supplier"}, due on <span className="nowrap">{added.dueOn}</span>.
                  </p>
                ) : null}
                {canRecord && audit.status !== "cancelled" ? (
                  // Keyed on the action just added: after a successful add the form is a new one,
                  // closed and empty, even where the browser kept the old one open (client navigation).
                  <details key={`add-${f.id}-${search.get("added") ?? ""}`} open={result?.intent === "add-action" && result.values.findingId === String(f.id)}>
                    <summary>Add a corrective action</summary>
                    <Form method="post" className="stack">
                      <input type="hidden" name="intent" value="add-action" />
                      <input type="hidden" name="findingId" value={f.id} />
                      <div className="field">
                        <label htmlFor={`action-${f.id}`}>What must be done</label>
                        <textarea id={`action-${f.id}`} name="description" rows={2} maxLength={5000} defaultValue={result?.values.findingId === String(f.id) ? result.values.description : ""} />
                        {result?.values.findingId === String(f.id) && errors.description ? <span className="error">{errors.description}</span> : null}
                      </div>
                      <div className="field">
                        <label htmlFor={`owner-${f.id}`}>Who must act</label>
                        <select id={`owner-${f.id}`} name="owner" defaultValue="supplier">
                          <option value="supplier">The supplier (workplace)</option>
                          <option value="company">The company</option>
                        </select>
                      </div>
                      <div className="field">
                        <label htmlFor={`due-${f.id}`}>Due on</label>
                        <input
                          id={`due-${f.id}`}
                          name="dueOn"
                          type="date"
                          min={today < latestDue(f) ? today : latestDue(f)}
                          max={latestDue(f)}
                          defaultValue={mine(f.id) ? result!.values.dueOn : latestDue(f)}
                          aria-invalid={mine(f.id) && errors.dueOn ? true : undefined}
                          aria-describedby={`due-hint-${f.id}`}
                        />
                        <span className="hint" id={`due-hint-${f.id}`}>
                          At most {dueDays[f.result]} days after the finding ({f.result}), by the inspectorate&apos;s rules: {latestDue(f)} at the latest. Choose an earlier date if it must be done sooner.
                        </span>
                        {mine(f.id) && errors.dueOn ? <span className="error">{errors.dueOn}</span> : null}
                      </div>
                      <button className="button button--secondary" type="submit">
                        Add action
                      </button>
                    </Form>
                  </details>
                ) : null}
              </div>
            )
          }
        </FindingsList>
      </div>
      {audit.status === "completed" || audit.status === "report_issued" ? (
        <div className="card">
          <h2>Audit report</h2>
          {reportId ? (
            <p>
              Latest report: <Link to={`/reports/${reportId}`}>{reportId}</Link>
            </p>
          ) : (
            <p className="muted">Issue the report once the findings and corrective actions are complete; the audit then becomes &quot;report issued&quot;.</p>
          )}
          {canReport ? (
            <IssueReportForm type="audit" fields={{ auditId: audit.id }} label={reportId ? "Issue again (PDF)" : "Issue audit report (PDF)"}>
              <PageSizeField id="audit-page-size" />
            </IssueReportForm>
          ) : null}
        </div>
      ) : null}
      <div className="card">
        <h2>History</h2>
        <ol className="entity-list">
          {history.map((e, i) => (
            <li key={i}>
              {inZone(e.at, zone)} {zoneName(zone)} · {e.by ?? "a former member"} ·{" "}
              {e.kind === "created" ? "scheduled the audit" : e.kind === "rescheduled" ? "rescheduled it" : `${STATUS_LABELS[e.fromStatus as Status] ?? e.fromStatus} → ${STATUS_LABELS[e.toStatus as Status] ?? e.toStatus}`}
              {e.reason ? <span className="muted"> — {e.reason}</span> : null}
              {e.details?.score ? <span className="muted"> — {scoreText(e.details.score as ScoreChange, scoreShared)}</span> : null}
            </li>
          ))}
        </ol>
      </div>
    </>
  );
}
