/**
 * The questionnaire engine (issue 20 item 2): what is shown given the answers so far, what a typed
 * answer means, what is still missing, and what the answers say about the indicators. Pure: it
 * reads a definition (definition.ts) and answers, never the database, so the supplier's page, the
 * buyer's review and the scorer read answers the same way.
 *
 * Answers are stored as the engine parses them (questionnaire_responses.answers):
 * yes_no → boolean, number → number, choice → the option id, date → "YYYY-MM-DD",
 * file → the evidence id (a positive integer; the upload itself is checked where it is stored),
 * recruiters → [{ name, country }] (country: ISO 3166-1 alpha-2 of the origin corridor).
 */
import { Invalid } from "../errors";
import type { AnswerTest, Condition, Question, QuestionnaireDefinition } from "./definition";

export interface RecruiterEntry {
  name: string;
  /** ISO 3166-1 alpha-2 of the country the recruiter brings workers from. */
  country: string;
}
export type AnswerValue = boolean | number | string | RecruiterEntry[];
export type Answers = Record<string, AnswerValue>;

/** Enough for any real list; a longer one is a pasted file, refused rather than stored. */
export const MAX_RECRUITERS = 100;
const MAX_RECRUITER_NAME = 200;
/** What an error message repeats of the input: enough to recognise it, not a pasted page. */
const GIVEN_SHOWN = 60;

function holds(test: AnswerTest, value: unknown): boolean {
  if ("equals" in test) return value === test.equals;
  if ("in" in test) return (test.in as unknown[]).includes(value);
  if ("greaterThan" in test) return typeof value === "number" && value > test.greaterThan;
  return typeof value === "number" && value < test.lessThan;
}

/** A condition on earlier answers; an answer to a question that is itself hidden counts as no answer. */
function conditionHolds(c: Condition, answers: Readonly<Record<string, unknown>>, visible: ReadonlySet<string>): boolean {
  if ("all" in c) return c.all.every((x) => conditionHolds(x, answers, visible));
  if ("any" in c) return c.any.some((x) => conditionHolds(x, answers, visible));
  const { question, ...test } = c;
  return visible.has(question) && question in answers && holds(test as AnswerTest, answers[question]);
}

/**
 * The questions shown for these answers, in the definition's order. A condition only reads earlier
 * questions (definition.ts checks it), so one pass settles them: a stale answer kept in a draft to a
 * question that is now hidden opens nothing.
 */
export function visibleQuestions(def: QuestionnaireDefinition, answers: Readonly<Record<string, unknown>>): Question[] {
  const visible = new Set<string>();
  const out: Question[] = [];
  for (const q of def.questions) {
    if (q.showIf && !conditionHolds(q.showIf, answers, visible)) continue;
    visible.add(q.id);
    out.push(q);
  }
  return out;
}

function isRealDay(iso: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === iso;
}

/**
 * One typed answer: its value, null when left empty (no answer), or an Invalid naming the question
 * (its `field` is the question id), with a catalog key `questionnaire:error.<kind>` whose values
 * repeat what was given and say what was expected. Returned, not thrown, so that a save reports
 * every question at once.
 */
