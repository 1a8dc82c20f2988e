/**
 * The shapes of the duplicate review's forms (/suppliers/duplicates, decision 033). The schemas
 * check the shape; duplicates.server.ts checks the meaning (same organisation, not merged, not
 * into itself). Messages are `suppliers` catalog keys.
 */
import { z } from "zod";

const id = z.coerce.number({ message: "suppliers:duplicates.review.errors.record" }).int("suppliers:duplicates.review.errors.record").positive("suppliers:duplicates.review.errors.record");
const note = z.string().trim().max(1000, "suppliers:duplicates.review.errors.note").default("");

/** One pair's form: its two records as the queue shows them (left, right), and which button was pressed. */
export const DuplicateDecisionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.enum(["merge-into-left", "merge-into-right", "keep-apart"]), leftId: id, rightId: id, note }),
  z.object({
    intent: z.literal("undo"),
    decisionId: id,
    reason: z.string().trim().min(3, "suppliers:duplicates.review.errors.reason").max(1000, "suppliers:duplicates.review.errors.reason"),
  }),
]);
export type DuplicateDecisionInput = z.infer<typeof DuplicateDecisionSchema>;
