/**
 * The PostgreSQL engine behind db/client.ts (ADR 022, issue 16): drizzle's node-postgres driver on
 * a connection pool, with the same rules as the SQLite adapter. A query made inside
 * `inTransaction`'s async context runs on that transaction's connection; any other query takes a
 * pooled connection (and sees committed data only).
 *
 * Write transactions take one transaction-scoped advisory lock first, so they run one at a time
 * across every node, as they do on SQLite: the domain's read-then-write transactions (claiming a job,
 * counting a rate limit, checking a throttle) were written for that guarantee and keep it here
 * under READ COMMITTED. Reads never wait for it. Finer locks, where a hot path needs more writers,
 * are a change per path with its own test, not a default.
 */
import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import * as schema from "./schema.pg";
import { currentTransaction, transactionContext } from "./transaction-context";

export interface PostgresEngine {
  kind: "postgres";
  url: string;
  pool: pg.Pool;
  /** Resolves when the database exists (the test harness creates one per test while it is opened). */
  ready: Promise<unknown>;
}

/** The advisory lock key every write transaction takes ("ldd-writer" as an int4). */
const WRITER_LOCK = 0x6c64_6477;

/** Raw rows read like SQLite's: times as epoch milliseconds, booleans 0/1, JSON as text, counts as numbers. */
const RAW_TYPES = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    switch (oid) {
      case 1184: // timestamptz
        return (value: string) => Date.parse(value.replace(" ", "T").replace(/([+-]\d\d)$/, "$1:00"));
      case 16: // bool
        return (value: string) => (value === "t" ? 1 : 0);
      case 3802: // jsonb
      case 114: // json
        return (value: string) => value;
      case 20: // int8 (count(*), sums of integers)
      case 1700: // numeric (sums, averages)
        return (value: string) => Number(value);
      default:
        return pg.types.getTypeParser(oid, format);
    }
  },
} as pg.CustomTypesConfig;

/** SQLite's "is in this JSON list" idiom (one parameter for a list of any length). */
const IN_JSON_LIST = /\bin\s*\(\s*select\s+value\s+from\s+json_each\(\s*\?\s*\)\s*\)/gi;
/** A marker for a placeholder whose JSON-list parameter is sent as an array (never in SQL text). */
const ARRAY_PLACEHOLDER = "\uE000";

/**
 * Raw SQL written for SQLite, as PostgreSQL reads it, with its parameters. The domain writes one
 * portable dialect (ADR 022, "Touching the database" in docs/architecture.md); the few SQLite
 * idioms it may use are translated here, in one place, rather than branched on in the domain:
 * - `?` placeholders become `$1, $2…`;
 * - camelCase names (`as companyName`, `order by companyName`) are quoted, since PostgreSQL folds
 *   unquoted names to lower case and the domain reads rows by those names (tables and columns are
 *   snake_case, so a camelCase name in SQL is always one of our aliases);
 * - `x in (select value from json_each(?))` with a JSON array parameter becomes `x = any($n)` with
 *   the array itself as the parameter (PostgreSQL types it from `x`);
 * - `json_group_array(…)` becomes `json_agg(…)`: both aggregate to a JSON array, but over no rows
 *   json_agg gives null, so the domain wraps it in `coalesce(…, '[]')` (harmless on SQLite).
 * Literals are kept as they are.
 */
