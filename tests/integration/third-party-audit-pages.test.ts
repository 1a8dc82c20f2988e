/**
 * The third-party audit pages (issue 20 item 5) through their routes: the supplier records an audit
 * with its PDF report on its site's page; the page names the buyers that recognise it (those it
 * shares with now); a buyer sees it, with provenance, on its own page and in the supplier page's
 * card, and downloads the report only while the share lasts. Attacks: another organisation's site,
 * record or audit answers 404 like a missing one; a revoked share hides the report at once; bad
 * input is refused beside its field, the typed values kept, and nothing (row or file) is stored.
 */
import { mkdtempSync, readdirSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { AppLoadContext } from "@remix-run/node";
import { onlyRow, rawGet, type Db } from "#db/client";
import { auditLog, questionnaireShares, supplierSiteLinks, supplierSites, suppliers } from "#db/schema";
import * as siteAuditsPage from "~/routes/sites.$siteId_.audits";
import * as siteReport from "~/routes/sites.$siteId_.audits_.$auditId.report";
import * as buyerAuditsPage from "~/routes/suppliers.$supplierId_.third-party-audits";
import * as buyerReport from "~/routes/suppliers.$supplierId_.third-party-audits_.$auditId.report";
import * as supplierPage from "~/routes/suppliers.$supplierId";
import { browseLog } from "~/domain/activity-log/activity-log-view.server";
import { createTestDb } from "../support/db";
import { makeOrgWithRoles } from "../support/factories";
import { TMP_DIR } from "../support/paths";
import { contextFor, get, responseOf } from "../support/routes";

const PDF = "%PDF-1.4\n% an audit report\n";

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
  // Each test its own upload directory, so that "nothing stored" can be counted.
  const uploads = mkdtempSync(path.join(TMP_DIR, "tpa-pages-"));
  const as = async (who: { user: { id: number } }, orgId: number, locale = "en") => ({ ...(await contextFor(db, who.user.id, orgId, locale)), uploads: { dir: uploads, maxBytes: 50 * 1024 * 1024 } }) as AppLoadContext;
  const stored = () => {
    try {
      return readdirSync(path.join(uploads, "evidence")).length;
    } catch {
      return 0;
    }
  };
  const incoming = () => {
    try {
      return readdirSync(path.join(uploads, "incoming")).length;
    } catch {
      return 0;
    }
  };
  return { buyerA, buyerB, supplier, otherSupplier, site, recordA, recordB, share, as, stored, incoming };
}

function multipart(url: string, fields: Record<string, string>, file?: { name: string; body: string }) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (file) form.append("report", new Blob([file.body]), file.name);
  return new Request(`http://localhost${url}`, { method: "POST", body: form });
}

const good = { scheme: "smeta", body: "Audit Firm Ltd", auditedOn: "2026-06-01", validUntil: "2027-06-01", rating: "B", "finding.excessive_overtime": "major", "finding.retention_of_documents": "not_observed" };
const count = async (db: Db) => Number((await rawGet<{ n: number }>(db, "select count(*) as n from third_party_audits"))!.n);
type Json = Record<string, unknown>;
const json = async (r: Response) => (await r.json()) as Json;

