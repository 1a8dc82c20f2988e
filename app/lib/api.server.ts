/**
 * The API's one contract (decision 037), as `runAction` is the pages': every /api/v1 route is
 * `export const loader = apiRoute(...)`. In order: authenticate the bearer token (never a cookie),
 * count the call against the token's window, check the operation's scope, parse the path, query
 * and body with the operation's zod shapes, call one domain function as the token's actor, answer
 * JSON. Every refusal is an RFC 9457 problem, mapped from the same typed domain errors the pages
 * map (`refusalOf`), so a foreign id answers exactly like a missing one. Every authenticated call,
 * answered or refused, is one activity-log entry.
 */
import { sql } from "drizzle-orm";
import type { z } from "zod";
import { firstRow, type Db } from "#db/client";
import { apiRateWindows } from "#db/schema";
import { recordEvent } from "~/domain/activity-log/activity-log.server";
import type { Operation } from "~/domain/api/operations";
import { allows } from "~/domain/api/scopes";
import { authenticateApiToken, Unauthenticated, type ApiActor } from "~/domain/api/tokens.server";
import { translateMessage } from "~/i18n/i18n.server";
import { refusalOf } from "./http-errors.server";

export const API_BASE = "/api/v1";
const WINDOW_MS = 60_000;
/** The largest JSON body read (a bulk import of 50,000 rows fits). */
export const API_MAX_BODY_BYTES = 64 * 1024 * 1024;

export interface ApiCall<O extends Operation> {
  db: Db;
  actor: ApiActor;
  orgId: number;
  params: O["params"] extends z.ZodType ? z.output<O["params"]> : Record<string, never>;
  query: O["query"] extends z.ZodType ? z.output<O["query"]> : Record<string, never>;
  body: O["body"] extends z.ZodType ? z.output<O["body"]> : undefined;
  request: Request;
  ip: string;
  uploadsDir: string;
}

interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: { field: string; message: string }[];
}

/** Problem kinds, each described under its fragment on /api/v1/docs. */
export const PROBLEMS = {
  unauthenticated: { status: 401, title: "Not authenticated" },
  forbidden: { status: 403, title: "Forbidden" },
  "insufficient-scope": { status: 403, title: "The token's scope does not allow this" },
  "not-found": { status: 404, title: "Not found" },
  gone: { status: 410, title: "Gone" },
  "method-not-allowed": { status: 405, title: "Method not allowed" },
  validation: { status: 400, title: "The request is not valid" },
  conflict: { status: 409, title: "Conflict" },
  "too-large": { status: 413, title: "The body is too large" },
  "unsupported-media-type": { status: 415, title: "The body must be JSON" },
  "rate-limited": { status: 429, title: "Too many calls" },
  busy: { status: 503, title: "Busy, try again" },
  internal: { status: 500, title: "Internal error" },
} as const satisfies Record<string, { status: number; title: string }>;
export type ProblemKind = keyof typeof PROBLEMS;

const DETAIL: Record<Unauthenticated["reason"], string> = {
  missing: "Send the token as `Authorization: Bearer <token>`.",
  malformed: "The Authorization header does not hold an API token of this platform.",
  unknown: "The token is not valid.",
  expired: "The token has expired; an administrator can create a new one.",
  revoked: "The token has been revoked.",
  creator: "The administrator who created the token is no longer one of the organisation's administrators; an administrator can create a new one.",
};

function problem(kind: ProblemKind, extra: Omit<Problem, "type" | "title" | "status"> = {}, headers: Record<string, string> = {}): Response {
  const { status, title } = PROBLEMS[kind];
  const body: Problem & { instance?: string } = { type: `${API_BASE}/docs#problem-${kind}`, title, status, ...extra };
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/problem+json", "Cache-Control": "no-store", ...headers } });
}

function json(status: number, value: unknown, headers: Record<string, string>): Response {
  return new Response(JSON.stringify(value), { status, headers: { "Content-Type": "application/json", "Cache-Control": "no-store", ...headers } });
}

