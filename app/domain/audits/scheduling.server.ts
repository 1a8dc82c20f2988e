/**
 * Scheduling audits: who may be assigned, what the rules say about a proposed time, and the
 * changes themselves (schedule, reschedule, status), each recorded with who, when and why in
 * audit_events and in the activity log.
 */
import { and, eq, inArray } from "drizzle-orm";
import { inTransaction, type Db, firstRow, onlyRow, rawAll, rawGet } from "#db/client";
import { auditEvents, audits, auditTeam, memberships, users, type AuditStatus, type AuditType } from "#db/schema";
import { authorize, type Actor } from "~/auth/permissions.server";
import { recordEvent } from "../activity-log/activity-log.server";
import { NotFound, type Invalid } from "../errors";
import { AuditInvalid } from "./refusals.server";
import { storedScore, type StoredScore } from "../risk/score-history.server";
import { scoreOrganisation } from "../risk/scoring.server";
import { sharedSupplier } from "../sharing/shared-suppliers.server";
import { explainScoreChange } from "./score-change";
import { conflictInEnglish } from "./conflict-text.server";
import { findConflicts, type BookedAudit, type Conflict, type ProposedAudit, type SchedulingContext } from "./conflicts";
import { fromLocal, localDateTime, localDay } from "./local-time";
import { settingsOf } from "./settings.server";
import { workplaceZone } from "../reference/country-zones";
import { zoneName } from "~/lib/format";
import { ACTIVE, RESCHEDULABLE, STATUS_LABELS, transitionProblemKey, type TransitionProblem } from "./status";
import { refreshWorkplaceSnapshot, requireWorkplace, snapshotOf, SNAPSHOT_NAME } from "./workplaces.server";

const DAY = 86_400_000;
/** Longest audit window: a multi-day visit, but not an open-ended booking. */
const MAX_WINDOW_DAYS = 14;

/** The rules refused the time or team; the page lists every conflict with its explanation. */
export class SchedulingConflict extends Error {
  override name = "SchedulingConflict";
  constructor(readonly conflicts: Conflict[]) {
    super(conflicts.map(conflictInEnglish).join(" "));
  }
}

/** The inspectorate's members who can lead or join an audit (admins and members, not viewers). */
export async function inspectorsOf(db: Db, orgId: number): Promise<{ id: number; name: string }[]> {
  return (await db
      .select({ id: users.id, name: users.name })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.orgId, orgId), inArray(memberships.role, ["admin", "member"])))
      .orderBy(users.name, users.id))
    .filter((u) => u.name);
}

/** Audits holding time and recorded unavailability around [from, to), for the conflict checker. */
export async function schedulingContext(db: Db, orgId: number, from: number, to: number): Promise<SchedulingContext> {
  const rules = await settingsOf(db, orgId);
  const margin = (rules.minDaysBetweenAudits + 1) * DAY;
  const rows = await rawAll<Omit<BookedAudit, "inspectorIds"> & { team: string }>(
    db,
    `select a.id, a.supplier_id as supplierId, ${SNAPSHOT_NAME} as supplierName, a.type, a.starts_at as startsAt, a.ends_at as endsAt,
              coalesce((select json_group_array(t.user_id) from audit_team t where t.audit_id = a.id), '[]') as team
       from audits a
       where a.org_id = ? and a.status in (select value from json_each(?)) and a.ends_at > ? and a.starts_at < ?`,
    orgId,
    JSON.stringify(ACTIVE),
    new Date(from - margin),
    new Date(to + margin),
  );
  const unavailability = await rawAll<SchedulingContext["unavailability"][number]>(
    db,
    `select user_id as userId, starts_on as startsOn, ends_on as endsOn, reason from inspector_availability where org_id = ? and ends_on >= ? and starts_on <= ?`,
    orgId,
    localDay(from - DAY, rules.timeZone),
    localDay(to + DAY, rules.timeZone),
  );
  return {
    rules,
    audits: rows.map(({ team, ...a }) => ({ ...a, inspectorIds: JSON.parse(team) as number[] })),
    unavailability,
    names: new Map((await inspectorsOf(db, orgId)).map((i) => [i.id, i.name])),
  };
}

