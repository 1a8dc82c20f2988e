/**
 * The scheduling rules on hand-made cases: the conflict checker, the planner (including plans
 * where nothing fits, which must say why), the priority and the status machine.
 */
import { describe, expect, it } from "vitest";
import { conflictInEnglish } from "~/domain/audits/conflict-text.server";
import { findConflicts, type BookedAudit, type SchedulingContext } from "~/domain/audits/conflicts";
import { fromLocal, localDay } from "~/domain/audits/local-time";
import { planAudits, type PlanRequest } from "~/domain/audits/planner";
import { priorityOf } from "~/domain/audits/priority";
import { transitionProblem, type TRANSITIONS } from "~/domain/audits/status";

const ZONE = "Asia/Kuala_Lumpur";
const at = (local: string) => fromLocal(local, ZONE)!;
const names = new Map([
  [1, "Aminah"],
  [2, "Budi"],
]);

function context(over: Partial<SchedulingContext> = {}): SchedulingContext {
  return { rules: { timeZone: ZONE, maxAuditsPerInspectorPerDay: 2, minDaysBetweenAudits: 180 }, audits: [], unavailability: [], names, ...over };
}

const booked = (id: number, supplierId: number, from: string, to: string, inspectorIds: number[], type: BookedAudit["type"] = "announced"): BookedAudit => ({ id, supplierId, type, startsAt: at(from), endsAt: at(to), inspectorIds });

describe("local time", () => {
  it("reads and writes times in the inspectorate's zone, and refuses impossible dates", () => {
    expect(at("2026-12-01T09:00")).toBe(Date.parse("2026-12-01T01:00:00Z"));
    expect(localDay(Date.parse("2026-11-30T17:00:00Z"), ZONE)).toBe("2026-12-01");
    expect(fromLocal("2026-02-31T09:00", ZONE)).toBeNull();
    expect(fromLocal("tomorrow", ZONE)).toBeNull();
  });
});

describe("conflict checker", () => {
  const proposal = { supplierId: 10, type: "announced" as const, startsAt: at("2026-12-02T09:00"), endsAt: at("2026-12-02T12:00"), inspectorIds: [1] };

  it("finds nothing on an empty calendar", () => {
    expect(findConflicts(proposal, context())).toEqual([]);
  });

  it("explains an inspector booked at an overlapping time, but not back-to-back", () => {
    const overlap = findConflicts(proposal, context({ audits: [booked(5, 11, "2026-12-02T11:00", "2026-12-02T15:00", [1])] }));
    expect(overlap.map((c) => c.code)).toEqual(["inspector_booked"]);
    expect(conflictInEnglish(overlap[0]!)).toContain("Aminah is already booked then: 2026-12-02 (audit #5");
    expect(findConflicts(proposal, context({ audits: [booked(5, 11, "2026-12-02T12:00", "2026-12-02T15:00", [1])] }))).toEqual([]);
  });

  it("explains leave on any day of the window, by the local date", () => {
    const conflicts = findConflicts(proposal, context({ unavailability: [{ userId: 1, startsOn: "2026-12-02", endsOn: "2026-12-04", reason: "annual leave" }] }));
    expect(conflicts.map((c) => c.code)).toEqual(["inspector_unavailable"]);
    expect(conflictInEnglish(conflicts[0]!)).toBe("Aminah is unavailable from 2026-12-02 to 2026-12-04 (annual leave).");
    expect(findConflicts(proposal, context({ unavailability: [{ userId: 2, startsOn: "2026-12-02", endsOn: "2026-12-02", reason: "leave" }] }))).toEqual([]);
  });

  it("enforces the daily limit per inspector", () => {
    const audits = [booked(5, 11, "2026-12-02T07:00", "2026-12-02T08:00", [1]), booked(6, 12, "2026-12-02T13:00", "2026-12-02T14:00", [1])];
    const conflicts = findConflicts(proposal, context({ audits }));
    expect(conflicts.map((c) => c.code)).toEqual(["daily_limit"]);
    expect(conflictInEnglish(conflicts[0]!)).toContain("already has 2 audits on 2026-12-02; the inspectorate's limit is 2 a day");
    expect(findConflicts(proposal, context({ audits: audits.slice(0, 1) }))).toEqual([]);
  });

  it("refuses the same workplace within the interval unless it is a follow-up", () => {
    const audits = [booked(7, 10, "2026-09-01T09:00", "2026-09-01T17:00", [2])];
    const conflicts = findConflicts(proposal, context({ audits }));
    expect(conflicts.map((c) => c.code)).toEqual(["recent_audit"]);
    expect(conflictInEnglish(conflicts[0]!)).toContain("92 days apart");
    expect(findConflicts({ ...proposal, type: "follow_up" }, context({ audits }))).toEqual([]);
    expect(findConflicts(proposal, context({ audits, rules: { timeZone: ZONE, maxAuditsPerInspectorPerDay: 2, minDaysBetweenAudits: 90 } }))).toEqual([]);
  });

  it("ignores the audit being rescheduled and reports every inspector of the team", () => {
    const audits = [booked(8, 10, "2026-12-02T09:00", "2026-12-02T12:00", [1, 2])];
    expect(findConflicts({ ...proposal, auditId: 8, inspectorIds: [1, 2] }, context({ audits }))).toEqual([]);
    const conflicts = findConflicts({ ...proposal, supplierId: 99, inspectorIds: [1, 2] }, context({ audits }));
    expect(conflicts.filter((c) => c.code === "inspector_booked").map((c) => c.inspectorId)).toEqual([1, 2]);
  });
});