export function parseAnswer(question: Question, raw: string): AnswerValue | null | Invalid {
  const text = raw.trim();
  if (text === "") return null;
  const given = text.length > GIVEN_SHOWN ? `${text.slice(0, GIVEN_SHOWN)}…` : text;
  const refuse = (kind: string, values: Record<string, string | number> = {}) => new Invalid(question.id, `questionnaire:error.${kind}`, { id: question.id, given, ...values });
  switch (question.type) {
    case "yes_no": {
      const v = text.toLowerCase();
      if (v === "yes") return true;
      if (v === "no") return false;
      return refuse("yesNo");
    }
    case "number": {
      // A decimal comma is how most of the interface languages write a fraction.
      if (!/^-?\d+([.,]\d+)?$/.test(text)) return refuse("number");
      const n = Number(text.replace(",", "."));
      if (question.integer && !Number.isInteger(n)) return refuse("integer");
      if (question.min !== undefined && n < question.min) return refuse("tooLow", { min: question.min });
      if (question.max !== undefined && n > question.max) return refuse("tooHigh", { max: question.max });
      return n;
    }
    case "choice":
      return question.options?.includes(text) ? text : refuse("choice");
    case "date":
      return isRealDay(text) ? text : refuse("date");
    case "file":
      // The evidence id the upload returned; anything else was not uploaded here.
      return /^[1-9]\d{0,14}$/.test(text) ? Number(text) : refuse("file");
    case "recruiters": {
      const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== "");
      if (lines.length > MAX_RECRUITERS) return refuse("tooManyRecruiters", { max: MAX_RECRUITERS });
      const list: RecruiterEntry[] = [];
      for (const [i, line] of lines.entries()) {
        // "Name, NP": the country code is the last part, so a name may itself hold commas.
        const m = /^(.*\S)\s*[,;\t]\s*([A-Za-z]{2})$/.exec(line);
        const name = m?.[1]?.trim() ?? "";
        if (!m || name.length > MAX_RECRUITER_NAME) {
          return new Invalid(question.id, "questionnaire:error.recruiterLine", { id: question.id, line: i + 1, given: line.length > GIVEN_SHOWN ? `${line.slice(0, GIVEN_SHOWN)}…` : line });
        }
        list.push({ name, country: m[2]!.toUpperCase() });
      }
      return list;
    }
  }
}

export interface ParsedAnswers {
  /** The answers given, parsed. */
  answers: Answers;
  /** Questions sent empty: a save removes their earlier answer. */
  cleared: string[];
  /** Question id → why its answer was refused (nothing of it is kept). */
  errors: Record<string, Invalid>;
}

/**
 * A save-and-continue form: every field named after a question of the definition is parsed; other
 * fields (intent, CSRF) are not answers and are left alone. Partial answers are fine: a draft keeps
 * what is valid and the page shows each refusal beside its question.
 */
export function parseAnswers(def: QuestionnaireDefinition, form: Readonly<Record<string, string>>): ParsedAnswers {
  const out: ParsedAnswers = { answers: {}, cleared: [], errors: {} };
  for (const q of def.questions) {
    const raw = form[q.id];
    if (raw === undefined) continue;
    const v = parseAnswer(q, raw);
    if (v instanceof Invalid) out.errors[q.id] = v;
    else if (v === null) out.cleared.push(q.id);
    else out.answers[q.id] = v;
  }
  return out;
}

const answered = (answers: Readonly<Record<string, unknown>>, id: string) => answers[id] !== undefined && answers[id] !== null && !(Array.isArray(answers[id]) && answers[id].length === 0);

/**
 * The required questions shown for these answers and not answered: what stops a submission.
 * `asked` narrows "required" to the questions put to this supplier (the short questionnaire of a
 * low-risk context, ordering.ts); the others may still be answered, and their answers count.
 */
export function missingForSubmission(def: QuestionnaireDefinition, answers: Readonly<Record<string, unknown>>, asked?: ReadonlySet<string>): string[] {
  return visibleQuestions(def, answers)
    .filter((q) => q.required && (!asked || asked.has(q.id)) && !answered(answers, q.id))
    .map((q) => q.id);
}

/** missingForSubmission as refusals, one beside each question. */
export function submissionErrors(def: QuestionnaireDefinition, answers: Readonly<Record<string, unknown>>, asked?: ReadonlySet<string>): Record<string, Invalid> {
  return Object.fromEntries(missingForSubmission(def, answers, asked).map((id) => [id, new Invalid(id, "questionnaire:error.required", { id })]));
}

/**
 * The answers a submission keeps: those to questions shown for these answers. A draft keeps the
 * others (the supplier may change the earlier answer back); a submitted answer to a question the
 * supplier no longer sees would be read as a claim they did not make.
 */
export function pruneHidden(def: QuestionnaireDefinition, answers: Readonly<Answers>): Answers {
  const out: Answers = {};
  for (const q of visibleQuestions(def, answers)) if (answers[q.id] !== undefined) out[q.id] = answers[q.id]!;
  return out;
}

export interface AnswerObservation {
  present: boolean;
  /** The question whose answer decided it. */
  questionId: string;
}

/**
 * What the answers say about the indicators: for each indicator a shown question informs, present
 * when an answer is its red-flag answer, absent when an answer rules it out, nothing when no answer
 * decides. Present wins over absent when two questions inform one indicator: one red flag is not
 * cancelled by another reassuring answer (a "yes, wages on time" does not undo "a deposit is lost
 * on leaving"). The caller marks these "self-reported" (issue 20).
 */
