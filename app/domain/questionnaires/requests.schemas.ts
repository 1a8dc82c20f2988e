/**
 * The buyer's request form (issue 20, item 4): the day by which the supplier is asked to answer.
 * The schema checks what the form can know (a real calendar day, not past, not absurdly far); the
 * domain function (requests.server.ts) checks the same again with the time it is given, so a
 * caller that skips the form is refused alike.
 */
import { z } from "zod";
import { DAY_MS, REQUEST_MAX_DAYS_AHEAD } from "./constants";

export { REQUEST_MAX_DAYS_AHEAD };

const dayOf = (t: number) => new Date(t).toISOString().slice(0, 10);

/** A real calendar day "YYYY-MM-DD" (not 2027-02-30). */
export function isDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const t = Date.parse(`${value}T00:00:00Z`);
  return Number.isFinite(t) && dayOf(t) === value;
}

/**
 * The earliest day that is still today somewhere (UTC−12): a buyer in Honolulu asking "by today"
 * in the evening must not be told that today is past because it is tomorrow in UTC.
 */
export const earliestToday = (now: number) => dayOf(now - 12 * 3_600_000);

/** The latest due day a request may name. */
export const latestDueDay = (now: number) => dayOf(now + REQUEST_MAX_DAYS_AHEAD * DAY_MS);

/**
 * Why a due day is refused, as a catalog key, or null when it is fine. The messages name what is
 * expected without placeholders: a schema's messages are translated without values, and the page
 * keeps what was typed beside them.
 */
export function dueOnProblem(value: string, now: number): string | null {
  const v = value.trim();
  if (!v) return "suppliers:questionnaireRequest.errors.dueOnRequired";
  if (!isDay(v)) return "suppliers:questionnaireRequest.errors.dueOnFormat";
  if (v < earliestToday(now)) return "suppliers:questionnaireRequest.errors.dueOnPast";
  if (v > latestDueDay(now)) return "suppliers:questionnaireRequest.errors.dueOnTooFar";
  return null;
}

/** The schema for the time `now` returns (the clock by default; tests pass a fixed one). */
export const requestQuestionnaireSchema = (now: () => number = Date.now) =>
  z.object({
    dueOn: z
      .string({ message: "suppliers:questionnaireRequest.errors.dueOnRequired" })
      .default("")
      .transform((v) => v.trim())
      .superRefine((v, ctx) => {
        const problem = dueOnProblem(v, now());
        // The message is the catalog key; runAction translates it in the reader's language.
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      }),
  });

export const RequestQuestionnaireSchema = requestQuestionnaireSchema();
export type RequestQuestionnaireInput = z.output<typeof RequestQuestionnaireSchema>;
