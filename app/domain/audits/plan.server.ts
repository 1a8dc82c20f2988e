/**
 * Generating a plan (planner.ts over the priority queue) and deciding its proposals: accepting
 * schedules the audit through the same checks as a hand-made one; rejecting keeps the reason.
 */
import { and, desc, eq, isNotNull, isNull, or } from "drizzle-orm";
import { format, parseISO } from "date-fns";
import { inTransaction, type Db, firstRow, onlyRow, rawAll } from "#db/client";
import { auditPlans, auditProposals, users, type AuditType } from "#db/schema";
import { authorize, type Actor } from "~/auth/permissions.server";
import { recordEvent } from "../activity-log/activity-log.server";
import { NotFound } from "../errors";
import { AuditInvalid } from "./refusals.server";
import { INDICATORS } from "../indicators";
import { workplaceZone } from "../reference/country-zones";
import { isLocalDate, localDateTime, localDay, addLocalDays, weekday } from "./local-time";
import { planAudits, type PlanResult } from "./planner";
import { readText, storeText, whyWithoutScore, type ProposalWhy, type Said, type StoredText } from "./plan-text";
import { priorityQueue, reasonLine, withoutScore } from "./queue.server";
import { inspectorsOf, scheduleAudit, schedulingContext, workplaceTimeZone } from "./scheduling.server";
import { settingsOf } from "./settings.server";
import { stillShared } from "./workplaces.server";

export interface PlanParams {
  from: string;
  weeks: number;
  type: AuditType;
  dayStarts: string;
  dayEnds: string;
}

/** Next Monday (local), the default start of a plan. */
export function nextMonday(now: number, zone: string): string {
  const today = localDay(now, zone);
  return addLocalDays(today, 8 - weekday(today));
}

