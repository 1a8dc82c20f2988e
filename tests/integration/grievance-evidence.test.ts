/**
 * Worker voice as evidence (issue 19, decision 028), on a real database: a substantiated case
 * becomes an observed indicator with the case as its source and moves the score; a small
 * workplace's waits for the end of the finding's quarter; applying twice changes nothing; the
 * grievance-channel mitigation is computed from cases (present / absent by its rule); the
 * inspectorate's queue counts only substantiated or urgent cases that reached it.
 */
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, grievanceEvents, grievances, organisations, riskScores, suppliers } from "#db/schema";
import { causeWords, sourceCitation } from "~/components/risk/risk-text";
import { describeEvent } from "~/domain/activity-log/sentences.server";
import { priorityQueue } from "~/domain/audits/queue.server";
import { grievanceChannelMitigations } from "~/domain/grievances/channel-mitigation.server";
import { createChannel } from "~/domain/grievances/channels.server";
import { recordFinding } from "~/domain/grievances/cases.server";
import { applyFindingNow, applyGrievanceFindings } from "~/domain/grievances/evidence.server";
import { submitGrievance, type IntakeInput } from "~/domain/grievances/intake.server";
import { channelByToken } from "~/domain/grievances/routing.server";
import { readFactors } from "~/domain/risk/methodology-store.server";
import { scoreOrganisation } from "~/domain/risk/scoring.server";
import { recordSupplierIndicators } from "~/domain/suppliers/supplier-indicators.server";
import { createShare } from "~/domain/sharing/share-management.server";
import { formatsFor } from "~/i18n/format";
import { serverT } from "~/i18n/i18n.server";
import { createTestDb } from "../support/db";
import { makeOrgWithRoles } from "../support/factories";
import { firstRow, onlyRow, type Db } from "../../db/client";

const DAY = 86_400_000;
const base: IntakeInput = {
  categories: ["wages_withheld"],
  since: "2026-09",
  peopleCount: 3,
  description: "We have not been paid for two months.",
  workplaceText: null,
  country: null,
  consent: ["company"],
  textToCompany: false,
  contact: null,
  language: "en",
};

let ip = 0;
/** Each report from its own address: the intake's rate limit is not what these tests are about. */
const nextIp = () => `198.51.100.${(ip++ % 250) + 1}`;

async function world() {
  const db = createTestDb();
  const company = await makeOrgWithRoles(db, "company");
  const union = await makeOrgWithRoles(db, "union");
  const inspectorate = await makeOrgWithRoles(db, "inspectorate");
  await db.update(organisations).set({ jurisdictions: ["MY"] }).where(eq(organisations.id, inspectorate.org.id));
  const add = async (externalId: string, workersTotal: number | null) =>
    onlyRow(await db.insert(suppliers).values({ orgId: company.org.id, externalId, name: `Factory ${externalId}`, country: "MY", sector: "Manufacturing", products: ["Rubber gloves"], workersTotal }).returning());
  const large = await add("L1", 400);
  const small = await add("S1", 6);
  const other = await add("O1", 300);
  for (const to of [union.org.id, inspectorate.org.id]) await createShare(db, company.admin.actor, { toOrgId: to, scope: ["identity", "scores"], countries: "MY", sectors: "", bands: [] }, null);
  await scoreOrganisation(db, company.org.id, { cause: "test" });
  const channelFor = async (supplierId: number, now: number) => {
    const ch = await createChannel(db, company.member.actor, { supplierId, country: null }, now);
    return (await channelByToken(db, ch.token))!;
  };
  return { db, company, union, inspectorate, large, small, other, channelFor };
}

async function storedScore(db: Db, supplierId: number) {
  const s = firstRow(await db.select().from(suppliers).where(eq(suppliers.id, supplierId)))!;
  const row = firstRow(await db.select().from(riskScores).where(eq(riskScores.id, s.riskScoreId!)))!;
  const factors = await readFactors(db, row.methodologyId, "supplier", JSON.stringify(row.factors));
  return { id: row.id, score: row.score, factors, supplier: s };
}

