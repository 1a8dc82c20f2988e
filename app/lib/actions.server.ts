/**
 * Shared plumbing for route actions: turning a refused business rule into a 400 answer that keeps
 * what the user typed, and reading ids from the URL.
 */
import { data } from "@remix-run/node";
import { InputError } from "~/domain/errors";
import { formValues, type FieldErrors } from "./forms";

export type ActionFailure = { ok: false; errors: FieldErrors; values: Record<string, string>; intent?: string };

export function failure(errors: FieldErrors, values: Record<string, string>, intent?: string) {
  return data<ActionFailure>({ ok: false, errors, values, intent }, { status: 400 });
}

/** Runs a domain call; an InputError becomes a field message, anything else propagates. */
export async function withInputErrors<T>(formData: FormData, fn: () => T | Promise<T>) {
  try {
    return { ok: true as const, value: await fn() };
  } catch (error) {
    if (error instanceof InputError) {
      return { ok: false as const, response: failure({ [error.field]: error.message }, formValues(formData), String(formData.get("intent") ?? "")) };
    }
    throw error;
  }
}

/** A positive integer id from the URL, or a 404 (a malformed id names nothing). */
export function idParam(value: string | undefined): number {
  const id = Number(value);
  if (!value || !/^\d{1,15}$/.test(value) || !Number.isSafeInteger(id) || id <= 0) {
    throw new Response("Not found", { status: 404, statusText: "Not Found" });
  }
  return id;
}
