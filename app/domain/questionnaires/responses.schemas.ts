/**
 * The questionnaire form's shape: which button was pressed. The answers themselves are named after
 * the questions and parsed by the engine (parseAnswers), which knows each question's type; the
 * schema lets them through untouched.
 */
import { z } from "zod";

export const ANSWER_INTENTS = ["save", "submit"] as const;

export const AnswerFormSchema = z.looseObject({ intent: z.enum(ANSWER_INTENTS) });

/** The prefix of a file question's upload field (`file.<question id>`): the question's own field keeps the id of the file already attached. */
export const FILE_FIELD_PREFIX = "file.";

/** An id sent in a hidden field: anything else names nothing (the domain answers 404 for a foreign or missing one). */
const hiddenId = z.string().regex(/^\d{1,15}$/, "home:site.sharing.errors.unknown").transform(Number);

/** The site page's "Share with <buyer>" button. */
export const ShareFormSchema = z.object({ intent: z.literal("share"), buyerOrgId: hiddenId });
/** The site page's "Stop sharing" button. */
export const RevokeFormSchema = z.object({ intent: z.literal("revoke"), shareId: hiddenId });