async function substantiate(db: Db, id: number, findingAt: number) {
  await db.update(grievances).set({ finding: "substantiated", findingAt: new Date(findingAt) }).where(eq(grievances.id, id));
}

describe("a substantiated case as evidence", () => {
  it("moves the supplier's score up, with the case (its number) as the indicator's source", async () => {
    const w = await world();
    const reported = Date.UTC(2026, 8, 20);
    const channel = await w.channelFor(w.large.id, reported - DAY);
    const r = await submitGrievance(w.db, { channel, input: base, ip: nextIp() }, reported);
    const before = await storedScore(w.db, w.large.id);
    expect(before.factors.find((f) => f.code === "indicator.withholding_of_wages")!.known).toBe(false);

    // Not substantiated yet: nothing to apply.
    expect(await applyFindingNow(w.db, r.id, reported + DAY)).toBeNull();
    const findingAt = Date.UTC(2026, 9, 3, 10);
    await substantiate(w.db, r.id, findingAt);
    const applied = await applyFindingNow(w.db, r.id, findingAt + 1000);
    expect(applied).toEqual({ grievanceId: r.id, supplierId: w.large.id, indicators: ["withholding_of_wages"] });

    const after = await storedScore(w.db, w.large.id);
    expect(after.score).toBeGreaterThan(before.score);
    const line = after.factors.find((f) => f.code === "indicator.withholding_of_wages")!;
    expect(line).toMatchObject({ known: true, sources: [`grievance:${r.id}, 2026-10-03`] });
    expect(line.contribution).toBeGreaterThan(0);
    // Nothing of the worker: no case code, no words.
    expect(JSON.stringify(after.factors)).not.toContain(r.caseCode);
    expect(JSON.stringify(after.supplier.indicatorSources)).not.toContain(r.caseCode);
    expect(JSON.stringify(after.factors)).not.toContain("paid for two months");
    // The why-panel and the PDFs word it: "grievance case 42, 3 Oct 2026".
    const cite = (lng: string) => sourceCitation(serverT(lng, "risk") as never, formatsFor(lng), line.sources[0]!);
    expect(cite("en")).toBe(`grievance case ${r.id}, ${formatsFor("en").date("2026-10-03")}`);
    expect(cite("de")).toBe(`Beschwerdefall ${r.id}, ${formatsFor("de").date("2026-10-03")}`);
    expect(cite("th")).toContain("ข้อร้องเรียน");

    const log = await w.db.select().from(auditLog).where(and(eq(auditLog.action, "supplier.grievance_applied"), eq(auditLog.orgId, w.company.org.id)));
    expect(log).toHaveLength(1);
    expect(log[0]!.details).toMatchObject({ supplierId: w.large.id, changed: { withholding_of_wages: "yes" } });
    const entry = { action: "supplier.grievance_applied", actorName: null, targetType: "grievance", targetId: String(r.id), details: log[0]!.details };
    const names = { orgs: {}, suppliers: { [w.large.id]: "Factory L1" }, users: {} };
    expect(describeEvent(entry, names, "en")).toBe(`Substantiated grievance case ${r.id} recorded as evidence for Factory L1: Withholding of wages: observed.`);
    expect(describeEvent(entry, names, "de")).toContain(`Fall ${r.id}`);
    expect(after.score).toBe(after.supplier.riskScore);

    // Twice: nothing changes (neither the record, nor the score, nor the log).
    expect(await applyFindingNow(w.db, r.id, findingAt + 2000)).toBeNull();
    expect(await applyGrievanceFindings(w.db, findingAt + 3000)).toEqual([]);
    const again = await storedScore(w.db, w.large.id);
    expect(again.id).toBe(after.id);
    expect(again.supplier.indicatorSources).toEqual(after.supplier.indicatorSources);
    expect(await w.db.select().from(auditLog).where(eq(auditLog.action, "supplier.grievance_applied"))).toHaveLength(1);

    // The company then records "not observed" by hand (a list import would do the same to the record):
    // the substantiated case still stands in the score, as an audit finding would.
    await recordSupplierIndicators(w.db, w.company.admin.actor, w.company.org.id, w.large.id, { values: { withholding_of_wages: "no" }, note: "we checked" });
    const overruled = await storedScore(w.db, w.large.id);
    expect(overruled.supplier.indicators.withholding_of_wages).toBe(false);
    expect(overruled.factors.find((f) => f.code === "indicator.withholding_of_wages")).toMatchObject({ known: true, sources: [`grievance:${r.id}, 2026-10-03`] });
    expect(overruled.score).toBe(after.score);
  });

  it("waits, for a small workplace, until the finding's quarter has ended, and dates it the quarter's last day", async () => {
    const w = await world();
    const july = Date.UTC(2026, 6, 15);
    const channel = await w.channelFor(w.small.id, july - DAY);
    const r = await submitGrievance(w.db, { channel, input: base, ip: nextIp() }, july);
    const findingAt = Date.UTC(2026, 7, 20);
    await substantiate(w.db, r.id, findingAt);
    const before = await storedScore(w.db, w.small.id);
    // Recording the finding does not apply it; the sweep does not either before the quarter ends.
    expect(await applyFindingNow(w.db, r.id, findingAt + 1000)).toBeNull();
    expect(await applyGrievanceFindings(w.db, Date.UTC(2026, 8, 30, 23, 59))).toEqual([]);
    expect((await storedScore(w.db, w.small.id)).id).toBe(before.id);
    expect(firstRow(await w.db.select().from(grievances).where(eq(grievances.id, r.id)))!.indicatorsAppliedAt).toBeNull();

    const applied = await applyGrievanceFindings(w.db, Date.UTC(2026, 9, 1, 0, 5));
    expect(applied.map((a) => a.grievanceId)).toEqual([r.id]);
    const after = await storedScore(w.db, w.small.id);
    expect(after.score).toBeGreaterThan(before.score);
    expect(after.factors.find((f) => f.code === "indicator.withholding_of_wages")!.sources).toEqual([`grievance:${r.id}, 2026-09-30`]);
    // And only once.
    expect(await applyGrievanceFindings(w.db, Date.UTC(2026, 9, 2))).toEqual([]);
  });
});

