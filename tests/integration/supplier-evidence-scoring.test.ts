/**
 * What a supplier says and what others audited reach the buyer's score (issue 20): a shared,
 * current questionnaire submission narrows the range as self-reported evidence (methodology 2.2),
 * a red-flag answer raises it, a revoked share takes it all back; a third-party audit's finding is an
 * observation and its clean result a mitigation, until it expires.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { firstRow, onlyRow, type Db } from "#db/client";
import { questionnaireResponses, questionnaireShares, riskScores, supplierSiteLinks, supplierSites, suppliers } from "#db/schema";
import { loadQuestionnaire } from "~/domain/questionnaires/registry.server";
import { requestQuestionnaire, requestsOfSupplier } from "~/domain/questionnaires/requests.server";
import { revokeShare, shareAnswers } from "~/domain/questionnaires/sharing.server";
import { claimSupplierInvitation, inviteSupplier } from "~/domain/supplier-portal/invitations.server";
import { scoreOrganisation } from "~/domain/risk/scoring.server";
import { RecordThirdPartyAuditSchema } from "~/domain/third-party-audits/schemas";
import { recordThirdPartyAudit } from "~/domain/third-party-audits/third-party-audits.server";
import { createTestDb } from "../support/db";
import { makeOrgWithRoles } from "../support/factories";

const NOW = Date.parse("2026-12-03T10:00:00Z");

/** Every yes/no question of version 1 answered the way that rules its indicators out (a supplier denying everything). */
function denyingEverything(): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const section of loadQuestionnaire("saq-forced-labour", "1").sections)
    for (const q of section.questions) {
      const absent = q.informs.find((i) => i.absent && "equals" in i.absent)?.absent as { equals?: unknown } | undefined;
      if (q.type === "yes_no" && !q.showIf && typeof absent?.equals === "boolean") answers[q.id] = absent.equals;
    }
  return answers;
}

/** A record in a high-risk context (rubber gloves from Malaysia, a migrant workforce) unless another is given. */
async function world(db: Db, context: { country: string; products: string[]; migrantShare: number } = { country: "MY", products: ["rubber gloves"], migrantShare: 0.6 }) {
  const buyer = await makeOrgWithRoles(db, "company");
  const supplier = await makeOrgWithRoles(db, "supplier");
  const record = onlyRow(await db.insert(suppliers).values({ orgId: buyer.org.id, externalId: "R-1", name: "Works", ...context }).returning());
  const site = onlyRow(await db.insert(supplierSites).values({ orgId: supplier.org.id, name: "Works", country: context.country }).returning());
  await db.insert(supplierSiteLinks).values({ siteId: site.id, supplierId: record.id, buyerOrgId: buyer.org.id });
  const score = async () => {
    await scoreOrganisation(db, buyer.org.id, { cause: "test", supplierIds: [record.id], now: NOW });
    const row = firstRow(await db.select().from(suppliers).where(eq(suppliers.id, record.id)))!;
    const stored = firstRow(await db.select().from(riskScores).where(eq(riskScores.id, row.riskScoreId!)))!;
    return { score: row.riskScore!, low: row.riskScoreLow!, high: row.riskScoreHigh!, confidence: row.riskConfidence!, factors: JSON.stringify(stored.factors) };
  };
  const submit = async (answers: Record<string, unknown>, submittedAt = NOW - 86_400_000) =>
    onlyRow(await db.insert(questionnaireResponses).values({ siteId: site.id, questionnaire: "saq-forced-labour", version: "1", answers, status: "submitted", submittedAt: new Date(submittedAt) }).returning());
  const share = async () => onlyRow(await db.insert(questionnaireShares).values({ siteId: site.id, buyerOrgId: buyer.org.id }).returning());
  return { buyer, supplier, record, site, score, submit, share };
}

