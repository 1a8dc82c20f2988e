import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { AUDIT_STATUSES, type AuditStatus as Status } from "#db/schema";
import { requireUser } from "~/auth/guard.server";
import { can } from "~/auth/permissions.server";
import { ActionStatus, AuditStatus, AuditType, Fact, useZoneText, WorkplaceRisk } from "~/components/audits";
import { FormError } from "~/components/field";
import { FindingsList } from "~/components/findings-list";
import { InterviewTable } from "~/components/interviews";
import { interviewsOf } from "~/domain/audits/interviews.server";
import { IssueReportForm, PageSizeField } from "~/components/reports";
import { actionsOfAudit, auditDetail, findingsOf } from "~/domain/audits/audit-views.server";
import { addCorrectiveAction } from "~/domain/audits/corrective-actions.server";
import { AuditPageSchema } from "~/domain/audits/form-schemas";
import { addLocalDays, localDay } from "~/domain/audits/local-time";
import { keyedRefusals } from "~/domain/audits/refusals.server";
import { changeAuditStatus, PERMANENT, startAuditNow, requireOwnAudit, statusChangeConsequence, type ConsequenceLine } from "~/domain/audits/scheduling.server";
import { scoreChangeText, type ScoreChange } from "~/domain/audits/score-change";
import { RECORDING, RESCHEDULABLE, TRANSITIONS } from "~/domain/audits/status";
import { companyAuditDetail } from "~/domain/audits/visibility.server";
import { Invalid } from "~/domain/errors";
import { formatsFor, useFormat } from "~/i18n/format";
import { serverT } from "~/i18n/i18n.server";
import { idParam, runAction, withDomainErrors } from "~/lib/actions.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

type Values = Record<string, string | number>;

