/**
 * The self-assessment questionnaire over the API (issue 20 and 22, decision 037): a supplier
 * organisation reads and answers its site's questionnaire as on the site's questionnaire page
 * (same checks: an answer the page would refuse is a 400 naming the question as `answers/<id>`);
 * a company reads a supplier's submitted answers as its answers page shows them (only while the
 * supplier shares them). Answer files are not sent or received over the API: a file question is
 * answered with the id of a file already uploaded on the page.
 */
import { z } from "zod";
import { intParam, isoTime, type Operation } from "./shapes";

// One recruiter per line is how the page's field reads them: a line break in a name would make two.
const RecruiterEntrySchema = z.object({ name: z.string().regex(/^[^\r\n]*$/, "api:invalid.lineBreak"), country: z.string().regex(/^[A-Za-z]{2}$/, "api:invalid.country").meta({ description: "ISO 3166-1 alpha-2." }) });

export const AnswerValueSchema = z
  .union([z.boolean(), z.number(), z.string(), z.array(RecruiterEntrySchema)])
  .meta({
    id: "AnswerValue",
    description: "By the question's type: yes_no a boolean; number a number; choice one of its options; date YYYY-MM-DD; file the id of a file uploaded on the page; recruiters a list of {name, country}.",
  });

const QuestionSchema = z
  .object({
    id: z.string(),
    section: z.string(),
    type: z.enum(["yes_no", "number", "choice", "date", "file", "recruiters"]),
    required: z.boolean(),
    options: z.array(z.string()).optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    integer: z.boolean().optional(),
    unit: z.string().optional(),
    shown: z.boolean().meta({ description: "Whether the question is asked for the answers as they stand (some follow from earlier answers)." }),
    asked: z.boolean().meta({ description: "Whether a submission must answer it when required (a low-risk site is asked the short list)." }),
  })
  .meta({ id: "Question" });

export const SiteQuestionnaireSchema = z
  .object({
    site: z.object({ id: z.number().int(), name: z.string() }),
    questionnaire: z.object({ id: z.string(), version: z.string() }),
    status: z.object({
      state: z.enum(["none", "draft", "submitted"]),
      answered: z.number().int().optional(),
      total: z.number().int().optional(),
      submittedAt: isoTime.optional(),
      validUntil: isoTime.optional(),
      current: z.boolean().optional(),
    }),
    lastSubmission: z.object({ id: z.number().int(), version: z.string(), submittedAt: isoTime, validUntil: isoTime }).nullable(),
    questions: z.array(QuestionSchema),
    answers: z.record(z.string(), AnswerValueSchema).meta({ description: "By question id: the draft's answers, else the last submission's, carried over to this version." }),
    canAnswer: z.boolean(),
  })
  .meta({ id: "SiteQuestionnaire", description: "The site's questionnaire as its page shows it." });

export const SaveAnswersRequestSchema = z
  .strictObject({
    answers: z
      .record(z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, "api:invalid.question"), AnswerValueSchema.nullable())
      .meta({ description: "By question id; null removes an answer. Questions not named keep their answers." }),
    submit: z.boolean().default(false).meta({ description: "Submit after saving (shared buyers are told and rescored); refused, with nothing saved, while a required question is unanswered." }),
  })
  .meta({ id: "SaveAnswersRequest" });

export const SaveAnswersResultSchema = z
  .object({ responseId: z.number().int(), answered: z.number().int(), total: z.number().int(), submitted: z.boolean() })
  .meta({ id: "SaveAnswersResult" });

export const SupplierAnswersSchema = z
  .object({
    state: z.enum(["not_linked", "not_shared", "nothing_submitted", "shared"]).meta({ description: "As the answers page says it: not claimed by a supplier organisation, not shared with you, shared but not submitted, or shared answers." }),
    sharedSince: isoTime.nullable(),
    response: z
      .object({
        id: z.number().int(),
        questionnaire: z.string(),
        version: z.string(),
        submittedAt: isoTime,
        validUntil: isoTime,
        current: z.boolean(),
        answers: z.array(z.object({ questionId: z.string(), section: z.string(), type: z.string(), value: AnswerValueSchema.nullable() })).meta({ description: "The questions shown for these answers, answered or not (null)." }),
      })
      .nullable(),
  })
  .meta({ id: "SupplierAnswers", description: "A supplier's self-assessment answers as the company's answers page shows them." });

export const SiteIdParams = z.object({ siteId: intParam("The supplier organisation's site.") });
export const AnswersSupplierIdParams = z.object({ supplierId: intParam("The company's supplier record.") });

export const QUESTIONNAIRE_OPERATIONS = {
  getSiteQuestionnaire: {
    id: "getSiteQuestionnaire",
    method: "GET",
    path: "/sites/{siteId}/questionnaire",
    summary: "A site's questionnaire with its answers (supplier organisations)",
    resource: "questionnaires",
    level: "read",
    params: SiteIdParams,
    status: 200,
    response: SiteQuestionnaireSchema,
    refusals: [404],
  },
  saveSiteAnswers: {
    id: "saveSiteAnswers",
    method: "PATCH",
    path: "/sites/{siteId}/questionnaire",
    summary: "Save (and optionally submit) answers to a site's questionnaire (supplier organisations)",
    description: "The same checks as the page: any refused answer writes nothing, and every refusal names its question (`answers/<id>`).",
    resource: "questionnaires",
    level: "write",
    params: SiteIdParams,
    body: SaveAnswersRequestSchema,
    status: 200,
    response: SaveAnswersResultSchema,
    refusals: [404],
  },
  getSupplierAnswers: {
    id: "getSupplierAnswers",
    method: "GET",
    path: "/suppliers/{supplierId}/answers",
    summary: "A supplier's self-assessment answers (companies)",
    resource: "questionnaires",
    level: "read",
    params: AnswersSupplierIdParams,
    status: 200,
    response: SupplierAnswersSchema,
    refusals: [404],
  },
} as const satisfies Record<string, Operation>;
