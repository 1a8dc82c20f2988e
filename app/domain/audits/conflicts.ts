/**
 * The scheduling rules, as one pure function used by the schedule form, rescheduling, accepting a
 * proposal and the planner alike: an inspector is booked twice, is on leave, would exceed the
 * inspectorate's daily limit, or the workplace was audited too recently (unless follow-up).
 */
import type { AuditType } from "#db/schema";
import { daysBetween, daysOfWindow, localDay } from "./local-time";

export interface SchedulingRules {
  timeZone: string;
  maxAuditsPerInspectorPerDay: number;
  minDaysBetweenAudits: number;
}

export interface ProposedAudit {
  /** Set when rescheduling: the audit itself is not a conflict. */
  auditId?: number;
  supplierId: number;
  type: AuditType;
  startsAt: number;
  endsAt: number;
  inspectorIds: number[];
}

/** An audit that already holds time (cancelled ones are left out by the caller). */
export interface BookedAudit {
  id: number;
  supplierId: number;
  supplierName?: string;
  type: AuditType;
  startsAt: number;
  endsAt: number;
  inspectorIds: number[];
}

export interface Unavailability {
  userId: number;
  startsOn: string;
  endsOn: string;
  reason: string;
}

export type ConflictCode = "inspector_booked" | "inspector_unavailable" | "daily_limit" | "recent_audit";

export interface Conflict {
  code: ConflictCode;
  inspectorId?: number;
  auditId?: number;
  /**
   * What the sentence names: the sentence itself is the catalog's "audits:conflict.<code>", said
   * in the reader's language by the pages and in English for logs and the planner
   * (conflict-text.ts), so that no language is built in here (issue 18).
   */
  params: ConflictParams;
}

export interface ConflictParams {
  name?: string;
  /** The other audit's local day, and its workplace. */
  auditDay?: string;
  supplierName?: string;
  from?: string;
  to?: string;
  reason?: string;
  booked?: number;
  day?: string;
  limit?: number;
  apart?: number;
  minDays?: number;
}

export interface SchedulingContext {
  rules: SchedulingRules;
  audits: readonly BookedAudit[];
  unavailability: readonly Unavailability[];
  /** Inspector names for the messages. */
  names: ReadonlyMap<number, string>;
}

/** The local days of a booked audit, computed once per audit object (the planner asks thousands of times). */
const bookedDays = new WeakMap<BookedAudit, string[]>();
function daysOf(a: BookedAudit, zone: string): string[] {
  let days = bookedDays.get(a);
  if (!days) bookedDays.set(a, (days = daysOfWindow(a.startsAt, a.endsAt, zone)));
  return days;
}

const overlaps = (a: { startsAt: number; endsAt: number }, b: { startsAt: number; endsAt: number }) => a.startsAt < b.endsAt && b.startsAt < a.endsAt;

export function findConflicts(p: ProposedAudit, ctx: SchedulingContext): Conflict[] {
  const { rules } = ctx;
  const zone = rules.timeZone;
  const others = ctx.audits.filter((a) => a.id !== p.auditId);
  const days = daysOfWindow(p.startsAt, p.endsAt, zone);
  const conflicts: Conflict[] = [];
  const other = (a: BookedAudit) => ({ auditDay: localDay(a.startsAt, zone), ...(a.supplierName ? { supplierName: a.supplierName } : {}) });

  for (const inspectorId of [...new Set(p.inspectorIds)]) {
    const known = ctx.names.get(inspectorId);
    // Without a known name the sentence says "Inspector <id>" from the catalog.
    const who = known ? { name: known } : {};
    const theirs = others.filter((a) => a.inspectorIds.includes(inspectorId));
    for (const a of theirs.filter((a) => overlaps(a, p))) {
      conflicts.push({ code: "inspector_booked", inspectorId, auditId: a.id, params: { ...who, ...other(a) } });
    }
    for (const u of ctx.unavailability.filter((u) => u.userId === inspectorId && u.startsOn <= days[days.length - 1]! && u.endsOn >= days[0]!)) {
      conflicts.push({ code: "inspector_unavailable", inspectorId, params: { ...who, from: u.startsOn, to: u.endsOn, reason: u.reason } });
    }
    for (const day of days) {
      const booked = theirs.filter((a) => daysOf(a, zone).includes(day)).length;
      if (booked + 1 > rules.maxAuditsPerInspectorPerDay) {
        conflicts.push({ code: "daily_limit", inspectorId, params: { ...who, booked, day, limit: rules.maxAuditsPerInspectorPerDay } });
      }
    }
  }

  if (p.type !== "follow_up") {
    const day = days[0]!;
    for (const a of others.filter((a) => a.supplierId === p.supplierId)) {
      const apart = Math.abs(daysBetween(localDay(a.startsAt, zone), day));
      if (apart < rules.minDaysBetweenAudits) {
        conflicts.push({
          code: "recent_audit",
          auditId: a.id,
          params: { ...other(a), apart, minDays: rules.minDaysBetweenAudits },
        });
      }
    }
  }
  return conflicts;
}
