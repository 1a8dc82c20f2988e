/**
 * The one way the platform touches its database (ADR 020 part 4, ADR 022).
 *
 * Every query is awaited: `await db.select()…`, `firstRow(await db.select()…)`, `await db.insert()…`.
 * The domain never calls the SQLite-only `.all() / .get() / .run()`, so the same code can run on an
 * engine whose driver is asynchronous (PostgreSQL). Transactions are opened with `inTransaction(db,
 * async () => …)`; inside it the domain goes on using `db`, and the adapter sends those queries to
 * the transaction (an AsyncLocalStorage context says which async work belongs to it).
 *
 * The SQLite adapter: better-sqlite3 is synchronous and one connection holds one transaction, but an
 * async transaction yields at every `await`, where another request's queries may run. So the
 * adapter keeps a writer connection behind an async mutex (one transaction at a time per process;
 * across processes SQLite's file lock serialises them) and a read-only connection:
 * - a query inside the transaction's own async context runs on the writer, in the transaction;
 * - a read outside it runs on the writer when no transaction is open, or on the reader when one
 *   is (it then sees the last committed state, never another request's uncommitted writes);
 * - a write outside any transaction waits for the mutex, so it can never become part of another
 *   request's transaction (and be rolled back with it).
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { Mutex } from "async-mutex";
import Database from "better-sqlite3";
import type { Pool } from "pg";
import { DrizzleQueryError } from "drizzle-orm/errors";
import { drizzle, type SqliteRemoteDatabase } from "drizzle-orm/sqlite-proxy";
import { openPostgres, postgresRaw, postgresStartupLock, postgresTransaction, type PostgresEngine } from "./postgres";
import * as schema from "./schema.sqlite";
import { foldForSearch, sortKey } from "../app/domain/collation";
import { currentTransaction, transactionContext, type TransactionContext } from "./transaction-context";

/** The engine's raw connection for the few places that need it (backup, health, bulk load). */
type RawConnection = Database.Database;

export type Db = SqliteRemoteDatabase<typeof schema> & {
  /**
   * The raw better-sqlite3 writer connection, for the raw SQL not yet moved behind the adapter
   * (ADR 022). A raw statement does not take the routing above: outside a transaction, while
   * another request's transaction is open, it runs inside that one. New code does not use it.
   */
  readonly $client: RawConnection;
  /** The writer connection itself (backups, closing, pragmas). */
  readonly $writer: RawConnection;
  /** Closes both connections. */
  close(): void;
};

export interface OpenOptions {
  readonly?: boolean;
  /** Milliseconds a writer waits for the lock before SQLITE_BUSY; long enough to ride out an import batch. */
  busyTimeoutMs?: number;
  /** PostgreSQL: queries wait for this first (the test harness creates the database meanwhile). */
  postgresReady?: Promise<unknown>;
}

interface Engine {
  kind: "sqlite";
  writer: RawConnection;
  /** Null for `:memory:` and read-only databases, which have one connection. */
  reader: RawConnection | null;
  lock: Mutex;
  statements: Map<RawConnection, Map<string, Database.Statement>>;
  /** Set by `awaitLocks`: how long a write waits, asynchronously, for another process's lock. */
  lockWaitMs: number | null;
}

const ENGINE = Symbol.for("labour-due-diligence.db-engine");

function configure(connection: RawConnection, options: OpenOptions, primary: boolean): void {
  connection.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
  if (primary && !options.readonly) {
    // WAL lets readers go on while one writer commits; NORMAL is durable across application
    // crashes in WAL mode (only an OS crash can lose the last commits, never corrupt the file).
    connection.pragma("journal_mode = WAL");
    connection.pragma("synchronous = NORMAL");
  }
  connection.pragma("foreign_keys = ON");
  connection.pragma("temp_store = MEMORY");
  registerTextFunctions(connection);
}

/**
 * The search fold and the name sort key (app/domain/collation.ts, decision 027) as SQL functions,
 * on every connection that runs the lists' queries: SQLite's LIKE folds ASCII only and it has no
 * Unicode collation of its own. Deterministic, so SQLite may call them once per row and value.
 */
export function registerTextFunctions(connection: RawConnection): void {
  connection.function("ldd_fold", { deterministic: true }, (text: unknown) => (typeof text === "string" ? foldForSearch(text) : text));
  connection.function("ldd_sort_key", { deterministic: true }, (text: unknown, language: unknown) => (typeof text === "string" ? sortKey(text, typeof language === "string" ? language : "en") : text));
}

