/**
 * Records over the API (issue 22, decision 037), on both engines: recruiters (cursor list with
 * filters, one with its score's breakdown), a supplier's observed indicators (read with their
 * source, recorded through the page's own function and rescored), and the score.red_flag_raised
 * webhook event (written with the score that raised the flag, once, and only for subscribers).
 * Every answer goes through tests/support/api.ts, which checks it against the OpenAPI document.
 */
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, recruiters, suppliers, webhookDeliveries } from "#db/schema";
import { onlyRow } from "#db/client";
import { scoreOrganisation } from "~/domain/risk/scoring.server";
import { createSubscription } from "~/domain/webhooks/subscriptions.server";
import { createTestDb } from "../support/db";
import { makeOrgWithRoles } from "../support/factories";
import { apiClient, apiFetch, tokenFor } from "../support/api";

type TestDb = ReturnType<typeof createTestDb>;

async function supplier(db: TestDb, orgId: number, externalId: string, extra: Partial<typeof suppliers.$inferInsert> = {}) {
  return onlyRow(await db.insert(suppliers).values({ orgId, externalId, name: `Supplier ${externalId}`, nameKey: `supplier ${externalId.toLowerCase()}`, country: "TH", sector: "Seafood processing", ...extra }).returning());
}

async function recruiter(db: TestDb, orgId: number, externalId: string, extra: Partial<typeof recruiters.$inferInsert> = {}) {
  return onlyRow(await db.insert(recruiters).values({ orgId, externalId, name: `Agency ${externalId}`, nameKey: `agency ${externalId.toLowerCase()}`, country: "MM", ...extra }).returning());
}

/** The deliveries written for one event type, their payloads parsed. */
async function deliveries(db: TestDb, type: string) {
  const rows = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.eventType, type));
  return rows.map((r) => JSON.parse(r.payload) as { type: string; organisationId: number; data: Record<string, unknown> });
}