describe("planner", () => {
  const base = (over: Partial<PlanRequest> = {}): PlanRequest => ({
    candidates: [
      { supplierId: 1, name: "A", priority: 120, reason: "rank 1" },
      { supplierId: 2, name: "B", priority: 100, reason: "rank 2" },
      { supplierId: 3, name: "C", priority: 90, reason: "rank 3" },
    ],
    inspectors: [
      { id: 1, name: "Aminah" },
      { id: 2, name: "Budi" },
    ],
    from: "2026-12-07",
    weeks: 1,
    dayStarts: "09:00",
    dayEnds: "17:00",
    type: "announced",
    context: context(),
    ...over,
  });

  it("places the highest priority first, in the earliest slots, spreading the work", () => {
    const plan = planAudits(base());
    expect(plan.nothingFits).toBeNull();
    expect(plan.proposals.map((p) => [p.supplierId, p.inspectorId, localDay(p.startsAt, ZONE)])).toEqual([
      [1, 1, "2026-12-07"],
      [2, 2, "2026-12-07"],
      [3, 1, "2026-12-07"],
    ]);
    // Two slots a day (the daily limit): 09:00–13:00 and 13:00–17:00.
    expect(plan.proposals[2]!.startsAt).toBe(at("2026-12-07T13:00"));
    expect(plan.slots).toBe(10);
  });

  it("every proposal passes the conflict checker against the others and the existing audits", () => {
    const audits = [booked(9, 50, "2026-12-07T09:00", "2026-12-07T17:00", [1])];
    const unavailability = [{ userId: 2, startsOn: "2026-12-07", endsOn: "2026-12-08", reason: "training" }];
    const candidates = Array.from({ length: 12 }, (_, i) => ({ supplierId: 100 + i, name: `W${i}`, priority: 100 - i, reason: "" }));
    const plan = planAudits(base({ candidates, context: context({ audits, unavailability }) }));
    const placed: BookedAudit[] = [...audits];
    for (const p of plan.proposals) {
      expect(findConflicts({ supplierId: p.supplierId, type: "announced", startsAt: p.startsAt, endsAt: p.endsAt, inspectorIds: [p.inspectorId] }, context({ audits: placed, unavailability }))).toEqual([]);
      placed.push({ id: -p.supplierId, supplierId: p.supplierId, type: "announced", startsAt: p.startsAt, endsAt: p.endsAt, inspectorIds: [p.inspectorId] });
    }
    // Budi is away Monday and Tuesday; Aminah has one audit on Monday (one slot left).
    expect(plan.proposals.filter((p) => p.inspectorId === 2).every((p) => localDay(p.startsAt, ZONE) >= "2026-12-09")).toBe(true);
    expect(plan.proposals).toHaveLength(12);
  });

  it("says why a workplace audited recently is left out", () => {
    const audits = [booked(9, 1, "2026-11-02T09:00", "2026-11-02T17:00", [2])];
    const plan = planAudits(base({ context: context({ audits }) }));
    expect(plan.proposals.map((p) => p.supplierId)).toEqual([2, 3]);
    expect(plan.unplaced).toEqual([{ supplierId: 1, name: "A", reason: expect.stringContaining("at least 180 days apart unless it is a follow-up"), said: expect.objectContaining({ key: "plan.unplaced.notDue" }) }]);
  });

  it("proposes a follow-up inside the interval when the caller marks one (an overdue corrective action), the others still wait", () => {
    const audits = [booked(9, 1, "2026-11-02T09:00", "2026-11-02T17:00", [2]), booked(8, 2, "2026-11-03T09:00", "2026-11-03T17:00", [2])];
    const candidates = [
      { supplierId: 1, name: "A", priority: 100, reason: "Rank 1: corrective action overdue", followUp: { of: 9 } },
      { supplierId: 2, name: "B", priority: 90, reason: "Rank 2" },
    ];
    const plan = planAudits(base({ candidates, context: context({ audits }) }));
    expect(plan.proposals.map((p) => [p.supplierId, p.type, p.followUpOf, p.reason])).toEqual([[1, "follow_up", 9, "Rank 1: corrective action overdue"]]);
    expect(plan.unplaced).toEqual([{ supplierId: 2, name: "B", reason: expect.stringMatching(/^Not due yet: .*at least 180 days apart/), said: expect.objectContaining({ key: "plan.unplaced.notDue" }) }]);
  });

  it("says why nothing fits: everyone on leave", () => {
    const unavailability = [1, 2].map((userId) => ({ userId, startsOn: "2026-12-01", endsOn: "2026-12-31", reason: "leave" }));
    const plan = planAudits(base({ context: context({ unavailability }) }));
    expect(plan.proposals).toEqual([]);
    expect(plan.nothingFits).toBe("Nothing fits: No capacity: no slot in the plan's weeks, every inspector is on leave or otherwise unavailable on the free days.");
  });

  it("says why nothing fits: no inspectors, no working day, nobody waiting", () => {
    expect(planAudits(base({ inspectors: [] })).nothingFits).toContain("has no inspectors");
    expect(planAudits(base({ from: "2026-12-05", weeks: 0 })).nothingFits).toContain("no working day");
    expect(planAudits(base({ candidates: [] })).nothingFits).toContain("No workplace");
  });

  it("leaves out what exceeds capacity, saying the inspectors are booked", () => {
    const candidates = Array.from({ length: 25 }, (_, i) => ({ supplierId: i + 1, name: `W${i}`, priority: 100 - i, reason: "" }));
    const plan = planAudits(base({ candidates, inspectors: [{ id: 1, name: "Aminah" }] }));
    expect(plan.proposals).toHaveLength(10);
    expect(plan.unplaced).toHaveLength(15);
    expect(plan.unplaced[0]!.reason).toMatch(/^No capacity: .*(already booked|daily limit)/);
  });
});

