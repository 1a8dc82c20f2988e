import { spawn } from "node:child_process";
import { copyFileSync } from "node:fs";
import { createSession, SESSION_COOKIE } from "../../app/auth/session.server";
import { openDatabase } from "../../db/client";
import { E2E_DATABASE } from "../support/paths";
import { expect, test } from "./fixtures";

/**
 * Graceful shutdown, on a server of its own (a copy of the e2e database): SIGTERM while a report is
 * being issued lets that request finish, refuses new connections, closes the database and exits 0.
 */
test("SIGTERM finishes the request in flight, then stops cleanly", async () => {
  const database = `${E2E_DATABASE}.shutdown.db`;
  const source = openDatabase(E2E_DATABASE);
  source.$client.pragma("wal_checkpoint(TRUNCATE)");
  const user = source.$client.prepare(`select u.id, m.org_id from users u join memberships m on m.user_id = u.id where u.email = 'compliance@northwind.example'`).get() as { id: number; org_id: number };
  source.$client.close();
  copyFileSync(E2E_DATABASE, database);
  const copy = openDatabase(database);
  const cookie = `${SESSION_COOKIE}=${(await createSession(copy, user.id, user.org_id)).token}`;
  copy.$client.close();

  const port = 3290;
  const child = spawn(process.execPath, ["--import", "tsx", "server.ts"], { env: { ...process.env, NODE_ENV: "production", PORT: String(port), DATABASE_PATH: database, SEED_DEMO: "false", LOG_REQUESTS: "false", COOKIE_SECURE: "false" }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (c: Buffer) => (output += c.toString()));
  await expect.poll(() => output, { timeout: 60_000 }).toContain("listening on");
  const base = `http://127.0.0.1:${port}`;

  const inFlight = fetch(`${base}/reports`, {
    method: "POST",
    body: new URLSearchParams({ type: "company_due_diligence", from: "2025-01-01", to: "2025-12-31", pageSize: "A4" }),
    headers: { cookie, origin: base, "content-type": "application/x-www-form-urlencoded" },
    redirect: "manual",
  });
  await new Promise((r) => setTimeout(r, 30));
  child.kill("SIGTERM");
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const response = await inFlight;
  expect(response.status).toBe(302);
  expect(response.headers.get("location")).toMatch(/^\/reports\/R-/);
  expect(await exited).toBe(0);
  expect(output).toContain("SIGTERM received: finishing open requests, then closing the database.");
  await expect(fetch(`${base}/healthz`)).rejects.toThrow();
  // The database was closed cleanly: it opens, passes its check, and holds the report.
  const after = openDatabase(database);
  expect(after.$client.pragma("integrity_check", { simple: true })).toBe("ok");
  // The report the request issued, by its id (other specs issue reports of the same period into the shared e2e database).
  const id = response.headers.get("location")!.slice("/reports/".length).split("?")[0];
  expect(after.$client.prepare(`select count(*) as n from reports where id = ?`).get(id)).toEqual({ n: 1 });
  after.$client.close();
});