export interface ScheduleInput {
  supplierId: number;
  type: AuditType;
  /** Local "YYYY-MM-DDTHH:mm" in the workplace's time zone (its country's; the inspectorate's if unknown). */
  startsAt: string;
  endsAt: string;
  leadInspectorId: number;
  teamIds: number[];
  notes: string;
  followUpOf?: number | null;
}

interface Window {
  startsAt: number;
  endsAt: number;
  team: number[];
}

/** Parses and checks the time window and the team; throws Invalid naming the field. */
async function checkWindowAndTeam(db: Db, orgId: number, timeZone: string, input: Pick<ScheduleInput, "startsAt" | "endsAt" | "leadInspectorId" | "teamIds">, now: number): Promise<Window> {
  const startsAt = fromLocal(input.startsAt, timeZone);
  if (startsAt === null) throw new AuditInvalid("startsAt", "errors.startFormat");
  const endsAt = fromLocal(input.endsAt, timeZone);
  if (endsAt === null) throw new AuditInvalid("endsAt", "errors.endFormat");
  if (endsAt <= startsAt) throw new AuditInvalid("endsAt", "errors.endBeforeStart");
  if (endsAt - startsAt > MAX_WINDOW_DAYS * DAY) throw new AuditInvalid("endsAt", "errors.tooLong", { count: MAX_WINDOW_DAYS });
  if (startsAt < now - 365 * DAY) throw new AuditInvalid("startsAt", "errors.tooFarPast");
  if (startsAt > now + 2 * 365 * DAY) throw new AuditInvalid("startsAt", "errors.tooFarAhead");
  const inspectors = new Set((await inspectorsOf(db, orgId)).map((i) => i.id));
  if (!inspectors.has(input.leadInspectorId)) throw new AuditInvalid("leadInspectorId", "errors.leadNotInspector");
  const team = [input.leadInspectorId, ...input.teamIds.filter((id) => id !== input.leadInspectorId)];
  const stranger = team.find((id) => !inspectors.has(id));
  if (stranger !== undefined) throw new AuditInvalid("teamIds", "errors.teamNotInspectors");
  return { startsAt, endsAt, team: [...new Set(team)] };
}

async function checkRules(db: Db, orgId: number, proposal: ProposedAudit): Promise<void> {
  const conflicts = findConflicts(proposal, await schedulingContext(db, orgId, proposal.startsAt, proposal.endsAt));
  if (conflicts.length) throw new SchedulingConflict(conflicts);
}

async function writeTeam(db: Db, auditId: number, team: number[]): Promise<void> {
  await db.delete(auditTeam).where(eq(auditTeam.auditId, auditId));
  await db.insert(auditTeam)
        .values(team.map((userId, i) => ({ auditId, userId, role: i === 0 ? ("lead" as const) : ("member" as const) })));
}