/** Prepared statements are kept per connection: preparing is a large part of a small query's cost. */
function prepare(engine: Engine, connection: RawConnection, sqlText: string): Database.Statement {
  let cache = engine.statements.get(connection);
  if (!cache) engine.statements.set(connection, (cache = new Map()));
  let statement = cache.get(sqlText);
  if (!statement) {
    statement = connection.prepare(sqlText);
    if (cache.size >= 1000) cache.delete(cache.keys().next().value as string);
    cache.set(sqlText, statement);
  }
  return statement;
}

function ownsTransaction(engine: Engine): boolean {
  return currentTransaction(engine) !== undefined;
}

type Method = "run" | "all" | "values" | "get";

function execute(statement: Database.Statement, params: unknown[], method: Method): { rows: unknown[] } & Partial<Database.RunResult> {
  if (!statement.reader) {
    const result = statement.run(...params);
    return { rows: [], changes: result.changes, lastInsertRowid: result.lastInsertRowid };
  }
  // A statement that returns rows (a `run` of one with RETURNING, too) is stepped through.
  if (method === "get") return { rows: statement.raw(true).get(...params) as unknown[] };
  return { rows: statement.raw(true).all(...params) as unknown[] };
}

/**
 * Runs `use` on the statement prepared on the connection the caller's context may use (see the
 * module comment): the writer inside its own transaction or when none is open, the reader for a
 * read while another request's transaction is open, the writer after that transaction otherwise.
 */
async function routed<T>(engine: Engine, sqlText: string, use: (statement: Database.Statement) => T): Promise<T> {
  if (ownsTransaction(engine)) return use(prepare(engine, engine.writer, sqlText));
  if (engine.lockWaitMs !== null) {
    const statement = prepare(engine, engine.writer, sqlText);
    // A write that may have to wait for another process: the mutex is held across the waits, so
    // that no transaction of this process opens on the writer in between and takes the write in.
    if (!statement.readonly) return engine.lock.runExclusive(() => awaitingLock(engine, () => use(statement)));
  }
  if (!engine.lock.isLocked()) return use(prepare(engine, engine.writer, sqlText));
  if (engine.reader) {
    const statement = prepare(engine, engine.reader, sqlText);
    if (statement.readonly) return use(statement);
  }
  // A write (or, on a single connection, any query) while another request's transaction is open.
  return engine.lock.runExclusive(() => use(prepare(engine, engine.writer, sqlText)));
}

const isBusy = (error: unknown) => (error as { code?: string } | null)?.code === "SQLITE_BUSY";

/**
 * Runs `attempt` (one statement that takes the write lock) until it does not find the database
 * busy, waiting between tries without blocking the thread (`awaitLocks`), for up to the engine's
 * wait in all; SQLITE_BUSY after that. A statement refused as busy has done nothing, so it is
 * safe to run again. Without `awaitLocks` the connection's own busy timeout does the waiting.
 */
