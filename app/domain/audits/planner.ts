/**
 * Plan suggestion: a greedy schedule for the next N weeks. Workplaces are taken in priority
 * order; each gets the earliest working-day slot with the least-loaded inspector for whom the
 * conflict checker finds nothing. Greedy is not optimal, but every proposal is valid by the same
 * rules as a hand-made audit, and every workplace left out says why.
 *
 * A workplace with an overdue corrective action or an open critical finding is not made to wait
 * for the minimum interval: the caller marks it `followUp`, and it is proposed as a follow-up
 * audit, which the interval does not bind (conflicts.ts), with the reason in its proposal line.
 */
import type { AuditType } from "#db/schema";
import { conflictInEnglish } from "./conflict-text.server";
import { findConflicts, type BookedAudit, type Conflict, type ConflictCode, type SchedulingContext } from "./conflicts";
import { addLocalDays, fromLocal, weekday } from "./local-time";
import { conflictSaid, type ProposalWhy, type Said } from "./plan-text";

export interface PlanCandidate {
  supplierId: number;
  name: string;
  priority: number;
  /** One line: why this workplace ranks where it does. */
  reason: string;
  /**
   * Set when something found at the workplace cannot wait for the minimum interval (an overdue
   * corrective action, an open critical finding): proposed as a follow-up of audit `of`.
   */
  followUp?: { of: number | null } | null;
  /** The same reason as catalog keys (issue 18), stored with the proposal. */
  why?: ProposalWhy;
}

export interface PlanRequest {
  candidates: readonly PlanCandidate[];
  inspectors: readonly { id: number; name: string }[];
  /** First day of the plan, YYYY-MM-DD (local). */
  from: string;
  weeks: number;
  /** Local working hours, "HH:mm". The day is split into as many slots as the daily limit. */
  dayStarts: string;
  dayEnds: string;
  type: AuditType;
  context: SchedulingContext;
}

export interface PlannedAudit {
  supplierId: number;
  type: AuditType;
  followUpOf: number | null;
  inspectorId: number;
  startsAt: number;
  endsAt: number;
  reason: string;
  why?: ProposalWhy;
}

export interface PlanResult {
  proposals: PlannedAudit[];
  /** Each with its reason in English and, as catalog keys, in `said`. */
  unplaced: { supplierId: number; name: string; reason: string; said?: Said }[];
  /** When nothing could be proposed at all, why. */
  nothingFits: string | null;
  nothingFitsSaid: Said | null;
  slots: number;
}

interface Slot {
  day: string;
  startsAt: number;
  endsAt: number;
}

function slotsOf(r: PlanRequest): Slot[] {
  const perDay = Math.max(1, r.context.rules.maxAuditsPerInspectorPerDay);
  const slots: Slot[] = [];
  for (let i = 0; i < r.weeks * 7; i++) {
    const day = addLocalDays(r.from, i);
    if (weekday(day) > 5) continue;
    const start = fromLocal(`${day}T${r.dayStarts}`, r.context.rules.timeZone)!;
    const end = fromLocal(`${day}T${r.dayEnds}`, r.context.rules.timeZone)!;
    const length = Math.floor((end - start) / perDay);
    for (let k = 0; k < perDay; k++) slots.push({ day, startsAt: start + k * length, endsAt: start + (k + 1) * length });
  }
  return slots;
}

const EXPLANATIONS: Record<ConflictCode, string> = {
  recent_audit: "not due: audited or already scheduled within the minimum interval",
  inspector_unavailable: "every inspector is on leave or otherwise unavailable on the free days",
  inspector_booked: "every inspector is already booked on the free slots",
  daily_limit: "every inspector has reached the daily limit on the free days",
};

/** The most telling reason a workplace found no slot: the conflict that blocked most tries. */
function whyUnplaced(seen: Conflict[]): { reason: string; said: Said } {
  const recent = seen.find((c) => c.code === "recent_audit");
  if (recent) return { reason: `Not due yet: ${conflictInEnglish(recent)}`, said: { key: "plan.unplaced.notDue", values: { conflict: conflictSaid(recent) } } };
  const counts = new Map<ConflictCode, number>();
  for (const c of seen) counts.set(c.code, (counts.get(c.code) ?? 0) + 1);
  const top = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
  return top ? { reason: `No capacity: no slot in the plan's weeks, ${EXPLANATIONS[top[0]]}.`, said: { key: `plan.unplaced.${top[0]}` } } : { reason: "No capacity: no slot in the plan's weeks.", said: { key: "plan.unplaced.noSlot" } };
}