export async function scheduleAudit(db: Db, actor: Actor, input: ScheduleInput, options: { ip?: string | null; now?: number } = {}): Promise<number> {
  const orgId = actor.membership?.orgId ?? -1;
  authorize(actor, "audits.schedule", { orgId });
  const workplace = await requireWorkplace(db, actor, input.supplierId);
  const now = options.now ?? Date.now();
  const notes = input.notes.trim();
  if (notes.length > 2000) throw new AuditInvalid("notes", "errors.notesTooLong", { max: 2000, length: notes.length });
  // The times typed are the workplace's: "09:00" at a Thai workplace is 09:00 in Bangkok.
  const window = await checkWindowAndTeam(db, orgId, workplaceZone(workplace.country, (await settingsOf(db, orgId)).timeZone), input, now);
  let followUpOf = input.followUpOf ?? null;
  if (followUpOf) {
    const original = firstRow(await db.select({ id: audits.id }).from(audits).where(and(eq(audits.id, followUpOf), eq(audits.orgId, orgId), eq(audits.supplierId, input.supplierId))));
    if (!original) throw new AuditInvalid("followUpOf", "errors.followUpOf");
  } else if (input.type === "follow_up") {
    // A follow-up scheduled by hand or from the plan follows the workplace's latest audit that
    // was carried out, so that both audits (and the report's "Follows up") name each other.
    const latest = await rawGet<{ id: number }>(db, `select id from audits where org_id = ? and supplier_id = ? and status in ('in_progress', 'completed', 'report_issued') order by starts_at desc, id desc limit 1`, orgId, input.supplierId);
    followUpOf = latest?.id ?? null;
  }
  return await inTransaction(db, async () => {
      await checkRules(db, orgId, { supplierId: workplace.id, type: input.type, startsAt: window.startsAt, endsAt: window.endsAt, inspectorIds: window.team });
      const audit = onlyRow(await db
            .insert(audits)
            .values({
              orgId,
              supplierId: workplace.id,
              companyOrgId: workplace.companyOrgId,
              type: input.type,
              status: "planned",
              startsAt: new Date(window.startsAt),
              endsAt: new Date(window.endsAt),
              leadInspectorId: window.team[0]!,
              followUpOf,
              notes: notes || null,
              // The workplace as the inspectorate sees it now (scoped), kept for after a revocation.
              ...snapshotOf(workplace, now),
              createdBy: actor.user.id,
              createdAt: new Date(now),
            })
            .returning({ id: audits.id }));
      await writeTeam(db, audit.id, window.team);
      await db.insert(auditEvents).values({ auditId: audit.id, at: new Date(now), byUserId: actor.user.id, kind: "created", toStatus: "planned", details: { type: input.type, startsAt: window.startsAt, endsAt: window.endsAt, team: window.team } });
      await recordEvent(db, { action: "audit.scheduled", actorUserId: actor.user.id, orgId, targetType: "audit", targetId: audit.id, ip: options.ip, details: { supplierId: workplace.id, type: input.type, startsAt: window.startsAt, team: window.team } }, now);
      return audit.id;
    });
}

export interface AuditRecord {
  id: number;
  orgId: number;
  supplierId: number;
  companyOrgId: number;
  type: AuditType;
  status: AuditStatus;
  startsAt: number;
  endsAt: number;
  leadInspectorId: number;
  followUpOf: number | null;
  notes: string | null;
  /** The workplace's country as the audit recorded it: the zone its times are planned and shown in. */
  workplaceCountry: string | null;
}

/** The zone of a workplace the inspectorate may see: what the schedule form's times are in. */
export async function workplaceTimeZone(db: Db, actor: Actor, supplierId: number): Promise<string> {
  const workplace = await requireWorkplace(db, actor, supplierId);
  return workplaceZone(workplace.country, (await settingsOf(db, actor.membership?.orgId ?? -1)).timeZone);
}

/** The zone an audit's times are in: its workplace's (country-zones.ts), else the inspectorate's. */
export async function auditZone(db: Db, audit: Pick<AuditRecord, "orgId" | "workplaceCountry">): Promise<string> {
  return workplaceZone(audit.workplaceCountry, (await settingsOf(db, audit.orgId)).timeZone);
}

/** The inspectorate's own audit, or 404 for anyone else's. */
export async function requireOwnAudit(db: Db, actor: Actor, auditId: number, action: "audits.view" | "audits.schedule" | "audits.record" = "audits.view"): Promise<AuditRecord> {
  const row = firstRow(await db.select().from(audits).where(eq(audits.id, auditId)));
  if (!row) throw new NotFound();
  authorize(actor, action, { orgId: row.orgId });
  // The workplace snapshot stays out: pages read the workplace through auditWorkplace(), which
  // shows the snapshot only once the supplier is no longer shared.
  const { id, orgId, supplierId, companyOrgId, type, status, leadInspectorId, followUpOf, notes, workplaceCountry } = row;
  return { id, orgId, supplierId, companyOrgId, type, status, startsAt: row.startsAt.getTime(), endsAt: row.endsAt.getTime(), leadInspectorId, followUpOf, notes, workplaceCountry };
}

