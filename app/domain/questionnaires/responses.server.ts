/**
 * The supplier answers the questionnaire (issue 20): a site's draft, saved and continued, then
 * submitted. One draft per site and questionnaire, always on the latest version: it is created on
 * the first save; after a submission a new draft starts from a copy of the submitted answers whose
 * questions the latest version still asks (answers to retired questions stay readable in the
 * submitted row, with that version's words). A submitted row never changes again: buyers read it.
 *
 * Files (a `file` question's evidence) live with the site in questionnaire_files; the answer is the
 * file row's id, and only a file of the same site is accepted as an answer, so that an id typed into
 * the form cannot attach another organisation's evidence (nor reveal that it exists).
 */
import { and, desc, eq, inArray } from "drizzle-orm";
import { firstRow, inTransaction, onlyRow, type Db } from "#db/client";
import { questionnaireFiles, questionnaireResponses, supplierSiteLinks, supplierSites, suppliers } from "#db/schema";
import { can, type Actor } from "~/auth/permissions.server";
import { discardStoredEvidence, type StoredEvidence } from "~/lib/evidence.server";
import { Invalid, NotFound } from "../errors";
import { scoreSupplier } from "../risk/score-supplier";
import { scoringContext } from "../risk/scoring.server";
import type { Factor } from "../risk/types";
import { ownSite } from "./access.server";
import { isCurrent, latestSubmission, sharedBuyers, validUntil, type Submission } from "./buyer-view.server";
import { SAQ_QUESTIONNAIRE } from "./constants";
import type { QuestionnaireDefinition } from "./definition";
import { missingForSubmission, parseAnswers, pruneHidden, submissionErrors, visibleQuestions, type Answers } from "./engine";
import { recordForBoth } from "./log.server";
import { loadQuestionnaire } from "./registry.server";
import { isLowRiskContext, orderQuestions, shortQuestionnaire } from "./ordering";
import { answerOpenRequests, type WriteOptions } from "./requests.server";
import { rescoreBuyerRecords } from "./rescore-buyers.server";

export interface Draft {
  id: number;
  version: string;
  answers: Answers;
  updatedAt: number | null;
}

/** The site's open draft of the questionnaire, or null. */
async function draftOf(db: Db, siteId: number): Promise<Draft | null> {
  const row = firstRow(
    await db
      .select({ id: questionnaireResponses.id, version: questionnaireResponses.version, answers: questionnaireResponses.answers, updatedAt: questionnaireResponses.updatedAt, createdAt: questionnaireResponses.createdAt })
      .from(questionnaireResponses)
      .where(and(eq(questionnaireResponses.siteId, siteId), eq(questionnaireResponses.questionnaire, SAQ_QUESTIONNAIRE), eq(questionnaireResponses.status, "draft")))
      .orderBy(desc(questionnaireResponses.id))
      .limit(1),
  );
  return row ? { id: row.id, version: row.version, answers: (row.answers ?? {}) as Answers, updatedAt: (row.updatedAt ?? row.createdAt).getTime() } : null;
}

/** Answers to questions `def` still asks: what carries over from an older submission or draft. */
function carriedOver(def: QuestionnaireDefinition, answers: Readonly<Record<string, unknown>>): Answers {
  const known = new Set(def.questions.map((q) => q.id));
  return Object.fromEntries(Object.entries(answers).filter(([id]) => known.has(id))) as Answers;
}

/** Required questions shown for these answers (of those `asked`), and how many of them are answered: the progress a page shows. */
export function progressOf(def: QuestionnaireDefinition, answers: Readonly<Record<string, unknown>>, asked?: ReadonlySet<string>) {
  const required = visibleQuestions(def, answers).filter((q) => q.required && (!asked || asked.has(q.id)));
  const missing = new Set(missingForSubmission(def, answers, asked));
  return { answered: required.length - missing.size, total: required.length };
}

export type QuestionnaireStatus =
  | { state: "none" }
  | { state: "draft"; answered: number; total: number; version: string; updatedAt: number | null }
  | { state: "submitted"; version: string; submittedAt: number; validUntil: number; current: boolean };

/**
 * What the site's questionnaire stands at, computed from the rows: a draft (with its progress) wins
 * over an earlier submission, since it is what the supplier is working on; the last submission is
 * returned beside it.
 */
export async function questionnaireStatus(db: Db, siteId: number, now = Date.now()): Promise<{ status: QuestionnaireStatus; submission: Submission | null }> {
  const [draft, submission] = [await draftOf(db, siteId), await latestSubmission(db, siteId)];
  const asked = draft ? (await siteContext(db, siteId, loadQuestionnaire(SAQ_QUESTIONNAIRE, draft.version)))?.asked : undefined;
  return { status: statusOf(draft, submission, asked, now), submission };
}

