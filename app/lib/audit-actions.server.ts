/**
 * The action contract (`runAction`) for the scheduling forms, whose refusal also lists what the
 * audit would clash with (an inspector booked or away, a daily limit, a recent audit), so that the
 * inspector sees why. The answer is the one failure shape plus that list.
 */
import { data } from "@remix-run/node";
import type { z } from "zod";
import type { Conflict } from "~/domain/audits/conflicts";
import { keyedRefusals } from "~/domain/audits/refusals.server";
import { SchedulingConflict } from "~/domain/audits/scheduling.server";
import { translateMessage } from "~/i18n/i18n.server";
import { failure, runAction, type ActionFailure } from "./actions.server";
import { formLists, formValues } from "./forms";

export type ScheduleFailure = ActionFailure & { conflicts: Conflict[] };

/**
 * `runAction` for a form that schedules: a `SchedulingConflict` is answered 400 with its conflicts
 * (and `conflictMessage` for the form, if given); every other refusal as `runAction` answers it.
 * The handler always ends by throwing (a redirect), so the answer is always a refusal.
 */
export async function runScheduleAction<S extends z.ZodType>(
  source: Request | FormData,
  schema: S,
  handler: (input: z.output<S>, form: FormData) => never | Promise<never>,
  conflictMessage?: string,
  /** The reader's language (`context.locale`): the schema's and the domain's messages are answered in it. */
  locale = "en",
) {
  let conflicts: Conflict[] = [];
  const answer = await runAction(
    source,
    schema,
    async (input, form) => {
      try {
        return await keyedRefusals(async () => await handler(input, form));
      } catch (error) {
        if (!(error instanceof SchedulingConflict)) throw error;
        conflicts = error.conflicts;
        const intent = form.get("intent");
        return failure(conflictMessage ? { form: translateMessage(locale, conflictMessage) } : {}, formValues(form), typeof intent === "string" ? intent : undefined, formLists(form));
      }
    },
    locale,
  );
  return data<ScheduleFailure>({ ...answer.data, conflicts }, answer.init ?? undefined);
}
