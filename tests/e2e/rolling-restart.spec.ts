import { execFileSync, spawn } from "node:child_process";
import { copyFileSync } from "node:fs";
import { get as httpGet } from "node:http";
import { openDatabase } from "../../db/client";
import { E2E_DATABASE } from "../support/paths";
import { expect, test } from "./fixtures";

/** The serving processes the supervisor has started (its children). */
const childrenOf = (pid: number) =>
  execFileSync("ps", ["-o", "pid=", "--ppid", String(pid)], { encoding: "utf8" })
    .split("\n")
    .map((l) => Number(l.trim()))
    .filter(Boolean)
    .sort();

/**
 * `npm start` on every core (ADR 020), on a server of its own (a copy of the e2e database): two
 * serving processes behind one port; SIGHUP replaces them one at a time while requests keep coming,
 * and not one request fails; a serving process killed outright is replaced.
 */
test("SIGHUP replaces every serving process without one failed request; a killed one is replaced", async () => {
  // Three process starts (each compiles server.ts with tsx) and two drains: about 16 s on an idle
  // 2-core machine, 32 s beside four busy loops; a CI run on a loaded machine once needed more
  // than 120 s. The limit is for a hang, not for a slow machine.
  test.setTimeout(360_000);
  const database = `${E2E_DATABASE}.rolling.db`;
  const source = openDatabase(E2E_DATABASE);
  source.$client.pragma("wal_checkpoint(TRUNCATE)");
  source.$client.close();
  copyFileSync(E2E_DATABASE, database);

  const port = 3291;
  const child = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), DATABASE_PATH: database, SEED_DEMO: "false", LOG_REQUESTS: "false", COOKIE_SECURE: "false", WEB_CONCURRENCY: "2" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (output += c.toString()));
  try {
    await expect.poll(() => output, { timeout: 120_000 }).toContain("listening on");
    const base = `http://127.0.0.1:${port}`;
    await expect.poll(() => childrenOf(child.pid!).length, { timeout: 30_000 }).toBe(2);
    const before = childrenOf(child.pid!);

    // Requests without pause for the whole restart: the sign-in page (database and build both used),
    // each on a new connection: what is promised is that the port always has a process answering.
    // (A kept-alive connection to a process that is stopping can be closed just as a request is
    // sent on it; browsers retry such a GET, a bare client does not.)
    const getOnce = () =>
      new Promise<number>((resolve, reject) => {
        httpGet(`${base}/sign-in`, { agent: false }, (res) => {
          res.resume();
          res.on("end", () => resolve(res.statusCode ?? 0));
        }).on("error", reject);
      });
    let stop = false;
    const failures: string[] = [];
    let answered = 0;
    // A short pause between requests: the client must not take the CPU the starting processes need.
    const load = (async () => {
      while (!stop) {
        await new Promise((r) => setTimeout(r, 20));
        try {
          const status = await getOnce();
          if (status !== 200) failures.push(`status ${status}`);
          else answered++;
        } catch (error) {
          failures.push(String(error));
        }
      }
    })();
    await new Promise((r) => setTimeout(r, 500));
    child.kill("SIGHUP");
    await expect.poll(() => output, { timeout: 180_000 }).toContain("Rolling restart done.");
    await new Promise((r) => setTimeout(r, 500));
    stop = true;
    await load;
    expect(failures).toEqual([]);
    expect(answered).toBeGreaterThan(20);
    const after = childrenOf(child.pid!);
    expect(after).toHaveLength(2);
    expect(after.filter((pid) => before.includes(pid))).toEqual([]);

    // A serving process that dies is replaced, and the port keeps answering.
    process.kill(after[0]!, "SIGKILL");
    await expect.poll(() => output, { timeout: 30_000 }).toContain(`Serving process ${after[0]} ended (SIGKILL); starting another.`);
    await expect.poll(() => childrenOf(child.pid!).filter((pid) => pid !== after[0]).length, { timeout: 30_000 }).toBe(2);
    expect((await fetch(`${base}/sign-in`)).status).toBe(200);
  } catch (error) {
    // What the supervisor said, in the CI log beside the failure: which step it was waiting for.
    console.log(`Rolling-restart server output:\n${output}`);
    throw error;
  } finally {
    await test.info().attach("server output", { body: output, contentType: "text/plain" });
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  }
});
