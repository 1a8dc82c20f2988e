/**
 * Decision 002: a multi-step write is one IMMEDIATE transaction. With a deferred transaction, two
 * processes that read and then write collide: the second to upgrade its read lock gets SQLITE_BUSY
 * in the middle of its work (busy_timeout cannot help; its snapshot is stale). With IMMEDIATE the
 * write lock is taken up front and the other writer waits. Two real processes prove it here.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { copyFileSync } from "node:fs";
import { expect, it } from "vitest";
import { openDatabase } from "../../db/client";
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
