/**
 * The JSON API (issue 22, decision 037), on both engines: tokens (shown once, hashed, scoped,
 * expiring, revocable, dead with their creator's authority), the RFC 9457 problems, the rate
 * limit, the activity log, cursor pages, and an ERP-style round trip of 10,000 suppliers by bulk
 * job. Every answer goes through tests/support/api.ts, which checks it against the OpenAPI document.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { apiTokens, auditLog, imports, memberships, suppliers } from "#db/schema";
import { LIMITS, takeRateLimit } from "~/auth/rate-limit.server";
import { firstRow } from "#db/client";
import { authenticateApiToken, revokeApiToken, Unauthenticated } from "~/domain/api/tokens.server";
import { hashToken } from "~/auth/tokens.server";
import { createTestDb } from "../support/db";
import { makeOrgWithRoles } from "../support/factories";
import { apiClient, apiFetch, tokenFor, until } from "../support/api";
import { webhookReceiver } from "../support/webhook-receiver";
import { createSubscription } from "~/domain/webhooks/subscriptions.server";
import { deliverDueWebhooks } from "~/domain/webhooks/delivery.server";
import { verifyDelivery } from "~/domain/webhooks/signature";
import { confirmMapping, createImport } from "~/domain/import/imports.server";
import { startImportPhase } from "~/domain/import/jobs.server";
import { runImportPhase } from "~/domain/import/run.server";
import { TMP_DIR } from "../support/paths";

async function supplierRows(db: ReturnType<typeof createTestDb>, orgId: number, n: number, prefix = "S") {
  for (let i = 0; i < n; i += 500) {
    await db.insert(suppliers).values(
      Array.from({ length: Math.min(500, n - i) }, (_, k) => ({ orgId, externalId: `${prefix}-${i + k}`, name: `Supplier ${prefix} ${i + k}`, nameKey: `supplier ${prefix} ${i + k}`, country: "TH" })),
    );
  }
}

describe("tokens", () => {
  it("is shown once and kept as a hash; acts for its organisation only while its creator is an administrator", async () => {
    const db = createTestDb();
    const company = await makeOrgWithRoles(db, "company");
    const token = await tokenFor(db, company.admin.actor, { suppliers: "read" });
    expect(token).toMatch(/^ldd_\d+_[a-z2-7]{32}$/);
    const row = firstRow(await db.select().from(apiTokens).where(eq(apiTokens.orgId, company.org.id)))!;
    expect(JSON.stringify(row)).not.toContain(token.split("_")[2]);
    expect(row.secretHash).toBe(hashToken(token.split("_")[2]!));
    const actor = await authenticateApiToken(db, `Bearer ${token}`);
    expect(actor.membership).toMatchObject({ orgId: company.org.id, role: "admin" });
    expect(actor.user.isPlatformAdmin).toBe(false);

    // The creator loses the administrator role: the token stops, whatever its scopes and lifetime.
    await db.update(memberships).set({ role: "member" }).where(and(eq(memberships.userId, company.admin.user.id), eq(memberships.orgId, company.org.id)));
    await expect(authenticateApiToken(db, `Bearer ${token}`)).rejects.toEqual(new Unauthenticated("creator"));
  });

  it("refuses a member, a missing scope, and another organisation's token to revoke", async () => {
    const db = createTestDb();
    const company = await makeOrgWithRoles(db, "company");
    const other = await makeOrgWithRoles(db, "company");
    await expect(tokenFor(db, company.member.actor)).rejects.toMatchObject({ name: "Forbidden" });
    await expect(tokenFor(db, company.admin.actor, {})).rejects.toMatchObject({ field: "scope_suppliers" });
    expect(await db.select().from(apiTokens)).toHaveLength(0);
    await tokenFor(db, other.admin.actor);
    const theirs = firstRow(await db.select().from(apiTokens))!;
    await expect(revokeApiToken(db, company.admin.actor, company.org.id, theirs.id, null)).rejects.toMatchObject({ name: "NotFound" });
    expect(firstRow(await db.select().from(apiTokens))!.revokedAt).toBeNull();
  });
});

describe("calls", () => {
  it("answers 401 problems for no token, a cookie, a wrong secret, a revoked or expired token", async () => {
    const db = createTestDb();
    const company = await makeOrgWithRoles(db, "company");
    const harness = apiFetch(db);
    const token = await tokenFor(db, company.admin.actor, { suppliers: "read" });
    const wrong = token.replace(/.$/, (c) => (c === "a" ? "b" : "a"));
    for (const [authorization, detail] of [
      [null, "Send the token"],
      ["Basic dXNlcjpwYXNz", "does not hold an API token"],
      [`Bearer ${wrong}`, "not valid"],
    ] as const) {
      const response = await harness.fetch(new Request("http://localhost/api/v1/suppliers", { headers: authorization ? { authorization } : {} }));
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toMatch(/^Bearer realm="api"/);
      expect(await response.json()).toMatchObject({ type: "/api/v1/docs#problem-unauthenticated", status: 401, detail: expect.stringContaining(detail) });
    }
    // A signed-in browser's cookie is not read: the API has no cookie authentication.
    const cookie = await harness.fetch(new Request("http://localhost/api/v1/suppliers", { headers: { cookie: "ldd_session=anything" } }));
    expect(cookie.status).toBe(401);

    const id = Number(token.split("_")[1]);
    await revokeApiToken(db, company.admin.actor, company.org.id, id, null);
    const { response: revoked } = await apiClient(harness, token).GET("/suppliers");
    expect(revoked.status).toBe(401);
    const expiring = await tokenFor(db, company.admin.actor, { suppliers: "read" });
    await db.update(apiTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(apiTokens.id, Number(expiring.split("_")[1])));
    const { error } = await apiClient(harness, expiring).GET("/suppliers");
    expect(error).toMatchObject({ status: 401, detail: expect.stringContaining("expired") });
  });

  it("answers 403 beyond the token's scope, and another organisation's supplier exactly like a missing one", async () => {
    const db = createTestDb();
    const company = await makeOrgWithRoles(db, "company");
    const other = await makeOrgWithRoles(db, "company");
    await supplierRows(db, other.org.id, 1, "THEIRS");
    const theirs = firstRow(await db.select({ id: suppliers.id }).from(suppliers).where(eq(suppliers.orgId, other.org.id)))!.id;
    const harness = apiFetch(db);
    const reportsOnly = apiClient(harness, await tokenFor(db, company.admin.actor, { reports: "read" }));
    const { response: noScope, error: scopeError } = await reportsOnly.GET("/suppliers");
    expect(noScope.status).toBe(403);
    expect(noScope.headers.get("www-authenticate")).toContain('error="insufficient_scope", scope="suppliers:read"');
    expect(scopeError).toMatchObject({ type: "/api/v1/docs#problem-insufficient-scope" });
    const reader = apiClient(harness, await tokenFor(db, company.admin.actor, { suppliers: "read" }));
    const { response: readOnly } = await reader.POST("/imports", { body: { rows: [{ externalId: "A", name: "A" }] } });
    expect(readOnly.status).toBe(403);

    const foreign = await reader.GET("/suppliers/{supplierId}", { params: { path: { supplierId: theirs } } });
    const missing = await reader.GET("/suppliers/{supplierId}", { params: { path: { supplierId: 999_999 } } });
    expect(foreign.response.status).toBe(404);
    expect(foreign.error).toEqual(missing.error);
    const nonsense = await harness.fetch(new Request("http://localhost/api/v1/suppliers/abc", { headers: { authorization: `Bearer ${await tokenFor(db, company.admin.actor, { suppliers: "read" })}` } }));
    expect(nonsense.status).toBe(404);
    const unknown = await harness.fetch(new Request("http://localhost/api/v1/nothing-here"));
    expect(unknown.status).toBe(404);
  });

  it("names each refused field, refuses a body that is not JSON, and writes nothing", async () => {
    const db = createTestDb();
    const company = await makeOrgWithRoles(db, "company");
    const harness = apiFetch(db);
    const token = await tokenFor(db, company.admin.actor);
    const client = apiClient(harness, token);
    const { error } = await client.GET("/suppliers", { params: { query: { limit: 0 as never, band: "pink" as never } } });
    expect(error).toMatchObject({ status: 400, type: "/api/v1/docs#problem-validation" });
    expect(error!.errors!.map((e) => e.field).sort()).toEqual(["band", "limit"]);
    const badCursor = await client.GET("/suppliers", { params: { query: { cursor: "bm9wZQ" } } });
    expect(badCursor.error!.errors).toEqual([{ field: "cursor", message: "expected the nextCursor of an earlier page" }]);
    const extra = await harness.fetch(new Request("http://localhost/api/v1/suppliers?colour=red", { headers: { authorization: `Bearer ${token}` } }));
    expect(((await extra.json()) as { errors: { field: string }[] }).errors[0]!.field).toBe("colour");

    const rows = await client.POST("/imports", { body: { rows: [{ externalId: "A-1", name: "Ok" }, { externalId: "A-2", name: "Bad", migrantShare: "lots" as never, colour: "red" } as never] } });
    expect(rows.response.status).toBe(400);
    expect(rows.error!.errors!.map((e) => e.field).sort()).toEqual(["rows/1/colour", "rows/1/migrantShare"]);
    const notJson = await harness.fetch(new Request("http://localhost/api/v1/imports", { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: "{rows:" }));
    expect(notJson.status).toBe(400);
    const form = await harness.fetch(new Request("http://localhost/api/v1/imports", { method: "POST", headers: { authorization: `Bearer ${token}` }, body: new URLSearchParams({ rows: "x" }) }));
    expect(form.status).toBe(415);
    const wrongMethod = await harness.fetch(new Request("http://localhost/api/v1/suppliers", { method: "DELETE", headers: { authorization: `Bearer ${token}` } }));
    expect(wrongMethod.status).toBe(405);
    expect(await db.select().from(suppliers)).toHaveLength(0);
  });

  it("counts calls per token per minute, says what is left, refuses beyond with Retry-After, and logs every call", async () => {
    const db = createTestDb();
    const company = await makeOrgWithRoles(db, "company");
    const harness = apiFetch(db, { rateLimit: 3 });
    const client = apiClient(harness, await tokenFor(db, company.admin.actor, { suppliers: "read" }));
    const left: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { response } = await client.GET("/suppliers");
      expect(response.status).toBe(200);
      expect(response.headers.get("ratelimit-policy")).toBe('"per-token";q=3;w=60');
      left.push(response.headers.get("ratelimit")!.replace(/;t=\d+$/, ""));
    }
    expect(left).toEqual(['"per-token";r=2', '"per-token";r=1', '"per-token";r=0']);
    const { response, error } = await client.GET("/suppliers");
    expect(response.status).toBe(429);
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(error).toMatchObject({ type: "/api/v1/docs#problem-rate-limited" });
    // Another token of the same organisation has its own allowance.
    const second = apiClient(harness, await tokenFor(db, company.admin.actor, { suppliers: "read" }));
    expect((await second.GET("/suppliers")).response.status).toBe(200);

    const logged = await db.select().from(auditLog).where(eq(auditLog.action, "api.call"));
    expect(logged).toHaveLength(5);
    expect(logged.map((e) => e.details?.status)).toEqual([200, 200, 200, 429, 200]);
    expect(logged[0]).toMatchObject({ orgId: company.org.id, actorUserId: company.admin.user.id, targetType: "api_token", ip: "203.0.113.9" });
  });

  it("pages by cursor without repeating or skipping while suppliers are added, and filters", async () => {
    const db = createTestDb();
    const company = await makeOrgWithRoles(db, "company");
    const other = await makeOrgWithRoles(db, "company");
    await supplierRows(db, company.org.id, 250);
    await supplierRows(db, other.org.id, 20, "THEIRS");
    const client = apiClient(apiFetch(db), await tokenFor(db, company.admin.actor, { suppliers: "read" }));
    const seen: number[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const { data } = await client.GET("/suppliers", { params: { query: { limit: 100, ...(cursor ? { cursor } : {}) } } });
      seen.push(...data!.data.map((s) => s.id));
      // Unscored: the risk is null, never a low score.
      expect(data!.data.every((s) => s.risk === null)).toBe(true);
      cursor = data!.nextCursor ?? undefined;
      if (pages++ === 0) await supplierRows(db, company.org.id, 5, "LATE");
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(255);
    expect(new Set(seen).size).toBe(255);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    const one = await client.GET("/suppliers", { params: { query: { externalId: "S-7" } } });
    expect(one.data!.data.map((s) => s.name)).toEqual(["Supplier S 7"]);
    const unscored = await client.GET("/suppliers", { params: { query: { band: "unscored", limit: 1 } } });
    expect(unscored.data!.data).toHaveLength(1);
    const high = await client.GET("/suppliers", { params: { query: { band: "high" } } });
    expect(high.data).toEqual({ data: [], nextCursor: null });
  });
});

describe("bulk import", () => {
  it("refuses the whole job when a row is refused (reject), naming the row; writes the valid rows when told to skip", async () => {
    const db = createTestDb();
    const company = await makeOrgWithRoles(db, "company");
    const client = apiClient(apiFetch(db), await tokenFor(db, company.admin.actor));
    const rows = [
      { externalId: "B-1", name: "Good Co", country: "TH" },
      { externalId: "B-2", name: "Bad country Co", country: "Atlantis" },
    ];
    const { data: job, response } = await client.POST("/imports", { body: { rows } });
    expect(response.status).toBe(202);
    const poll = (id: number) => until(async () => (await client.GET("/imports/{importId}", { params: { path: { importId: id } } })).data!, (j) => ["done", "refused", "failed"].includes(j.status));
    const refused = await poll(job!.id);
    expect(refused.status).toBe("refused");
    expect(refused.counts).toMatchObject({ rows: 2, valid: 1, invalid: 1 });
    expect(refused.issues.filter((i) => i.severity === "error")).toEqual([expect.objectContaining({ row: 1, field: "country", value: "Atlantis" })]);
    // No sector or product given: said of the whole request, not of a row.
    expect(refused.issues.filter((i) => i.severity === "warning")).toEqual([expect.objectContaining({ row: null, message: expect.stringContaining("Sector or Products") })]);
    expect(await db.select().from(suppliers)).toHaveLength(0);

    const { data: skipping } = await client.POST("/imports", { body: { rows, onInvalidRows: "skip" } });
    const done = await poll(skipping!.id);
    expect(done.status).toBe("done");
    expect(done.counts).toMatchObject({ new: 1, invalid: 1 });
    expect((await db.select({ externalId: suppliers.externalId }).from(suppliers)).map((s) => s.externalId)).toEqual(["B-1"]);
  });

  it("goes on with a bulk job whose process stopped after its check, before or during its commit", async () => {
    const db = createTestDb();
    const company = await makeOrgWithRoles(db, "company");
    const client = apiClient(apiFetch(db), await tokenFor(db, company.admin.actor));
    const uploadsDir = path.join(TMP_DIR, "uploads");
    mkdirSync(uploadsDir, { recursive: true });
    for (const stoppedAt of ["analysed", "importing"] as const) {
      // What the job had done when its process stopped: checked the rows and (for "importing") marked
      // the import to commit. The job itself is still claimed, so the next runner runs it again.
      const tempPath = path.join(uploadsDir, `resume-${stoppedAt}.csv`);
      writeFileSync(tempPath, `externalId,name,country,sector\nRES-${stoppedAt},Resume ${stoppedAt} Co,TH,Seafood\n`);
      const importId = await createImport(db, company.admin.actor, company.org.id, { kind: "suppliers", fileName: `api-${stoppedAt}.csv`, tempPath, uploadsDir }, null);
      await db.update(imports).set({ autoCommit: "all" }).where(eq(imports.id, importId));
      await confirmMapping(db, company.admin.actor, importId, ["externalId", "name", "country", "sector"]);
      await runImportPhase(db, importId, "analyse");
      if (stoppedAt === "importing") await db.update(imports).set({ status: "importing", committedBy: company.admin.user.id }).where(eq(imports.id, importId));
      await startImportPhase(db, importId, "analyse");
      const { data: job } = await client.GET("/imports/{importId}", { params: { path: { importId } } });
      expect(job, stoppedAt).toMatchObject({ status: "done", counts: { new: 1 } });
      expect(firstRow(await db.select({ name: suppliers.name }).from(suppliers).where(eq(suppliers.externalId, `RES-${stoppedAt}`)))).toEqual({ name: `Resume ${stoppedAt} Co` });
    }
  });

  it("shares the import page's allowance of lists per organisation: beyond it, a 429 problem and no import", async () => {
    const db = createTestDb();
    const company = await makeOrgWithRoles(db, "company");
    const client = apiClient(apiFetch(db), await tokenFor(db, company.admin.actor));
    for (let i = 0; i < LIMITS["imports.upload"].limit; i++) await takeRateLimit(db, "imports.upload", company.org.id);
    const { response, error } = await client.POST("/imports", { body: { rows: [{ externalId: "L-1", name: "Limit Co" }] } });
    expect(response.status).toBe(429);
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(error).toMatchObject({ type: "/api/v1/docs#problem-rate-limited", errors: [{ field: "form", message: expect.stringContaining("20") }] });
    expect(await db.select().from(imports)).toHaveLength(0);
  });

  it("round trip as an ERP would: 10,000 suppliers by bulk job, polled, read back by cursor with scores and breakdowns, a signed webhook when a band changes", { timeout: 600_000 }, async () => {
    const db = createTestDb();
    const company = await makeOrgWithRoles(db, "company");
    const client = apiClient(apiFetch(db), await tokenFor(db, company.admin.actor));
    const receiver = await webhookReceiver();
    const { secret } = await createSubscription(db, company.admin.actor, company.org.id, { url: receiver.url, events: ["score.band_changed"], allowPrivate: true }, null);
    const countries = ["TH", "MY", "DE", "BD", "CN"];
    const rows = Array.from({ length: 10_000 }, (_, i) => ({
      externalId: `ERP-${String(i).padStart(5, "0")}`,
      name: `Vendor ${i}`,
      country: countries[i % countries.length]!,
      sector: i % 2 ? "Seafood processing" : "Electronics assembly",
      products: i % 3 ? ["shrimp"] : ["electronics", "cables"],
      workersTotal: 100 + (i % 900),
      ...(i % 50 === 0 ? { "indicator:retention_of_documents": true } : {}),
    }));
    const { data: job, response } = await client.POST("/imports", { body: { rows } });
    expect(response.status).toBe(202);
    expect(["queued", "checking"]).toContain(job!.status);
    const statuses = new Set<string>();
    const done = await until(
      async () => {
        const j = (await client.GET("/imports/{importId}", { params: { path: { importId: job!.id } } })).data!;
        statuses.add(j.status);
        return j;
      },
      (j) => ["done", "refused", "failed"].includes(j.status),
    );
    expect(done).toMatchObject({ status: "done", counts: { rows: 10_000, valid: 10_000, new: 10_000 }, failure: null });
    expect(done.finishedAt).not.toBeNull();

    const all: { id: number; externalId: string; risk: { band: string; confidence: number } | null }[] = [];
    let cursor: string | undefined;
    do {
      const { data } = await client.GET("/suppliers", { params: { query: { limit: 500, ...(cursor ? { cursor } : {}) } } });
      all.push(...data!.data);
      cursor = data!.nextCursor ?? undefined;
    } while (cursor);
    expect(all).toHaveLength(10_000);
    expect(new Set(all.map((s) => s.externalId)).size).toBe(10_000);
    // Every supplier was scored by the import's own scoring step.
    expect(all.filter((s) => s.risk === null)).toHaveLength(0);

    // One with an observed red flag: its breakdown says why, and it is not rated low.
    const flagged = all.find((s) => s.externalId === "ERP-00050")!;
    const { data: detail } = await client.GET("/suppliers/{supplierId}", { params: { path: { supplierId: flagged.id } } });
    expect(detail!.score!.factors.find((f) => f.code === "indicator.retention_of_documents")).toMatchObject({ known: true, redFlag: true });
    expect(["high", "critical"]).toContain(detail!.score!.band);
    expect(detail!.score!.methodology.version).toMatch(/^\d/);
    expect(detail!.score!.range).not.toBeNull();

    // The same rows again: nothing new, nothing changed.
    const { data: again } = await client.POST("/imports", { body: { rows } });
    const second = await until(async () => (await client.GET("/imports/{importId}", { params: { path: { importId: again!.id } } })).data!, (j) => ["done", "refused", "failed"].includes(j.status));
    expect(second.counts).toMatchObject({ new: 0, updated: 0, unchanged: 10_000 });
    // First scores are not band changes: nothing was sent.
    expect(receiver.received).toHaveLength(0);

    // The ERP learns of debt bondage at one vendor: its band changes, and the webhook says so, signed.
    const target = all.find((s) => s.externalId === "ERP-00001")!;
    const { data: update } = await client.POST("/imports", { body: { rows: [{ ...rows[1]!, "indicator:debt_bondage": true }] } });
    expect((await until(async () => (await client.GET("/imports/{importId}", { params: { path: { importId: update!.id } } })).data!, (j) => ["done", "refused", "failed"].includes(j.status))).counts).toMatchObject({ updated: 1 });
    // The job runner of this process delivers what is due; a direct round too, in case it is between ticks.
    await until(async () => (await deliverDueWebhooks(db), receiver.received.length), (n) => n >= 1, 30_000);
    expect(receiver.received).toHaveLength(1);
    const got = receiver.received[0]!;
    const headers = { id: String(got.headers["webhook-id"]), timestamp: String(got.headers["webhook-timestamp"]), signature: String(got.headers["webhook-signature"]) };
    expect(verifyDelivery(secret, headers, got.body)).toBe(true);
    const event = JSON.parse(got.body) as { type: string; data: { supplier: { id: number; externalId: string }; before: string; after: string } };
    const { data: now } = await client.GET("/suppliers/{supplierId}", { params: { path: { supplierId: target.id } } });
    expect(event).toMatchObject({ type: "score.band_changed", data: { supplier: { id: target.id, externalId: "ERP-00001" }, before: target.risk!.band, after: now!.score!.band } });
    expect(event.data.after).not.toBe(event.data.before);
    await receiver.close();
  });
});
