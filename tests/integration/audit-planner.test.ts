/**
 * The planner on real data (issue 17, item 4). On the demo it proposed one audit in four weeks:
 * two of its four shared workplaces already had an audit booked and were dropped without a word,
 * and the one with an overdue corrective action was held back by the 180-day interval. Now the
 * overdue action (or an open critical finding) proposes a follow-up inside the interval, saying
 * why; every workplace left out says why; and a plan fills the inspectors' free slots.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditProposals, audits, organisations, shares, suppliers, users } from "#db/schema";
import { seedDemo } from "#db/seed";
import { addUnavailability } from "~/domain/audits/availability.server";
import { saveFindings } from "~/domain/audits/findings.server";
import { addLocalDays, localDay } from "~/domain/audits/local-time";
import { acceptProposal, generatePlan, nextMonday, pendingProposals } from "~/domain/audits/plan.server";
import { changeAuditStatus, scheduleAudit } from "~/domain/audits/scheduling.server";
import { DEFAULT_SETTINGS, updateSettings } from "~/domain/audits/settings.server";
import { scoreOrganisation } from "~/domain/risk/scoring.server";
import { createTestDb } from "../support/db";
import { actorFor, makeOrgWithRoles } from "../support/factories";
import { firstRow, rawRun } from "../../db/client";

const ZONE = "Asia/Kuala_Lumpur";
const now = Date.now();

async function demoInspector() {
  const db = createTestDb();
  await seedDemo(db);
  const user = firstRow(await db.select().from(users).where(eq(users.email, "inspector@inspectorate.example")))!;
  const org = firstRow(await db.select().from(organisations).where(eq(organisations.type, "inspectorate")))!;
  return { db, actor: await actorFor(db, user.id, org.id) };
}

describe("the planner on the demo", () => {
  it("proposes the overdue corrective action's follow-up inside the interval, and says why each other workplace is left out", async () => {
    const { db, actor } = await demoInspector();
    const plan = await generatePlan(db, actor, { from: nextMonday(now, ZONE), weeks: 4, type: "announced", dayStarts: "09:00", dayEnds: "17:00" }, { now });
    const names = new Map((await db.select({ id: suppliers.id, name: suppliers.name }).from(suppliers)).map((s) => [s.id, s.name]));
    const proposed = plan.proposals.map((p) => [names.get(p.supplierId), p.type]);
    expect(proposed).toEqual([
      ["Andaman Fishing Fleet Ltd", "announced"],
      ["Ladang Minyak Sejahtera Sdn Bhd", "follow_up"],
    ]);
    // Ladang was audited 75 days ago, well inside the 180 days: its follow-up says why it comes anyway.
    const ladang = plan.proposals.find((p) => p.type === "follow_up")!;
    const done = firstRow(await db.select().from(audits).where(eq(audits.status, "completed")))!;
    expect(ladang.followUpOf).toBe(done.id);
    expect(ladang.reason).toMatch(/^Rank 4, priority [\d.]+: .*\. Follow-up inside the 180-day interval: corrective action overdue since \d{1,2} [A-Z][a-z]{2} \d{4}: Cap shifts at 12 hours/);
    // The two with an audit already booked are listed with it, not dropped.
    expect(plan.unplaced.map((u) => [u.name, u.reason.replace(/#\d+ on [\d-]+/, "#N on DAY")])).toEqual([
      ["Kebun Sawit Harapan Sdn Bhd", "Already scheduled: audit #N on DAY."],
      ["Siam Ocean Seafood Processing Co.", "Already scheduled: audit #N on DAY."],
    ]);
    expect(plan.nothingFits).toBeNull();

    // Accepting the follow-up schedules it inside the interval, linked to the audit it follows.
    const pending = (await pendingProposals(db, actor)).find((p) => p.type === "follow_up")!;
    expect(pending.followUpOf).toBe(done.id);
    const auditId = await acceptProposal(db, actor, pending.id, null);
    expect(firstRow(await db.select().from(audits).where(eq(audits.id, auditId)))).toMatchObject({ type: "follow_up", followUpOf: done.id });

    // A new plan replaces the first plan's proposals, its follow-ups too: no duplicates pile up.
    await generatePlan(db, actor, { from: nextMonday(now, ZONE), weeks: 4, type: "announced", dayStarts: "09:00", dayEnds: "17:00" }, { now });
    const left = await pendingProposals(db, actor);
    expect(left.map((p) => names.get(p.supplierId))).toEqual(["Andaman Fishing Fleet Ltd"]);
  });
});

describe("the planner fills the free slots", () => {
  async function world(workplaces: number) {
    const db = createTestDb();
    const company = await makeOrgWithRoles(db, "company");
    const inspectorate = await makeOrgWithRoles(db, "inspectorate");
    await rawRun(db, `update organisations set jurisdictions = '["MY"]' where id = ?`, inspectorate.org.id);
    await updateSettings(db, inspectorate.admin.actor, inspectorate.org.id, { ...DEFAULT_SETTINGS, timeZone: ZONE, maxAuditsPerInspectorPerDay: 1 }, null);
    for (let i = 0; i < workplaces; i++) {
      await db.insert(suppliers).values({ orgId: company.org.id, externalId: `W${i}`, name: `Estate ${String(i).padStart(2, "0")}`, country: "MY", sector: "Agriculture", products: [], indicators: {} });
    }
    await scoreOrganisation(db, company.org.id, { cause: "test" });
    await db.insert(shares).values({ fromOrgId: company.org.id, toOrgId: inspectorate.org.id, scope: ["identity", "scores", "indicators", "audits"], filter: {} });
    return { db, company, inspectorate };
  }

  it("gives every free day of every inspector a workplace, and says 'no capacity' for the rest", async () => {
    const w = await world(9);
    const from = nextMonday(now, ZONE);
    // The admin is away Wednesday to Friday: 2 inspectors × 5 days − 3 days away = 7 slots.
    await addUnavailability(w.db, w.inspectorate.admin.actor, { userId: w.inspectorate.admin.user.id, startsOn: addLocalDays(from, 2), endsOn: addLocalDays(from, 4), reason: "Training" }, null);
    const plan = await generatePlan(w.db, w.inspectorate.admin.actor, { from, weeks: 1, type: "announced", dayStarts: "09:00", dayEnds: "17:00" }, { now });
    expect(plan.proposals).toHaveLength(7);
    const days = plan.proposals.map((p) => `${p.inspectorId}:${localDay(p.startsAt, ZONE)}`);
    expect(new Set(days).size).toBe(7);
    expect(days.filter((d) => d.startsWith(`${w.inspectorate.admin.user.id}:`)).map((d) => d.split(":")[1])).toEqual([from, addLocalDays(from, 1)]);
    expect(plan.unplaced).toHaveLength(2);
    for (const u of plan.unplaced) expect(u.reason).toMatch(/^No capacity: /);
    // The highest priorities were placed: the two left out rank lowest.
    const placed = new Set(plan.proposals.map((p) => p.supplierId));
    expect(plan.unplaced.every((u) => !placed.has(u.supplierId))).toBe(true);
  });

  it("proposes a follow-up for an open critical finding inside the interval; an audited workplace without one is 'not due'", async () => {
    const w = await world(2);
    const [a, b] = await w.db.select().from(suppliers).orderBy(suppliers.id);
    const actor = w.inspectorate.member.actor;
    const today = localDay(now, ZONE);
    const audit = async (supplierId: number, daysAgo: number) => {
      const id = await scheduleAudit(w.db, actor, { supplierId, type: "announced", startsAt: `${addLocalDays(today, -daysAgo)}T09:00`, endsAt: `${addLocalDays(today, -daysAgo)}T13:00`, leadInspectorId: actor.user.id, teamIds: [], notes: "" }, { now: now - 20 * 86_400_000 });
      await changeAuditStatus(w.db, actor, id, "confirmed", "");
      await changeAuditStatus(w.db, actor, id, "in_progress", "");
      return id;
    };
    const critical = await audit(a!.id, 10);
    await saveFindings(w.db, actor, critical, [{ indicator: "retention_of_documents", result: "critical", description: "Passports in the office safe.", workersInterviewed: "8" }], new Map());
    await audit(b!.id, 11);
    // The follow-up the finding proposed by itself is rejected here, so that the plan decides.
    await w.db.update(auditProposals).set({ status: "rejected" });
    const plan = await generatePlan(w.db, w.inspectorate.admin.actor, { from: nextMonday(now, ZONE), weeks: 2, type: "announced", dayStarts: "09:00", dayEnds: "17:00" }, { now });
    expect(plan.proposals.map((p) => [p.supplierId, p.type, p.followUpOf])).toEqual([[a!.id, "follow_up", critical]]);
    expect(plan.proposals[0]!.reason).toContain(`open critical finding in audit #${critical}: Retention of identity documents`);
    expect(plan.unplaced).toEqual([{ supplierId: b!.id, name: b!.name, reason: expect.stringMatching(/^Not due yet: .*at least 180 days apart/), said: expect.objectContaining({ key: "plan.unplaced.notDue" }) }]);
  });

  it("leaves out a workplace whose follow-up a critical finding already proposed, saying so", async () => {
    const w = await world(1);
    const [a] = await w.db.select().from(suppliers);
    const actor = w.inspectorate.member.actor;
    const day = addLocalDays(localDay(now, ZONE), -3);
    const id = await scheduleAudit(w.db, actor, { supplierId: a!.id, type: "announced", startsAt: `${day}T09:00`, endsAt: `${day}T13:00`, leadInspectorId: actor.user.id, teamIds: [], notes: "" }, { now: now - 10 * 86_400_000 });
    await changeAuditStatus(w.db, actor, id, "confirmed", "");
    await changeAuditStatus(w.db, actor, id, "in_progress", "");
    await saveFindings(w.db, actor, id, [{ indicator: "debt_bondage", result: "critical", description: "Loans repaid from wages.", workersInterviewed: "5" }], new Map());
    const plan = await generatePlan(w.db, w.inspectorate.admin.actor, { from: nextMonday(now, ZONE), weeks: 2, type: "announced", dayStarts: "09:00", dayEnds: "17:00" }, { now });
    expect(plan.proposals).toEqual([]);
    expect(plan.unplaced).toEqual([{ supplierId: a!.id, name: a!.name, reason: expect.stringMatching(/^A follow-up is already proposed for \d{4}-\d{2}-\d{2} \(from a critical finding\)/), said: expect.objectContaining({ key: "plan.unplaced.followUpProposed" }) }]);
    // The finding's own proposal survives the plan.
    expect((await pendingProposals(w.db, actor)).map((p) => p.followUpOf)).toEqual([id]);
  });
});