/** The confirmation step's lines in the reader's language (the domain gives keys and counts). */
function consequenceText(lines: ConsequenceLine[], locale: string): string[] {
  const t = serverT(locale, "audits") as unknown as (key: string, values?: Values) => string;
  const f = formatsFor(locale);
  const part = (p: { key: string; values: Values }): string => {
    if (!p.key.startsWith("consequence.recorded.") || p.key === "consequence.recorded.nothing") return t(p.key, p.values);
    const found = (["critical", "major", "minor"] as const).filter((r) => Number(p.values[r]) > 0).map((r) => t(`consequence.recorded.${r}`, { count: Number(p.values[r]), number: f.number(Number(p.values[r])) }));
    return t(p.key, { ...p.values, found: found.join(", "), number: f.number(Number(p.values.count)) });
  };
  return lines.map((line) => {
    const values: Values = { ...line.values };
    if (line.key === "consequence.endsEarly" && locale !== "en") values.until = f.dateTime(Number(line.values.untilMs), String(line.values.zone));
    for (const [name, p] of Object.entries(line.parts ?? {})) values[name] = part(p);
    return t(line.key, values);
  });
}

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, params, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  const auditId = idParam(params.auditId);
  const now = Date.now();
  const title = serverT(context.locale, "audits")("meta.detail", { id: auditId });
  if (session.membership?.orgType === "company") return { side: "company" as const, title, ...(await companyAuditDetail(context.db, session, auditId, now)) };
  const detail = await auditDetail(context.db, session, auditId);
  const orgId = detail.audit.orgId;
  return {
    side: "inspectorate" as const,
    title,
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
  return runAction(
    request,
    AuditPageSchema,
    async (input) => await keyedRefusals(async () => {
    if (input.intent === "status") {
      if (!(AUDIT_STATUSES as readonly string[]).includes(input.to)) throw new Invalid("form", "audits:validation.status");
      const to = input.to as Status;
      // A change that cannot be undone takes a second POST (confirm=yes) after a page that says
      // what it will do: no script needed, and a stray click changes nothing.
      if (PERMANENT.includes(to) && input.confirm !== "yes") {
        return { ok: true as const, confirm: { to, reason: input.reason, consequence: consequenceText(await statusChangeConsequence(context.db, session, auditId, to, input.reason), context.locale) } };
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
    }),
    context.locale,
  );
});

export default function Audit() {
  const data = useLoaderData<typeof loader>();
  return data.side === "company" ? <CompanyView {...data} /> : <InspectorateView {...data} />;
}

function CompanyView({ audit, placeZone, findings, actions, interviewed }: Extract<ReturnType<typeof useLoaderData<typeof loader>>, { side: "company" }>) {
  const { t } = useTranslation("audits");
  const zones = useZoneText();
  const f = useFormat();
  return (
    <>
      <p className="breadcrumbs">
        <Link to={`/suppliers/${audit.supplierId}`}>{audit.supplierName}</Link> ›
      </p>
      <div className="page-header">
        <div>
          <h1>{t("detail.companyTitle", { supplier: audit.supplierName })}</h1>
          <p>
            {t("detail.by", { inspectorate: audit.inspectorateName })} · <AuditType type={audit.type} /> · {zones.window(audit.startsAt, audit.endsAt, placeZone)} · <AuditStatus status={audit.status} />
          </p>
        </div>
      </div>
      <div className="card">
        <h2>{t("detail.findings")}</h2>
        {interviewed !== null ? <p>{t("detail.interviewedInAll", { count: interviewed, number: f.number(interviewed) })}</p> : null}
        <FindingsList findings={findings} />
      </div>
      <div className="card">
        <h2>{t("detail.correctiveActions")}</h2>
        <ActionTable actions={actions} />
      </div>
    </>
  );
}

function ActionTable({ actions }: { actions: { id: number; description: string; owner: string; dueOn: string; status: string; overdue: boolean }[] }) {
  const { t } = useTranslation("audits");
  const zones = useZoneText();
  if (actions.length === 0) return <p className="muted">{t("detail.noActions")}</p>;
  return (
    <ul className="entity-list">
      {actions.map((a) => (
        <li key={a.id}>
          <Link to={`/actions/${a.id}`}>{a.description}</Link> <ActionStatus status={a.status} overdue={a.overdue} />{" "}
          <span className="muted">
            {t("detail.action.owner", { owner: a.owner === "company" ? t("detail.action.ownerCompany") : a.owner === "supplier" ? t("detail.action.ownerSupplier") : a.owner })} · <Trans t={t} i18nKey="detail.action.due" values={{ day: zones.day(a.dueOn) }} components={{ 1: <span className="nowrap" /> }} />
          </span>
        </li>
      ))}
    </ul>
  );
}

/**
 * The score change kept with a status change, in words; only the fact of it where the share keeps
 * scores from the inspectorate. The breakdown's lines are the risk method's own labels.
 */
function useScoreText(): (change: ScoreChange, scoreShared: boolean) => string {
  const { t, i18n } = useTranslation("audits");
  const f = useFormat();
  return (c, scoreShared) => {
    if (!scoreShared) return t("score.notShared");
    if (i18n.language === "en") return scoreChangeText(c);
    const score = (n: number | null) => (n === null ? t("score.notScored") : f.number(n, { minimumFractionDigits: 1, maximumFractionDigits: 1 }));
    const signed = (n: number) => (n === 0 ? "±0.0" : `${n > 0 ? "+" : "−"}${f.number(Math.abs(n), { minimumFractionDigits: 1, maximumFractionDigits: 1 })}`);
    const band = (b: string | null) => (b === "critical" || b === "high" || b === "medium" || b === "low" ? t(`band.${b}`) : b ?? t("score.noBand"));
    if (c.from === c.to && c.because.length === 0) return t("score.unchangedNothing", { score: score(c.to) });
    const lines = c.because.map((l) => `${l.label} ${signed(l.delta)} (${l.value})`).join("; ");
    if (c.from === c.to) return t("score.unchanged", { score: score(c.to), lines });
    const why = c.because.length ? lines : t("score.smallMoves");
    return c.fromBand !== c.toBand
      ? t("score.changedBands", { from: score(c.from), to: score(c.to), fromBand: band(c.fromBand), toBand: band(c.toBand), why })
      : t("score.changed", { from: score(c.from), to: score(c.to), why });
  };
}

function InspectorateView(props: Extract<ReturnType<typeof useLoaderData<typeof loader>>, { side: "inspectorate" }>) {
  const { audit, settings, placeZone, supplierName, companyName, country, scoreShared, riskScore, riskBand, riskScoreLow, riskScoreHigh, riskConfidence, shared, asOf, team, history, findings, interviews, actions, followUp, followedUpBy, now, canSchedule, canRecord, canReport, reportId } = props;
  const answer = useActionData<typeof action>();
  const { t } = useTranslation("audits");
  const zones = useZoneText();
  const scoreText = useScoreText();
  const statusWord = (s: string) => t(`statusLower.${s as Status}`, { defaultValue: s });
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
  const justScheduled = search.has("scheduled");
  return (
    <>
      <p className="breadcrumbs">
        <Link to="/audits">{t("list.title")}</Link> ›
      </p>
      {justScheduled ? (
        <div className="alert alert--success" role="status">
          {t("detail.scheduled")}
        </div>
      ) : null}
      {search.get("changed") === "status" && lastStatus && !confirm ? (
        <div className="alert alert--success" role="status">
          {lastStatus.details?.score
            ? t("detail.markedWithScore", { status: statusWord(lastStatus.toStatus ?? ""), score: scoreText(lastStatus.details.score as ScoreChange, scoreShared) })
            : t("detail.marked", { status: statusWord(lastStatus.toStatus ?? "") })}
        </div>
      ) : null}
      {confirm ? (
        <section className="card confirm-step" aria-labelledby="confirm-title" id="confirm">
          <h2 id="confirm-title">{confirm.to === "cancelled" ? t("detail.confirm.cancelTitle") : t("detail.confirm.markTitle", { status: statusWord(confirm.to) })}</h2>
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
                {confirm.to === "cancelled" ? t("detail.confirm.cancelYes") : t("detail.confirm.markYes", { status: statusWord(confirm.to) })}
              </button>
            </Form>
            <Link className="button button--secondary" to={`/audits/${audit.id}`}>
              {t("detail.confirm.no", { status: statusWord(audit.status) })}
            </Link>
          </div>
        </section>
      ) : null}
      <div className="page-header">
        <div>
          <h1>{t("detail.title", { id: audit.id, supplier: supplierName })}</h1>
          <p>
            <AuditType type={audit.type} /> · {zones.window(audit.startsAt, audit.endsAt, placeZone, zone)} · <AuditStatus status={audit.status} />
          </p>
        </div>
        <WorkplaceRisk scoreShared={scoreShared} band={riskBand} score={riskScore} low={riskScoreLow} high={riskScoreHigh} confidence={riskConfidence} />
      </div>
      {!shared ? (
        <div className="alert alert--info">
          {asOf ? t("detail.notSharedAsOf", { company: companyName, at: zones.at(asOf, zone) }) : t("detail.notShared", { company: companyName })}
        </div>
      ) : null}
      {audit.type === "unannounced" && audit.startsAt > Date.now() ? (
        <div className="alert alert--info">{t("detail.unannounced", { company: companyName, time: zones.time(audit.startsAt, placeZone, zone) })}</div>
      ) : null}
      <div className="card">
        <h2>{t("detail.plan")}</h2>
        <dl className="facts">
          <Fact term={t("detail.workplace")}>{t("detail.workplaceOf", { supplier: supplierName, country, company: companyName })}</Fact>
          <Fact term={t("detail.team")}>{team.map((m) => (m.role === "lead" ? t("detail.lead", { name: m.name }) : m.name)).join(", ")}</Fact>
          {audit.followUpOf ? (
            <Fact term={t("detail.followsUp")}>
              <Link to={`/audits/${audit.followUpOf}`}>{t("detail.auditRef", { id: audit.followUpOf })}</Link>
            </Fact>
          ) : null}
          {followedUpBy.length ? (
            <Fact term={t("detail.followedUpBy")}>
              {followedUpBy.map((f, i) => (
                <span key={f.id}>
                  {i ? ", " : ""}
                  <Link to={`/audits/${f.id}`}>{t("detail.auditRef", { id: f.id })}</Link> ({zones.time(f.startsAt, placeZone, zone)}, {statusWord(f.status)})
                </span>
              ))}
            </Fact>
          ) : null}
          {audit.notes ? <Fact term={t("detail.notes")}>{audit.notes}</Fact> : null}
        </dl>
        {audit.status === "planned" || audit.status === "confirmed" ? (
          audit.endsAt < now ? (
            <div className="alert alert--warning">{t("detail.overdue")}</div>
          ) : !canStart ? (
            <p className="muted">{t("detail.startableFrom", { day: zones.day(localDay(audit.startsAt, zone)) })}</p>
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
                    {now < audit.startsAt ? t("detail.startEarly") : now > audit.endsAt ? t("detail.startLate") : t("detail.start")}
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
                      {t("detail.mark", { status: statusWord(to) })}
                    </button>
                  </Form>
                ))}
              {RESCHEDULABLE.includes(audit.status) && shared ? (
                <Link className="button button--secondary" to={`/audits/${audit.id}/edit`}>
                  {t("detail.reschedule")}
                </Link>
              ) : null}
            </div>
            {next.includes("cancelled") ? (
              <Form method="post" className="inline-form">
                <input type="hidden" name="intent" value="status" />
                <input type="hidden" name="to" value="cancelled" />
                <div className="field">
                  <label htmlFor="cancel-reason">{t("detail.cancelReason")}</label>
                  <input id="cancel-reason" name="reason" maxLength={1000} defaultValue={result?.intent === "status" ? (result.values.reason ?? "") : ""} />
                </div>
                <button className="button button--danger" type="submit">
                  {t("detail.cancel")}
                </button>
              </Form>
            ) : null}
          </div>
        ) : null}
      </div>
      <div className="card" id="findings">
        <div className="page-header">
          <h2>{t("detail.findings")}</h2>
          {canRecord && RECORDING.includes(audit.status) ? (
            <Link className="button" to={`/audits/${audit.id}/findings`}>
              {t("detail.recordFindings")}
            </Link>
          ) : null}
        </div>
        {!RECORDING.includes(audit.status) && findings.length === 0 ? <p className="muted">{t("detail.findingsLater")}</p> : null}
        {critical && canSchedule ? (
          <div className="alert alert--warning">
            {t("detail.followUp.needed")}{" "}
            {followUp.audit ? (
              <Link to={`/audits/${followUp.audit}`}>{t("detail.followUp.scheduled", { id: followUp.audit })}</Link>
            ) : followUp.proposal ? (
              <Link to={`/audits/new?proposal=${followUp.proposal}`}>{t("detail.followUp.review")}</Link>
            ) : (
              <Link to={`/audits/new?supplier=${audit.supplierId}&followUpOf=${audit.id}`}>{t("detail.followUp.schedule")}</Link>
            )}
          </div>
        ) : null}
        {RECORDING.includes(audit.status) || interviews.total !== null ? (
          <section aria-labelledby="interviews-title">
            <h3 id="interviews-title">{t("detail.workersInterviewed")}</h3>
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
                    <Trans
                      t={t}
                      i18nKey={added.owner === "company" ? "detail.action.addedForCompany" : "detail.action.addedForSupplier"}
                      values={{ description: added.description, day: zones.day(added.dueOn) }}
                      components={{ 1: <span className="nowrap" /> }}
                    />
                  </p>
                ) : null}
                {canRecord && audit.status !== "cancelled" ? (
                  // Keyed on the action just added: after a successful add the form is a new one,
                  // closed and empty, even where the browser kept the old one open (client navigation).
                  <details key={`add-${f.id}-${search.get("added") ?? ""}`} open={result?.intent === "add-action" && result.values.findingId === String(f.id)}>
                    <summary>{t("detail.action.add")}</summary>
                    <Form method="post" className="stack">
                      <input type="hidden" name="intent" value="add-action" />
                      <input type="hidden" name="findingId" value={f.id} />
                      <div className="field">
                        <label htmlFor={`action-${f.id}`}>{t("detail.action.what")}</label>
                        <textarea id={`action-${f.id}`} name="description" rows={2} maxLength={5000} defaultValue={result?.values.findingId === String(f.id) ? result.values.description : ""} />
                        {result?.values.findingId === String(f.id) && errors.description ? <span className="error">{errors.description}</span> : null}
                      </div>
                      <div className="field">
                        <label htmlFor={`owner-${f.id}`}>{t("detail.action.who")}</label>
                        <select id={`owner-${f.id}`} name="owner" defaultValue="supplier">
                          <option value="supplier">{t("detail.action.whoSupplier")}</option>
                          <option value="company">{t("detail.action.whoCompany")}</option>
                        </select>
                      </div>
                      <div className="field">
                        <label htmlFor={`due-${f.id}`}>{t("detail.action.dueOn")}</label>
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
                          {t("detail.action.dueHint", { count: dueDays[f.result] ?? 0, number: dueDays[f.result] ?? 0, severity: t(`severityWord.${f.result as "critical" | "major" | "minor"}`, { defaultValue: f.result }), latest: zones.day(latestDue(f)) })}
                        </span>
                        {mine(f.id) && errors.dueOn ? <span className="error">{errors.dueOn}</span> : null}
                      </div>
                      <button className="button button--secondary" type="submit">
                        {t("detail.action.submit")}
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
          <h2>{t("detail.report.title")}</h2>
          {reportId ? (
            <p>
              <Trans t={t} i18nKey="detail.report.latest" values={{ id: reportId }} components={{ 1: <Link to={`/reports/${reportId}`} /> }} />
            </p>
          ) : (
            <p className="muted">{t("detail.report.none")}</p>
          )}
          {canReport ? (
            <IssueReportForm type="audit" fields={{ auditId: audit.id }} label={reportId ? t("detail.report.again") : t("detail.report.issue")}>
              <PageSizeField id="audit-page-size" />
            </IssueReportForm>
          ) : null}
        </div>
      ) : null}
      <div className="card">
        <h2>{t("detail.history.title")}</h2>
        <ol className="entity-list">
          {history.map((e, i) => (
            <li key={i}>
              {zones.at(e.at, zone)} · {e.by ?? t("formerMember")} ·{" "}
              {e.kind === "created"
                ? t("detail.history.created")
                : e.kind === "rescheduled"
                  ? t("detail.history.rescheduled")
                  : `${t(`status.${e.fromStatus as Status}`, { defaultValue: e.fromStatus ?? "" })} → ${t(`status.${e.toStatus as Status}`, { defaultValue: e.toStatus ?? "" })}`}
              {e.reason ? <span className="muted"> — {e.reason}</span> : null}
              {e.details?.score ? <span className="muted"> — {scoreText(e.details.score as ScoreChange, scoreShared)}</span> : null}
            </li>
          ))}
        </ol>
      </div>
    </>
  );
}