export async function generatePlan(db: Db, actor: Actor, params: PlanParams, options: { ip?: string | null; now?: number } = {}) {
  const orgId = actor.membership?.orgId ?? -1;
  authorize(actor, "audits.schedule", { orgId });
  const now = options.now ?? Date.now();
  if (!isLocalDate(params.from)) throw new AuditInvalid("from", "plan.errors.from");
  if (!Number.isInteger(params.weeks) || params.weeks < 1 || params.weeks > 12) throw new AuditInvalid("weeks", "plan.errors.weeks");
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(params.dayStarts)) throw new AuditInvalid("dayStarts", "plan.errors.dayStarts");
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(params.dayEnds) || params.dayEnds <= params.dayStarts) throw new AuditInvalid("dayEnds", "plan.errors.dayEnds");
  if (!["announced", "unannounced", "desk_review"].includes(params.type)) throw new AuditInvalid("type", "plan.errors.type");

  const inspectors = await inspectorsOf(db, orgId);
  const settings = await settingsOf(db, orgId);
  const queue = await priorityQueue(db, actor, now);
  const urgent = await urgentFollowUps(db, orgId, localDay(now, settings.timeZone));
  const followUpPending = await pendingFollowUps(db, orgId);
  // Workplaces the plan does not take, each with its reason (the page lists them all).
  const leftOut: PlanResult["unplaced"] = [];
  const waiting: typeof queue = [];
  for (const q of queue) {
    const proposed = followUpPending.get(q.supplierId);
    if (q.nextAudit) {
      const day = localDay(q.nextAudit.startsAt, settings.timeZone);
      leftOut.push({ supplierId: q.supplierId, name: q.name, reason: `Already scheduled: audit #${q.nextAudit.id} on ${day}.`, said: { key: "plan.unplaced.alreadyScheduled", values: { id: q.nextAudit.id, day } } });
    } else if (proposed) leftOut.push({ supplierId: q.supplierId, name: q.name, reason: `A follow-up is already proposed for ${proposed} (from a critical finding): accept or reject it below.`, said: { key: "plan.unplaced.followUpProposed", values: { day: proposed } } });
    else waiting.push(q);
  }
  const capacity = inspectors.length * params.weeks * 5 * settings.maxAuditsPerInspectorPerDay;
  // Workplaces far beyond the plan's capacity cannot be placed anyway: they are left out for that
  // reason without asking the conflict checker about every slot for each.
  const rankOf = new Map(queue.map((q, i) => [q.supplierId, i + 1]));
  const candidates = waiting.slice(0, capacity + 25).map((q) => {
    const why = urgent.get(q.supplierId);
    const rank = reasonLine(rankOf.get(q.supplierId)!, q);
    const keyed: ProposalWhy = {
      rank: rankOf.get(q.supplierId)!,
      priority: q.priority,
      parts: q.why.map((w) => ({ key: w.key, values: w.values, points: w.points })),
      followUp: why ? { interval: settings.minDaysBetweenAudits, why: why.said } : null,
    };
    return { supplierId: q.supplierId, name: q.name, priority: q.priority, reason: why ? `${rank}. Follow-up inside the ${settings.minDaysBetweenAudits}-day interval: ${why.text}` : rank, why: keyed, followUp: why ? { of: why.auditId } : null };
  });
  const end = addLocalDays(params.from, params.weeks * 7);
  const context = await schedulingContext(db, orgId, Date.parse(`${params.from}T00:00:00Z`) - 86_400_000, Date.parse(`${end}T00:00:00Z`) + 86_400_000);
  const planned = planAudits({ candidates, inspectors, from: params.from, weeks: params.weeks, dayStarts: params.dayStarts, dayEnds: params.dayEnds, type: params.type, context });
  const beyond = waiting.slice(capacity + 25).map((q) => ({ supplierId: q.supplierId, name: q.name, reason: `No capacity: the plan's ${planned.slots} slots went to workplaces of higher priority.`, said: { key: "plan.unplaced.beyond", values: { count: planned.slots } } }));
  const result = { ...planned, unplaced: [...planned.unplaced, ...beyond, ...leftOut] };

  return await inTransaction(db, async () => {
      // Every pending proposal of an earlier plan, its follow-ups too; those a critical finding proposed (no plan) stay.
      await db.update(auditProposals).set({ status: "superseded", decidedAt: new Date(now) }).where(and(eq(auditProposals.orgId, orgId), eq(auditProposals.status, "pending"), or(isNotNull(auditProposals.planId), isNull(auditProposals.followUpOf))));
      const plan = onlyRow(await db
            .insert(auditPlans)
            .values({
              orgId,
              params: { ...params },
              proposed: result.proposals.length,
              unplaced: result.unplaced.slice(0, 100),
              // The English line with its keys (plan-text.ts), as JSON in the text column.
              nothingFits: result.nothingFits === null ? null : storeText({ en: result.nothingFits, ...(result.nothingFitsSaid ? { said: result.nothingFitsSaid } : {}) }),
              createdBy: actor.user.id,
              createdAt: new Date(now),
            })
            .returning({ id: auditPlans.id }));
      const priorities = new Map(candidates.map((c) => [c.supplierId, c.priority]));
      for (const p of result.proposals) {
        await db.insert(auditProposals)
                  .values({ orgId, planId: plan.id, supplierId: p.supplierId, type: p.type, followUpOf: p.followUpOf, leadInspectorId: p.inspectorId, startsAt: new Date(p.startsAt), endsAt: new Date(p.endsAt), priority: priorities.get(p.supplierId) ?? null, reason: storeText({ en: p.reason, ...(p.why ? { why: p.why } : {}) }), createdBy: actor.user.id, createdAt: new Date(now) });
      }
      await recordEvent(db, { action: "audit.plan_generated", actorUserId: actor.user.id, orgId, targetType: "audit_plan", targetId: plan.id, ip: options.ip, details: { ...params, proposed: result.proposals.length, unplaced: result.unplaced.length } }, now);
      return { planId: plan.id, ...result };
    });
}

const shortDate = (day: string) => format(parseISO(day), "d MMM yyyy");
const indicatorLabel = (code: string) => INDICATORS.find((i) => i.code === code)?.label ?? code;

/**
 * Workplaces where something found cannot wait for the minimum interval, with why, in words:
 * the earliest overdue corrective action ("corrective action overdue since 3 Nov 2026: …"), else
 * a critical finding of the latest audit that took place whose corrective actions are not all
 * verified closed (none recorded counts as open). The follow-up follows that audit.
 */