describe("a finding reversed", () => {
  /** A case at `supplierId` the union leads (the worker allowed the union and the company). */
  async function unionCase(w: Awaited<ReturnType<typeof world>>, supplierId: number, reported: number) {
    const channel = await w.channelFor(supplierId, reported - DAY);
    const r = await submitGrievance(w.db, { channel, input: { ...base, consent: ["union", "company"] }, ip: nextIp() }, reported);
    expect(onlyRow(await w.db.select().from(grievances).where(eq(grievances.id, r.id))).leadOrgId).toBe(w.union.org.id);
    return r;
  }
  const line = (s: Awaited<ReturnType<typeof storedScore>>, code: string) => s.factors.find((f) => f.code === `indicator.${code}`)!;
  const causeOf = async (db: Db, scoreId: number) => onlyRow(await db.select({ cause: riskScores.cause }).from(riskScores).where(eq(riskScores.id, scoreId))).cause;

  it("withdraws what the case wrote into the supplier's record: back to unknown, the score back, logged on the case and in the activity log, once", async () => {
    const w = await world();
    const r = await unionCase(w, w.large.id, Date.UTC(2026, 8, 20));
    const before = await storedScore(w.db, w.large.id);
    const at = Date.UTC(2026, 9, 3, 10);
    await recordFinding(w.db, w.union.member.actor, r.id, { finding: "substantiated", indicators: ["withholding_of_wages"] }, at);
    const substantiated = await storedScore(w.db, w.large.id);
    expect(substantiated.score).toBeGreaterThan(before.score);
    expect(line(substantiated, "withholding_of_wages")).toMatchObject({ known: true, sources: [`grievance:${r.id}, 2026-10-03`] });

    // Reviewed: the evidence did not hold.
    await recordFinding(w.db, w.union.member.actor, r.id, { finding: "not_substantiated", indicators: [] }, at + 7 * DAY);
    const reversed = await storedScore(w.db, w.large.id);
    expect(reversed.supplier.indicators).not.toHaveProperty("withholding_of_wages");
    expect(reversed.supplier.indicatorSources).not.toHaveProperty("withholding_of_wages");
    expect(line(reversed, "withholding_of_wages").known).toBe(false);
    expect(reversed.score).toBe(before.score);
    expect(reversed.supplier.riskScore).toBe(before.score);
    expect(await causeOf(w.db, reversed.id)).toBe(`grievance case ${r.id} no longer substantiated`);
    // The score history says it in the reader's language.
    expect(causeWords(serverT("de", "risk") as never, await causeOf(w.db, reversed.id))).toEqual({ text: `Beschwerdefall ${r.id} nicht mehr begründet`, english: false });
    const g = onlyRow(await w.db.select().from(grievances).where(eq(grievances.id, r.id)));
    expect(g).toMatchObject({ finding: "not_substantiated", indicatorsAppliedAt: null });
    const events = await w.db.select().from(grievanceEvents).where(and(eq(grievanceEvents.grievanceId, r.id), eq(grievanceEvents.type, "evidence_withdrawn")));
    expect(events.map((e) => [e.audience, e.orgId, e.data])).toEqual([["parties", w.union.org.id, { indicators: ["withholding_of_wages"] }]]);
    const log = await w.db.select().from(auditLog).where(eq(auditLog.action, "supplier.grievance_withdrawn"));
    expect(log.map((l) => [l.orgId, l.targetId, l.details])).toEqual([[w.company.org.id, String(r.id), { supplierId: w.large.id, changed: { withholding_of_wages: "unknown" } }]]);
    const entry = { action: "supplier.grievance_withdrawn", actorName: null, targetType: "grievance", targetId: String(r.id), details: log[0]!.details };
    const names = { orgs: {}, suppliers: { [w.large.id]: "Factory L1" }, users: {} };
    expect(describeEvent(entry, names, "en")).toBe(`Grievance case ${r.id} is no longer substantiated: withdrawn as evidence for Factory L1: Withholding of wages: unknown.`);
    expect(describeEvent(entry, names, "de")).toContain(`Beschwerdefall ${r.id}`);

    // Recorded "not substantiated" once more: nothing left to withdraw, nothing logged twice.
    await recordFinding(w.db, w.union.member.actor, r.id, { finding: "not_substantiated", indicators: [] }, at + 8 * DAY);
    expect(await w.db.select().from(auditLog).where(eq(auditLog.action, "supplier.grievance_withdrawn"))).toHaveLength(1);
    expect((await storedScore(w.db, w.large.id)).id).toBe(reversed.id);
    // The sweep does not apply it again either: it is no longer substantiated.
    expect(await applyGrievanceFindings(w.db, at + 9 * DAY)).toEqual([]);
  });

  it("re-points an indicator another substantiated case also observed to that case, instead of erasing it", async () => {
    const w = await world();
    const first = await unionCase(w, w.large.id, Date.UTC(2026, 8, 20));
    const second = await unionCase(w, w.large.id, Date.UTC(2026, 8, 22));
    await recordFinding(w.db, w.union.member.actor, first.id, { finding: "substantiated", indicators: ["withholding_of_wages"] }, Date.UTC(2026, 9, 3, 10));
    await recordFinding(w.db, w.union.member.actor, second.id, { finding: "substantiated", indicators: ["withholding_of_wages", "excessive_overtime"] }, Date.UTC(2026, 9, 5, 10));
    // The later case is the record's cited source of both now.
    expect((await storedScore(w.db, w.large.id)).supplier.indicatorSources.withholding_of_wages).toEqual({ source: `grievance:${second.id}`, date: "2026-10-05" });

    await recordFinding(w.db, w.union.member.actor, second.id, { finding: "not_substantiated", indicators: [] }, Date.UTC(2026, 9, 12, 10));
    const reversed = await storedScore(w.db, w.large.id);
    // Wages: still observed, by the first case, dated its finding. Overtime: only the second case saw it: unknown again.
    expect(reversed.supplier.indicators).toEqual({ withholding_of_wages: true });
    expect(reversed.supplier.indicatorSources).toEqual({ withholding_of_wages: { source: `grievance:${first.id}`, date: "2026-10-03" } });
    expect(line(reversed, "withholding_of_wages")).toMatchObject({ known: true, sources: [`grievance:${first.id}, 2026-10-03`] });
    const log = await w.db.select().from(auditLog).where(eq(auditLog.action, "supplier.grievance_withdrawn"));
    expect(log.map((l) => l.details)).toEqual([{ supplierId: w.large.id, changed: { excessive_overtime: "unknown", withholding_of_wages: "yes" } }]);
  });

  it("leaves an indicator whose source is now a person's recording, and a small workplace's case not yet applied only changes its finding", async () => {
    const w = await world();
    const r = await unionCase(w, w.other.id, Date.UTC(2026, 8, 20));
    const at = Date.UTC(2026, 9, 3, 10);
    await recordFinding(w.db, w.union.member.actor, r.id, { finding: "substantiated", indicators: ["withholding_of_wages", "excessive_overtime"] }, at);
    // The company's auditor then records overtime themselves: that is their evidence now, not the case's.
    await recordSupplierIndicators(w.db, w.company.admin.actor, w.company.org.id, w.other.id, { values: { excessive_overtime: "no" }, note: "time sheets checked", now: new Date(at + DAY) });
    const resourced = (await storedScore(w.db, w.other.id)).supplier.indicatorSources.excessive_overtime!;
    expect(resourced.source).toContain("time sheets checked");

    await recordFinding(w.db, w.union.member.actor, r.id, { finding: "not_substantiated", indicators: [] }, at + 7 * DAY);
    const reversed = await storedScore(w.db, w.other.id);
    expect(reversed.supplier.indicators).toEqual({ excessive_overtime: false });
    expect(reversed.supplier.indicatorSources).toEqual({ excessive_overtime: resourced });
    // The case no longer stands over the person's "no" in the score (observations.server.ts reads substantiated cases only).
    expect(line(reversed, "excessive_overtime")).toMatchObject({ known: true, sources: [expect.stringContaining("time sheets checked")] });
    expect(line(reversed, "withholding_of_wages").known).toBe(false);
    const log = await w.db.select().from(auditLog).where(eq(auditLog.action, "supplier.grievance_withdrawn"));
    expect(log.map((l) => l.details)).toEqual([{ supplierId: w.other.id, changed: { withholding_of_wages: "unknown" } }]);

    // A small workplace: substantiated, waiting for its quarter, then reversed: nothing was applied, nothing to withdraw.
    const s = await unionCase(w, w.small.id, Date.UTC(2026, 6, 15));
    const smallBefore = await storedScore(w.db, w.small.id);
    await recordFinding(w.db, w.union.member.actor, s.id, { finding: "substantiated", indicators: ["withholding_of_wages"] }, Date.UTC(2026, 7, 20));
    await recordFinding(w.db, w.union.member.actor, s.id, { finding: "not_substantiated", indicators: [] }, Date.UTC(2026, 7, 27));
    expect(onlyRow(await w.db.select().from(grievances).where(eq(grievances.id, s.id)))).toMatchObject({ finding: "not_substantiated", indicatorsAppliedAt: null });
    expect(await w.db.select().from(grievanceEvents).where(and(eq(grievanceEvents.grievanceId, s.id), eq(grievanceEvents.type, "evidence_withdrawn")))).toEqual([]);
    expect((await w.db.select().from(auditLog).where(eq(auditLog.action, "supplier.grievance_withdrawn"))).length).toBe(1);
    // And the quarter's sweep does not apply it.
    expect(await applyGrievanceFindings(w.db, Date.UTC(2026, 9, 1, 0, 5))).toEqual([]);
    expect((await storedScore(w.db, w.small.id)).id).toBe(smallBefore.id);
  });
});

