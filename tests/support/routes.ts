/**
 * Calls route loaders and actions the way the server does: a real Request, and a load context
 * built from a real database and a session validated from a real token.
 */
import type { AppLoadContext } from "@remix-run/node";
import type { Db } from "../../db/client";
import { createSession, validateSessionToken } from "../../app/auth/session.server";
import { refusalOf, refusalResponse } from "../../app/lib/http-errors.server";

/** A request context as server.ts builds it; `locale` is the language the request is answered in (English unless a test says). */
export async function contextFor(db: Db, userId: number | null, orgId: number | null = null, locale = "en"): Promise<AppLoadContext> {
  const session = userId === null ? null : await validateSessionToken(db, (await createSession(db, userId, orgId)).token);
  return { db, session, sessionEnded: false, ip: "127.0.0.1", cookie: { secure: false }, uploads: { dir: "tests/.tmp/uploads", maxBytes: 50 * 1024 * 1024 }, locale } as AppLoadContext;
}

export function post(path: string, fields: Record<string, string>): Request {
  return new Request(`http://localhost${path}`, { method: "POST", body: new URLSearchParams(fields) });
}

export function get(path: string): Request {
  return new Request(`http://localhost${path}`);
}

/** The Response a loader or action threw or returned (redirects and 403/404 are thrown). */
export async function responseOf(fn: () => unknown): Promise<Response> {
  try {
    const value = await fn();
    if (value instanceof Response) return value;
    // A `data(body, init)` answer (a refused form, a 409) becomes a Response with its status and headers.
    const wrapped = value as { type?: string; data?: unknown; init?: ResponseInit | null } | null;
    if (wrapped?.type === "DataWithResponseInit") return new Response(JSON.stringify(wrapped.data), wrapped.init ?? undefined);
    return new Response(JSON.stringify(value), { status: 200 });
  } catch (error) {
    if (error instanceof Response) return error;
    // A domain refusal (NotFound, Forbidden…) answers what the one mapping says the route answers,
    // so domain functions can be tested for their status directly. (Whether each route does answer
    // it so is the permission matrix's strict check.)
    const refusal = refusalOf(error);
    if (refusal) return refusalResponse(refusal);
    throw error;
  }
}
