/**
 * The one place where a domain refusal (`app/domain/errors.ts`) becomes an HTTP answer. Page
 * loaders and actions use it (through `runAction` and `withDomainErrors`), and the
 * JSON API is to use it too, so the same refusal answers the same status everywhere:
 *
 *   NotFound → 404 · Forbidden → 403 · Invalid → 400 · Conflict → 409 · rate limited → 429 + Retry-After
 *   database busy past its wait (SQLITE_BUSY; PostgreSQL lock timeout 55P03) → 503 + Retry-After
 *
 * Anything else is not a refusal but a bug, and is left to propagate (a 500, logged).
 */
import { engineError } from "#db/client";
import { Conflict, DomainError, Forbidden, Invalid, NotFound } from "~/domain/errors";
import { translateMessage } from "~/i18n/i18n.server";

/** A refusal the page answers as a whole: there is no form to show it beside. */
export type PageRefusal = { kind: "page"; status: 403 | 404; message: string };
/** A refusal shown beside one field of the form that was sent, with the input kept. */
export type FieldRefusal = {
  kind: "field";
  status: 400 | 409 | 429 | 503;
  field: string;
  message: string;
  values?: Record<string, string | number>;
  headers?: Record<string, string>;
  /** Further fields refused by the same check (Invalid.all). */
  others?: { field: string; message: string; values?: Record<string, string | number> }[];
};

/** Engine codes for "another write held the database longer than this request would wait". */
const BUSY_CODES = new Set(["SQLITE_BUSY", "55P03"]);
/**
 * A write that found the database busy past its wait (a long import commit on an overloaded
 * machine) is not a bug: nothing was written (the transaction is rolled back whole), and sending
 * the form again will work. Answered beside the form, with the input kept, not as a 500.
 */
const BUSY: FieldRefusal = {
  kind: "field",
  status: 503,
  field: "form",
  message: "public:errors.busy",
  headers: { "Retry-After": "5" },
};

/**
 * The rate limiter's refusal, recognised by its `retryAfterSeconds` rather than by importing its
 * class: it is defined beside the limiter, and must keep mapping whether it extends `Invalid` (as
 * today) or `DomainError` directly.
 */
function retryAfterOf(error: DomainError): number | null {
  const seconds = (error as { retryAfterSeconds?: unknown }).retryAfterSeconds;
  return typeof seconds === "number" && Number.isFinite(seconds) ? seconds : null;
}

/** How a thrown value answers over HTTP, or null when it is not a domain refusal. */
export function refusalOf(error: unknown): PageRefusal | FieldRefusal | null {
  if (!(error instanceof DomainError)) {
    const code = (engineError(error) as { code?: unknown } | null)?.code;
    return typeof code === "string" && BUSY_CODES.has(code) ? BUSY : null;
  }
  const retryAfter = retryAfterOf(error);
  const field = (error as { field?: unknown }).field;
  if (retryAfter !== null) {
    const values = (error as { values?: Record<string, string | number> }).values;
    return { kind: "field", status: 429, field: typeof field === "string" ? field : "form", message: error.message, ...(values ? { values } : {}), headers: { "Retry-After": String(Math.max(1, Math.ceil(retryAfter))) } };
  }
  if (error instanceof NotFound) return { kind: "page", status: 404, message: error.message };
  if (error instanceof Forbidden) return { kind: "page", status: 403, message: error.message };
  if (error instanceof Invalid) {
    const others = error.others.map((o) => ({ field: o.field, message: o.message, values: o.values }));
    return { kind: "field", status: 400, field: error.field, message: error.message, values: error.values, ...(others.length > 0 ? { others } : {}) };
  }
  if (error instanceof Conflict) return { kind: "field", status: 409, field: error.field, message: error.message, values: error.values };
  return null;
}

const STATUS_TEXT: Record<number, string> = { 400: "Bad Request", 403: "Forbidden", 404: "Not Found", 409: "Conflict", 429: "Too Many Requests", 503: "Service Unavailable" };

/**
 * The plain answer for a refusal with no form to return to (a loader, or an action refused before
 * reading its form). 404 and 403 say no more than "Not found" / "Forbidden", as the hand-made
 * answers did: the message is for logs, not for a stranger probing ids (and the error page words
 * the status in the reader's language). A field refusal's message, a catalog key, is answered in
 * `locale`.
 */
export function refusalResponse(refusal: PageRefusal | FieldRefusal, locale = "en"): Response {
  const statusText = STATUS_TEXT[refusal.status] ?? "Error";
  const body = refusal.kind === "page" ? (refusal.status === 404 ? "Not found" : "Forbidden") : translateMessage(locale, refusal.message, refusal.values);
  return new Response(body, { status: refusal.status, statusText, headers: refusal.kind === "field" ? refusal.headers : undefined });
}

/**
 * Wraps a loader or action so that a domain refusal thrown anywhere in it becomes its HTTP answer
 * (thrown, as Remix expects of error answers) instead of a 500. Return type unchanged, so
 * `useLoaderData<typeof loader>` keeps its types.
 */
export function withDomainErrors<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  return (...args: A): R => {
    // A loader's or action's one argument carries the request's language (server.ts, decision 025).
    const locale = (args[0] as { context?: { locale?: unknown } } | undefined)?.context?.locale;
    const rethrow = (error: unknown): never => {
      const refusal = refusalOf(error);
      throw refusal ? refusalResponse(refusal, typeof locale === "string" ? locale : "en") : error;
    };
    try {
      const result = fn(...args);
      return (result instanceof Promise ? result.catch(rethrow) : result) as R;
    } catch (error) {
      return rethrow(error);
    }
  };
}