describe("the grievance-channel mitigation, computed", () => {
  it("is absent without a channel, absent with a channel nobody used, present when 80 % of cases were answered in time, absent after a case the worker rated not remedied", async () => {
    const w = await world();
    const now = Date.UTC(2026, 10, 15);
    const mitigation = async () => (await grievanceChannelMitigations(w.db, w.company.org.id, now, [w.large.id]))(w.large.id);
    const scoredLine = async () => {
      await scoreOrganisation(w.db, w.company.org.id, { cause: "test", supplierIds: [w.large.id], now });
      return (await storedScore(w.db, w.large.id)).factors.find((f) => f.code === "mitigation.grievance_channel")!;
    };

    // No channel: absent (not unknown), with the reason.
    expect(await mitigation()).toEqual({ present: false, source: "computed from grievances: no open grievance channel", date: "" });
    expect(await scoredLine()).toMatchObject({ contribution: 0, value: "no (computed from grievances: no open grievance channel)" });

    // A channel, no case yet: nothing shows it works.
    const since = Date.UTC(2026, 4, 1);
    const channel = await w.channelFor(w.large.id, since);
    expect(await mitigation()).toMatchObject({ present: false, source: "computed from grievances: channel since 2026-05-01; no case due in the last 12 months" });

    // Five cases that reached the company, four answered in time (by the company or the union), one not at all.
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) {
      const at = now - (60 - i) * DAY;
      const r = await submitGrievance(w.db, { channel, input: base, ip: nextIp() }, at);
      ids.push(r.id);
      if (i < 4) await w.db.insert(grievanceEvents).values({ grievanceId: r.id, type: i % 2 ? "company_answer" : "message", audience: "worker", orgId: w.company.org.id, body: "We are looking into it.", createdAt: new Date(at + DAY) });
    }
    // An answer after the due time does not count; nor does a note the worker cannot read.
    await w.db.insert(grievanceEvents).values({ grievanceId: ids[4]!, type: "message", audience: "worker", orgId: w.company.org.id, body: "Late.", createdAt: new Date(now - 20 * DAY) });
    await w.db.insert(grievanceEvents).values({ grievanceId: ids[4]!, type: "message", audience: "parties", orgId: w.company.org.id, body: "Internal.", createdAt: new Date(now - 59 * DAY) });
    // A case only the union received (the worker did not let the company see it): never counted, unanswered or not.
    await submitGrievance(w.db, { channel, input: { ...base, consent: ["union"] }, ip: nextIp() }, now - 40 * DAY);
    // A case still inside its due time, unanswered: not judged yet.
    await submitGrievance(w.db, { channel, input: base, ip: nextIp() }, now - DAY);
    // One remedy the worker confirmed.
    await w.db.update(grievances).set({ closedAt: new Date(now - 10 * DAY), workerRating: 3, remedy: "Wages paid." }).where(eq(grievances.id, ids[0]!));

    const present = await mitigation();
    expect(present).toEqual({ present: true, source: "computed from grievances: channel since 2026-05-01; 4 of 5 cases answered in time; 1 remedy confirmed by workers", date: "" });
    const line = await scoredLine();
    expect(line).toMatchObject({ known: true, contribution: -4, sources: [present.source] });
    const cite = (lng: string) => sourceCitation(serverT(lng, "risk") as never, formatsFor(lng), line.sources[0]!);
    expect(cite("en")).toBe(`computed from grievances: channel since ${formatsFor("en").date("2026-05-01")}; 4 of 5 cases answered in time; 1 remedy confirmed by workers`);
    expect(cite("de")).toContain("4 von 5 Fällen fristgerecht beantwortet");
    expect(cite("fr")).not.toContain("computed");

    // A closed case the worker rated "not remedied": absent.
    await w.db.update(grievances).set({ closedAt: new Date(now - 5 * DAY), workerRating: 1 }).where(eq(grievances.id, ids[1]!));
    expect(await mitigation()).toMatchObject({ present: false, source: "computed from grievances: channel since 2026-05-01; 4 of 5 cases answered in time; 1 remedy confirmed by workers; 1 case not remedied by the worker's rating" });
    expect(await scoredLine()).toMatchObject({ contribution: 0 });

    // Below 80 %: absent. (Rating put back; one more answer missing.)
    await w.db.update(grievances).set({ workerRating: 2 }).where(eq(grievances.id, ids[1]!));
    const unanswered = await submitGrievance(w.db, { channel, input: base, ip: nextIp() }, now - 30 * DAY);
    expect(unanswered.id).toBeGreaterThan(0);
    expect(await mitigation()).toMatchObject({ present: false, source: "computed from grievances: channel since 2026-05-01; 4 of 6 cases answered in time; 1 remedy confirmed by workers" });

    // Another workplace of the company without a channel stays absent whatever this one's cases say.
    expect((await grievanceChannelMitigations(w.db, w.company.org.id, now))(w.other.id)).toMatchObject({ present: false, source: "computed from grievances: no open grievance channel" });
  });
});

