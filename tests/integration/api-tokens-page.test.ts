/**
 * The API token page (issue 22 item 2, decision 037), through the route as the server calls it: a
 * form that names no resource (or a level a resource does not offer, a lifetime not offered, no
 * name) is refused beside its field with nothing stored; a created token is in the answer to the
 * form and nowhere else (the database keeps its hash, the list and the log never carry it); the
 * status shown is computed from the rows; another organisation's token answers like a missing one;
 * a revocation is in the activity log and stops the token at once.
 */
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { apiTokens, auditLog } from "#db/schema";
import { hashToken } from "~/auth/tokens.server";
import { authenticateApiToken, createApiToken, Unauthenticated } from "~/domain/api/tokens.server";
import { CreateTokenSchema } from "~/domain/api/tokens.schemas";
import * as route from "~/routes/api-tokens";
import { createTestDb } from "../support/db";
import { makeOrgWithRoles } from "../support/factories";
import { contextFor, get, post, responseOf } from "../support/routes";
import { scopeFields } from "../support/api";
import type { Db } from "../../db/client";

type Answer = { ok: boolean; errors?: Record<string, string>; values?: Record<string, string>; created?: { id: number; name: string; token: string; expiresAt: string } | null };
type Listed = { id: number; name: string; scopes: Record<string, string>; createdBy: string; lastUsedAt: string | null; revokedAt: string | null; status: string };

async function world() {
  const db = createTestDb();
  const ours = await makeOrgWithRoles(db, "company");
  const theirs = await makeOrgWithRoles(db, "inspectorate");
  return { db, ours, theirs };
}

const send = async (db: Db, userId: number, orgId: number, fields: Record<string, string>) => {
  const res = await responseOf(async () => route.action({ request: post("/api-tokens", fields), context: await contextFor(db, userId, orgId), params: {} }));
  const text = await res.text();
  // A refused form is JSON; a 403/404 is the plain page the one mapping answers.
  return { status: res.status, text, body: (res.headers.get("Content-Type")?.includes("json") || text.startsWith("{") ? JSON.parse(text) : {}) as Answer };
};
const page = async (db: Db, userId: number, orgId: number) => {
  const res = await responseOf(async () => route.loader({ request: get("/api-tokens"), context: await contextFor(db, userId, orgId), params: {} }));
  const text = await res.text();
  return { status: res.status, text, tokens: res.status === 200 ? (JSON.parse(text) as { tokens: Listed[] }).tokens : [] };
};
const stored = async (db: Db) => await db.select().from(apiTokens);
const events = async (db: Db, action: string) => await db.select().from(auditLog).where(eq(auditLog.action, action));

const CREATE = { intent: "create", name: "SAP Ariba supplier sync", lifetime: "90", ...scopeFields({ suppliers: "write", reports: "read" }) };