async function urgentFollowUps(db: Db, orgId: number, today: string): Promise<Map<number, { auditId: number; text: string; said: Said }>> {
  const urgent = new Map<number, { auditId: number; text: string; said: Said }>();
  const overdue = await rawAll<{ supplierId: number; auditId: number; dueOn: string; description: string }>(
    db,
    `select supplier_id as supplierId, audit_id as auditId, due_on as dueOn, description from corrective_actions
       where org_id = ? and status in ('open', 'in_progress') and due_on < ? order by due_on, id`,
    orgId,
    today,
  );
  for (const a of overdue) {
    if (urgent.has(a.supplierId)) continue;
    const text = a.description.length > 140 ? `${a.description.slice(0, 139)}…` : a.description;
    const since = addLocalDays(a.dueOn, 1);
    urgent.set(a.supplierId, { auditId: a.auditId, text: `corrective action overdue since ${shortDate(since)}: ${text}`, said: { key: "plan.reason.overdueAction", values: { day: since, text } } });
  }
  const critical = await rawAll<{ supplierId: number; auditId: number; indicator: string }>(
    db,
    `select a.supplier_id as supplierId, a.id as auditId, f.indicator from findings f join audits a on a.id = f.audit_id
       where a.org_id = ? and f.result = 'critical' and a.status in ('in_progress', 'completed', 'report_issued')
         and not exists (select 1 from audits later where later.org_id = a.org_id and later.supplier_id = a.supplier_id and later.starts_at > a.starts_at
                          and later.status in ('in_progress', 'completed', 'report_issued'))
         and (not exists (select 1 from corrective_actions c where c.finding_id = f.id)
              or exists (select 1 from corrective_actions c where c.finding_id = f.id and c.status != 'verified_closed'))
       order by a.id, f.indicator`,
    orgId,
  );
  for (const f of critical) {
    if (!urgent.has(f.supplierId)) urgent.set(f.supplierId, { auditId: f.auditId, text: `open critical finding in audit #${f.auditId}: ${indicatorLabel(f.indicator)}`, said: { key: "plan.reason.criticalFinding", values: { id: f.auditId, indicator: f.indicator } } });
  }
  return urgent;
}

/** Local days of the pending follow-ups a critical finding proposed (outside any plan), by workplace. */
async function pendingFollowUps(db: Db, orgId: number): Promise<Map<number, string>> {
  const zone = (await settingsOf(db, orgId)).timeZone;
  const rows = await db
      .select({ supplierId: auditProposals.supplierId, startsAt: auditProposals.startsAt })
      .from(auditProposals)
      .where(and(eq(auditProposals.orgId, orgId), eq(auditProposals.status, "pending"), isNull(auditProposals.planId), isNotNull(auditProposals.followUpOf)));
  return new Map(rows.map((r) => [r.supplierId, localDay(r.startsAt.getTime(), zone)]));
}

/** The latest plan; `nothingFits` is its English line, `nothingFitsText` the same with its keys (plan-text.ts). */
export async function latestPlan(db: Db, orgId: number) {
  const plan = firstRow(await db.select().from(auditPlans).where(eq(auditPlans.orgId, orgId)).orderBy(desc(auditPlans.id)).limit(1));
  if (!plan) return null;
  const nothingFitsText = plan.nothingFits === null ? null : readText(plan.nothingFits);
  return { ...plan, unplaced: plan.unplaced as PlanResult["unplaced"], nothingFits: nothingFitsText?.en ?? null, nothingFitsText, createdAt: plan.createdAt.getTime() };
}

export interface ProposalView {
  id: number;
  supplierId: number;
  supplierName: string;
  type: AuditType;
  leadInspectorId: number;
  lead: string;
  startsAt: number;
  endsAt: number;
  /** Why it is proposed, in English (the line as written, its score taken out once no longer shared). */
  reason: string;
  /** The same with its keys, for the page in the reader's language (plan-text.ts). */
  reasonText: StoredText;
  followUpOf: number | null;
  /** The workplace's zone, which the audit's times will be in. */
  placeZone: string;
}

/**
 * The pending proposals, for workplaces the company still shares: one whose share was revoked
 * cannot be accepted (no new scheduling), so it is not offered. Names come from the scoped view;
 * a reason written while scores were shared loses its score once they no longer are.
 */
