import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, sessions } from "#db/schema";
import { createSession, DEFAULT_SESSION_IDLE_MS, SESSION_LIFETIME_MS, validateSessionToken } from "~/auth/session.server";
import { attemptSignIn } from "~/auth/sign-in.server";
import { THROTTLE_RULES } from "~/auth/throttle.server";
import { hashToken } from "~/auth/tokens.server";
import { changeOwnPassword, removeMember } from "~/domain/members/members.server";
import { createTestDb } from "../support/db";
import { actorFor, makeOrg, makeOrgWithRoles, makeUser, TEST_PASSWORD } from "../support/factories";

describe("sessions", () => {
  it("stores only the hash of the token and validates the token", async () => {
    const db = createTestDb();
    const org = await makeOrg(db, "company");
    const user = await makeUser(db, { orgId: org.id, role: "admin" });
    const { token } = await createSession(db, user.id, org.id);
    const stored = await db.select().from(sessions);
    expect(stored).toHaveLength(1);
    expect(stored[0]!.id).toBe(hashToken(token));
    expect(stored[0]!.id).not.toContain(token);
    const session = await validateSessionToken(db, token);
    expect(session?.user.id).toBe(user.id);
    expect(session?.membership).toMatchObject({ orgId: org.id, orgType: "company", role: "admin" });
    expect(await validateSessionToken(db, token.replace(/.$/, (c) => (c === "a" ? "b" : "a")))).toBeNull();
  });

  it("ends after the idle timeout without a request, and stays alive while used", async () => {
    const db = createTestDb();
    const org = await makeOrg(db, "union");
    const user = await makeUser(db, { orgId: org.id });
    const start = Date.UTC(2026, 0, 1);
    const idle = DEFAULT_SESSION_IDLE_MS;
    const { token } = await createSession(db, user.id, org.id, start);
    // Used every 90 minutes for a day: each use restarts the idle clock.
    for (let t = start; t < start + 24 * 60 * 60_000; t += 90 * 60_000) expect(await validateSessionToken(db, token, t), String(t)).not.toBeNull();
    const lastUse = start + 16 * 90 * 60_000;
    expect(await validateSessionToken(db, token, lastUse)).not.toBeNull();
    expect(await validateSessionToken(db, token, lastUse + idle)).toBeNull();
    expect(await db.select().from(sessions)).toHaveLength(0);
  });

  it("takes the idle timeout from the caller (SESSION_IDLE_MINUTES)", async () => {
    const db = createTestDb();
    const org = await makeOrg(db, "union");
    const user = await makeUser(db, { orgId: org.id });
    const start = Date.UTC(2026, 0, 1);
    const { token } = await createSession(db, user.id, org.id, start);
    expect(await validateSessionToken(db, token, start + 29 * 60_000, 30 * 60_000)).not.toBeNull();
    expect(await validateSessionToken(db, token, start + 29 * 60_000 + 30 * 60_000, 30 * 60_000)).toBeNull();
  });

  it("ends 30 days after sign-in however busy, and the cookie expires then", async () => {
    const db = createTestDb();
    const org = await makeOrg(db, "union");
    const user = await makeUser(db, { orgId: org.id });
    const start = Date.UTC(2026, 0, 1);
    const created = await createSession(db, user.id, org.id, start);
    expect(created.expiresAt.getTime()).toBe(start + SESSION_LIFETIME_MS);
    let t = start;
    for (; t < start + SESSION_LIFETIME_MS; t += 60 * 60_000) expect((await validateSessionToken(db, created.token, t))?.expiresAt.getTime()).toBe(start + SESSION_LIFETIME_MS);
    expect(await validateSessionToken(db, created.token, start + SESSION_LIFETIME_MS)).toBeNull();
  });

  it("a session row written before idle timeouts (a future deadline) is treated as used now", async () => {
    const db = createTestDb();
    const org = await makeOrg(db, "union");
    const user = await makeUser(db, { orgId: org.id });
    const start = Date.UTC(2026, 0, 1);
    const { token } = await createSession(db, user.id, org.id, start);
    await db.update(sessions).set({ lastSeenAt: new Date(start + SESSION_LIFETIME_MS) });
    expect(await validateSessionToken(db, token, start + 60_000)).not.toBeNull();
    expect(await validateSessionToken(db, token, start + 60_000 + DEFAULT_SESSION_IDLE_MS)).toBeNull();
  });

  it("ends every session of the account when the password changes", async () => {
    const db = createTestDb();
    const org = await makeOrg(db, "company");
    const user = await makeUser(db, { orgId: org.id });
    const a = await createSession(db, user.id, org.id);
    const b = await createSession(db, user.id, org.id);
    await changeOwnPassword(db, await actorFor(db, user.id, org.id), { current: TEST_PASSWORD, next: "a brand new passphrase" }, "127.0.0.1");
    expect(await validateSessionToken(db, a.token)).toBeNull();
    expect(await validateSessionToken(db, b.token)).toBeNull();
    expect(await db.select().from(auditLog).where(eq(auditLog.action, "auth.password_changed"))).toHaveLength(1);
  });

  it("ends a removed member's sessions for that organisation at once", async () => {
    const db = createTestDb();
    const { org, admin, member } = await makeOrgWithRoles(db, "inspectorate");
    const { token } = await createSession(db, member.user.id, org.id);
    await removeMember(db, admin.actor, org.id, member.user.id, null);
    expect(await validateSessionToken(db, token)).toBeNull();
  });
});

