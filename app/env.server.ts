/**
 * Typed configuration, parsed once at start-up. A bad value stops the server with a message that
 * names the variable, what it holds and what was expected, rather than failing later.
 *
 * Routes do not see this parsed object (server.ts hands them only the values they need through the
 * load context), so one variable is read where it is used instead: HEALTHZ_RESET_TOKEN (optional),
 * the secret the load test sends to reset /healthz's event-loop figures; see app/routes/healthz.ts.
 */
import { availableParallelism } from "node:os";
import { z } from "zod";

const booleanString = z
  .enum(["true", "false", "1", "0", "yes", "no"], { message: "expected true or false" })
  .transform((v) => v === "true" || v === "1" || v === "yes");

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"], { message: "expected development, production or test" }).default("production"),
  PORT: z.coerce
    .number({ message: "expected a port number" })
    .int({ message: "expected a whole number" })
    .min(1, { message: "expected a port between 1 and 65535" })
    .max(65535, { message: "expected a port between 1 and 65535" })
    .default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATABASE_PATH: z.string().min(1, { message: "expected a file path" }).default("data/app.db"),
  /** PostgreSQL instead of the SQLite file (ADR 022): postgres://user:password@host:5432/database. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/./, { message: "expected a PostgreSQL URL, postgres://user:password@host:5432/database" })
    .optional(),
  /** Whether the session cookie carries `Secure`; defaults to on in production. */
  COOKIE_SECURE: booleanString.optional(),
  /** Seed the demo workspace when the database is created. */
  SEED_DEMO: booleanString.default(true),
  /** Trust X-Forwarded-* headers (set when running behind a reverse proxy). */
  TRUST_PROXY: booleanString.default(false),
  LOG_REQUESTS: booleanString.default(true),
  /** Where uploaded lists are kept (with their SHA-256 recorded on the import). */
  UPLOADS_DIR: z.string().min(1).default("data/uploads"),
  /** A session ends after this many minutes without a request (it ends 30 days after sign-in anyway). */
  SESSION_IDLE_MINUTES: z.coerce
    .number({ message: "expected a number of minutes" })
    .int({ message: "expected a whole number of minutes" })
    .min(1, { message: "expected between 1 and 43200 minutes (30 days)" })
    .max(43_200, { message: "expected between 1 and 43200 minutes (30 days)" })
    .default(120),
  /**
   * How many processes serve requests (each with its own thread and job runner, all on the one
   * database). Default: one per CPU core; 1 serves from a single process, as before.
   */
  WEB_CONCURRENCY: z.coerce
    .number({ message: "expected a number of processes" })
    .int({ message: "expected a whole number of processes" })
    .min(1, { message: "expected between 1 and 64 processes" })
    .max(64, { message: "expected between 1 and 64 processes" })
    .optional(),
  /**
   * The address workers reach the platform at, for the grievance channels' short links and QR codes
   * (https://report.example.org). Default: the address of the request that prints the poster, which
   * is wrong behind a proxy that rewrites the host or when staff use an internal address.
   */
  PUBLIC_BASE_URL: z
    .url({ message: "expected an http(s) address such as https://report.example.org" })
    .regex(/^https?:\/\/[^/?#]+\/?$/, { message: "expected only a scheme and host, such as https://report.example.org (no path)" })
    .transform((v) => v.replace(/\/$/, ""))
    .optional(),
  /** Largest accepted upload, in megabytes. */
  // Calls per API token per minute (decision 037); the answer's RateLimit header fields say what is left.
  API_RATE_LIMIT: z.coerce.number({ message: "expected a number of calls per minute" }).int({ message: "expected a whole number of calls per minute" }).positive({ message: "expected a positive number of calls per minute" }).max(1_000_000).default(600),
  IMPORT_MAX_MB: z.coerce.number({ message: "expected a number of megabytes" }).positive({ message: "expected a positive number of megabytes" }).max(10_000).default(50),
});

export type Env = z.infer<typeof EnvSchema> & { COOKIE_SECURE: boolean; WEB_CONCURRENCY: number };

export class ConfigError extends Error {
  override name = "ConfigError";
}

export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const picked = Object.fromEntries(
    Object.keys(EnvSchema.shape).map((key) => [key, source[key] === "" ? undefined : source[key]]),
  );
  const result = EnvSchema.safeParse(picked);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => {
      const key = String(issue.path[0]);
      return `  ${key}=${JSON.stringify(source[key])}: ${issue.message}`;
    });
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const env = result.data;
  return { ...env, COOKIE_SECURE: env.COOKIE_SECURE ?? env.NODE_ENV === "production", WEB_CONCURRENCY: env.WEB_CONCURRENCY ?? availableParallelism() };
}