/** The status from the rows already read; `asked` is the short list of the draft's version, if the context asks for one. */
function statusOf(draft: Draft | null, submission: Submission | null, asked: ReadonlySet<string> | undefined, now: number): QuestionnaireStatus {
  if (draft) return { state: "draft", ...progressOf(loadQuestionnaire(SAQ_QUESTIONNAIRE, draft.version), draft.answers, asked), version: draft.version, updatedAt: draft.updatedAt };
  return submission ? { state: "submitted", version: submission.version, submittedAt: submission.submittedAt, validUntil: validUntil(submission), current: isCurrent(submission, now) } : { state: "none" };
}

/** The site's own files, by id (the page names an attached file and links its download). */
async function filesOfSite(db: Db, siteId: number) {
  return await db.select({ id: questionnaireFiles.id, questionId: questionnaireFiles.questionId, name: questionnaireFiles.name }).from(questionnaireFiles).where(eq(questionnaireFiles.siteId, siteId));
}

/**
 * The factors of the site's own context, scored with the active method alone: what orders the
 * questions and decides whether the short questionnaire is enough. The site's country and address,
 * and the sector and products its claimed records give it (a site has no sector of its own; these
 * describe the supplier's own workplace, and the claim page showed them to it). Never what a buyer
 * keeps about it: no score, indicator, workforce figure or note.
 */
async function contextFactors(db: Db, site: { id: number; country: string | null; address: string | null }): Promise<Factor[]> {
  const { methodology, reference } = await scoringContext(db);
  const records = await db.select({ sector: suppliers.sector, products: suppliers.products }).from(supplierSiteLinks).innerJoin(suppliers, eq(suppliers.id, supplierSiteLinks.supplierId)).where(eq(supplierSiteLinks.siteId, site.id));
  const sectors = records.map((r) => r.sector).filter((x): x is string => !!x);
  // The sector most of its buyers give it (ties: the first listed).
  const sector = sectors.sort((a, b) => sectors.filter((x) => x === b).length - sectors.filter((x) => x === a).length)[0] ?? null;
  const products = [...new Set(records.flatMap((r) => r.products ?? []))];
  const inputs = { country: site.country, ...(site.address ? { address: site.address } : {}), sector, products, workersTotal: null, migrantShare: null, femaleShare: null, indicators: {}, recruiters: [], mitigations: {} };
  return scoreSupplier(inputs, methodology.methodology, reference).factors;
}

/**
 * The site's context, scored once: its factors (what orders the questions) and the questions a
 * submission must answer: in a low-risk context the short questionnaire (a supplier there is asked
 * only what matters, issue 20 item 3), otherwise every question (`asked` undefined). Decided here
 * from the site's own context, never from what the page sent. Null for a site that is not there.
 */
async function siteContext(db: Db, siteId: number, def: QuestionnaireDefinition): Promise<{ factors: Factor[]; asked: ReadonlySet<string> | undefined } | null> {
  const site = firstRow(await db.select({ id: supplierSites.id, country: supplierSites.country, address: supplierSites.address }).from(supplierSites).where(eq(supplierSites.id, siteId)));
  if (!site) return null;
  const factors = await contextFactors(db, site);
  return { factors, asked: isLowRiskContext(factors) ? new Set(shortQuestionnaire(def, factors).map((r) => r.question.id)) : undefined };
}

/**
 * Everything the questionnaire page shows for one of the supplier's own sites: the latest version,
 * the answers to show (the draft's, else the last submission's carried over, else none), the
 * status, the site's files, the questions ranked by how much each narrows the range, and the short
 * list (empty unless the context is low-risk). The context is scored once for all of these.
 */
export async function questionnaireForSite(db: Db, actor: Actor, siteId: number, now = Date.now()) {
  const site = await ownSite(db, actor, "sites.view", siteId);
  const def = loadQuestionnaire(SAQ_QUESTIONNAIRE);
  const [draft, submission] = [await draftOf(db, site.id), await latestSubmission(db, site.id)];
  const context = (await siteContext(db, site.id, def))!;
  // The draft may be of an older version: its progress counts that version's short list.
  const draftAsked = draft && draft.version !== def.version ? (await siteContext(db, site.id, loadQuestionnaire(SAQ_QUESTIONNAIRE, draft.version)))?.asked : context.asked;
  const answers = draft ? carriedOver(def, draft.answers) : submission ? carriedOver(def, submission.answers) : {};
  return {
    site,
    definition: def,
    answers,
    status: statusOf(draft, submission, draftAsked, now),
    submission: submission ? { id: submission.id, version: submission.version, submittedAt: submission.submittedAt, validUntil: validUntil(submission) } : null,
    files: await filesOfSite(db, site.id),
    ranked: orderQuestions(def, context.factors),
    lowRisk: context.asked !== undefined,
    short: context.asked ?? new Set<string>(),
    canAnswer: can(actor, "questionnaires.answer", { orgId: site.orgId }),
  };
}