describe("third-party audit pages", () => {
  it("the supplier records an audit with its report; the buyers it shares with see it and its report, the others 404", async () => {
    const db = createTestDb();
    const w = await world(db);
    const supplierCtx = await w.as(w.supplier.member, w.supplier.org.id);
    const params = { siteId: String(w.site.id) };

    // Before any share: the page says no buyer sees the audits yet (computed from the shares).
    const before = await json(await responseOf(() => siteAuditsPage.loader({ request: get(`/sites/${w.site.id}/audits`), context: supplierCtx, params })));
    expect(before).toMatchObject({ audits: [], sharedWith: [], listedBy: 2, canRecord: true });

    const saved = await responseOf(() => siteAuditsPage.action({ request: multipart(`/sites/${w.site.id}/audits`, good, { name: "smeta-2026.pdf", body: PDF }), context: supplierCtx, params }));
    expect(saved.status).toBe(200);
    const { auditId } = (await json(saved)) as { auditId: number };
    expect(w.stored()).toBe(1);
    expect(w.incoming()).toBe(0);

    await w.share(w.buyerA.org.id);
    const page = await json(await responseOf(() => siteAuditsPage.loader({ request: get(`/sites/${w.site.id}/audits`), context: supplierCtx, params })));
    expect(page.sharedWith).toEqual([w.buyerA.org.name]);
    const listed = (page.audits as Json[])[0]!;
    expect(listed).toMatchObject({ id: auditId, scheme: "smeta", body: "Audit Firm Ltd", rating: "B", reportName: "smeta-2026.pdf", findings: { excessive_overtime: "major", retention_of_documents: "not_observed" } });
    expect(listed).not.toHaveProperty("reportPath");

    // The supplier downloads its report, as an attachment, and the download is logged.
    const own = await responseOf(() => siteReport.loader({ request: get(`/sites/${w.site.id}/audits/${auditId}/report`), context: supplierCtx, params: { ...params, auditId: String(auditId) } }));
    expect(own.status).toBe(200);
    expect(own.headers.get("Content-Disposition")).toContain("attachment");
    expect(await own.text()).toBe(PDF);
    expect((await db.select().from(auditLog).where(eq(auditLog.action, "evidence.downloaded"))).map((e) => [e.orgId, e.targetType, String(e.targetId)])).toEqual([[w.supplier.org.id, "third_party_audit", String(auditId)]]);

    // Buyer A (shared): its page lists it as the supplier's, the card says a current audit exists, the report downloads.
    const aCtx = await w.as(w.buyerA.viewer, w.buyerA.org.id);
    const aParams = { supplierId: String(w.recordA.id) };
    const aPage = await json(await responseOf(() => buyerAuditsPage.loader({ request: get(`/suppliers/${w.recordA.id}/third-party-audits`), context: aCtx, params: aParams })));
    expect((aPage.audits as Json[]).map((a) => [a.id, a.provenance, (a.standing as Json).expired])).toEqual([[auditId, "supplier", false]]);
    expect(aPage.canRecord).toBe(false); // a viewer reads only
    const card = await json(await responseOf(() => supplierPage.loader({ request: get(`/suppliers/${w.recordA.id}`), context: aCtx, params: aParams })));
    expect(card.thirdPartyAudit).toMatchObject({ total: 1, current: { id: auditId, scheme: "smeta", body: "Audit Firm Ltd", auditedOn: "2026-06-01", validUntil: "2027-06-01" } });
    const download = (ctx: AppLoadContext, supplierId: number, id: number | string) => responseOf(() => buyerReport.loader({ request: get(`/suppliers/${supplierId}/third-party-audits/${id}/report`), context: ctx, params: { supplierId: String(supplierId), auditId: String(id) } }));
    expect((await download(aCtx, w.recordA.id, auditId)).status).toBe(200);

    // Buyer B lists the site but has no share: the same 404 as an audit that does not exist; its card says none.
    const bCtx = await w.as(w.buyerB.admin, w.buyerB.org.id);
    expect((await download(bCtx, w.recordB.id, auditId)).status).toBe(404);
    expect((await download(bCtx, w.recordB.id, 999_999)).status).toBe(404);
    // Buyer B through buyer A's record, and the other supplier through this site: 404.
    expect((await download(bCtx, w.recordA.id, auditId)).status).toBe(404);
    const otherCtx = await w.as(w.otherSupplier.admin, w.otherSupplier.org.id);
    expect((await responseOf(() => siteReport.loader({ request: get("/"), context: otherCtx, params: { siteId: String(w.site.id), auditId: String(auditId) } }))).status).toBe(404);
    expect((await responseOf(() => siteAuditsPage.loader({ request: get("/"), context: otherCtx, params }))).status).toBe(404);
    const bCard = await json(await responseOf(() => supplierPage.loader({ request: get(`/suppliers/${w.recordB.id}`), context: bCtx, params: { supplierId: String(w.recordB.id) } })));
    expect(bCard.thirdPartyAudit).toEqual({ current: null, total: 0 });

    // The supplier revokes A's share: the list, the card and the report are gone for A at once.
    await db.update(questionnaireShares).set({ revokedAt: new Date() }).where(eq(questionnaireShares.buyerOrgId, w.buyerA.org.id));
    expect((await download(aCtx, w.recordA.id, auditId)).status).toBe(404);
    const after = await json(await responseOf(() => buyerAuditsPage.loader({ request: get("/"), context: aCtx, params: aParams })));
    expect(after.audits).toEqual([]);
  });

  it("tells each buyer the site is shared with, in its own log and naming its own record; no other buyer", async () => {
    const db = createTestDb();
    const w = await world(db);
    await w.share(w.buyerA.org.id);
    const context = await w.as(w.supplier.member, w.supplier.org.id);
    const saved = await responseOf(() => siteAuditsPage.action({ request: multipart(`/sites/${w.site.id}/audits`, good), context, params: { siteId: String(w.site.id) } }));
    expect(saved.status).toBe(200);
    const entries = await db.select().from(auditLog).where(eq(auditLog.action, "third_party_audit.recorded"));
    expect(entries.map((e) => [e.orgId, e.actorUserId]).sort()).toEqual(
      [
        [w.supplier.org.id, w.supplier.member.user.id],
        // The buyer learns that the supplier organisation acted, not which of its staff.
        [w.buyerA.org.id, null],
      ].sort(),
    );
    const aLog = (await browseLog(db, w.buyerA.admin.actor, {}, "en")).rows.map((r) => r.sentence);
    expect(aLog.find((line) => line.includes("third-party audit"))).toMatch(new RegExp(`${w.supplier.org.name}.*Audit Firm Ltd.*Mekong Garment`));
    expect((await browseLog(db, w.buyerB.admin.actor, {}, "en")).rows.some((r) => r.sentence.includes("third-party audit"))).toBe(false);
  });

  it("refuses bad input beside its field, keeps what was typed, and stores neither a row nor the report", async () => {
    const db = createTestDb();
    const w = await world(db);
    const ctx = await w.as(w.supplier.member, w.supplier.org.id, "de");
    const params = { siteId: String(w.site.id) };
    const refused = async (fields: Record<string, string>, file: { name: string; body: string } | undefined, field: string, message: RegExp) => {
      const answer = await responseOf(() => siteAuditsPage.action({ request: multipart(`/sites/${w.site.id}/audits`, fields, file), context: ctx, params }));
      expect(answer.status).toBe(400);
      const body = (await answer.json()) as { errors: Record<string, string>; values: Record<string, string> };
      expect(Object.keys(body.errors)).toEqual([field]);
      expect(body.errors[field]).toMatch(message);
      // What was typed comes back (the report must be chosen again).
      expect(body.values.body).toBe(fields.body);
      return body;
    };
    const pdf = { name: "report.pdf", body: PDF };
    // Each message in the reader's language (German here), naming what was expected.
    await refused({ ...good, auditedOn: "2026-02-30" }, pdf, "auditedOn", /2026-02-30/);
    await refused({ ...good, validUntil: "2026-05-01" }, pdf, "validUntil", /2026-05-01/);
    await refused({ ...good, body: "   " }, pdf, "body", /.+/);
    await refused({ ...good, scheme: "iso9001" }, pdf, "scheme", /.+/);
    const level = await refused({ ...good, "finding.debt_bondage": "terrible" }, pdf, "finding.debt_bondage", /.+/);
    expect(level.values["finding.excessive_overtime"]).toBe("major");
    // A report that is not a PDF (a web page, a picture) is refused beside the report field.
    await refused(good, { name: "report.pdf", body: "<html><script>alert(1)</script></html>" }, "report", /PDF/);
    await refused(good, { name: "photo.png", body: "\x89PNG\r\n\x1a\n0000" }, "report", /PDF/);
    // Three fields wrong at once: all three refused in one answer, each beside its own field.
    const three = await responseOf(() => siteAuditsPage.action({ request: multipart(`/sites/${w.site.id}/audits`, { ...good, body: "", auditedOn: "2026-13-01", rating: "x".repeat(41) }, pdf), context: ctx, params }));
    expect(three.status).toBe(400);
    const all = (await three.json()) as { errors: Record<string, string> };
    expect(Object.keys(all.errors).sort()).toEqual(["auditedOn", "body", "rating"]);
    expect(all.errors.auditedOn).toMatch(/2026-13-01/);
    expect(await count(db)).toBe(0);
    expect(w.stored()).toBe(0);
    expect(w.incoming()).toBe(0);

    // A viewer may read but not record; another supplier's site answers 404 before the body is read.
    const viewer = await w.as(w.supplier.viewer, w.supplier.org.id);
    expect((await responseOf(() => siteAuditsPage.action({ request: multipart("/", good, pdf), context: viewer, params }))).status).toBe(403);
    const other = await w.as(w.otherSupplier.admin, w.otherSupplier.org.id);
    expect((await responseOf(() => siteAuditsPage.action({ request: multipart("/", good, pdf), context: other, params }))).status).toBe(404);
    expect(await count(db)).toBe(0);
    expect(w.stored() + w.incoming()).toBe(0);
  });

  it("a buyer records its own audit: seen as its own by it alone; another company's record is a 404", async () => {
    const db = createTestDb();
    const w = await world(db);
    await w.share(w.buyerA.org.id);
    await w.share(w.buyerB.org.id);
    const bCtx = await w.as(w.buyerB.member, w.buyerB.org.id);
    const params = { supplierId: String(w.recordB.id) };
    const saved = await responseOf(() => buyerAuditsPage.action({ request: multipart(`/suppliers/${w.recordB.id}/third-party-audits`, { ...good, scheme: "labour_inspection", body: "Ministry of Labour" }), context: bCtx, params }));
    expect(saved.status).toBe(200);
    const page = await json(await responseOf(() => buyerAuditsPage.loader({ request: get("/"), context: bCtx, params })));
    expect((page.audits as Json[]).map((a) => [a.body, a.provenance])).toEqual([["Ministry of Labour", "buyer"]]);
    // Buyer A shares the same site but not B's own audit.
    const aCtx = await w.as(w.buyerA.admin, w.buyerA.org.id);
    expect((await json(await responseOf(() => buyerAuditsPage.loader({ request: get("/"), context: aCtx, params: { supplierId: String(w.recordA.id) } })))).audits).toEqual([]);
    // A's writer on B's record: 404 before the form is read, nothing written.
    expect((await responseOf(() => buyerAuditsPage.action({ request: multipart("/", good), context: aCtx, params }))).status).toBe(404);
    expect((await responseOf(() => buyerAuditsPage.loader({ request: get("/"), context: aCtx, params }))).status).toBe(404);
    // A supplier on a buyer's page: refused as the wrong kind of organisation.
    const sCtx = await w.as(w.supplier.admin, w.supplier.org.id);
    expect((await responseOf(() => buyerAuditsPage.action({ request: multipart("/", good), context: sCtx, params }))).status).toBe(403);
    expect(await count(db)).toBe(1);
    // An expired audit only: the card says no current audit, not "none recorded".
    const aWriter = await w.as(w.buyerA.member, w.buyerA.org.id);
    const old = await responseOf(() => buyerAuditsPage.action({ request: multipart("/", { ...good, auditedOn: "2023-01-10", validUntil: "2024-01-10" }), context: aWriter, params: { supplierId: String(w.recordA.id) } }));
    expect(old.status).toBe(200);
    const card = await json(await responseOf(() => supplierPage.loader({ request: get("/"), context: aCtx, params: { supplierId: String(w.recordA.id) } })));
    expect(card.thirdPartyAudit).toMatchObject({ current: null, total: 1 });
  });
});
