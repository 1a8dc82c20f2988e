/**
 * One supplier or recruiter created and changed over the API (issue 22, decision 037), on both
 * engines: checked as a row of the list is (same messages, naming the field), refused without a
 * trace when bad, a clash with a record already on the list answered 409 naming it, `null` clearing
 * a field, the activity log saying who changed what, the record scored before the answer, and a
 * later list with the same record finding it unchanged. Every answer is checked against the
 * OpenAPI document by tests/support/api.ts.
 */
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, recruiters, supplierRecruiters, suppliers } from "#db/schema";
import { onlyRow } from "#db/client";
import { createTestDb } from "../support/db";
import { makeOrgWithRoles } from "../support/factories";
import { apiClient, apiFetch, tokenFor, until } from "../support/api";

type TestDb = ReturnType<typeof createTestDb>;

const entries = async (db: TestDb, action: string) => await db.select().from(auditLog).where(eq(auditLog.action, action));

async function setUp() {
  const db = createTestDb();
  const company = await makeOrgWithRoles(db, "company");
  const other = await makeOrgWithRoles(db, "company");
  const client = apiClient(apiFetch(db), await tokenFor(db, company.admin.actor, { suppliers: "write", recruiters: "write" }));
  const otherClient = apiClient(apiFetch(db), await tokenFor(db, other.admin.actor, { suppliers: "write", recruiters: "write" }));
  return { db, company, other, client, otherClient };
}