/** A file uploaded for a file question, already checked and moved into the evidence store. */
export interface UploadedAnswerFile {
  questionId: string;
  stored: StoredEvidence;
}

export type SaveOutcome =
  | { ok: true; responseId: number; answered: number; total: number; submitted: boolean }
  /** Question id (or "form") → refusal; nothing was written. */
  | { ok: false; errors: Record<string, Invalid> };

/**
 * Saves the form's answers into the site's draft (creating it), or, with `submit`, saves and
 * submits. The whole form is checked first: any refused answer (or, to submit, any required
 * question left unanswered) writes nothing, and every refusal comes back beside its question.
 * `files` are the uploads of this request; the caller removes them from disk when the outcome is
 * Files it did not keep (refused, or for a question the answers hide) are removed from the store here;
 * a throw leaves them to the caller (saveWithEvidence removes them).
 */
async function save(db: Db, actor: Actor, siteId: number, form: Readonly<Record<string, string>>, files: readonly UploadedAnswerFile[], submit: boolean, options: WriteOptions): Promise<SaveOutcome> {
  const now = options.now ?? Date.now();
  const site = await ownSite(db, actor, "questionnaires.answer", siteId);
  const def = loadQuestionnaire(SAQ_QUESTIONNAIRE);
  const fileQuestions = new Set(def.questions.filter((q) => q.type === "file").map((q) => q.id));
  const kept = new Set<UploadedAnswerFile>();
  const outcome = await inTransaction(db, async (): Promise<SaveOutcome> => {
    const parsed = parseAnswers(def, form);
    const errors: Record<string, Invalid> = { ...parsed.errors };
    // A file answer typed into the form (the id kept from an earlier save) must be a file of this site.
    const claimed = Object.entries(parsed.answers).filter(([id]) => fileQuestions.has(id));
    if (claimed.length > 0) {
      const ids = claimed.map(([, v]) => v as number);
      const own = new Set((await db.select({ id: questionnaireFiles.id }).from(questionnaireFiles).where(and(eq(questionnaireFiles.siteId, site.id), inArray(questionnaireFiles.id, ids)))).map((r) => r.id));
      for (const [id, v] of claimed) if (!own.has(v as number)) errors[id] = new Invalid(id, "questionnaire:error.file", { id, given: String(v) });
    }
    for (const f of files) if (!fileQuestions.has(f.questionId)) errors.form = new Invalid("form", "questionnaire:error.notAFileQuestion");
    if (Object.keys(errors).length > 0) return { ok: false, errors };

    const draft = await draftOf(db, site.id);
    const base = draft ? carriedOver(def, draft.answers) : carriedOver(def, (await latestSubmission(db, site.id))?.answers ?? {});
    const merged: Answers = { ...base, ...parsed.answers };
    for (const id of parsed.cleared) if (!files.some((f) => f.questionId === id)) delete merged[id];
    // An upload answers its question (a placeholder id until the row exists: the check only asks whether it is answered).
    for (const f of files) merged[f.questionId] = 0;
    const answers = pruneHidden(def, merged);
    const asked = (await siteContext(db, site.id, def))?.asked;
    if (submit) {
      const missing = submissionErrors(def, answers, asked);
      if (Object.keys(missing).length > 0) return { ok: false, errors: missing };
    }
    for (const f of files) {
      if (!(f.questionId in answers)) continue; // a file for a question the answers now hide is not kept
      kept.add(f);
      const row = onlyRow(
        await db
          .insert(questionnaireFiles)
          .values({ siteId: site.id, questionId: f.questionId, name: f.stored.name, path: f.stored.path, sha256: f.stored.sha256, size: f.stored.size, mime: f.stored.mime, uploadedBy: actor.user.id, createdAt: new Date(now) })
          .returning({ id: questionnaireFiles.id }),
      );
      answers[f.questionId] = row.id;
    }
    const values = { version: def.version, answers, updatedAt: new Date(now), ...(submit ? { status: "submitted" as const, submittedAt: new Date(now), submittedBy: actor.user.id } : {}) };
    const responseId = draft
      ? (await db.update(questionnaireResponses).set(values).where(eq(questionnaireResponses.id, draft.id)), draft.id)
      : onlyRow(await db.insert(questionnaireResponses).values({ siteId: site.id, questionnaire: SAQ_QUESTIONNAIRE, createdAt: new Date(now), ...values }).returning({ id: questionnaireResponses.id })).id;
    return { ok: true, responseId, ...progressOf(def, answers, asked), submitted: submit };
  });
  discardStoredEvidence(files.filter((f) => !outcome.ok || !kept.has(f)).map((f) => f.stored));
  if (!outcome.ok || !submit) return outcome;
  await afterSubmission(db, actor, site, outcome.responseId, def.version, now, options.ip ?? null);
  return outcome;
}