describe("recruiters", () => {
  it("lists by cursor with filters, and gives one with its score's breakdown; another organisation's id answers as a missing one", async () => {
    const db = createTestDb();
    const company = await makeOrgWithRoles(db, "company");
    const other = await makeOrgWithRoles(db, "company");
    const client = apiClient(apiFetch(db), await tokenFor(db, company.admin.actor, { recruiters: "read" }));
    const a = await recruiter(db, company.org.id, "R-1", { licenceStatus: "revoked", originCountries: ["MM", "KH"] });
    const b = await recruiter(db, company.org.id, "R-2", { country: "NP", feesChargedToWorkers: true, feeAmount: 1200, feeCurrency: "USD" });
    const c = await recruiter(db, company.org.id, "R-3");
    const theirs = await recruiter(db, other.org.id, "R-1");
    await scoreOrganisation(db, company.org.id, { cause: "test" });
    // A recruiter added after scoring: unknown, never low.
    const unscored = await recruiter(db, company.org.id, "R-4");

    const first = await client.GET("/recruiters", { params: { query: { limit: 2 } } });
    expect(first.response.status).toBe(200);
    expect(first.data!.data.map((r) => r.id)).toEqual([a.id, b.id]);
    const second = await client.GET("/recruiters", { params: { query: { limit: 2, cursor: first.data!.nextCursor! } } });
    expect(second.data!.data.map((r) => r.id)).toEqual([c.id, unscored.id]);
    expect(second.data!.nextCursor).toBeNull();
    expect(first.data!.data[0]).toMatchObject({ externalId: "R-1", licenceStatus: "revoked", originCountries: ["MM", "KH"], risk: { redFlags: 1 } });
    expect(first.data!.data[1]).toMatchObject({ feesChargedToWorkers: true, feeAmount: 1200, feeCurrency: "USD" });

    expect((await client.GET("/recruiters", { params: { query: { country: "np" } } })).data!.data.map((r) => r.id)).toEqual([b.id]);
    expect((await client.GET("/recruiters", { params: { query: { externalId: "R-3" } } })).data!.data.map((r) => r.id)).toEqual([c.id]);
    const unscoredPage = (await client.GET("/recruiters", { params: { query: { band: "unscored" } } })).data!.data;
    expect(unscoredPage).toEqual([expect.objectContaining({ id: unscored.id, risk: null })]);
    expect((await client.GET("/recruiters", { params: { query: { updatedSince: new Date(Date.now() + 60_000).toISOString() } } })).data!.data).toEqual([]);

    // A supplier list's cursor means nothing here: refused, naming the field.
    const supplierCursor = Buffer.from(`s${a.id}`).toString("base64url");
    const refused = await client.GET("/recruiters", { params: { query: { cursor: supplierCursor } } });
    expect(refused.response.status).toBe(400);
    expect(refused.error).toMatchObject({ errors: [{ field: "cursor" }] });
    const badBand = await client.GET("/recruiters", { params: { query: { band: "bad" as "low" } } });
    expect(badBand.error).toMatchObject({ errors: [{ field: "band", message: "expected one of low, medium, high, critical, unscored" }] });

    const { data: one } = await client.GET("/recruiters/{recruiterId}", { params: { path: { recruiterId: a.id } } });
    expect(one).toMatchObject({ id: a.id, externalId: "R-1", suppliers: [], suppliersTotal: 0 });
    expect(one!.score!.redFlags).toEqual(["licence_revoked"]);
    expect(one!.score!.factors.find((f) => f.redFlag)).toMatchObject({ known: true });
    expect(one!.score!.methodology.version).toMatch(/^\d/);
    expect((await client.GET("/recruiters/{recruiterId}", { params: { path: { recruiterId: unscored.id } } })).data!.score).toBeNull();

    const foreign = await client.GET("/recruiters/{recruiterId}", { params: { path: { recruiterId: theirs.id } } });
    const missing = await client.GET("/recruiters/{recruiterId}", { params: { path: { recruiterId: 999_999 } } });
    expect(foreign.response.status).toBe(404);
    expect(foreign.error).toEqual(missing.error);

    // The recruiters scope is its own: a suppliers token does not reach them.
    const suppliersOnly = apiClient(apiFetch(db), await tokenFor(db, company.admin.actor, { suppliers: "write" }));
    expect((await suppliersOnly.GET("/recruiters", {})).response.status).toBe(403);
  });
});