describe("the API token page", () => {
  it("refuses a token that reaches nothing beside the scopes, keeping what was typed, storing and logging nothing", async () => {
    const { db, ours } = await world();
    const { status, body } = await send(db, ours.admin.user.id, ours.org.id, { ...CREATE, ...scopeFields({}) });
    expect(status).toBe(400);
    expect(body.errors).toEqual({ scope_suppliers: expect.stringContaining("Choose at least one resource") });
    expect(body.values).toMatchObject({ name: "SAP Ariba supplier sync", lifetime: "90" });
    expect(await stored(db)).toEqual([]);
    expect(await events(db, "api_token.created")).toEqual([]);
  });

  it("refuses each malformed field with its own message, storing nothing", async () => {
    const { db, ours } = await world();
    const cases: [Record<string, string>, string, string][] = [
      [{ name: "   " }, "name", "Give the token a name"],
      [{ name: "x".repeat(101) }, "name", "at most 100 characters"],
      [{ lifetime: "7" }, "lifetime", "30, 90, 180 or 365 days"],
      [{ lifetime: "-90" }, "lifetime", "30, 90, 180 or 365 days"],
      [{ lifetime: "" }, "lifetime", "30, 90, 180 or 365 days"],
      // Reports are read-only over the API: a forged "write" is refused, not quietly narrowed.
      [{ scope_reports: "write" }, "scope_reports", "a level this resource offers"],
      [{ scope_suppliers: "admin" }, "scope_suppliers", "a level this resource offers"],
    ];
    for (const [change, field, message] of cases) {
      const { status, body } = await send(db, ours.admin.user.id, ours.org.id, { ...CREATE, ...change });
      expect(status, JSON.stringify(change)).toBe(400);
      expect(body.errors?.[field], JSON.stringify(change)).toContain(message);
    }
    // A scope for a resource the API does not have is ignored by the schema, never stored.
    const extra = await send(db, ours.admin.user.id, ours.org.id, { ...CREATE, ...scopeFields({}), scope_payroll: "write" });
    expect(extra.status).toBe(400);
    expect(await stored(db)).toEqual([]);
  });

  it("shows a created token in the answer to the form only: its hash is stored, the list and the log never carry it", async () => {
    const { db, ours } = await world();
    const { status, body } = await send(db, ours.admin.user.id, ours.org.id, CREATE);
    expect(status).toBe(200);
    const token = body.created!.token;
    expect(token).toMatch(/^ldd_\d+_[a-z2-7]{32}$/);
    const secret = token.split("_")[2]!;
    const [row] = await stored(db);
    expect(row).toMatchObject({ orgId: ours.org.id, name: "SAP Ariba supplier sync", scopes: { suppliers: "write", reports: "read" }, createdBy: ours.admin.user.id, lastUsedAt: null, revokedAt: null });
    expect(row!.secretHash).toBe(hashToken(secret));
    expect(row!.expiresAt.getTime() - row!.createdAt.getTime()).toBe(90 * 86_400_000);
    // Nothing in the database holds the secret itself.
    const dump = JSON.stringify({ tokens: await stored(db), log: await db.select().from(auditLog) });
    expect(dump).not.toContain(secret);
    expect(await events(db, "api_token.created")).toHaveLength(1);

    // The page loaded again lists the token and never shows it.
    const listed = await page(db, ours.admin.user.id, ours.org.id);
    expect(listed.status).toBe(200);
    expect(listed.text).not.toContain(secret);
    expect(listed.tokens).toEqual([expect.objectContaining({ id: row!.id, name: "SAP Ariba supplier sync", scopes: { suppliers: "write", reports: "read" }, createdBy: ours.admin.user.name, lastUsedAt: null, status: "active" })]);

    // It works, and the page then shows when it was last used.
    await authenticateApiToken(db, `Bearer ${token}`);
    expect((await page(db, ours.admin.user.id, ours.org.id)).tokens[0]!.lastUsedAt).not.toBeNull();
  });

  it("computes each token's status from its row: active, expired, revoked", async () => {
    const { db, ours } = await world();
    const input = CreateTokenSchema.parse({ ...CREATE, lifetime: "30" });
    await createApiToken(db, ours.admin.actor, ours.org.id, input, null, Date.now() - 31 * 86_400_000);
    await createApiToken(db, ours.admin.actor, ours.org.id, { ...input, name: "Current" }, null);
    const revoked = await createApiToken(db, ours.admin.actor, ours.org.id, { ...input, name: "Revoked" }, null);
    expect((await send(db, ours.admin.user.id, ours.org.id, { intent: "revoke", tokenId: String(revoked.id) })).status).toBe(200);
    const { tokens } = await page(db, ours.admin.user.id, ours.org.id);
    expect(tokens.map((t) => [t.name, t.status])).toEqual([
      ["Revoked", "revoked"],
      ["Current", "active"],
      ["SAP Ariba supplier sync", "expired"],
    ]);
  });

  it("answers another organisation's token like a missing one, and revokes nothing of theirs", async () => {
    const { db, ours, theirs } = await world();
    const theirToken = await createApiToken(db, theirs.admin.actor, theirs.org.id, CreateTokenSchema.parse(CREATE), null);
    const foreign = await send(db, ours.admin.user.id, ours.org.id, { intent: "revoke", tokenId: String(theirToken.id) });
    const missing = await send(db, ours.admin.user.id, ours.org.id, { intent: "revoke", tokenId: "999999" });
    expect(foreign.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(foreign.text).toBe(missing.text);
    expect((await stored(db))[0]!.revokedAt).toBeNull();
    expect(await events(db, "api_token.revoked")).toEqual([]);
    // Their token still works; our list does not show it.
    await expect(authenticateApiToken(db, `Bearer ${theirToken.token}`)).resolves.toMatchObject({ token: { id: theirToken.id } });
    expect((await page(db, ours.admin.user.id, ours.org.id)).tokens).toEqual([]);
    // A token id that is not a number is a field error, not a 500.
    const malformed = await send(db, ours.admin.user.id, ours.org.id, { intent: "revoke", tokenId: "1 or 1=1" });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors?.tokenId).toBeTruthy();
    const zero = await send(db, ours.admin.user.id, ours.org.id, { intent: "revoke", tokenId: "0" });
    expect(zero.status).toBe(400);
    expect(zero.body.errors?.tokenId).toContain("not a token of the organisation");
  });

  it("records a revocation in the activity log, stops the token at once, and records a second revocation nowhere", async () => {
    const { db, ours } = await world();
    const { body } = await send(db, ours.admin.user.id, ours.org.id, CREATE);
    const { id, token } = body.created!;
    expect((await send(db, ours.admin.user.id, ours.org.id, { intent: "revoke", tokenId: String(id) })).status).toBe(200);
    const [row] = await stored(db);
    expect(row!.revokedAt).not.toBeNull();
    expect(row!.revokedBy).toBe(ours.admin.user.id);
    const logged = await db.select().from(auditLog).where(and(eq(auditLog.action, "api_token.revoked"), eq(auditLog.orgId, ours.org.id)));
    expect(logged).toEqual([expect.objectContaining({ actorUserId: ours.admin.user.id, targetType: "api_token", targetId: String(id), ip: "127.0.0.1", details: { name: "SAP Ariba supplier sync" } })]);
    await expect(authenticateApiToken(db, `Bearer ${token}`)).rejects.toEqual(new Unauthenticated("revoked"));
    expect((await send(db, ours.admin.user.id, ours.org.id, { intent: "revoke", tokenId: String(id) })).status).toBe(200);
    expect(await events(db, "api_token.revoked")).toHaveLength(1);
  });

  it("refuses members and viewers (403) before reading the form, storing nothing", async () => {
    const { db, ours } = await world();
    for (const who of [ours.member, ours.viewer]) {
      expect((await send(db, who.user.id, ours.org.id, CREATE)).status).toBe(403);
      expect((await page(db, who.user.id, ours.org.id)).status).toBe(403);
    }
    expect(await stored(db)).toEqual([]);
  });
});