describe("the supplier's evidence in the buyer's score", () => {
  it("a shared answer narrows the range, and only while shared and current", async () => {
    const db = createTestDb();
    const w = await world(db, { country: "DE", products: ["machine parts"], migrantShare: 0.1 });
    const before = await w.score();
    const answers = denyingEverything();
    expect(Object.keys(answers).length).toBeGreaterThanOrEqual(8);
    await w.submit(answers);
    // Submitted but not shared: nothing changes.
    expect(await w.score()).toEqual(before);
    const share = await w.share();
    const after = await w.score();
    // The range's top is held at 100 while the unknown lines still add up past it, so eight
    // answers show in the confidence and the score; the range may not move yet, never widens.
    expect(after.high - after.low).toBeLessThanOrEqual(before.high - before.low);
    expect(after.confidence).toBeGreaterThan(before.confidence);
    expect(after.score).toBeLessThan(before.score);
    expect(after.factors).toContain("self-reported");
    // Revoked: back to where it was.
    await db.update(questionnaireShares).set({ revokedAt: new Date(NOW) }).where(eq(questionnaireShares.id, share.id));
    expect(await w.score()).toEqual(before);
  });

  it("a red-flag answer counts in full, and an answer older than a year counts for nothing", async () => {
    const db = createTestDb();
    const w = await world(db);
    const before = await w.score();
    await w.share();
    await w.submit({ fees_paid_by_workers: true, fees_share_of_workers: 80 }, NOW - 400 * 86_400_000);
    expect(await w.score()).toEqual(before);
    await w.submit({ fees_paid_by_workers: true, fees_share_of_workers: 80 });
    const flagged = await w.score();
    expect(flagged.score).toBeGreaterThan(before.score);
    expect(flagged.score).toBeGreaterThanOrEqual(50);
  });

  it("a shared third-party audit's finding is an observation, its clean result a mitigation, until it expires", async () => {
    const db = createTestDb();
    const w = await world(db);
    const before = await w.score();
    await w.share();
    await recordThirdPartyAudit(db, w.supplier.admin.actor, { siteId: w.site.id }, RecordThirdPartyAuditSchema.parse({ scheme: "amfori_bsci", body: "Audit Firm Ltd", auditedOn: "2026-06-01", validUntil: "2027-06-01", "finding.retention_of_documents": "major" }), null, NOW);
    const audited = await w.score();
    expect(audited.factors).toContain("amfori BSCI audit by Audit Firm Ltd");
    expect(audited.score).not.toBe(before.score);
    expect(audited.factors).toMatch(/recent_audit_clean[^\]]*amfori/);
    // Scored after the validity: as if there were no audit.
    await scoreOrganisation(db, w.buyer.org.id, { cause: "test", supplierIds: [w.record.id], now: Date.parse("2027-07-01T00:00:00Z") });
    const expired = firstRow(await db.select().from(suppliers).where(eq(suppliers.id, w.record.id)))!;
    expect(expired.riskScore).not.toBe(audited.score);
  });

  it("sharing and revoking score the buyer's record again at once, and recording an audit too", async () => {
    const db = createTestDb();
    const w = await world(db, { country: "DE", products: ["machine parts"], migrantShare: 0.1 });
    const before = await w.score();
    const stored = async () => firstRow(await db.select().from(suppliers).where(eq(suppliers.id, w.record.id)))!;
    await w.submit(denyingEverything());
    const { shareId } = await shareAnswers(db, w.supplier.admin.actor, w.site.id, w.buyer.org.id, { now: NOW });
    expect((await stored()).riskConfidence).toBeGreaterThan(before.confidence);
    await revokeShare(db, w.supplier.admin.actor, shareId, { now: NOW });
    expect((await stored()).riskConfidence).toBe(before.confidence);
    await recordThirdPartyAudit(db, w.buyer.member.actor, { supplierId: w.record.id }, RecordThirdPartyAuditSchema.parse({ scheme: "sa8000", body: "Cert Body", auditedOn: "2026-10-01", validUntil: "2029-09-30", "finding.excessive_overtime": "minor" }), null, NOW);
    expect((await stored()).riskScore).not.toBe(before.score);
  });

  it("a second record claimed into a site already shared with its buyer gets the answers at once", async () => {
    const db = createTestDb();
    const w = await world(db);
    await w.submit(denyingEverything());
    await shareAnswers(db, w.supplier.admin.actor, w.site.id, w.buyer.org.id, { now: NOW });
    // The buyer lists the same workplace twice (two business units' lists) and asks on the second record.
    const second = onlyRow(await db.insert(suppliers).values({ orgId: w.buyer.org.id, externalId: "R-2", name: "Works (unit 2)", country: "MY", products: ["rubber gloves"], migrantShare: 0.6 }).returning());
    await requestQuestionnaire(db, w.buyer.member.actor, second.id, { dueOn: "2027-01-31" }, { now: NOW });
    expect((await requestsOfSupplier(db, w.buyer.viewer.actor, second.id, NOW)).requests.map((r) => r.state)).toEqual(["open"]);
    const { token } = await inviteSupplier(db, w.buyer.member.actor, w.buyer.org.id, second.id, { email: "hr@works.example" }, null, NOW);
    await claimSupplierInvitation(db, token, { actor: w.supplier.member.actor, siteId: w.site.id }, null, NOW);
    expect((await requestsOfSupplier(db, w.buyer.viewer.actor, second.id, NOW)).requests.map((r) => r.state)).toEqual(["answered"]);
    const scored = firstRow(await db.select().from(suppliers).where(eq(suppliers.id, second.id)))!;
    const stored = firstRow(await db.select().from(riskScores).where(eq(riskScores.id, scored.riskScoreId!)))!;
    expect(JSON.stringify(stored.factors)).toContain("self-reported");
  });
});