export async function rescheduleAudit(
  db: Db,
  actor: Actor,
  auditId: number,
  input: Pick<ScheduleInput, "startsAt" | "endsAt" | "leadInspectorId" | "teamIds"> & { reason: string },
  options: { ip?: string | null; now?: number } = {},
): Promise<void> {
  const audit = await requireOwnAudit(db, actor, auditId, "audits.schedule");
  const now = options.now ?? Date.now();
  if (!RESCHEDULABLE.includes(audit.status)) throw new AuditInvalid("form", "errors.notReschedulable", { status: audit.status });
  const reason = input.reason.trim();
  if (!reason) throw new AuditInvalid("reason", "errors.rescheduleReason");
  if (reason.length > 1000) throw new AuditInvalid("reason", "errors.reasonTooLong", { max: 1000 });
  // Moving a visit is scheduling it again: only while the company still shares the workplace.
  if (!(await sharedSupplier(db, audit.orgId, audit.supplierId))) throw new AuditInvalid("form", "errors.noLongerShared");
  const window = await checkWindowAndTeam(db, audit.orgId, await auditZone(db, audit), input, now);
  await inTransaction(db, async () => {
        await checkRules(db, audit.orgId, { auditId, supplierId: audit.supplierId, type: audit.type, startsAt: window.startsAt, endsAt: window.endsAt, inspectorIds: window.team });
        await db.update(audits).set({ startsAt: new Date(window.startsAt), endsAt: new Date(window.endsAt), leadInspectorId: window.team[0]!, updatedAt: new Date(now) }).where(eq(audits.id, auditId));
        await writeTeam(db, auditId, window.team);
        const details = { from: { startsAt: audit.startsAt, endsAt: audit.endsAt }, to: { startsAt: window.startsAt, endsAt: window.endsAt }, team: window.team };
        await db.insert(auditEvents).values({ auditId, at: new Date(now), byUserId: actor.user.id, kind: "rescheduled", reason, details });
        await recordEvent(db, { action: "audit.rescheduled", actorUserId: actor.user.id, orgId: audit.orgId, targetType: "audit", targetId: auditId, ip: options.ip, details: { ...details, reason } }, now);
        await refreshWorkplaceSnapshot(db, audit, now);
      });
}

/** The workplace's current stored score with its breakdown (the company's), or null if never scored. */
async function currentScore(db: Db, audit: AuditRecord): Promise<StoredScore | null> {
  const row = await rawGet<{ id: number | null }>(db, `select risk_score_id as id from suppliers where id = ? and org_id = ?`, audit.supplierId, audit.companyOrgId);
  return await storedScore(db, audit.companyOrgId, "supplier", audit.supplierId, row?.id ?? null);
}

/**
 * "Start now": the inspector is on site. From planned or confirmed straight to in progress, on the
 * audit's day even before its time (the start moves to now, so the record says when the visit
 * really began, and an unannounced audit becomes visible to the company from then, as it is
 * happening), or after its window (recorded late: the window stays as planned). Another day
 * ahead is a reschedule. The scheduling rules are not asked again: the visit is happening.
 */
export async function startAuditNow(db: Db, actor: Actor, auditId: number, options: { ip?: string | null; now?: number } = {}): Promise<void> {
  const audit = await requireOwnAudit(db, actor, auditId, "audits.schedule");
  const now = options.now ?? Date.now();
  if (audit.status !== "planned" && audit.status !== "confirmed") throw new AuditInvalid("form", "errors.notStartable", { status: audit.status });
  // The day and the times where the inspector stands: the workplace's zone.
  const timeZone = await auditZone(db, audit);
  const plannedDay = localDay(audit.startsAt, timeZone);
  if (localDay(now, timeZone) < plannedDay) throw new AuditInvalid("form", "errors.startOtherDay", { day: plannedDay });
  const early = now < audit.startsAt;
  const late = now > audit.endsAt;
  const at = (ms: number) => localDateTime(ms, timeZone).replace("T", " ");
  const reason = early
    ? `started early, at ${at(now)} (planned for ${at(audit.startsAt)}), ${zoneName(timeZone)}`
    : late
      ? `started after its planned window (${at(audit.startsAt)} – ${at(audit.endsAt)} ${zoneName(timeZone)}): recorded late`
      : null;
  const details = { startedAt: now, plannedStartsAt: audit.startsAt, early, late };
  await inTransaction(db, async () => {
        await db.update(audits).set({ status: "in_progress", ...(early ? { startsAt: new Date(now) } : {}), updatedAt: new Date(now) }).where(eq(audits.id, auditId));
        await db.insert(auditEvents).values({ auditId, at: new Date(now), byUserId: actor.user.id, kind: "status", fromStatus: audit.status, toStatus: "in_progress", reason, details });
        await recordEvent(db, { action: "audit.status_changed", actorUserId: actor.user.id, orgId: audit.orgId, targetType: "audit", targetId: auditId, ip: options.ip, details: { from: audit.status, to: "in_progress", reason, ...details } }, now);
      });
}

