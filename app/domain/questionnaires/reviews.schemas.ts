/**
 * The forms of the buyer's review of shared answers and of the supplier's reply (issue 20, item 2:
 * "the buyer reviews and may ask for clarification"). The schemas check the shape; the domain
 * (reviews.server.ts) checks the meaning again (the question is one of the submission's, the share
 * is still active), so a caller that skips the form is refused alike.
 */
import { z } from "zod";

/**
 * Long enough for a precise question with context; a longer text is a pasted document, which
 * belongs in evidence, not in a message the other side reads on a phone.
 */
export const REVIEW_MESSAGE_MAX = 2000;

const id = z.coerce.number().int().positive();

/** /suppliers/:supplierId/answers: the buyer's forms. Messages are `suppliers` keys. */
export const BuyerAnswersSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("request"),
    dueOn: z.string().default(""),
  }),
  z.object({ intent: z.literal("add-recruiters") }),
  z.object({
    intent: z.literal("accept"),
    responseId: id,
  }),
  z.object({
    intent: z.literal("clarify"),
    responseId: id,
    // "" asks about the whole submission.
    questionId: z.string().trim().max(100, "suppliers:answers.review.errors.question").default(""),
    message: z.string().trim().min(1, "suppliers:answers.review.errors.messageRequired").max(REVIEW_MESSAGE_MAX, "suppliers:answers.review.errors.messageTooLong"),
  }),
]);
export type BuyerAnswersInput = z.output<typeof BuyerAnswersSchema>;

/** /sites/:siteId/reviews: the supplier's reply to a clarification. Messages are `home` keys. */
export const ReplySchema = z.object({
  reviewId: id,
  reply: z.string().trim().min(1, "questionnaire:reviews.errors.replyRequired").max(REVIEW_MESSAGE_MAX, "questionnaire:reviews.errors.replyTooLong"),
});
export type ReplyInput = z.output<typeof ReplySchema>;
