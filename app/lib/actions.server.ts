/**
 * The one contract for route actions:
 *
 *   return runAction(request, Schema, (input, form) => domainCall(...))
 *
 * The form is parsed with a zod schema kept beside the domain module it feeds (e.g.
 * `app/domain/audits/form-schemas.ts`); a schema failure, and any domain refusal the handler throws,
 * come back as ONE shape, `ActionFailure`, with a message per field and what the user typed. The
 * status comes from the one mapping in `./http-errors.server.ts`. A redirect or `Response` the
 * handler throws passes through untouched.
 */
import { data } from "@remix-run/node";
import type { z } from "zod";
import { NotFound } from "~/domain/errors";
import { translateMessage } from "~/i18n/i18n.server";
import { refusalOf, refusalResponse, type FieldRefusal } from "./http-errors.server";
import { formLists, formValues, parseForm, type FieldErrors } from "./forms";

/**
 * What every refused form answers. `values` holds the last value of each field (never passwords)
 * for text inputs; `lists` holds every value of each field, for checkbox groups and multi-selects;
 * `intent` says which of a page's forms was sent, so the page shows the errors beside that one.
 */
export type ActionFailure = { ok: false; errors: FieldErrors; values: Record<string, string>; lists: Record<string, string[]>; intent?: string };

function intentOf(formData: FormData): string | undefined {
  const intent = formData.get("intent");
  return typeof intent === "string" ? intent : undefined;
}

/** A refused form (400 unless told otherwise), keeping what the user typed. */
export function failure(errors: FieldErrors, values: Record<string, string>, intent?: string, lists: Record<string, string[]> = {}, init: ResponseInit = { status: 400 }) {
  return data<ActionFailure>({ ok: false, errors, values, lists, intent }, init);
}

/** The form's answer to a field refusal from the mapping (400, 409 or 429 with its headers), in the reader's language. */
function refusedForm(refusal: FieldRefusal, formData: FormData, locale: string) {
  const errors: FieldErrors = {};
  // The first refusal of a field is the one shown beside it.
  for (const r of [refusal, ...(refusal.others ?? [])]) errors[r.field] ??= translateMessage(locale, r.message, r.values);
  return failure(errors, formValues(formData), intentOf(formData), formLists(formData), { status: refusal.status, headers: refusal.headers });
}

/** Every message of a refused form in the reader's language (a schema's messages are catalog keys). */
const translated = (errors: FieldErrors, locale: string): FieldErrors => Object.fromEntries(Object.entries(errors).map(([field, message]) => [field, translateMessage(locale, message)]));

/** Answers a thrown value: a field refusal becomes the form's answer; a 404/403 refusal is thrown as that answer; anything else propagates. */
function answerRefusal(error: unknown, formData: FormData, locale: string) {
  const refusal = refusalOf(error);
  if (!refusal) throw error;
  if (refusal.kind === "page") throw refusalResponse(refusal);
  return refusedForm(refusal, formData, locale);
}

export interface RunOptions {
  /**
   * For a page that exists only as the answer to a POST (no loader can show it again: the worker's
   * /case, opened with a code and secret that never go in a URL). Called with a refused form; what
   * it returns joins the failure (e.g. the case the page shows), so the error appears beside the
   * form that was sent instead of on an empty page. Null adds nothing; a refusal it throws answers
   * instead of the first one (the key turns out to be wrong after all).
   */
  alongRefusal?: (refused: ActionFailure) => Promise<Record<string, unknown> | null>;
}

/**
 * Parses the form with `schema`, runs `handler` with the parsed input, and answers every refusal
 * the same way. `source` is the request (its body is read here) or a form already read (an upload).
 * `locale` (the route's `context.locale`) is the language the messages are answered in.
 */
export async function runAction<S extends z.ZodType, T>(
  source: Request | FormData,
  schema: S,
  handler: (input: z.output<S>, form: FormData) => T | Promise<T>,
  locale = "en",
  options: RunOptions = {},
): Promise<T | ReturnType<typeof failure>> {
  const form = "formData" in source ? await source.formData() : source;
  const parsed = parseForm(schema, form);
  let refused: ReturnType<typeof failure>;
  if (!parsed.ok) refused = failure(translated(parsed.errors, locale), parsed.values, intentOf(form), formLists(form));
  else {
    try {
      return await handler(parsed.data, form);
    } catch (error) {
      refused = answerRefusal(error, form, locale);
    }
  }
  return options.alongRefusal ? withPage(refused, options.alongRefusal, form, locale) : refused;
}

/** A refused form with what its page shows beside it (RunOptions.alongRefusal), same status and headers. */
async function withPage(refused: ReturnType<typeof failure>, along: NonNullable<RunOptions["alongRefusal"]>, form: FormData, locale: string) {
  try {
    const page = await along(refused.data);
    return page ? data<ActionFailure>({ ...page, ...refused.data }, refused.init ?? undefined) : refused;
  } catch (error) {
    return answerRefusal(error, form, locale);
  }
}

/**
 * A positive integer id from the URL, or `NotFound` (a malformed id names nothing, and answers
 * exactly like an id that does not exist: every route is wrapped in `withDomainErrors`).
 */
export function idParam(value: string | undefined): number {
  const id = Number(value);
  if (!value || !/^\d{1,15}$/.test(value) || !Number.isSafeInteger(id) || id <= 0) {
    throw new NotFound();
  }
  return id;
}

export { withDomainErrors } from "./http-errors.server";