/** Changes that cannot be undone: the page asks for a confirmation stating the consequence first. */
export const PERMANENT: readonly AuditStatus[] = ["completed", "cancelled"];

/**
 * What marking the audit `to` will do, for the confirmation step, from the audit as it stands;
 * refuses as changeAuditStatus would (the same check), so a bad request fails at the first step.
 */
/** One line of the confirmation step: a catalog key of the "audits" namespace and what it names (issue 18). */
export interface ConsequenceLine {
  key:
    | "consequence.cancelPermanent"
    | "consequence.cancelFreed"
    | "consequence.completePermanent"
    | "consequence.endsEarly"
    | "consequence.rescored"
    | "consequence.stillCorrectable";
  values: Record<string, string | number>;
  /** Parts of the line that are themselves catalog keys ("consequence.mitigation.clean"), with their values. */
  parts?: Record<string, { key: string; values: Record<string, string | number> }>;
}

export async function statusChangeConsequence(db: Db, actor: Actor, auditId: number, to: AuditStatus, reason: string, now = Date.now()): Promise<ConsequenceLine[]> {
  const audit = await requireOwnAudit(db, actor, auditId, "audits.schedule");
  const why = reason.trim();
  if (why.length > 1000) throw new AuditInvalid("reason", "errors.reasonTooLong", { max: 1000 });
  const problem = transitionProblemKey({ from: audit.status, to, startsAt: audit.startsAt, now, reason: why });
  if (problem) throw transitionRefusal(to, problem);
  if (to === "cancelled") {
    const team = await rawAll<{ name: string }>(db, `select u.name from audit_team t join users u on u.id = t.user_id where t.audit_id = ? order by u.name`, auditId);
    return [
      { key: "consequence.cancelPermanent", values: {} },
      { key: "consequence.cancelFreed", values: { team: team.map((t) => t.name).join(", "), reason: why }, parts: team.length ? undefined : { team: { key: "consequence.itsTeam", values: {} } } },
    ];
  }
  const counts = await rawAll<{ result: string; n: number }>(db, `select result, count(*) as n from findings where audit_id = ? group by result`, auditId);
  const n = (r: string) => counts.find((c) => c.result === r)?.n ?? 0;
  const notObserved = n("not_observed");
  const { timeZone } = await settingsOf(db, audit.orgId);
  const anyObserved = n("critical") + n("major") + n("minor") > 0;
  type Part = { key: string; values: Record<string, string | number> };
  const recorded: Part = anyObserved || notObserved
    ? { key: notObserved ? (anyObserved ? "consequence.recorded.foundAndNotObserved" : "consequence.recorded.noneFoundNotObserved") : "consequence.recorded.found", values: { critical: n("critical"), major: n("major"), minor: n("minor"), count: notObserved } }
    : { key: "consequence.recorded.nothing", values: {} };
  // The same rule as the scorer (audit-observations): a completed audit without a critical finding
  // is a mitigation for 12 months from the end of its window.
  // Whether the workplace already has the mitigation from another audit (by anyone), so that the
  // page does not promise a lower score this completion would not bring.
  const clean = await rawGet<{ id: number; orgId: number }>(
    db,
    `select a.id, a.org_id as orgId from audits a where a.supplier_id = ? and a.company_org_id = ? and a.id != ? and a.status in ('completed', 'report_issued') and a.ends_at > ? and a.ends_at <= ?
       and not exists (select 1 from findings f where f.audit_id = a.id and f.result = 'critical') order by a.ends_at desc limit 1`,
    audit.supplierId,
    audit.companyOrgId,
    auditId,
    new Date(now - 365 * DAY),
    new Date(now),
  );
  const mitigation: Part = n("critical")
    ? { key: "consequence.mitigation.critical", values: {} }
    : clean
      ? { key: clean.orgId === audit.orgId ? "consequence.mitigation.replacesOwn" : "consequence.mitigation.replacesOther", values: { id: clean.id } }
      : { key: "consequence.mitigation.lowers", values: {} };
  const endsEarly: ConsequenceLine[] = audit.endsAt > now ? [{ key: "consequence.endsEarly", values: { until: localDateTime(audit.endsAt, timeZone).replace("T", " "), untilMs: audit.endsAt, zone: timeZone } }] : [];
  return [
    { key: "consequence.completePermanent", values: {} },
    ...endsEarly,
    { key: "consequence.rescored", values: {}, parts: { recorded, mitigation } },
    { key: "consequence.stillCorrectable", values: {} },
  ];
}