export function observationsFrom(def: QuestionnaireDefinition, answers: Readonly<Record<string, unknown>>): Record<string, AnswerObservation> {
  const out: Record<string, AnswerObservation> = {};
  for (const q of visibleQuestions(def, answers)) {
    if (!answered(answers, q.id)) continue;
    const v = answers[q.id];
    for (const inf of q.informs) {
      const seen = out[inf.indicator];
      if (holds(inf.present, v)) {
        if (!seen?.present) out[inf.indicator] = { present: true, questionId: q.id };
      } else if (inf.absent && holds(inf.absent, v) && !seen) {
        out[inf.indicator] = { present: false, questionId: q.id };
      }
    }
  }
  return out;
}

/** An answer ready to show: catalog keys for words, the value for numbers, dates, files and lists. */
export type AnswerDisplay =
  | { kind: "text"; key: string }
  | { kind: "number"; value: number; unitKey: string | null }
  | { kind: "date"; value: string }
  | { kind: "file"; evidenceId: number }
  | { kind: "recruiters"; list: RecruiterEntry[] }
  /** A stored value that does not fit the question's type (never written by this engine): shown as stored. */
  | { kind: "unreadable"; raw: string };

export interface ReadQuestion {
  id: string;
  type: Question["type"];
  textKey: string;
  helpKey: string | null;
  answer: AnswerDisplay | null;
}
export interface ReadSection {
  id: string;
  titleKey: string;
  questions: ReadQuestion[];
}
export interface ReadAnswers {
  questionnaire: string;
  version: string;
  sections: ReadSection[];
  /** Stored answers to no question of this version (none unless the stored row was edited by hand). */
  unread: string[];
}

const isRecruiterList = (v: unknown): v is RecruiterEntry[] =>
  Array.isArray(v) && v.every((e) => typeof e === "object" && e !== null && typeof (e as RecruiterEntry).name === "string" && typeof (e as RecruiterEntry).country === "string");

function display(q: Question, v: unknown): AnswerDisplay | null {
  if (v === undefined || v === null) return null;
  const unreadable = { kind: "unreadable", raw: JSON.stringify(v) } as const;
  switch (q.type) {
    case "yes_no":
      return typeof v === "boolean" ? { kind: "text", key: v ? "questionnaire:answer.yes" : "questionnaire:answer.no" } : unreadable;
    case "number":
      return typeof v === "number" ? { kind: "number", value: v, unitKey: q.unit ? `questionnaire:unit.${q.unit}` : null } : unreadable;
    case "choice":
      return typeof v === "string" && q.options?.includes(v) ? { kind: "text", key: `questionnaire:question.${q.id}.option.${v}` } : unreadable;
    case "date":
      return typeof v === "string" && isRealDay(v) ? { kind: "date", value: v } : unreadable;
    case "file":
      return typeof v === "number" && Number.isInteger(v) && v > 0 ? { kind: "file", evidenceId: v } : unreadable;
    case "recruiters":
      return isRecruiterList(v) ? { kind: "recruiters", list: v } : unreadable;
  }
}

/**
 * Answers for reading (the supplier's summary, the buyer's review), with the definition of the
 * version they were given to: an answer to a question a later version retired stays readable with
 * that version's words. Shows the questions shown for these answers, answered or not.
 */
export function readAnswers(def: QuestionnaireDefinition, answers: Readonly<Record<string, unknown>>): ReadAnswers {
  const shown = new Set(visibleQuestions(def, answers).map((q) => q.id));
  const known = new Set(def.questions.map((q) => q.id));
  return {
    questionnaire: def.id,
    version: def.version,
    sections: def.sections
      .map((s) => ({
        id: s.id,
        titleKey: `questionnaire:section.${s.id}`,
        questions: s.questions
          .filter((q) => shown.has(q.id))
          .map((q) => ({
            id: q.id,
            type: q.type,
            textKey: `questionnaire:question.${q.id}.text`,
            helpKey: q.help ? `questionnaire:question.${q.id}.help` : null,
            answer: display(q, answers[q.id]),
          })),
      }))
      .filter((s) => s.questions.length > 0),
    unread: Object.keys(answers).filter((id) => !known.has(id)),
  };
}