async function awaitingLock<T>(engine: Engine, attempt: () => T): Promise<T> {
  if (engine.lockWaitMs === null) return attempt();
  const deadline = Date.now() + engine.lockWaitMs;
  for (let pause = 1; ; pause = Math.min(pause * 2, 25)) {
    try {
      return attempt();
    } catch (error) {
      if (!isBusy(error) || Date.now() >= deadline) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}

function query(engine: Engine, sqlText: string, params: unknown[], method: Method) {
  return routed(engine, sqlText, (statement) => execute(statement, params, method));
}

/** Whether a DATABASE_URL / path names a PostgreSQL database rather than a SQLite file. */
export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//.test(target);
}

/**
 * Opens the database: a SQLite file (the embedded default), or PostgreSQL when `file` is a
 * `postgres://` URL. The PostgreSQL `Db` has the same interface (ADR 022); it has no raw SQLite
 * connection, so code still on `$client` fails there with a message that says so.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  if (isPostgresUrl(file)) {
    const { db, engine } = openPostgres(file, options.postgresReady);
    const noRawConnection = () => {
      throw new Error("This code uses the raw SQLite connection (db.$client), which PostgreSQL does not have: move it to rawAll/rawGet/rawRun (ADR 022).");
    };
    Object.defineProperties(db, {
      $client: { get: noRawConnection },
      $writer: { get: noRawConnection },
      close: { value: () => engine.pool.end() },
      [ENGINE]: { value: engine },
    });
    return db as unknown as Db;
  }
  const memory = file === ":memory:" || file === "";
  if (!memory && !options.readonly) mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const writer = new Database(file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  configure(writer, options, true);
  let reader: RawConnection | null = null;
  if (!memory && !options.readonly) {
    reader = new Database(file, { readonly: true, fileMustExist: true });
    configure(reader, options, false);
  }
  const engine: Engine = { kind: "sqlite", writer, reader, lock: new Mutex(), statements: new Map(), lockWaitMs: null };
  const db = drizzle((sqlText, params, method) => query(engine, sqlText, params, method), { schema }) as Db;
  Object.defineProperties(db, {
    $client: { value: writer },
    $writer: { value: writer },
    close: {
      value: () => {
        engine.statements.clear();
        reader?.close();
        writer.close();
      },
    },
  });
  Object.defineProperty(db, ENGINE, { value: engine });
  return db;
}

/**
 * From now on, this connection waits for another process's write lock without blocking the
 * thread (SQLite; nothing to do on PostgreSQL, whose driver never blocks). better-sqlite3's own
 * busy wait is synchronous: a request's write that meets an import worker's commit stopped every
 * other request of the process for as long as it waited (the event loop stood still for 0.7–1.3 s
 * in the mixed-load benchmark). Here the writer does not wait itself (busy_timeout 0); a write that
 * finds the lock taken is tried again after a few milliseconds, for up to `waitMs` in all, and
 * then fails with SQLITE_BUSY as before (a 503 with Retry-After). For the serving processes, once
 * start-up is done; worker threads keep the synchronous wait, which blocks only themselves. In WAL
 * mode reads take no lock, so the reader keeps its timeout for the rare moment (recovery) one would.
 */
export function awaitLocks(db: Db, waitMs = 5000): void {
  const engine = engineOf(db);
  if (engine.kind === "postgres") return;
  engine.writer.pragma("busy_timeout = 0");
  engine.lockWaitMs = waitMs;
}

function engineOf(db: Db): Engine | PostgresEngine {
  const engine = (db as unknown as Record<symbol, Engine | PostgresEngine | undefined>)[ENGINE];
  if (!engine) throw new Error("not a database opened by openDatabase");
  return engine;
}

/**
 * Runs `fn` in one IMMEDIATE transaction: all of it is committed, or none of it. Queries on `db`
 * made by `fn` (and by anything it awaits) run in the transaction. A call inside a transaction opens
 * a savepoint: its failure undoes its own writes and is the caller's to handle.
 */
export async function inTransaction<T>(db: Db, fn: () => Promise<T> | T): Promise<T> {
  const engine = engineOf(db);
  if (engine.kind === "postgres") return postgresTransaction(engine, fn);
  if (ownsTransaction(engine)) {
    const name = `sp${Math.random().toString(36).slice(2, 10)}`;
    engine.writer.exec(`SAVEPOINT ${name}`);
    try {
      const result = await fn();
      engine.writer.exec(`RELEASE ${name}`);
      return result;
    } catch (error) {
      engine.writer.exec(`ROLLBACK TO ${name}`);
      engine.writer.exec(`RELEASE ${name}`);
      throw error;
    }
  }
  return engine.lock.runExclusive(async () => {
    await awaitingLock(engine, () => engine.writer.exec("BEGIN IMMEDIATE"));
    const context: TransactionContext = { engine, open: true };
    try {
      const result = await transactionContext.run(context, fn);
      engine.writer.exec("COMMIT");
      return result;
    } catch (error) {
      if (engine.writer.inTransaction) engine.writer.exec("ROLLBACK");
      throw error;
    } finally {
      // Work started inside the transaction that outlives it (a job kicked off, a timer) must not
      // go on using the writer as if it still held the transaction.
      context.open = false;
    }
  });
}

/** The first row of a query's result, or undefined: the engine-neutral `.get()`. */
export function firstRow<T>(rows: readonly T[]): T | undefined {
  return rows[0];
}

/** How many rows a write changed (SQLite's `changes`; PostgreSQL's `rowCount`). */
export function changedRows(result: unknown): number {
  const value = result as { changes?: number; rowCount?: number | null };
  return value.changes ?? value.rowCount ?? 0;
}

/** The one row a write with RETURNING produced (an insert without ON CONFLICT always produces one). */
export function onlyRow<T>(rows: readonly T[]): T {
  const row = rows[0];
  if (row === undefined) throw new Error("expected one row, got none");
  return row;
}

/**
 * The engine's own error behind a failed query (drizzle wraps it in a DrizzleQueryError that
 * carries the SQL): code that tells SQLITE_BUSY or a constraint apart reads it here.
 */
export function engineError(error: unknown): unknown {
  let current = error;
  while (current instanceof DrizzleQueryError && current.cause !== undefined) current = current.cause;
  return current;
}

/** A value as SQLite binds it: times as epoch milliseconds, booleans as 0/1 (as drizzle stores them). */
function bindable(value: unknown): unknown {
  if (value instanceof Date) return value.getTime();
  if (typeof value === "boolean") return value ? 1 : 0;
  return value;
}

/**
 * Raw SQL for what the query builder cannot say (window functions, json_each, recursive CTEs),
 * with `?` placeholders. Rows are plain objects as the engine returns them: on SQLite, times are
 * epoch milliseconds, booleans 0/1 and JSON columns text. Routed like every other query.
 */
export async function rawAll<T>(db: Db, sqlText: string, ...params: unknown[]): Promise<T[]> {
  const engine = engineOf(db);
  if (engine.kind === "postgres") return (await postgresRaw(engine, "objects", sqlText, params)) as T[];
  return routed(engine, sqlText, (statement) => statement.raw(false).all(...params.map(bindable)) as T[]);
}

/** The first row of raw SQL, or undefined. */
export async function rawGet<T>(db: Db, sqlText: string, ...params: unknown[]): Promise<T | undefined> {
  const engine = engineOf(db);
  if (engine.kind === "postgres") return ((await postgresRaw(engine, "objects", sqlText, params)) as T[])[0];
  return routed(engine, sqlText, (statement) => statement.raw(false).get(...params.map(bindable)) as T | undefined);
}

/** The first column of every row of raw SQL (better-sqlite3's `pluck`). */
export async function rawColumn<T>(db: Db, sqlText: string, ...params: unknown[]): Promise<T[]> {
  const engine = engineOf(db);
  if (engine.kind === "postgres") return (await postgresRaw(engine, "column", sqlText, params)) as T[];
  return routed(engine, sqlText, (statement) => (statement.raw(true).all(...params.map(bindable)) as unknown[][]).map((r) => r[0] as T));
}

/** Runs a raw write; returns the number of rows it changed. */
export async function rawRun(db: Db, sqlText: string, ...params: unknown[]): Promise<number> {
  const engine = engineOf(db);
  if (engine.kind === "postgres") return (await postgresRaw(engine, "run", sqlText, params)) as number;
  return routed(engine, sqlText, (statement) => statement.run(...params.map(bindable)).changes);
}

/** Where the database is: the SQLite file's path, or the PostgreSQL URL (workers open it again). */
export function databaseLocation(db: Db): string {
  const engine = engineOf(db);
  return engine.kind === "postgres" ? engine.url : engine.writer.name;
}

/** The engine a database runs on. */
export function engineKind(db: Db): "sqlite" | "postgres" {
  return engineOf(db).kind;
}

/** PostgreSQL's connection pool (migrations, the test harness); throws on SQLite. */
export function postgresPool(db: Db): Pool {
  const engine = engineOf(db);
  if (engine.kind !== "postgres") throw new Error("not a PostgreSQL database");
  return engine.pool;
}

/** Closes the database on either engine, once every connection is released (PostgreSQL's pool ends asynchronously). */
export async function closeDatabase(db: Db): Promise<void> {
  const engine = engineOf(db);
  if (engine.kind === "postgres") await engine.pool.end();
  else db.close();
}

/**
 * Start-up work (migrating, seeding) that two processes must not do at once. On SQLite the first
 * process does it before starting the others, so it runs as it is; on PostgreSQL, where several
 * nodes may start together, one at a time (db/postgres.ts).
 */
export async function duringStartup<T>(db: Db, fn: () => Promise<T>): Promise<T> {
  const engine = engineOf(db);
  return engine.kind === "postgres" ? postgresStartupLock(engine, fn) : fn();
}