describe("priority", () => {
  it("adds the documented parts and explains each", () => {
    const p = priorityOf({ score: 82, band: "critical", lastAuditOn: null, openActions: 2, overdueActions: 1, recentGrievances: 1, today: "2026-12-01" });
    expect(p.priority).toBe(82 + 20 + 12 + 5);
    expect(p.reasons.map((r) => r.label)).toEqual(["risk score 82 (critical)", "never audited", "2 open corrective actions, 1 overdue", "1 grievance in the last 12 months"]);
  });

  it("grows with time since the last audit up to a cap, and counts an unscored workplace as 50", () => {
    const at = (lastAuditOn: string) => priorityOf({ score: null, band: null, lastAuditOn, openActions: 0, overdueActions: 0, recentGrievances: 0, today: "2026-12-01" }).priority;
    expect(at("2026-12-01")).toBe(50);
    expect(at("2025-12-01")).toBe(60);
    expect(at("2020-01-01")).toBe(70);
  });

  it("caps corrective actions and grievances", () => {
    const p = priorityOf({ score: 10, band: "low", lastAuditOn: "2026-12-01", openActions: 20, overdueActions: 20, recentGrievances: 9, today: "2026-12-01" });
    expect(p.priority).toBe(10 + 0 + 24 + 15);
  });
});

describe("status machine", () => {
  const req = (from: keyof typeof TRANSITIONS, to: keyof typeof TRANSITIONS, over: Partial<Parameters<typeof transitionProblem>[0]> = {}) => transitionProblem({ from, to, startsAt: 1000, now: 2000, reason: "", ...over });

  it("walks planned → confirmed → in progress → completed → report issued", () => {
    expect(req("planned", "confirmed")).toBeNull();
    expect(req("confirmed", "in_progress")).toBeNull();
    expect(req("in_progress", "completed")).toBeNull();
    expect(req("completed", "report_issued")).toBeNull();
  });

  it("refuses skipped and backward steps, and anything after a final status", () => {
    expect(req("planned", "completed")).toBe("A planned audit cannot become completed (it can become: confirmed, cancelled).");
    expect(req("completed", "in_progress")).toContain("cannot become in progress");
    expect(req("cancelled", "planned")).toContain("its status is final");
    expect(req("in_progress", "cancelled")).toContain("cannot become cancelled");
  });

  it("needs a reason to cancel, and does not start an audit before its time", () => {
    expect(req("confirmed", "cancelled")).toBe("Say why the audit is cancelled.");
    expect(req("confirmed", "cancelled", { reason: "workplace closed" })).toBeNull();
    expect(req("confirmed", "in_progress", { now: 500 })).toContain("starts at its scheduled time");
  });
});
