/**
 * Form parsing shared by every action: validates FormData with a zod schema and, on failure,
 * returns a message per field plus what the user typed (never passwords), so the page can show
 * the errors next to the fields and keep the input. Actions reach it through `runAction`
 * (`actions.server.ts`).
 */
import type { z } from "zod";

export type FieldErrors = Record<string, string>;

export type FormResult<T> =
  | { ok: true; data: T }
  | { ok: false; errors: FieldErrors; values: Record<string, string> };

const SECRET_FIELD = /password/i;

export function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData) {
    if (typeof value === "string" && !SECRET_FIELD.test(key)) values[key] = value;
  }
  return values;
}

/** Every value of every (non-secret) field: what a checkbox group or multi-select had chosen. */
export function formLists(formData: FormData): Record<string, string[]> {
  const lists: Record<string, string[]> = {};
  for (const [key, value] of formData) {
    if (typeof value === "string" && !SECRET_FIELD.test(key)) (lists[key] ??= []).push(value);
  }
  return lists;
}

const KIND: Record<string, string> = { number: "a number", int: "a whole number", string: "text", boolean: "yes or no", array: "a list", date: "a date" };

/**
 * A message for an issue the schema gave no message for, naming the field and what was expected
 * (zod's own "Invalid input" says neither). Schema messages win: zod uses this map only without one.
 */
function describeIssue(issue: z.core.$ZodRawIssue): string | undefined {
  const field = issue.path?.length ? `"${String(issue.path[issue.path.length - 1])}"` : "This form";
  switch (issue.code) {
    case "invalid_type":
      return issue.input === undefined || issue.input === "" ? `${field} is required.` : `${field} must be ${KIND[issue.expected] ?? issue.expected}.`;
    case "invalid_value":
      return `${field} must be one of: ${issue.values.map(String).join(", ")}.`;
    case "too_small":
      return issue.origin === "string" ? `${field} must be at least ${String(issue.minimum)} characters.` : issue.origin === "array" ? `${field} needs at least ${String(issue.minimum)}.` : `${field} must be at least ${String(issue.minimum)}.`;
    case "too_big":
      return issue.origin === "string" ? `${field} must be at most ${String(issue.maximum)} characters.` : issue.origin === "array" ? `${field} takes at most ${String(issue.maximum)}.` : `${field} must be at most ${String(issue.maximum)}.`;
    case "invalid_format":
      return `${field} must be a valid ${issue.format}.`;
    case "invalid_union":
      return issue.path?.length ? `${field} is not one of the accepted choices.` : undefined;
    default:
      return undefined;
  }
}

export function parseForm<S extends z.ZodType>(schema: S, formData: FormData): FormResult<z.infer<S>> {
  const raw: Record<string, unknown> = {};
  for (const key of new Set(formData.keys())) {
    const all = formData.getAll(key).filter((v): v is string => typeof v === "string");
    raw[key] = all.length > 1 ? all : all[0];
  }
  const result = schema.safeParse(raw, { error: describeIssue });
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    // "intent" is the hidden field saying which of a page's forms was sent: the user cannot fix it,
    // so its message (an unknown request) belongs to the form as a whole.
    const field = issue.path.length && issue.path[0] !== "intent" ? String(issue.path[0]) : "form";
    errors[field] ??= issue.message;
  }
  return { ok: false, errors, values: formValues(formData) };
}

/** The failure shape for a rule checked after parsing (e.g. "already a member"). */
export function formError(formData: FormData, field: string, message: string): FormResult<never> {
  return { ok: false, errors: { [field]: message }, values: formValues(formData) };
}