/**
 * What a submission changes for the buyers: both sides' logs (every buyer with an active share is
 * told; others are not, the supplier decides whom its answers reach), the open requests it answers,
 * and the scores of the shared buyers' records (the answers are scoring inputs, self-reported).
 */
async function afterSubmission(db: Db, actor: Actor, site: { id: number; orgId: number; name: string }, responseId: number, version: string, now: number, ip: string | null) {
  const shared = await sharedBuyers(db, site.id);
  const submittedOn = new Date(now).toISOString().slice(0, 10);
  // The supplier's own entry once, whoever it is shared with; each shared buyer gets its own.
  await recordForBoth(db, { action: "questionnaire.submitted", actorUserId: actor.user.id, acting: "supplier", targetType: "questionnaire_response", targetId: responseId, ip, supplier: { orgId: site.orgId, siteId: site.id, site: site.name, buyerOrgId: shared[0]?.buyerOrgId ?? 0 }, buyer: null, details: { version, submittedOn, sharedWith: shared.length } }, now);
  for (const b of shared) {
    await recordForBoth(db, { action: "questionnaire.submitted", actorUserId: actor.user.id, acting: "supplier", targetType: "questionnaire_response", targetId: responseId, ip, supplier: null, buyer: { orgId: Number(b.buyerOrgId), supplierId: Number(b.supplierId), supplierOrgId: site.orgId }, details: { version, submittedOn } }, now);
  }
  await answerOpenRequests(db, site.id, { ip, now });
  for (const b of shared) await rescoreBuyerRecords(db, site.id, Number(b.buyerOrgId), `questionnaire submitted by the supplier (response ${responseId})`, now);
}

/** Save and continue: the valid form into the draft, hidden answers pruned. */
export async function saveAnswers(db: Db, actor: Actor, siteId: number, form: Readonly<Record<string, string>>, files: readonly UploadedAnswerFile[] = [], options: WriteOptions = {}): Promise<SaveOutcome> {
  return await save(db, actor, siteId, form, files, false, options);
}

/** Submit: the form saved and the draft submitted, or, with any required question unanswered, nothing changed. */
export async function submitResponse(db: Db, actor: Actor, siteId: number, form: Readonly<Record<string, string>> = {}, files: readonly UploadedAnswerFile[] = [], options: WriteOptions = {}): Promise<SaveOutcome> {
  return await save(db, actor, siteId, form, files, true, options);
}

/** One of the site's questionnaire files, for its download: another organisation's (or a missing) file is 404. */
export async function siteFile(db: Db, actor: Actor, siteId: number, fileId: number) {
  const site = await ownSite(db, actor, "sites.view", siteId);
  const file = Number.isSafeInteger(fileId) ? firstRow(await db.select({ id: questionnaireFiles.id, name: questionnaireFiles.name, path: questionnaireFiles.path }).from(questionnaireFiles).where(and(eq(questionnaireFiles.id, fileId), eq(questionnaireFiles.siteId, site.id)))) : undefined;
  if (!file) throw new NotFound();
  return file;
}

/** questionnaireStatus for one of the actor's own sites (the site page's card). */
export async function siteQuestionnaireStatus(db: Db, actor: Actor, siteId: number, now = Date.now()): Promise<QuestionnaireStatus & { submission: { submittedAt: number; validUntil: number; version: string } | null }> {
  const site = await ownSite(db, actor, "sites.view", siteId);
  const { status, submission } = await questionnaireStatus(db, site.id, now);
  return { ...status, submission: submission ? { submittedAt: submission.submittedAt, validUntil: validUntil(submission), version: submission.version } : null };
}