/** zod's issues as the problem's `errors`: the field by its path, the message in English. */
function fieldErrors(error: z.ZodError, prefix: string[] = []): { field: string; message: string }[] {
  return error.issues.flatMap((issue) => {
    const at = [...prefix, ...issue.path.map(String)];
    // A field the shape does not have is named itself, not its object.
    if (issue.code === "unrecognized_keys") return issue.keys.map((key) => ({ field: [...at, key].join("/"), message: translateMessage("en", "api:invalid.unknownField") }));
    return [{ field: at.join("/") || "body", message: translateMessage("en", issue.message) }];
  });
}

/**
 * One call more in the token's current window, counted in the database (every serving process
 * shares the count): an upsert that adds one and returns the total, atomic on both engines.
 */
async function countCall(db: Db, tokenId: number, limit: number, now: number): Promise<{ headers: Record<string, string>; exceeded: boolean }> {
  const windowStart = now - (now % WINDOW_MS);
  const row = firstRow(
    await db
      .insert(apiRateWindows)
      .values({ tokenId, windowStart, calls: 1 })
      .onConflictDoUpdate({ target: [apiRateWindows.tokenId, apiRateWindows.windowStart], set: { calls: sql`${apiRateWindows.calls} + 1` } })
      .returning({ calls: apiRateWindows.calls }),
  )!;
  // The first call of a window clears the token's older windows.
  if (row.calls === 1) await db.delete(apiRateWindows).where(sql`${apiRateWindows.tokenId} = ${tokenId} and ${apiRateWindows.windowStart} < ${windowStart}`);
  const reset = Math.max(1, Math.ceil((windowStart + WINDOW_MS - now) / 1000));
  // The IETF RateLimit header fields (draft-ietf-httpapi-ratelimit-headers): the policy, then what is left.
  const headers = { "RateLimit-Policy": `"per-token";q=${limit};w=${WINDOW_MS / 1000}`, RateLimit: `"per-token";r=${Math.max(0, limit - row.calls)};t=${reset}` };
  return row.calls > limit ? { headers: { ...headers, "Retry-After": String(reset) }, exceeded: true } : { headers, exceeded: false };
}

async function readJson(request: Request): Promise<{ ok: true; value: unknown } | { ok: false; response: Response }> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/(.+\+)?json\s*(;|$)/i.test(type)) return { ok: false, response: problem("unsupported-media-type", { detail: "Send the body with Content-Type: application/json." }) };
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > API_MAX_BODY_BYTES) return { ok: false, response: problem("too-large", { detail: `The body may be at most ${API_MAX_BODY_BYTES} bytes.` }) };
  const text = await request.text();
  if (Buffer.byteLength(text) > API_MAX_BODY_BYTES) return { ok: false, response: problem("too-large", { detail: `The body may be at most ${API_MAX_BODY_BYTES} bytes.` }) };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    // The parser's own words (position of the error) help the caller find it.
    return { ok: false, response: problem("validation", { detail: `The body is not valid JSON (${error instanceof Error ? error.message : "unreadable"}).`, errors: [{ field: "body", message: translateMessage("en", "api:invalid.notJson") }] }) };
  }
}

interface RouteArgs {
  request: Request;
  params: Record<string, string | undefined>;
  context: { db: Db; ip: string; apiRateLimit?: number; uploads: { dir: string } };
}

type Handler<O extends Operation> = (call: ApiCall<O>) => Promise<unknown>;

/** One operation and its handler, typed by the operation's shapes. */
export function on<O extends Operation>(op: O, handler: Handler<O>): [Operation, Handler<Operation>] {
  return [op, handler as unknown as Handler<Operation>];
}

/**
 * A loader or an action answering the operations given by HTTP method (a loader: GET; an action:
 * the others). A method the route does not have answers 405 with the ones it has.
 */