describe("observed indicators", () => {
  it("reads what is on record with its source, records through the page's function (activity log, rescoring), and refuses bad input naming the field", async () => {
    const db = createTestDb();
    const company = await makeOrgWithRoles(db, "company");
    const other = await makeOrgWithRoles(db, "company");
    const client = apiClient(apiFetch(db), await tokenFor(db, company.admin.actor, { suppliers: "write" }));
    const s = await supplier(db, company.org.id, "S-1", { indicators: { excessive_overtime: true, isolation: false } });
    const theirs = await supplier(db, other.org.id, "S-1");
    await scoreOrganisation(db, company.org.id, { cause: "test" });

    const { data: read } = await client.GET("/suppliers/{supplierId}/indicators", { params: { path: { supplierId: s.id } } });
    const byCode = (list: { code: string }[], code: string) => list.find((i) => i.code === code);
    expect(byCode(read!.indicators, "excessive_overtime")).toMatchObject({ value: "yes", source: "list", note: null, date: null });
    expect(byCode(read!.indicators, "isolation")).toMatchObject({ value: "no", source: "list" });
    expect(byCode(read!.indicators, "debt_bondage")).toMatchObject({ value: "unknown", source: null, note: null });

    const before = onlyRow(await db.select().from(suppliers).where(eq(suppliers.id, s.id)));
    const { data: recorded, response } = await client.POST("/suppliers/{supplierId}/indicators", { params: { path: { supplierId: s.id } }, body: { values: { debt_bondage: "yes", isolation: "no" }, note: "Seen on the site visit" } });
    expect(response.status).toBe(200);
    // "isolation" was already "no": not recorded again.
    expect(recorded!.changed).toEqual(["debt_bondage"]);
    expect(recorded!.before).toEqual({ score: before.riskScore, band: before.riskBand });
    expect(recorded!.after!.score).toBeGreaterThan(before.riskScore!);
    expect(byCode(recorded!.indicators, "debt_bondage")).toMatchObject({ value: "yes", source: "recorded", note: expect.stringContaining("Seen on the site visit"), date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    const after = onlyRow(await db.select().from(suppliers).where(eq(suppliers.id, s.id)));
    expect(after.riskScoreId).not.toBe(before.riskScoreId);
    expect(await db.select().from(auditLog).where(and(eq(auditLog.action, "supplier.indicators_changed"), eq(auditLog.targetId, String(s.id))))).toEqual([
      expect.objectContaining({ actorUserId: company.admin.user.id, details: { changed: { debt_bondage: "yes" }, note: "Seen on the site visit" } }),
    ]);
    const { data: detail } = await client.GET("/suppliers/{supplierId}", { params: { path: { supplierId: s.id } } });
    expect(detail!.score!.factors.find((f) => f.code === "indicator.debt_bondage")).toMatchObject({ known: true });

    // Bad input: 400 naming each field, nothing written.
    const bad = await client.POST("/suppliers/{supplierId}/indicators", { params: { path: { supplierId: s.id } }, body: { values: { deception: "maybe" as "yes", nonsense: "yes" } as never, note: "x".repeat(501) } });
    expect(bad.response.status).toBe(400);
    expect(bad.error!.errors).toEqual(
      expect.arrayContaining([
        { field: "values/deception", message: "expected yes, no or unknown" },
        { field: "values/nonsense", message: "not a field of this operation" },
        { field: "note", message: "at most 500 characters" },
      ]),
    );
    expect(onlyRow(await db.select().from(suppliers).where(eq(suppliers.id, s.id))).riskScoreId).toBe(after.riskScoreId);

    // Another organisation's supplier answers as a missing one, reading and writing.
    for (const call of [
      (id: number) => client.GET("/suppliers/{supplierId}/indicators", { params: { path: { supplierId: id } } }),
      (id: number) => client.POST("/suppliers/{supplierId}/indicators", { params: { path: { supplierId: id } }, body: { values: { deception: "yes" } } }),
    ]) {
      const foreign = await call(theirs.id);
      const missing = await call(999_999);
      expect(foreign.response.status).toBe(404);
      expect(foreign.error).toEqual(missing.error);
    }
    expect(onlyRow(await db.select().from(suppliers).where(eq(suppliers.id, theirs.id))).indicators).toEqual({});

    // Recording needs the write scope.
    const reader = apiClient(apiFetch(db), await tokenFor(db, company.admin.actor, { suppliers: "read" }));
    expect((await reader.POST("/suppliers/{supplierId}/indicators", { params: { path: { supplierId: s.id } }, body: { values: { deception: "yes" } } })).response.status).toBe(403);
  });
});

describe("the score.red_flag_raised event", () => {
  it("is written with the score that raises a flag (a first score included), once: not again on a rescore with the same flag", async () => {
    const db = createTestDb();
    const company = await makeOrgWithRoles(db, "company");
    const other = await makeOrgWithRoles(db, "company");
    const client = apiClient(apiFetch(db), await tokenFor(db, company.admin.actor, { suppliers: "write" }));
    await createSubscription(db, company.admin.actor, company.org.id, { url: "http://127.0.0.1:9/hook", events: ["score.red_flag_raised"], allowPrivate: true }, null);
    // Another organisation's subscription hears nothing of ours.
    await createSubscription(db, other.admin.actor, other.org.id, { url: "http://127.0.0.1:9/theirs", events: ["score.red_flag_raised"], allowPrivate: true }, null);
    const flaggedAtFirst = await supplier(db, company.org.id, "F-1", { indicators: { retention_of_documents: true } });
    const clean = await supplier(db, company.org.id, "C-1");
    const agency = await recruiter(db, company.org.id, "R-9", { licenceStatus: "revoked" });

    await scoreOrganisation(db, company.org.id, { cause: "first" });
    const first = await deliveries(db, "score.red_flag_raised");
    const firstScore = onlyRow(await db.select().from(suppliers).where(eq(suppliers.id, flaggedAtFirst.id)));
    const agencyRow = onlyRow(await db.select().from(recruiters).where(eq(recruiters.id, agency.id)));
    expect(first).toHaveLength(2);
    expect(first).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: "score.red_flag_raised", organisationId: company.org.id, data: expect.objectContaining({ kind: "supplier", id: flaggedAtFirst.id, externalId: "F-1", redFlags: ["retention_of_documents"], scoreId: firstScore.riskScoreId }) }),
        expect.objectContaining({ data: expect.objectContaining({ kind: "recruiter", id: agency.id, externalId: "R-9", redFlags: ["licence_revoked"], scoreId: agencyRow.riskScoreId }) }),
      ]),
    );

    // A change that keeps the same flag (a new score, the flag already on the previous one): nothing more.
    const same = await client.POST("/suppliers/{supplierId}/indicators", { params: { path: { supplierId: flaggedAtFirst.id } }, body: { values: { excessive_overtime: "yes" } } });
    expect(same.data!.changed).toEqual(["excessive_overtime"]);
    expect(onlyRow(await db.select().from(suppliers).where(eq(suppliers.id, flaggedAtFirst.id))).riskScoreId).not.toBe(firstScore.riskScoreId);
    expect(await deliveries(db, "score.red_flag_raised")).toHaveLength(2);

    // A flag raised on a supplier that had none: one event, with the new code only.
    await client.POST("/suppliers/{supplierId}/indicators", { params: { path: { supplierId: clean.id } }, body: { values: { debt_bondage: "yes" } } });
    const raised = (await deliveries(db, "score.red_flag_raised")).slice(2);
    const cleanRow = onlyRow(await db.select().from(suppliers).where(eq(suppliers.id, clean.id)));
    expect(raised).toEqual([expect.objectContaining({ data: expect.objectContaining({ kind: "supplier", id: clean.id, externalId: "C-1", redFlags: ["debt_bondage"], scoreId: cleanRow.riskScoreId }) })]);
    // A second flag on the already flagged supplier: only the new one is news.
    await client.POST("/suppliers/{supplierId}/indicators", { params: { path: { supplierId: clean.id } }, body: { values: { retention_of_documents: "yes" } } });
    const more = (await deliveries(db, "score.red_flag_raised")).slice(3);
    expect(more.map((d) => d.data.redFlags)).toEqual([["retention_of_documents"]]);
    // Every delivery is the company's subscription's: none to the other organisation's.
    expect((await db.select().from(webhookDeliveries)).every((d) => d.orgId === company.org.id)).toBe(true);
  });

  it("writes nothing when nobody subscribes to it", async () => {
    const db = createTestDb();
    const company = await makeOrgWithRoles(db, "company");
    // Subscribed to another event only.
    await createSubscription(db, company.admin.actor, company.org.id, { url: "http://127.0.0.1:9/hook", events: ["score.band_changed"], allowPrivate: true }, null);
    await supplier(db, company.org.id, "F-1", { indicators: { retention_of_documents: true } });
    await recruiter(db, company.org.id, "R-9", { licenceStatus: "revoked" });
    await scoreOrganisation(db, company.org.id, { cause: "first" });
    expect(await db.select().from(webhookDeliveries)).toEqual([]);
  });
});