describe("one supplier", () => {
  it("is created as a list's row would be, scored before the answer, logged; a clash names the record, bad input names the field and writes nothing", async () => {
    const { db, company, client, otherClient } = await setUp();
    const body = { externalId: "ERP-1", name: "Lotus Seafood Co", country: "Thailand", sector: "Seafood processing", products: ["Shrimp", "Palmöl"], workersTotal: 850, migrantShare: 60 };
    const created = await client.POST("/suppliers", { body });
    expect(created.response.status).toBe(201);
    const record = created.data!.record;
    // The list's own reading: the country's name becomes its code, 60 a share of 0.6.
    expect(record).toMatchObject({ externalId: "ERP-1", name: "Lotus Seafood Co", country: "TH", products: ["Shrimp", "Palmöl"], workersTotal: 850, migrantShare: 0.6 });
    expect(record.score).not.toBeNull();
    expect(record.score!.cause).toContain("created through the API");
    expect(created.data!.changed).toEqual(expect.arrayContaining(["externalId", "name", "country", "products"]));
    // A product the method knows under no name is said, as the import says it, and written anyway.
    expect(created.data!.warnings).toEqual([expect.objectContaining({ field: "products", message: expect.stringContaining("Palmöl") })]);
    const [logged] = await entries(db, "supplier.created");
    expect(logged).toMatchObject({ orgId: company.org.id, targetType: "supplier", targetId: String(record.id), actorUserId: company.admin.user.id });

    // The same id again: a conflict naming the record to change; another organisation's list is its own.
    const again = await client.POST("/suppliers", { body: { ...body, name: "Lotus Seafood" } });
    expect(again.response.status).toBe(409);
    expect(again.error).toMatchObject({ errors: [{ field: "externalId", message: expect.stringContaining(`supplier ${record.id}`) }] });
    expect((await otherClient.POST("/suppliers", { body })).response.status).toBe(201);
    // No id of the company's: the same name in the same country is the same supplier, as for a list's row.
    const unnamed = { name: "Golden Mill", country: "VN", sector: "Garments" };
    const first = await client.POST("/suppliers", { body: unnamed });
    expect(first.data!.record.externalId).toMatch(/^auto-/);
    const clash = await client.POST("/suppliers", { body: { ...unnamed, name: "GOLDEN  MILL" } });
    expect(clash.response.status).toBe(409);
    expect(clash.error).toMatchObject({ errors: [{ field: "name", message: expect.stringContaining(`supplier ${first.data!.record.id}`) }] });

    // Bad input: every refused field at once, in the list's words; nothing written, nothing logged.
    const before = (await db.select().from(suppliers)).length;
    const bad = await client.POST("/suppliers", { body: { externalId: "ERP-9", name: "Bad Co", country: "Atlantis", migrantShare: 250, workersTotal: -3 } });
    expect(bad.response.status).toBe(400);
    const fields = (bad.error as { errors: { field: string; message: string }[] }).errors;
    expect(fields.map((e) => e.field).sort()).toEqual(["country", "migrantShare", "workersTotal"]);
    expect(fields.find((e) => e.field === "country")!.message).toContain("Atlantis");
    const unknown = await client.POST("/suppliers", { body: { name: "X", colour: "blue" } as never });
    expect(unknown.error).toMatchObject({ errors: [{ field: "colour" }] });
    expect((await db.select().from(suppliers)).length).toBe(before);
    expect(await entries(db, "supplier.created")).toHaveLength(3);
  });

  it("changes only the fields given, clears with null, refuses clearing the name, logs before and after, and writes nothing for no change", async () => {
    const { db, company, other, client } = await setUp();
    const { data } = await client.POST("/suppliers", { body: { externalId: "ERP-2", name: "Mekong Garments", country: "KH", sector: "Garments", products: ["Cotton"], workersTotal: 400, migrantShare: 0.1 } });
    const id = data!.record.id;
    const scoredAt = data!.record.score!.computedAt;

    const changed = await client.PATCH("/suppliers/{supplierId}", { params: { path: { supplierId: id } }, body: { migrantShare: null, workersTotal: 1200, "indicator:debt_bondage": true } });
    expect(changed.response.status).toBe(200);
    expect(changed.data!.changed.sort()).toEqual(["indicators", "migrantShare", "workersTotal"]);
    expect(changed.data!.record).toMatchObject({ name: "Mekong Garments", sector: "Garments", migrantShare: null, workersTotal: 1200 });
    // Scored again at once, with the indicator it was sent.
    expect(changed.data!.record.score!.computedAt >= scoredAt).toBe(true);
    expect(changed.data!.record.score!.factors.find((f) => f.code === "indicator.debt_bondage")).toMatchObject({ known: true, redFlag: true });
    expect(changed.data!.record.score!.band).not.toBe("low");
    const stored = onlyRow(await db.select().from(suppliers).where(eq(suppliers.id, id)));
    expect(stored.indicators).toEqual({ debt_bondage: true });
    expect(stored.indicatorSources.debt_bondage!.source).toMatch(/through the API/);
    const [log] = await entries(db, "supplier.updated");
    expect(log!.details).toMatchObject({ changed: { workersTotal: { before: 400, after: 1200 }, migrantShare: { before: 0.1, after: null } } });

    // The indicator forgotten again: unknown, and its source with it.
    await client.PATCH("/suppliers/{supplierId}", { params: { path: { supplierId: id } }, body: { "indicator:debt_bondage": null } });
    const cleared = onlyRow(await db.select().from(suppliers).where(eq(suppliers.id, id)));
    expect(cleared.indicators).toEqual({});
    expect(cleared.indicatorSources).toEqual({});

    // The same values again: nothing written, nothing logged.
    const same = await client.PATCH("/suppliers/{supplierId}", { params: { path: { supplierId: id } }, body: { workersTotal: 1200, sector: "Garments" } });
    expect(same.data!.changed).toEqual([]);
    expect(await entries(db, "supplier.updated")).toHaveLength(2);

    // The name cannot be cleared; a bad value names its field; both leave the record as it was.
    const noName = await client.PATCH("/suppliers/{supplierId}", { params: { path: { supplierId: id } }, body: { name: null, tier: 2 } });
    expect(noName.response.status).toBe(400);
    expect(noName.error).toMatchObject({ errors: [{ field: "name" }] });
    // An empty id is no id: refused, not replaced by one made of the name.
    const emptyId = await client.PATCH("/suppliers/{supplierId}", { params: { path: { supplierId: id } }, body: { externalId: "  " } });
    expect(emptyId.error).toMatchObject({ errors: [{ field: "externalId", message: "required: it cannot be cleared" }] });
    const badCountry = await client.PATCH("/suppliers/{supplierId}", { params: { path: { supplierId: id } }, body: { country: "Narnia", tier: 2 } });
    expect(badCountry.error).toMatchObject({ errors: [{ field: "country" }] });
    expect(onlyRow(await db.select().from(suppliers).where(eq(suppliers.id, id))).tier).toBeNull();

    // Another supplier's id of the company's: a conflict naming it.
    const second = await client.POST("/suppliers", { body: { externalId: "ERP-3", name: "River Farms", country: "KH", sector: "Agriculture" } });
    const taken = await client.PATCH("/suppliers/{supplierId}", { params: { path: { supplierId: second.data!.record.id } }, body: { externalId: "ERP-2" } });
    expect(taken.response.status).toBe(409);

    // Another organisation's supplier answers exactly as a missing one, and is not touched.
    const theirs = onlyRow(await db.insert(suppliers).values({ orgId: other.org.id, externalId: "T-1", name: "Theirs", nameKey: "theirs|" }).returning());
    const foreign = await client.PATCH("/suppliers/{supplierId}", { params: { path: { supplierId: theirs.id } }, body: { tier: 1 } });
    const missing = await client.PATCH("/suppliers/{supplierId}", { params: { path: { supplierId: 999_999 } }, body: { tier: 1 } });
    expect(foreign.response.status).toBe(404);
    expect(foreign.error).toEqual(missing.error);
    expect(onlyRow(await db.select().from(suppliers).where(eq(suppliers.id, theirs.id))).tier).toBeNull();
    expect(company.org.id).not.toBe(other.org.id);
  });

  it("is found unchanged by a later list with the same record", { timeout: 120_000 }, async () => {
    const { db, client } = await setUp();
    const row = { externalId: "ERP-5", name: "Delta Rice Mill", country: "VN", sector: "Agriculture", products: ["Rice"], workersTotal: 90 };
    await client.POST("/suppliers", { body: row });
    const { data: job } = await client.POST("/imports", { body: { rows: [row, { ...row, externalId: "ERP-6", name: "Delta Rice Mill 2" }] } });
    const done = await until(async () => (await client.GET("/imports/{importId}", { params: { path: { importId: job!.id } } })).data!, (j) => ["done", "refused", "failed"].includes(j.status));
    expect(done.status).toBe("done");
    expect(done.counts).toMatchObject({ new: 1, unchanged: 1, updated: 0 });
    expect(await db.select().from(suppliers)).toHaveLength(2);
  });
});

