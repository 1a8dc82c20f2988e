/**
 * A benchmark part on a disposable PostgreSQL server, in a child process of its own
 * (tests/bench/postgres-child.ts, `node --import tsx tests/bench/postgres-child.ts <load|api> <args…>`).
 *
 * db/schema.ts chooses the engine's tables once per process, so the PostgreSQL run cannot share the
 * SQLite run's process. The child starts a PostgreSQL server (tests/support/postgres.ts), sets
 * DATABASE_URL to it before anything loads the schema, runs the part's `…Here` function, prints its
 * figures as one JSON line on stdout (everything else on stderr), and stops the server whatever
 * happens. This is the parent's side: it runs the child and reads that line. (Two files, because the
 * parts import this one: a child script here would wait on itself through its top-level await.)
 */
import { spawn, type ChildProcess } from "node:child_process";

export type PostgresPart = "load" | "api";

/** Runs `part` with `args` in the child; throws with the child's last words when it fails. */
export function onPostgres<T>(part: PostgresPart, args: string[], options: { timeoutMs: number; track?: Set<ChildProcess> }): Promise<T> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.DATABASE_URL; // the child sets it once its server runs
  const child = spawn(process.execPath, ["--import", "tsx", "tests/bench/postgres-child.ts", part, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
  options.track?.add(child);
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (c: Buffer) => (stdout += c.toString()));
  child.stderr!.on("data", (c: Buffer) => {
    stderr += c.toString();
    process.stderr.write(c);
  });
  // A child stuck beyond its time, or left behind by this process ending, is stopped (it then stops its servers).
  const stop = () => child.kill("SIGTERM");
  const timer = setTimeout(stop, options.timeoutMs);
  process.once("exit", stop);
  return new Promise((resolve, reject) => {
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      process.off("exit", stop);
      options.track?.delete(child);
      const line = stdout.split("\n").reverse().find((l) => l.startsWith("{"));
      if (code === 0 && line) return resolve(JSON.parse(line) as T);
      const tail = stderr.trim().split("\n").filter((l) => !l.trim().startsWith("at ")).slice(-3).join(" ⏎ ");
      reject(new Error(`the PostgreSQL ${part} benchmark ended with ${signal ?? `exit code ${code}`}: ${tail || "(no message)"}`));
    });
  });
}