export function apiRoute(handlers: { [M in Operation["method"]]?: [Operation, Handler<Operation>] }) {
  return async ({ request, params, context }: RouteArgs): Promise<Response> => {
    // A path the API does not have (the catch-all route) names nothing.
    if (Object.keys(handlers).length === 0) return problem("not-found", { detail: `No such operation; the operations are listed in ${API_BASE}/openapi.json.` });
    const entry = handlers[request.method.toUpperCase() as Operation["method"]];
    if (!entry) return problem("method-not-allowed", { detail: `Allowed: ${Object.keys(handlers).join(", ")}.` }, { Allow: Object.keys(handlers).join(", ") });
    const [op, handler] = entry;
    const { db } = context;
    const now = Date.now();
    let actor: ApiActor;
    try {
      actor = await authenticateApiToken(db, request.headers.get("authorization"), now);
    } catch (error) {
      if (error instanceof Unauthenticated) return problem("unauthenticated", { detail: DETAIL[error.reason] }, { "WWW-Authenticate": `Bearer realm="api"${error.reason === "missing" ? "" : ', error="invalid_token"'}` });
      throw error;
    }
    const orgId = actor.membership!.orgId;
    const url = new URL(request.url);
    const limit = await countCall(db, actor.token.id, context.apiRateLimit ?? 600, now);
    const answer = await (async (): Promise<Response> => {
      if (limit.exceeded) return problem("rate-limited", { detail: "The token's calls for this minute are used up; see the RateLimit and Retry-After headers." });
      if (!allows(actor.token.scopes, op.resource, op.level)) {
        return problem("insufficient-scope", { detail: `This needs the scope ${op.resource}:${op.level}.` }, { "WWW-Authenticate": `Bearer realm="api", error="insufficient_scope", scope="${op.resource}:${op.level}"` });
      }
      const errors: { field: string; message: string }[] = [];
      const parsed: Record<"params" | "query" | "body", unknown> = { params: {}, query: {}, body: undefined };
      if (op.params) {
        const result = op.params.safeParse(params);
        // A path that names no valid id names nothing: as missing, not as a field error.
        if (!result.success) return problem("not-found");
        parsed.params = result.data;
      }
      if (op.query) {
        const result = op.query.safeParse(Object.fromEntries(url.searchParams));
        if (result.success) parsed.query = result.data;
        else errors.push(...fieldErrors(result.error));
      } else if ([...url.searchParams.keys()].length > 0) {
        errors.push({ field: [...url.searchParams.keys()][0]!, message: translateMessage("en", "api:invalid.noQuery") });
      }
      if (op.body) {
        const read = await readJson(request);
        if (!read.ok) return read.response;
        const result = op.body.safeParse(read.value);
        if (result.success) parsed.body = result.data;
        else errors.push(...fieldErrors(result.error));
      }
      if (errors.length > 0) return problem("validation", { errors: errors.slice(0, 200) });
      try {
        const value = await handler({ db, actor, orgId, request, ip: context.ip, uploadsDir: context.uploads.dir, ...(parsed as Pick<ApiCall<Operation>, "params" | "query" | "body">) });
        return value instanceof Response ? value : json(op.status, value, {});
      } catch (error) {
        // A stored file the record names but the archive no longer has (openStoredFile's 410): the
        // record stands, the bytes are gone; said as such, not as an error of the platform.
        if (error instanceof Response && error.status === 410) return problem("gone", { detail: "The stored file is not available." });
        const refusal = refusalOf(error);
        if (!refusal) {
          // A bug, not a refusal: logged here, answered as a problem that says nothing of the inside.
          console.error(`API ${op.method} ${op.path} failed:`, error);
          return problem("internal");
        }
        if (refusal.kind === "page") return problem(refusal.status === 404 ? "not-found" : "forbidden");
        const say = (field: string, message: string, values?: Record<string, string | number>) => ({ field, message: translateMessage("en", message, values) });
        const kind: ProblemKind = refusal.status === 409 ? "conflict" : refusal.status === 429 ? "rate-limited" : refusal.status === 503 ? "busy" : "validation";
        return problem(kind, { errors: [say(refusal.field, refusal.message, refusal.values), ...(refusal.others ?? []).map((o) => say(o.field, o.message, o.values))] }, refusal.headers);
      }
    })();
    for (const [name, value] of Object.entries(limit.headers)) answer.headers.set(name, value);
    await recordEvent(db, { action: "api.call", actorUserId: actor.user.id, orgId, targetType: "api_token", targetId: actor.token.id, ip: context.ip, details: { token: actor.token.name, method: op.method, path: op.path, status: answer.status } }, now);
    return answer;
  };
}
