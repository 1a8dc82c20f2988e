/** The shapes of the contest forms; `contests.server.ts` checks the meaning (length, evidence, factor, state). */
import { z } from "zod";
import { CONTEST_KINDS, CONTEST_STATUSES } from "#db/schema";

/**
 * /shared/:supplierId: a partner contests the score (the evidence file comes with the upload).
 * `kind`: "score" (the data about this supplier is wrong: the company answers) or "method" (the
 * risk method is wrong: the platform administrator, who owns the method, answers). `factor`: the
 * key of one line of the score's breakdown, or empty for the score as a whole.
 */
export const RaiseContestSchema = z.object({
  comment: z.string().default(""),
  kind: z.enum(CONTEST_KINDS, { message: "contests:validation.kindRequired" }).default("score"),
  factor: z
    .string()
    .default("")
    .transform((v) => v.trim() || null),
});

/** /contests/:contestId: the company (or, for a method contest, the platform administrator) answers, and may close the contest. */
export const AnswerContestSchema = z.object({
  response: z.string().default(""),
  close: z
    .string()
    .optional()
    .transform((v) => v === "yes"),
});

/** /contests?status=…: the list's filter; anything else shows every contest. */
export const ContestStatusFilter = z.enum(CONTEST_STATUSES).optional().catch(undefined);
