/**
 * Decision 002: a multi-step write is one IMMEDIATE transaction. With a deferred transaction, two
 * processes that read and then write collide: the second to upgrade its read lock gets SQLITE_BUSY
 * in the middle of its work (busy_timeout cannot help; its snapshot is stale). With IMMEDIATE the
 * write lock is taken up front and the other writer waits. Two real processes prove it here.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { copyFileSync } from "node:fs";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { awaitLocks, inTransaction, openDatabase, rawColumn, rawRun } from "../../db/client";
import { TEMPLATE_DB, TMP_DIR } from "../support/paths";

function startWriter(file: string, count: number) {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/integration/support/counter-child.ts", file, String(count)], { stdio: ["pipe", "pipe", "inherit"] });
  let out = "";
  child.stdout!.on("data", (chunk) => (out += chunk));
  const ready = new Promise<void>((resolve) => child.stdout!.on("data", () => out.includes("ready") && resolve()));
  const done = new Promise<{ errors: string[] }>((resolve, reject) =>
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out.trim().split("\n").at(-1)!)) : reject(new Error(`writer exited with ${code}`)))),
  );
  return { child, ready, done };
}

it("two writer processes doing read-then-write never get SQLITE_BUSY and lose no update", async () => {
  const file = path.join(TMP_DIR, `txn-${process.pid}-${Date.now()}.db`);
  copyFileSync(TEMPLATE_DB, file);
  const db = openDatabase(file);
  db.$client.exec(`create table counter (id integer primary key, value integer not null); insert into counter values (1, 0)`);
  const n = 150;
  const writers = [startWriter(file, n), startWriter(file, n)];
  await Promise.all(writers.map((w) => w.ready));
  for (const w of writers) w.child.stdin!.end("go\n");
  const results = await Promise.all(writers.map((w) => w.done));
  expect(results.flatMap((r) => r.errors)).toEqual([]);
  expect(db.$client.prepare(`select value from counter`).pluck().get()).toBe(2 * n);
  db.$client.close();
}, 60_000);

describe("a serving process's write that meets another process's lock (awaitLocks)", () => {
  // The other process is a second connection here; its lock is released by a timer of this same
  // thread, so a synchronous busy wait (better-sqlite3's own) could never see it released.
  function holdWriteLock(file: string, ms: number) {
    const other = new Database(file);
    other.exec("BEGIN IMMEDIATE");
    const released = new Promise<void>((resolve) =>
      setTimeout(() => {
        other.exec("COMMIT");
        other.close();
        resolve();
      }, ms),
    );
    return released;
  }

  it("waits for the lock without stopping the thread, in a plain write and in a transaction", async () => {
    const file = path.join(TMP_DIR, `await-locks-${process.pid}-${Date.now()}.db`);
    copyFileSync(TEMPLATE_DB, file);
    const db = openDatabase(file);
    awaitLocks(db, 5000);
    let ticks = 0;
    const ticking = setInterval(() => ticks++, 10);
    try {
      for (const write of [
        () => rawRun(db, `insert into rate_limit_events (key, at) values ('plain', 1)`),
        () => inTransaction(db, async () => await rawRun(db, `insert into rate_limit_events (key, at) values ('transaction', 1)`)),
      ]) {
        ticks = 0;
        const released = holdWriteLock(file, 300);
        const started = performance.now();
        await write();
        expect(performance.now() - started).toBeGreaterThanOrEqual(250);
        // The thread went on meanwhile: the timer fired about 30 times (a synchronous wait: never).
        expect(ticks).toBeGreaterThan(5);
        await released;
      }
      expect(await rawColumn(db, `select key from rate_limit_events order by id`)).toEqual(["plain", "transaction"]);
    } finally {
      clearInterval(ticking);
      db.close();
    }
  });

  it("gives up with SQLITE_BUSY after its wait, having written nothing", async () => {
    const file = path.join(TMP_DIR, `await-locks-${process.pid}-${Date.now()}-busy.db`);
    copyFileSync(TEMPLATE_DB, file);
    const db = openDatabase(file);
    awaitLocks(db, 150);
    const released = holdWriteLock(file, 600);
    try {
      await expect(rawRun(db, `insert into rate_limit_events (key, at) values ('late', 1)`)).rejects.toMatchObject({ code: "SQLITE_BUSY" });
      await released;
      expect(await rawColumn(db, `select count(*) from rate_limit_events`)).toEqual([0]);
    } finally {
      db.close();
    }
  });
});