export async function pendingProposals(db: Db, actor: Actor): Promise<ProposalView[]> {
  const orgId = actor.membership?.orgId ?? -1;
  authorize(actor, "audits.view", { orgId });
  const rows = await db
      .select({
        id: auditProposals.id,
        supplierId: auditProposals.supplierId,
        type: auditProposals.type,
        leadInspectorId: auditProposals.leadInspectorId,
        lead: users.name,
        startsAt: auditProposals.startsAt,
        endsAt: auditProposals.endsAt,
        reason: auditProposals.reason,
        followUpOf: auditProposals.followUpOf,
      })
      .from(auditProposals)
      .innerJoin(users, eq(users.id, auditProposals.leadInspectorId))
      .where(and(eq(auditProposals.orgId, orgId), eq(auditProposals.status, "pending")))
      .orderBy(auditProposals.startsAt, auditProposals.id);
  const live = await stillShared(db, orgId, rows.map((p) => p.supplierId));
  const zone = (await settingsOf(db, orgId)).timeZone;
  return rows.flatMap((p) => {
    const workplace = live.get(p.supplierId);
    if (!workplace) return [];
    const stored = readText(p.reason);
    const reasonText: StoredText = workplace.scoreShared ? stored : { ...stored, en: withoutScore(stored.en), ...(stored.why ? { why: whyWithoutScore(stored.why) } : {}) };
    return [{ ...p, supplierName: workplace.name, reason: reasonText.en, reasonText, startsAt: p.startsAt.getTime(), endsAt: p.endsAt.getTime(), placeZone: workplaceZone(workplace.country, zone) }];
  });
}

async function requirePendingProposal(db: Db, actor: Actor, proposalId: number) {
  const p = firstRow(await db.select().from(auditProposals).where(eq(auditProposals.id, proposalId)));
  if (!p) throw new NotFound();
  authorize(actor, "audits.schedule", { orgId: p.orgId });
  if (p.status !== "pending") throw new AuditInvalid("form", `plan.errors.already.${p.status}`);
  return p;
}

/** The proposal's values as the schedule form takes them ("change" opens the form prefilled). */
export async function proposalAsForm(db: Db, actor: Actor, proposalId: number) {
  const p = await requirePendingProposal(db, actor, proposalId);
  // In the workplace's zone, as the schedule form reads its times.
  const zone = await workplaceTimeZone(db, actor, p.supplierId);
  return { proposalId: p.id, supplierId: p.supplierId, type: p.type, startsAt: localDateTime(p.startsAt.getTime(), zone), endsAt: localDateTime(p.endsAt.getTime(), zone), leadInspectorId: p.leadInspectorId, followUpOf: p.followUpOf };
}

/** Accepts a proposal as it stands, or as changed in the schedule form; returns the audit id. */
export async function acceptProposal(db: Db, actor: Actor, proposalId: number, input: Parameters<typeof scheduleAudit>[2] | null, options: { ip?: string | null; now?: number } = {}): Promise<number> {
  const p = await requirePendingProposal(db, actor, proposalId);
  const now = options.now ?? Date.now();
  const zone = await workplaceTimeZone(db, actor, p.supplierId);
  const values = input ?? { supplierId: p.supplierId, type: p.type, startsAt: localDateTime(p.startsAt.getTime(), zone), endsAt: localDateTime(p.endsAt.getTime(), zone), leadInspectorId: p.leadInspectorId, teamIds: [], notes: "", followUpOf: p.followUpOf };
  return await inTransaction(db, async () => {
      const auditId = await scheduleAudit(db, actor, values, options);
      await db.update(auditProposals).set({ status: "accepted", auditId, decidedBy: actor.user.id, decidedAt: new Date(now) }).where(eq(auditProposals.id, proposalId));
      return auditId;
    });
}

export async function rejectProposal(db: Db, actor: Actor, proposalId: number, reason: string, options: { ip?: string | null; now?: number } = {}): Promise<void> {
  const p = await requirePendingProposal(db, actor, proposalId);
  const now = options.now ?? Date.now();
  const why = reason.trim();
  if (why.length > 1000) throw new AuditInvalid("reason", "errors.reasonTooLong", { max: 1000 });
  await db.update(auditProposals).set({ status: "rejected", decidedBy: actor.user.id, decidedAt: new Date(now), decisionReason: why || null }).where(eq(auditProposals.id, proposalId));
  await recordEvent(db, { action: "audit.proposal_rejected", actorUserId: actor.user.id, orgId: p.orgId, targetType: "audit_proposal", targetId: proposalId, ip: options.ip, details: { supplierId: p.supplierId, reason: why || null } }, now);
}
