/**
 * The data layer's promises (ADR 022), on whichever engine this test process runs: SQLite in the
 * "sqlite" vitest project, a real PostgreSQL server in the "postgres" one. The same file, the same
 * domain code; only db/client.ts's adapter differs.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { changedRows, databaseLocation, engineKind, firstRow, inTransaction, onlyRow, rawAll, rawColumn, rawGet, rawRun, type Db } from "#db/client";
import { auditLog, organisations } from "#db/schema";
import { attemptSignIn } from "~/auth/sign-in.server";
import { createSession, validateSessionToken } from "~/auth/session.server";
import { recordEvent } from "~/domain/activity-log/activity-log.server";
import { createTestDb } from "../support/db";
import { makeOrgWithRoles, TEST_PASSWORD } from "../support/factories";

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function orgNamed(db: Db, name: string) {
  return firstRow(await db.select().from(organisations).where(eq(organisations.name, name)));
}

describe(`the data layer on ${process.env.DATABASE_URL ? "PostgreSQL" : "SQLite"}`, () => {
  it("runs on the engine the project chose", () => {
    const db = createTestDb();
    expect(engineKind(db)).toBe(process.env.DATABASE_URL ? "postgres" : "sqlite");
  });

  it("commits a transaction whole, or nothing of it", async () => {
    const db = createTestDb();
    await inTransaction(db, async () => {
      await db.insert(organisations).values({ type: "company", name: "Kept Ltd" });
      await db.insert(organisations).values({ type: "union", name: "Kept union" });
    });
    await expect(
      inTransaction(db, async () => {
        await db.insert(organisations).values({ type: "company", name: "Gone Ltd" });
        throw new Error("refused half-way");
      }),
    ).rejects.toThrow("refused half-way");
    expect(await orgNamed(db, "Kept union")).toBeDefined();
    expect(await orgNamed(db, "Gone Ltd")).toBeUndefined();
  });

  it("never shows another request its uncommitted writes, and a write outside it is not rolled back with it", async () => {
    const db = createTestDb();
    let inside!: () => void;
    const written = new Promise<void>((resolve) => (inside = resolve));
    const failing = inTransaction(db, async () => {
      await db.insert(organisations).values({ type: "company", name: "Uncommitted Ltd" });
      inside();
      await pause(150); // another request runs meanwhile
      throw new Error("rolled back");
    });
    await written;
    // Another request, meanwhile: it reads, and writes outside any transaction.
    expect(await orgNamed(db, "Uncommitted Ltd")).toBeUndefined();
    await db.insert(organisations).values({ type: "company", name: "Outside Ltd" });
    await expect(failing).rejects.toThrow("rolled back");
    expect(await orgNamed(db, "Uncommitted Ltd")).toBeUndefined();
    expect(await orgNamed(db, "Outside Ltd")).toBeDefined();
  });

  it("runs transactions of concurrent requests one after the other, each whole", async () => {
    const db = createTestDb();
    const org = onlyRow(await db.insert(organisations).values({ type: "company", name: "Counter Ltd", jurisdictions: [] }).returning());
    // Read-modify-write of one value from ten concurrent requests: none may be lost.
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        inTransaction(db, async () => {
          const current = (await orgNamed(db, "Counter Ltd"))!.jurisdictions;
          await pause(i % 3);
          await db.update(organisations).set({ jurisdictions: [...current, `X${i}`] }).where(eq(organisations.id, org.id));
        }),
      ),
    );
    expect((await orgNamed(db, "Counter Ltd"))!.jurisdictions).toHaveLength(10);
  });

  it("serialises read-then-write transactions of two processes on one database: no update is lost", async () => {
    const db = createTestDb();
    const org = onlyRow(await db.insert(organisations).values({ type: "company", name: "Two Nodes Ltd", jurisdictions: [] }).returning());
    const run = promisify(execFile);
    const child = (tag: string) => run(process.execPath, ["--import", "tsx", "tests/integration/support/append-child.ts", databaseLocation(db), String(org.id), "25", tag]);
    await Promise.all([child("A"), child("B")]);
    const entries = (await orgNamed(db, "Two Nodes Ltd"))!.jurisdictions;
    expect(entries).toHaveLength(50);
    expect(new Set(entries).size).toBe(50);
  }, 60_000);

  it("undoes only a nested transaction's own writes when it fails", async () => {
    const db = createTestDb();
    await inTransaction(db, async () => {
      await db.insert(organisations).values({ type: "company", name: "Outer Ltd" });
      await expect(
        inTransaction(db, async () => {
          await db.insert(organisations).values({ type: "company", name: "Inner Ltd" });
          throw new Error("inner refused");
        }),
      ).rejects.toThrow("inner refused");
    });
    expect(await orgNamed(db, "Outer Ltd")).toBeDefined();
    expect(await orgNamed(db, "Inner Ltd")).toBeUndefined();
  });

  it("reads and writes the same JavaScript values through the query builder and raw SQL", async () => {
    const db = createTestDb();
    const at = new Date("2026-03-04T05:06:07.890Z");
    await recordEvent(db, { action: "auth.sign_out", details: { n: 1, list: ["a"] } }, at.getTime());
    const row = firstRow(await db.select().from(auditLog))!;
    expect(row.at).toEqual(at);
    expect(row.details).toEqual({ n: 1, list: ["a"] });
    // Raw rows read like SQLite's on both engines: epoch milliseconds, JSON as text, counts as numbers.
    const raw = await rawGet<{ at: number; details: string; n: number }>(db, "select at, details, (select count(*) from audit_log) as n from audit_log where at >= ?", at);
    expect(raw).toMatchObject({ at: at.getTime(), n: 1 });
    expect(JSON.parse(raw!.details)).toEqual({ n: 1, list: ["a"] });
    expect(await rawAll(db, "select action from audit_log where at > ?", new Date(at.getTime() + 1))).toEqual([]);
    expect(await rawColumn<string>(db, "select action from audit_log")).toEqual(["auth.sign_out"]);
    const org = onlyRow(await db.insert(organisations).values({ type: "company", name: "Raw Ltd" }).returning());
    expect(await rawRun(db, "update organisations set name = ? where id = ?", "Raw Co", org.id)).toBe(1);
    expect(changedRows(await db.update(organisations).set({ name: "Raw Corp" }).where(eq(organisations.id, org.id)))).toBe(1);
    expect((await orgNamed(db, "Raw Corp"))?.id).toBe(org.id);
  });

  it("keeps the database's own rules: a unique name, an append-only log", async () => {
    const db = createTestDb();
    await db.insert(organisations).values({ type: "company", name: "Only One Ltd" });
    await expect(db.insert(organisations).values({ type: "company", name: "ONLY ONE LTD" })).rejects.toThrow();
    await recordEvent(db, { action: "auth.sign_out" });
    await expect(db.delete(auditLog)).rejects.toThrow();
    expect(await db.select().from(auditLog)).toHaveLength(1);
  });

  it("signs in, throttles parallel guesses, and keeps a session, through the domain's own code", async () => {
    const db = createTestDb();
    const company = await makeOrgWithRoles(db, "company");
    const email = company.member.user.email;
    const signedIn = await attemptSignIn(db, { email, password: TEST_PASSWORD, ip: "192.0.2.1" });
    expect(signedIn).toMatchObject({ ok: true, userId: company.member.user.id, orgId: company.org.id });
    // Twelve wrong guesses at once: the throttle counts each, so most are refused before checking.
    const guesses = await Promise.all(Array.from({ length: 12 }, () => attemptSignIn(db, { email, password: "wrong", ip: "192.0.2.9" })));
    expect(guesses.filter((g) => !g.ok && g.reason === "throttled").length).toBeGreaterThanOrEqual(8);
    const { token } = await createSession(db, company.member.user.id, company.org.id);
    expect((await validateSessionToken(db, token))?.user.id).toBe(company.member.user.id);
    expect(await validateSessionToken(db, `${token}x`)).toBeNull();
  });
});