describe("one recruiter", () => {
  it("is created with the suppliers it serves, whose scores follow; a change to its fees moves them again", async () => {
    const { db, company, client } = await setUp();
    const supplier = (await client.POST("/suppliers", { body: { externalId: "S-1", name: "Harbour Fish", country: "TH", sector: "Fishing", products: ["Fish"] } })).data!.record;
    const created = await client.POST("/recruiters", { body: { externalId: "R-1", name: "Yangon Manpower", country: "Myanmar", originCountries: ["MM"], links: ["S-1", "S-404"] } });
    expect(created.response.status).toBe(201);
    const recruiter = created.data!.record;
    expect(recruiter).toMatchObject({ externalId: "R-1", country: "MM", licenceStatus: "unknown", suppliers: [expect.objectContaining({ id: supplier.id })] });
    expect(recruiter.score).not.toBeNull();
    // A supplier not on the platform is said, as the recruiter list says it.
    expect(created.data!.warnings).toEqual([expect.objectContaining({ field: "links", message: expect.stringContaining("S-404") })]);
    expect(await db.select().from(supplierRecruiters).where(eq(supplierRecruiters.recruiterId, recruiter.id))).toHaveLength(1);
    const supplierAfterLink = (await client.GET("/suppliers/{supplierId}", { params: { path: { supplierId: supplier.id } } })).data!;

    const changed = await client.PATCH("/recruiters/{recruiterId}", { params: { path: { recruiterId: recruiter.id } }, body: { feesChargedToWorkers: true, feeAmount: 1500, feeCurrency: "USD", licenceStatus: "revoked" } });
    expect(changed.response.status).toBe(200);
    expect(changed.data!.record).toMatchObject({ feesChargedToWorkers: true, feeAmount: 1500, licenceStatus: "revoked" });
    expect(changed.data!.record.score!.redFlags).toContain("licence_revoked");
    // The supplier it serves was scored again with the recruiter's new facts.
    const supplierAfterFees = (await client.GET("/suppliers/{supplierId}", { params: { path: { supplierId: supplier.id } } })).data!;
    expect(supplierAfterFees.score!.id).not.toBe(supplierAfterLink.score!.id);
    expect(supplierAfterFees.score!.score).toBeGreaterThanOrEqual(supplierAfterLink.score!.score);

    // Links are only added: null is refused, naming the field.
    const unlink = await client.PATCH("/recruiters/{recruiterId}", { params: { path: { recruiterId: recruiter.id } }, body: { links: null } });
    expect(unlink.response.status).toBe(400);
    expect(unlink.error).toMatchObject({ errors: [{ field: "links" }] });
    const cleared = await client.PATCH("/recruiters/{recruiterId}", { params: { path: { recruiterId: recruiter.id } }, body: { feeAmount: null, feeCurrency: null, licenceStatus: null } });
    expect(cleared.data!.record).toMatchObject({ feeAmount: null, feeCurrency: null, licenceStatus: "unknown" });
    const logged = await db.select().from(auditLog).where(and(eq(auditLog.targetType, "recruiter"), eq(auditLog.targetId, String(recruiter.id))));
    expect(logged.map((e) => e.action)).toEqual(["recruiter.created", "recruiter.updated", "recruiter.updated"]);
    expect(onlyRow(await db.select().from(recruiters).where(eq(recruiters.id, recruiter.id))).orgId).toBe(company.org.id);
  });

  it("needs the write scope: a token that may only read is refused, and nothing is written", async () => {
    const db = createTestDb();
    const company = await makeOrgWithRoles(db, "company");
    const reader = apiClient(apiFetch(db), await tokenFor(db, company.admin.actor, { suppliers: "read", recruiters: "read" }));
    expect((await reader.POST("/suppliers", { body: { name: "Nope" } })).response.status).toBe(403);
    expect((await reader.POST("/recruiters", { body: { name: "Nope" } })).response.status).toBe(403);
    expect(await db.select().from(suppliers)).toHaveLength(0);
    expect(await db.select().from(recruiters)).toHaveLength(0);
  });
});