export function postgresQuery(sqlText: string, params: readonly unknown[] = []): { text: string; values: unknown[] } {
  let n = 0;
  const values = [...params];
  const plain = (part: string) =>
    part
      .replace(IN_JSON_LIST, `= any(${ARRAY_PLACEHOLDER})`)
      .replace(/\bjson_group_array\(/gi, "json_agg(")
      .replace(/\?|\uE000/g, (mark) => {
        n++;
        if (mark === ARRAY_PLACEHOLDER) {
          const value = values[n - 1];
          values[n - 1] = typeof value === "string" ? (JSON.parse(value) as unknown[]) : value;
        }
        return `$${n}`;
      })
      .replace(/\b([a-z][a-z0-9_]*[A-Z][A-Za-z0-9_]*)\b/g, '"$1"');
  let out = "";
  let from = 0;
  let quote: string | null = null;
  for (let i = 0; i < sqlText.length; i++) {
    const ch = sqlText[i]!;
    if (quote) {
      if (ch === quote) {
        out += sqlText.slice(from, i + 1);
        from = i + 1;
        quote = null;
      }
    } else if (ch === "'" || ch === '"') {
      out += plain(sqlText.slice(from, i));
      from = i;
      quote = ch;
    }
  }
  return { text: out + (quote ? sqlText.slice(from) : plain(sqlText.slice(from))), values };
}

/** The SQL text alone (tests, logs). */
export function postgresSql(sqlText: string): string {
  return postgresQuery(sqlText).text;
}

function queryable(engine: PostgresEngine): pg.Pool | pg.PoolClient {
  return (currentTransaction(engine)?.connection as pg.PoolClient | undefined) ?? engine.pool;
}

export function openPostgres(url: string, ready: Promise<unknown> = Promise.resolve()) {
  const pool = new pg.Pool({ connectionString: url, max: Number(process.env.DATABASE_POOL_SIZE) || 10 });
  // An idle pooled connection that the server drops must not take the process down.
  pool.on("error", (error: Error & { code?: string }) => {
    // 57P01: the server ended the connection (a shutdown, or a test dropping its database): the
    // pool opens another when one is next needed.
    if (error.code !== "57P01") console.error("PostgreSQL connection error:", error.message);
  });
  const engine: PostgresEngine = { kind: "postgres", url, pool, ready };
  // drizzle is given a client that sends each query to the caller's transaction, or the pool.
  const router = {
    query: async (...args: unknown[]) => {
      await engine.ready;
      return (queryable(engine).query as (...a: unknown[]) => unknown)(...args);
    },
  };
  const db = drizzle({ client: router as unknown as pg.Pool, schema });
  return { db, engine };
}

export async function postgresTransaction<T>(engine: PostgresEngine, fn: () => Promise<T> | T): Promise<T> {
  const outer = currentTransaction(engine);
  if (outer) {
    const connection = outer.connection as pg.PoolClient;
    const name = `sp${Math.random().toString(36).slice(2, 10)}`;
    await connection.query(`SAVEPOINT ${name}`);
    try {
      const result = await fn();
      await connection.query(`RELEASE SAVEPOINT ${name}`);
      return result;
    } catch (error) {
      await connection.query(`ROLLBACK TO SAVEPOINT ${name}`);
      throw error;
    }
  }
  await engine.ready;
  const connection = await engine.pool.connect();
  const context = { engine, open: true, connection };
  try {
    await connection.query("BEGIN");
    await connection.query("SELECT pg_advisory_xact_lock($1)", [WRITER_LOCK]);
    const result = await transactionContext.run(context, fn);
    await connection.query("COMMIT");
    return result;
  } catch (error) {
    await connection.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    context.open = false;
    connection.release();
  }
}

export async function postgresRaw(engine: PostgresEngine, mode: "objects" | "column" | "run", sqlText: string, params: unknown[]) {
  await engine.ready;
  const result = await queryable(engine).query({
    // Dates are sent as timestamps: raw SQL compares time columns with Dates, never numbers.
    ...postgresQuery(sqlText, params),
    types: RAW_TYPES,
    ...(mode === "column" ? { rowMode: "array" as const } : {}),
  });
  if (mode === "run") return result.rowCount ?? 0;
  if (mode === "column") return (result.rows as unknown[][]).map((r) => r[0]);
  return result.rows;
}

/** The advisory lock key of start-up work ("ldd-start" as an int4), apart from the writer lock. */
const STARTUP_LOCK = 0x6c64_6473;

/**
 * Runs `fn` while holding a session-level advisory lock on a connection of its own: nodes starting
 * together migrate and seed one after the other (drizzle's migrator takes no lock, and two nodes
 * would both find an empty database). `fn`'s queries use the pool as usual.
 */
export async function postgresStartupLock<T>(engine: PostgresEngine, fn: () => Promise<T>): Promise<T> {
  await engine.ready;
  const connection = await engine.pool.connect();
  try {
    await connection.query("SELECT pg_advisory_lock($1)", [STARTUP_LOCK]);
    return await fn();
  } finally {
    await connection.query("SELECT pg_advisory_unlock($1)", [STARTUP_LOCK]).catch(() => undefined);
    connection.release();
  }
}