describe("sign-in", () => {
  it("accepts the right password, whatever the case and spacing of the e-mail", async () => {
    const db = createTestDb();
    const org = await makeOrg(db, "regulator");
    const user = await makeUser(db, { orgId: org.id, email: "reg@example.org" });
    const result = await attemptSignIn(db, { email: "  REG@Example.org ", password: TEST_PASSWORD, ip: "10.0.0.1" });
    expect(result).toEqual({ ok: true, userId: user.id, orgId: org.id });
    expect(await db.select().from(auditLog).where(eq(auditLog.action, "auth.sign_in"))).toHaveLength(1);
  });

  it("answers a wrong password and an unknown e-mail the same way, and logs both", async () => {
    const db = createTestDb();
    const org = await makeOrg(db, "company");
    await makeUser(db, { orgId: org.id, email: "known@example.org" });
    const wrong = await attemptSignIn(db, { email: "known@example.org", password: "nope", ip: "10.0.0.1" });
    const unknown = await attemptSignIn(db, { email: "ghost@example.org", password: "nope", ip: "10.0.0.1" });
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
    expect(unknown).toEqual(wrong);
    expect(await db.select().from(auditLog).where(eq(auditLog.action, "auth.sign_in_failed"))).toHaveLength(2);
  });

  it("slows down one client guessing an account without revealing whether it exists; the owner elsewhere signs in", async () => {
    const db = createTestDb();
    const org = await makeOrg(db, "company");
    await makeUser(db, { orgId: org.id, email: "target@example.org" });
    const now = Date.UTC(2026, 0, 1);
    for (let i = 0; i <= THROTTLE_RULES.account.freeFailures; i++) {
      await attemptSignIn(db, { email: "target@example.org", password: `guess ${i}`, ip: "10.0.0.1" }, now);
      await attemptSignIn(db, { email: "nobody@example.org", password: `guess ${i}`, ip: "10.0.0.2" }, now);
    }
    const delayed = await attemptSignIn(db, { email: "target@example.org", password: TEST_PASSWORD, ip: "10.0.0.1" }, now);
    const delayedGhost = await attemptSignIn(db, { email: "nobody@example.org", password: TEST_PASSWORD, ip: "10.0.0.2" }, now);
    expect(delayed).toEqual({ ok: false, reason: "throttled", retryAfterMs: THROTTLE_RULES.account.firstDelayMs });
    expect(delayedGhost).toEqual(delayed);
    expect(await attemptSignIn(db, { email: "target@example.org", password: TEST_PASSWORD, ip: "10.9.9.9" }, now)).toMatchObject({ ok: true });
  });

  it("slows down an address that tries many accounts, and only that address", async () => {
    const db = createTestDb();
    const org = await makeOrg(db, "company");
    await makeUser(db, { orgId: org.id, email: "victim@example.org" });
    const now = Date.UTC(2026, 0, 1);
    for (let i = 0; i <= THROTTLE_RULES.ip.freeFailures; i++) {
      await attemptSignIn(db, { email: `spray${i}@example.org`, password: "password1", ip: "203.0.113.7" }, now);
    }
    expect(await attemptSignIn(db, { email: "victim@example.org", password: TEST_PASSWORD, ip: "203.0.113.7" }, now)).toMatchObject({ reason: "throttled" });
    expect(await attemptSignIn(db, { email: "victim@example.org", password: TEST_PASSWORD, ip: "198.51.100.1" }, now)).toMatchObject({ ok: true });
  });

  it("refuses an account whose every membership was removed", async () => {
    const db = createTestDb();
    const { org, admin, member } = await makeOrgWithRoles(db, "union");
    await removeMember(db, admin.actor, org.id, member.user.id, null);
    expect(await attemptSignIn(db, { email: member.user.email, password: TEST_PASSWORD, ip: "10.0.0.1" })).toEqual({ ok: false, reason: "invalid" });
  });
});