export function planAudits(r: PlanRequest): PlanResult {
  const slots = slotsOf(r);
  const empty = (why: string, said: Said): PlanResult => ({ proposals: [], unplaced: r.candidates.map((c) => ({ supplierId: c.supplierId, name: c.name, reason: why, said })), nothingFits: why, nothingFitsSaid: said, slots: slots.length });
  if (r.inspectors.length === 0) return empty("The inspectorate has no inspectors (members with the admin or member role) to assign.", { key: "plan.unplaced.noInspectors" });
  if (slots.length === 0) return empty("The plan covers no working day (Monday to Friday).", { key: "plan.unplaced.noWorkingDay" });
  if (r.candidates.length === 0) return { proposals: [], unplaced: [], nothingFits: "No workplace in the jurisdiction is waiting for an audit.", nothingFitsSaid: { key: "plan.unplaced.noCandidates" }, slots: slots.length };

  const booked: BookedAudit[] = [...r.context.audits];
  const load = new Map(r.inspectors.map((i) => [i.id, 0]));
  const proposals: PlannedAudit[] = [];
  const unplaced: PlanResult["unplaced"] = [];
  let nextId = -1;

  // A slot and inspector refused for the inspector's own reasons (booked, away, daily limit) stay
  // refused for every later workplace, since bookings only grow: remember them instead of asking again.
  const blocked = new Map<string, Conflict[]>();

  for (const candidate of r.candidates) {
    const seen: Conflict[] = [];
    let placed: PlannedAudit | null = null;
    for (const [index, slot] of slots.entries()) {
      // The least-loaded inspector first, so the plan spreads the work.
      const inspectors = [...r.inspectors].sort((a, b) => load.get(a.id)! - load.get(b.id)! || a.id - b.id);
      for (const inspector of inspectors) {
        const key = `${index}:${inspector.id}`;
        const known = blocked.get(key);
        if (known) {
          seen.push(...known);
          continue;
        }
        const type: AuditType = candidate.followUp ? "follow_up" : r.type;
        const proposal = { supplierId: candidate.supplierId, type, startsAt: slot.startsAt, endsAt: slot.endsAt, inspectorIds: [inspector.id] };
        const conflicts = findConflicts(proposal, { ...r.context, audits: booked });
        if (conflicts.length === 0) {
          placed = { supplierId: candidate.supplierId, type, followUpOf: candidate.followUp?.of ?? null, inspectorId: inspector.id, startsAt: slot.startsAt, endsAt: slot.endsAt, reason: candidate.reason, ...(candidate.why ? { why: candidate.why } : {}) };
          break;
        }
        seen.push(...conflicts);
        const own = conflicts.filter((c) => c.code !== "recent_audit");
        if (own.length) blocked.set(key, own);
        // A workplace audited too recently will not fit with another inspector on the same day.
        if (conflicts.some((c) => c.code === "recent_audit")) break;
      }
      if (placed) break;
    }
    if (!placed) {
      unplaced.push({ supplierId: candidate.supplierId, name: candidate.name, ...whyUnplaced(seen) });
      continue;
    }
    proposals.push(placed);
    load.set(placed.inspectorId, load.get(placed.inspectorId)! + 1);
    booked.push({ id: nextId--, supplierId: placed.supplierId, supplierName: candidate.name, type: placed.type, startsAt: placed.startsAt, endsAt: placed.endsAt, inspectorIds: [placed.inspectorId] });
  }
  const nothingFits = proposals.length === 0 ? `Nothing fits: ${unplaced[0]?.reason ?? "no slot"}` : null;
  const nothingFitsSaid: Said | null = proposals.length === 0 ? { key: "plan.unplaced.nothingFits", values: { reason: unplaced[0]?.said ?? { key: "plan.unplaced.noSlot" } } } : null;
  return { proposals, unplaced, nothingFits, nothingFitsSaid, slots: slots.length };
}
