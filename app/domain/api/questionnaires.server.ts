/**
 * The questionnaire over the API (decision 037), through the pages' own domain functions: the
 * supplier organisation's site through `questionnaireForSite` (read) and `saveAnswers` /
 * `submitResponse` (write: the same parsing, the same refusals, the same logs, rescoring and
 * request answering after a submission); the company's view of a supplier's answers through
 * `answersForBuyer` (only while the supplier shares them, 404 for another company's record).
 */
import type { z } from "zod";
import type { Db } from "#db/client";
import type { Actor } from "~/auth/permissions.server";
import { Invalid } from "../errors";
import { ownSite } from "../questionnaires/access.server";
import { answersForBuyer } from "../questionnaires/buyer-view.server";
import { SAQ_QUESTIONNAIRE } from "../questionnaires/constants";
import { visibleQuestions, type RecruiterEntry } from "../questionnaires/engine";
import { loadQuestionnaire } from "../questionnaires/registry.server";
import { questionnaireForSite, saveAnswers, submitResponse } from "../questionnaires/responses.server";
import { iso } from "./paging.server";
import type { SaveAnswersRequestSchema, SaveAnswersResultSchema, SiteQuestionnaireSchema, SupplierAnswersSchema } from "./operations";

type AnswerValue = boolean | number | string | RecruiterEntry[];

export async function apiSiteQuestionnaire(db: Db, actor: Actor, siteId: number): Promise<z.output<typeof SiteQuestionnaireSchema>> {
  const q = await questionnaireForSite(db, actor, siteId);
  const shown = new Set(visibleQuestions(q.definition, q.answers).map((x) => x.id));
  const s = q.status;
  return {
    site: { id: q.site.id, name: q.site.name },
    questionnaire: { id: q.definition.id, version: q.definition.version },
    status:
      s.state === "none"
        ? { state: "none" }
        : s.state === "draft"
          ? { state: "draft", answered: s.answered, total: s.total }
          : { state: "submitted", submittedAt: iso(s.submittedAt)!, validUntil: iso(s.validUntil)!, current: s.current },
    lastSubmission: q.submission && { id: q.submission.id, version: q.submission.version, submittedAt: iso(q.submission.submittedAt)!, validUntil: iso(q.submission.validUntil)! },
    questions: q.definition.questions.map((x) => ({
      id: x.id,
      section: x.section,
      type: x.type,
      required: x.required,
      ...(x.options ? { options: x.options } : {}),
      ...(x.min !== undefined ? { min: x.min } : {}),
      ...(x.max !== undefined ? { max: x.max } : {}),
      ...(x.integer !== undefined ? { integer: x.integer } : {}),
      ...(x.unit ? { unit: x.unit } : {}),
      shown: shown.has(x.id),
      // A low-risk site is asked the short list (the page's "short"); otherwise every question.
      asked: !q.lowRisk || q.short.has(x.id),
    })),
    answers: q.answers as Record<string, AnswerValue>,
    canAnswer: q.canAnswer,
  };
}

/** A JSON answer as the page's field would hold it, for the page's own parsing (parseAnswer). */
function asField(value: AnswerValue | null): string {
  if (value === null) return "";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (Array.isArray(value)) return value.map((r) => `${r.name}, ${r.country}`).join("\n");
  return String(value);
}

export async function apiSaveSiteAnswers(db: Db, actor: Actor, siteId: number, body: z.output<typeof SaveAnswersRequestSchema>, ip: string): Promise<z.output<typeof SaveAnswersResultSchema>> {
  // The site and the right to answer first: another organisation's site is a 404 whatever the body says.
  await ownSite(db, actor, "questionnaires.answer", siteId);
  const def = loadQuestionnaire(SAQ_QUESTIONNAIRE);
  const known = new Set(def.questions.map((q) => q.id));
  // The page's form has no field for a question the questionnaire does not ask: named, not ignored.
  const unknown = Object.keys(body.answers).filter((id) => !known.has(id));
  const refusedNames = Invalid.all(unknown.map((id) => new Invalid(`answers/${id}`, "api:invalid.question")));
  if (refusedNames) throw refusedNames;
  const form = Object.fromEntries(Object.entries(body.answers).map(([id, v]) => [id, asField(v)]));
  const outcome = await (body.submit ? submitResponse : saveAnswers)(db, actor, siteId, form, [], { ip });
  if (!outcome.ok) {
    // Each refusal beside its question, as the page shows it: `answers/<question id>`.
    throw Invalid.all(Object.entries(outcome.errors).map(([id, e]) => new Invalid(id === "form" ? "answers" : `answers/${id}`, e.message, e.values)))!;
  }
  return { responseId: outcome.responseId, answered: outcome.answered, total: outcome.total, submitted: outcome.submitted };
}

export async function apiSupplierAnswers(db: Db, actor: Actor, supplierId: number): Promise<z.output<typeof SupplierAnswersSchema>> {
  const a = await answersForBuyer(db, actor, supplierId);
  if (a.state !== "shared") return { state: a.state, sharedSince: a.state === "nothing_submitted" ? iso(a.sharedSince) : null, response: null };
  const r = a.response;
  const def = loadQuestionnaire(r.questionnaire, r.version);
  return {
    state: "shared",
    sharedSince: iso(a.sharedSince),
    response: {
      id: r.id,
      questionnaire: r.questionnaire,
      version: r.version,
      submittedAt: iso(r.submittedAt)!,
      validUntil: iso(a.validUntil)!,
      current: a.current,
      // The questions shown for these answers, as readAnswers shows them on the page.
      answers: visibleQuestions(def, r.answers).map((q) => ({ questionId: q.id, section: q.section, type: q.type, value: (r.answers[q.id] ?? null) as AnswerValue | null })),
    },
  };
}
