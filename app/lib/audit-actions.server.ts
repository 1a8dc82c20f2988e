/** Turning the scheduling refusals into a 400 answer that keeps what the inspector typed. */
import { data } from "@remix-run/node";
import type { Conflict } from "~/domain/audits/conflicts";
import { SchedulingConflict } from "~/domain/audits/scheduling.server";
import { InputError } from "~/domain/errors";
import { formValues } from "./forms";

export type ScheduleFailure = { ok: false; errors: Record<string, string>; conflicts: Conflict[]; values: Record<string, string>; teamIds: string[] };

export function scheduleFailure(formData: FormData, errors: Record<string, string>, conflicts: Conflict[] = []) {
  const teamIds = formData.getAll("teamIds").map(String);
  return data<ScheduleFailure>({ ok: false, errors, conflicts, values: formValues(formData), teamIds }, { status: 400 });
}

/** Runs a scheduling call; refusals become the form's answer, anything else propagates. */
export function withSchedulingErrors<T>(formData: FormData, fn: () => T): { ok: true; value: T } | { ok: false; response: ReturnType<typeof scheduleFailure> } {
  try {
    return { ok: true, value: fn() };
  } catch (error) {
    if (error instanceof SchedulingConflict) return { ok: false, response: scheduleFailure(formData, {}, error.conflicts) };
    if (error instanceof InputError) return { ok: false, response: scheduleFailure(formData, { [error.field]: error.message }) };
    throw error;
  }
}
