/**
 * Audits done by others (issue 20 item 5): recorded once by the supplier, recognised by the buyers
 * it shares with and by no one else; a mitigation with provenance that stops counting when it
 * expires; findings per indicator become observations; bad input refused beside its field with
 * nothing written.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { onlyRow, rawGet, type Db } from "#db/client";
import { questionnaireShares, supplierSiteLinks, supplierSites, suppliers } from "#db/schema";
import { Forbidden, Invalid, NotFound } from "~/domain/errors";
import { RecordThirdPartyAuditSchema } from "~/domain/third-party-audits/schemas";
import { auditsForBuyer, auditsOfSite, recordThirdPartyAudit, thirdPartyObservations } from "~/domain/third-party-audits/third-party-audits.server";
import { createTestDb } from "../support/db";
import { makeOrgWithRoles } from "../support/factories";

const NOW = Date.parse("2026-12-03T10:00:00Z");

async function world(db: Db) {
  const buyerA = await makeOrgWithRoles(db, "company");
  const buyerB = await makeOrgWithRoles(db, "company");
  const supplier = await makeOrgWithRoles(db, "supplier");
  const otherSupplier = await makeOrgWithRoles(db, "supplier");
  const site = onlyRow(await db.insert(supplierSites).values({ orgId: supplier.org.id, name: "Mekong Garment, Phnom Penh", country: "KH" }).returning());
  const record = async (orgId: number, externalId: string) => onlyRow(await db.insert(suppliers).values({ orgId, externalId, name: "Mekong Garment", country: "KH" }).returning());
  const recordA = await record(buyerA.org.id, "A-1");
  const recordB = await record(buyerB.org.id, "B-7");
  for (const [r, buyer] of [[recordA, buyerA], [recordB, buyerB]] as const) await db.insert(supplierSiteLinks).values({ siteId: site.id, supplierId: r.id, buyerOrgId: buyer.org.id });
  const share = async (buyerOrgId: number) => onlyRow(await db.insert(questionnaireShares).values({ siteId: site.id, buyerOrgId }).returning());
  return { buyerA, buyerB, supplier, otherSupplier, site, recordA, recordB, share };
}

const form = (values: Record<string, string>) => RecordThirdPartyAuditSchema.parse({ scheme: "smeta", body: "Audit Firm Ltd", auditedOn: "2026-06-01", validUntil: "2027-06-01", ...values });
const count = async (db: Db) => Number((await rawGet<{ n: number }>(db, "select count(*) as n from third_party_audits"))!.n);

describe("third-party audits", () => {
  it("a supplier's audit reaches the buyers it shares with, and only while it shares", async () => {
    const db = createTestDb();
    const w = await world(db);
    const audit = await recordThirdPartyAudit(db, w.supplier.member.actor, { siteId: w.site.id }, form({ "finding.retention_of_documents": "not_observed", "finding.excessive_overtime": "major" }), null, NOW);
    expect(audit.findings).toEqual({ retention_of_documents: "not_observed", excessive_overtime: "major" });

    // Not shared yet: neither buyer sees it.
    expect(await auditsForBuyer(db, w.buyerA.viewer.actor, w.recordA.id, NOW)).toEqual([]);
    const shareA = await w.share(w.buyerA.org.id);
    const seen = await auditsForBuyer(db, w.buyerA.viewer.actor, w.recordA.id, NOW);
    expect(seen.map((a) => [a.id, a.provenance, a.standing.mitigates])).toEqual([[audit.id, "supplier", true]]);
    expect(seen[0]).not.toHaveProperty("reportPath");
    // Buyer B lists the same site but has no share: nothing.
    expect(await auditsForBuyer(db, w.buyerB.admin.actor, w.recordB.id, NOW)).toEqual([]);
    await w.share(w.buyerB.org.id);
    expect((await auditsForBuyer(db, w.buyerB.admin.actor, w.recordB.id, NOW)).map((a) => a.id)).toEqual([audit.id]);
    // Revoking A's share hides it from A again.
    await db.update(questionnaireShares).set({ revokedAt: new Date(NOW) }).where(eq(questionnaireShares.id, shareA.id));
    expect(await auditsForBuyer(db, w.buyerA.viewer.actor, w.recordA.id, NOW)).toEqual([]);
    expect((await thirdPartyObservations(db, w.buyerA.org.id, NOW)).size).toBe(0);
  });

  it("findings become observations with their source, the clean recent audit a mitigation, and an expired audit nothing", async () => {
    const db = createTestDb();
    const w = await world(db);
    await w.share(w.buyerA.org.id);
    await recordThirdPartyAudit(db, w.supplier.admin.actor, { siteId: w.site.id }, form({ "finding.retention_of_documents": "not_observed", "finding.excessive_overtime": "major" }), null, NOW);
    const seen = (await thirdPartyObservations(db, w.buyerA.org.id, NOW)).get(w.recordA.id)!;
    expect(seen.indicators.retention_of_documents).toEqual({ present: false, source: "SMETA audit by Audit Firm Ltd (recorded by the supplier)", date: "2026-06-01" });
    expect(seen.indicators.excessive_overtime).toMatchObject({ present: true, source: expect.stringContaining("major") });
    expect(seen.mitigations.recent_audit_clean).toMatchObject({ present: true, date: "2026-06-01" });
    // A year and a month on the audit has expired: it counts for nothing, mitigation included.
    expect((await thirdPartyObservations(db, w.buyerA.org.id, Date.parse("2027-07-01T00:00:00Z"))).size).toBe(0);
  });

  it("the newest valid audit speaks for an indicator; a critical finding is no mitigation", async () => {
    const db = createTestDb();
    const w = await world(db);
    await w.share(w.buyerA.org.id);
    await recordThirdPartyAudit(db, w.supplier.admin.actor, { siteId: w.site.id }, form({ auditedOn: "2026-02-01", validUntil: "2027-02-01", "finding.excessive_overtime": "major" }), null, NOW);
    await recordThirdPartyAudit(db, w.supplier.admin.actor, { siteId: w.site.id }, form({ scheme: "amfori_bsci", body: "Second Firm", auditedOn: "2026-09-01", validUntil: "2027-09-01", "finding.excessive_overtime": "not_observed", "finding.retention_of_documents": "critical" }), null, NOW);
    const seen = (await thirdPartyObservations(db, w.buyerA.org.id, NOW)).get(w.recordA.id)!;
    expect(seen.indicators.excessive_overtime).toMatchObject({ present: false, source: expect.stringContaining("amfori BSCI audit by Second Firm") });
    expect(seen.indicators.retention_of_documents).toMatchObject({ present: true });
    // The older audit is clean of critical findings and recent: it still mitigates.
    expect(seen.mitigations.recent_audit_clean).toMatchObject({ source: expect.stringContaining("SMETA") });
  });

  it("a buyer's own audit stays the buyer's", async () => {
    const db = createTestDb();
    const w = await world(db);
    const own = await recordThirdPartyAudit(db, w.buyerB.member.actor, { supplierId: w.recordB.id }, form({ scheme: "labour_inspection", body: "Ministry of Labour" }), null, NOW);
    expect((await auditsForBuyer(db, w.buyerB.viewer.actor, w.recordB.id, NOW)).map((a) => [a.id, a.provenance])).toEqual([[own.id, "buyer"]]);
    await w.share(w.buyerA.org.id);
    expect(await auditsForBuyer(db, w.buyerA.viewer.actor, w.recordA.id, NOW)).toEqual([]);
    expect(await auditsOfSite(db, w.supplier.viewer.actor, w.site.id, NOW)).toEqual([]);
  });

  it("refuses other organisations' sites and records as missing, and a viewer as forbidden", async () => {
    const db = createTestDb();
    const w = await world(db);
    await expect(recordThirdPartyAudit(db, w.otherSupplier.admin.actor, { siteId: w.site.id }, form({}), null, NOW)).rejects.toBeInstanceOf(NotFound);
    await expect(recordThirdPartyAudit(db, w.buyerA.admin.actor, { supplierId: w.recordB.id }, form({}), null, NOW)).rejects.toBeInstanceOf(NotFound);
    await expect(recordThirdPartyAudit(db, w.buyerA.admin.actor, { siteId: w.site.id }, form({}), null, NOW)).rejects.toBeInstanceOf(NotFound);
    await expect(recordThirdPartyAudit(db, w.supplier.viewer.actor, { siteId: w.site.id }, form({}), null, NOW)).rejects.toBeInstanceOf(Forbidden);
    await expect(recordThirdPartyAudit(db, w.supplier.admin.actor, { siteId: 999_999 }, form({}), null, NOW)).rejects.toBeInstanceOf(NotFound);
    await expect(auditsForBuyer(db, w.buyerA.admin.actor, w.recordB.id, NOW)).rejects.toBeInstanceOf(NotFound);
    await expect(auditsOfSite(db, w.otherSupplier.viewer.actor, w.site.id, NOW)).rejects.toBeInstanceOf(NotFound);
    expect(await count(db)).toBe(0);
  });

  it("refuses bad input beside its field and writes nothing", async () => {
    const db = createTestDb();
    const w = await world(db);
    const refused = async (values: Record<string, string>, field: string, message: RegExp) => {
      const error = await recordThirdPartyAudit(db, w.supplier.admin.actor, { siteId: w.site.id }, form(values), null, NOW).then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(Invalid);
      expect((error as Invalid).field).toBe(field);
      expect((error as Invalid).message).toMatch(message);
    };
    await refused({ body: "   " }, "body", /bodyRequired/);
    await refused({ body: "x".repeat(201) }, "body", /tooLong/);
    await refused({ auditedOn: "2026-02-30" }, "auditedOn", /errors\.day$/);
    await refused({ auditedOn: "01/06/2026" }, "auditedOn", /errors\.day$/);
    await refused({ auditedOn: "2027-01-01", validUntil: "2027-06-01" }, "auditedOn", /future/);
    await refused({ validUntil: "2026-05-31" }, "validUntil", /validBefore/);
    await refused({ validUntil: "2029-06-02" }, "validUntil", /validTooLong/);
    await refused({ validUntil: "" }, "validUntil", /dayRequired/);
    await refused({ rating: "x".repeat(41) }, "rating", /tooLong/);
    expect(RecordThirdPartyAuditSchema.safeParse({ scheme: "iso9001" }).success).toBe(false);
    expect(RecordThirdPartyAuditSchema.safeParse({ scheme: "smeta", "finding.debt_bondage": "terrible" }).success).toBe(false);
    expect(await count(db)).toBe(0);
  });
});