/** A refused status change: the reason's field for a cancellation, else the form's. */
function transitionRefusal(to: AuditStatus, problem: TransitionProblem): Invalid {
  return new AuditInvalid(to === "cancelled" ? "reason" : "form", problem.key, problem.values);
}

export async function changeAuditStatus(db: Db, actor: Actor, auditId: number, to: AuditStatus, reason: string, options: { ip?: string | null; now?: number } = {}): Promise<void> {
  const audit = await requireOwnAudit(db, actor, auditId, "audits.schedule");
  const now = options.now ?? Date.now();
  const why = reason.trim();
  if (why.length > 1000) throw new AuditInvalid("reason", "errors.reasonTooLong", { max: 1000 });
  const problem = transitionProblemKey({ from: audit.status, to, startsAt: audit.startsAt, now, reason: why });
  if (problem) throw transitionRefusal(to, problem);
  const rescores = to === "completed" || to === "report_issued";
  const before = rescores ? await currentScore(db, audit) : null;
  const eventId = await inTransaction(db, async () => {
        // Completed before the planned end: the visit ended now, and the record says so (the
        // scorer counts a completed audit from the end of its window).
        const endsNow = to === "completed" && audit.endsAt > now ? { endsAt: new Date(Math.max(now, audit.startsAt + 1)) } : {};
        await db.update(audits).set({ status: to, ...endsNow, updatedAt: new Date(now) }).where(eq(audits.id, auditId));
        const event = onlyRow(await db.insert(auditEvents).values({ auditId, at: new Date(now), byUserId: actor.user.id, kind: "status", fromStatus: audit.status, toStatus: to, reason: why || null }).returning({ id: auditEvents.id }));
        await recordEvent(db, { action: "audit.status_changed", actorUserId: actor.user.id, orgId: audit.orgId, targetType: "audit", targetId: auditId, ip: options.ip, details: { from: audit.status, to, reason: why || null } }, now);
        return event.id;
      });
  // A completed audit is a mitigation (or not, with critical findings): the score follows, and the
  // event keeps what it did to the score and why, line by line, for the history to say.
  if (rescores) {
    await scoreOrganisation(db, audit.companyOrgId, { supplierIds: [audit.supplierId], cause: `audit #${auditId} ${STATUS_LABELS[to].toLowerCase()}`, now });
    const score = explainScoreChange(before, await currentScore(db, audit));
    await db.update(auditEvents).set({ details: { score } }).where(eq(auditEvents.id, eventId));
  }
  // After the score followed, so that the snapshot is the workplace as this change left it.
  await refreshWorkplaceSnapshot(db, audit, now);
}

export interface AuditEventView {
  at: number;
  by: string | null;
  kind: string;
  fromStatus: string | null;
  toStatus: string | null;
  reason: string | null;
  details: Record<string, unknown> | null;
}

export async function auditHistory(db: Db, auditId: number): Promise<AuditEventView[]> {
  return (await db
      .select({ at: auditEvents.at, by: users.name, kind: auditEvents.kind, fromStatus: auditEvents.fromStatus, toStatus: auditEvents.toStatus, reason: auditEvents.reason, details: auditEvents.details })
      .from(auditEvents)
      .leftJoin(users, eq(users.id, auditEvents.byUserId))
      .where(eq(auditEvents.auditId, auditId))
      .orderBy(auditEvents.at, auditEvents.id))
    .map((e) => ({ ...e, at: e.at.getTime() }));
}
