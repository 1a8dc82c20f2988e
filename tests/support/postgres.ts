/**
 * A real, disposable PostgreSQL server for tests (issue 16, ADR 021): no service installed, no
 * server running beforehand. initdb creates a cluster in a fresh temporary directory, pg_ctl
 * starts it on a free port, and stop() kills it and removes the directory.
 *
 * PostgreSQL refuses to run as root (CI runs as root), so when we are root the cluster is created
 * and run as the unprivileged `nobody` (Node spawns the binaries with uid/gid 65534; libuv also
 * drops the supplementary groups). Otherwise the binaries run as the current user.
 *
 * The server binaries are looked up in $PG_BIN, then Debian's /usr/lib/postgresql/<version>/bin
 * (newest first), then `pg_config --bindir`.
 */
import { execFile, execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";

const run = promisify(execFile);

/** The unprivileged account used when the tests run as root. */
const NOBODY = { uid: 65534, gid: 65534 };

export interface TestPostgres {
  /** postgres://postgres@127.0.0.1:<port>/app */
  url: string;
  stop(): Promise<void>;
}

function findBinDir(): string {
  const has = (dir: string) => existsSync(path.join(dir, "initdb")) && existsSync(path.join(dir, "pg_ctl"));
  const candidates: string[] = [];
  if (process.env.PG_BIN) candidates.push(process.env.PG_BIN);
  const debian = "/usr/lib/postgresql";
  if (existsSync(debian)) {
    const versions = readdirSync(debian).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((v) => path.join(debian, v, "bin")));
  }
  try {
    candidates.push(execFileSync("pg_config", ["--bindir"], { encoding: "utf8" }).trim());
  } catch {
    // no pg_config on the PATH
  }
  const found = candidates.find(has);
  if (!found) {
    throw new Error(
      `PostgreSQL server binaries (initdb, pg_ctl) not found; looked in ${candidates.join(", ") || "$PG_BIN, /usr/lib/postgresql/*/bin, pg_config --bindir"}. ` +
        "Install them (Debian: apt-get install postgresql-15) or set PG_BIN to the directory that holds them.",
    );
  }
  return found;
}

/** A port nobody listens on right now (the OS picks it; another process could take it before us, hence the retry below). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** `port`: listen there (the e2e server's address must be known before it starts); otherwise a free one. */
export async function startPostgres(wanted: { port?: number } = {}): Promise<TestPostgres> {
  const bin = findBinDir();
  const asRoot = process.getuid?.() === 0;
  // As root, under /tmp: nobody must be able to reach the directory, which a TMPDIR under /root is not.
  const dir = mkdtempSync(path.join(asRoot && existsSync("/tmp") ? "/tmp" : os.tmpdir(), "ldd-pg-"));
  const data = path.join(dir, "data");
  const log = path.join(dir, "server.log");
  // The server needs to own its directories; as root, hand the temporary directory to nobody.
  if (asRoot) chownSync(dir, NOBODY.uid, NOBODY.gid);
  const options = { cwd: dir, ...(asRoot ? NOBODY : {}) };
  const pgCtl = path.join(bin, "pg_ctl");

  const logTail = () => (existsSync(log) ? readFileSync(log, "utf8").split("\n").slice(-15).join("\n") : "(no server log)");
  const removeDir = () => rmSync(dir, { recursive: true, force: true });

  try {
    // -A trust: no passwords, the server only listens on 127.0.0.1 and a private socket directory.
    // -U postgres: a predictable superuser name whoever runs initdb. -E UTF8 and the C locale:
    // byte-wise text ordering, as SQLite's BINARY collation, and the same on every machine.
    await run(path.join(bin, "initdb"), ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C", "--no-sync"], options);
  } catch (error) {
    removeDir();
    throw new Error(`initdb failed: ${(error as Error).message}`);
  }

  let port = 0;
  for (let attempt = 1; ; attempt++) {
    port = wanted.port ?? (await freePort());
    // -k: the unix socket goes into our own directory (the default /var/run/postgresql may not
    // exist or be writable); -p: the free port; listen_addresses: loopback only. fsync,
    // synchronous_commit and full_page_writes off: a test server that is thrown away needs no
    // durability, and commits no longer wait for the disk.
    const serverOptions = `-k ${dir} -p ${port} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
    try {
      // -w: return once the server accepts connections; -l: the server's output goes to a file,
      // not to our pipe (which would otherwise stay open as long as the server runs).
      await run(pgCtl, ["start", "-w", "-t", "60", "-D", data, "-l", log, "-o", serverOptions], options);
      break;
    } catch (error) {
      if (attempt >= 3 || wanted.port) {
        const message = `pg_ctl start failed: ${(error as Error).message}\n${logTail()}`;
        removeDir();
        throw new Error(message);
      }
      // most likely the port was taken between freePort() and the start: try another one
    }
  }

  let stopped = false;
  const stopSync = () => {
    if (stopped) return;
    stopped = true;
    try {
      execFileSync(pgCtl, ["stop", "-m", "immediate", "-D", data], { ...options, stdio: "ignore" });
    } catch {
      // already gone
    }
    removeDir();
  };
  // If the test process ends without calling stop() (a crash, a timeout), do not leave a server behind.
  process.once("exit", stopSync);

  const base = `postgres://postgres@127.0.0.1:${port}`;
  const admin = new pg.Client({ connectionString: `${base}/postgres` });
  try {
    await admin.connect();
    await admin.query(`create database app`);
  } catch (error) {
    stopSync();
    throw error;
  } finally {
    await admin.end().catch(() => {});
  }

  return {
    url: `${base}/app`,
    async stop() {
      if (stopped) return;
      stopped = true;
      process.removeListener("exit", stopSync);
      // -m immediate: no checkpoint, no waiting for clients; the data is thrown away anyway.
      await run(pgCtl, ["stop", "-m", "immediate", "-D", data], options).catch(() => {});
      removeDir();
    },
  };
}
