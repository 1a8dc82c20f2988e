/** The shapes of the contest forms; `contests.server.ts` checks the meaning (length, evidence, state). */
import { z } from "zod";

/** /shared/:supplierId: a partner contests the score (the evidence file comes with the upload). */
export const RaiseContestSchema = z.object({ comment: z.string().default("") });

/** /contests/:contestId: the company answers, and may close the contest. */
export const AnswerContestSchema = z.object({
  response: z.string().default(""),
  close: z
    .string()
    .optional()
    .transform((v) => v === "yes"),
});