describe("the inspectorate's priority queue", () => {
  it("counts the substantiated or urgent cases of the last 12 months that reached the inspectorate, and no other", async () => {
    const w = await world();
    const now = Date.UTC(2026, 10, 15);
    const channel = await w.channelFor(w.large.id, now - 100 * DAY);
    // Urgent (documents taken), the inspectorate allowed: reaches it at once. Counts.
    await submitGrievance(w.db, { channel, input: { ...base, categories: ["documents_taken"], consent: ["union", "inspectorate"] }, ip: nextIp() }, now - 50 * DAY);
    // Substantiated, but only the union received it: does not count (the queue would tell the inspectorate it exists).
    const unionOnly = await submitGrievance(w.db, { channel, input: { ...base, consent: ["union"] }, ip: nextIp() }, now - 40 * DAY);
    await substantiate(w.db, unionOnly.id, now - 30 * DAY);
    // Reached the inspectorate, neither urgent nor substantiated: does not count.
    await submitGrievance(w.db, { channel, input: { ...base, consent: ["inspectorate"] }, ip: nextIp() }, now - 20 * DAY);
    // Reached the inspectorate and substantiated: counts.
    const found = await submitGrievance(w.db, { channel, input: { ...base, consent: ["inspectorate"] }, ip: nextIp() }, now - 10 * DAY);
    await substantiate(w.db, found.id, now - 5 * DAY);
    // Older than 12 months: does not count.
    const old = await submitGrievance(w.db, { channel, input: { ...base, consent: ["inspectorate"] }, ip: nextIp() }, now - 400 * DAY);
    await substantiate(w.db, old.id, now - 390 * DAY);

    const queue = await priorityQueue(w.db, w.inspectorate.member.actor, now);
    const row = queue.find((r) => r.supplierId === w.large.id)!;
    expect(row.reasons).toContainEqual({ label: "2 substantiated or urgent grievance cases in the last 12 months", points: 20 });
    expect(row.why).toContainEqual({ key: "queue.reason.grievanceCases", values: { count: 2 }, points: 20 });
    expect(queue.find((r) => r.supplierId === w.other.id)!.reasons.map((r) => r.label)).not.toContainEqual(expect.stringContaining("grievance case"));
    // Worded in each interface language from the audits catalog.
    expect(serverT("de", "audits")("queue.reason.grievanceCases", { count: 2, number: "2" })).toBe("2 begründete oder dringende Beschwerdefälle in den letzten 12 Monaten");
  });
});
