/**
 * A questionnaire defined as data (issue 20 item 2): fixtures/questionnaires/<id>/v<N>.json, checked
 * here once, on first use. The file says what is asked (sections, questions, their types and
 * limits), when (`showIf` on earlier answers) and what an answer means (`informs`: which answer
 * makes an indicator of app/domain/indicators.ts present — a red-flag answer — and which makes it
 * absent). The words are not in the file: each question's text, help and choice labels live in the
 * `questionnaire` catalog under `question.<id>`, so a question whose meaning changes in a later
 * version gets a new id (and new words), and the old id keeps its words for the answers given to it.
 *
 * A broken file is a programming error, not a user's: it throws QuestionnaireDefinitionError naming
 * the file and the question, so a bad edit fails the first test or the first start that reads it.
 */
import { z } from "zod";
import { INDICATORS, type IndicatorCode } from "../indicators";

export const QUESTION_TYPES = ["yes_no", "number", "choice", "date", "file", "recruiters"] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/** Units a number question may carry; each has its words at `questionnaire:unit.<unit>`. */
export const NUMBER_UNITS = ["percent", "hours", "weeks", "workers"] as const;

const ID = /^[a-z][a-z0-9_]*$/;
// No messages of our own: zod names the pattern or the options broken, and the refusal-keys test
// keeps English sentences out of app/domain (a broken definition is read by developers, in English).
const id = z.string().regex(ID);
const scalar = z.union([z.boolean(), z.number(), z.string()]);

/** A test on one answer: the same four operators in `showIf` (on an earlier answer) and in `informs` (on the question's own). */
const testSchema = z.union([
  z.strictObject({ equals: scalar }),
  z.strictObject({ in: z.array(scalar).min(1) }),
  z.strictObject({ greaterThan: z.number() }),
  z.strictObject({ lessThan: z.number() }),
]);
export type AnswerTest = z.infer<typeof testSchema>;

export type Condition = ({ question: string } & AnswerTest) | { all: Condition[] } | { any: Condition[] };

const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(conditionSchema).min(1) }),
    z.strictObject({ any: z.array(conditionSchema).min(1) }),
    z.strictObject({ question: id, equals: scalar }),
    z.strictObject({ question: id, in: z.array(scalar).min(1) }),
    z.strictObject({ question: id, greaterThan: z.number() }),
    z.strictObject({ question: id, lessThan: z.number() }),
  ]),
);

const informsSchema = z.strictObject({
  indicator: z.enum(INDICATORS.map((i) => i.code) as [IndicatorCode, ...IndicatorCode[]]),
  /** The red-flag answer: the indicator is present. */
  present: testSchema,
  /** The answer that shows it absent; none when no single answer can (a "no" to one sign is not proof). */
  absent: testSchema.optional(),
});

const questionSchema = z.strictObject({
  id,
  type: z.enum(QUESTION_TYPES),
  required: z.boolean().default(false),
  /** Asked of everyone, even in a short questionnaire (ordering.ts). */
  core: z.boolean().default(false),
  /** Whether the catalog has `question.<id>.help`. */
  help: z.boolean().default(false),
  min: z.number().optional(),
  max: z.number().optional(),
  integer: z.boolean().optional(),
  unit: z.enum(NUMBER_UNITS).optional(),
  options: z.array(id).min(2).optional(),
  showIf: conditionSchema.optional(),
  informs: z.array(informsSchema).default([]),
  sources: z.array(z.string()).default([]),
});

const definitionSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/),
  version: z.string().regex(/^\d+(\.\d+)?$/),
  publishedOn: z.iso.date(),
  about: z.string(),
  sources: z.array(z.strictObject({ id: z.string(), citation: z.string().min(1), url: z.url() })).min(1),
  sections: z.array(z.strictObject({ id, questions: z.array(questionSchema).min(1) })).min(1),
});

export type Question = Omit<z.output<typeof questionSchema>, "informs"> & {
  informs: { indicator: IndicatorCode; present: AnswerTest; absent?: AnswerTest }[];
  /** The section it belongs to (derived, not in the file). */
  section: string;
};
export interface Section {
  id: string;
  questions: Question[];
}
export interface QuestionnaireDefinition {
  id: string;
  version: string;
  publishedOn: string;
  about: string;
  sources: { id: string; citation: string; url: string }[];
  sections: Section[];
  /** Every question in the file's order (derived). */
  questions: Question[];
}

export class QuestionnaireDefinitionError extends Error {
  override name = "QuestionnaireDefinitionError";
}

/** Question ids a condition reads. */
export function conditionQuestions(c: Condition): string[] {
  if ("all" in c) return c.all.flatMap(conditionQuestions);
  if ("any" in c) return c.any.flatMap(conditionQuestions);
  return [c.question];
}

/** Whether `test`'s operand can ever match an answer of `q` (a "greaterThan" on a yes/no never would). */
function testFits(q: Pick<Question, "type" | "options">, test: AnswerTest): string | null {
  const values = "equals" in test ? [test.equals] : "in" in test ? test.in : null;
  if (values === null) return q.type === "number" ? null : `"greaterThan"/"lessThan" only apply to a number question, "${q.type}" given`;
  for (const v of values) {
    if (q.type === "yes_no" && typeof v !== "boolean") return `a yes/no answer is true or false, ${JSON.stringify(v)} given`;
    if (q.type === "number" && typeof v !== "number") return `a number answer is a number, ${JSON.stringify(v)} given`;
    if (q.type === "choice" && !q.options?.includes(String(v))) return `${JSON.stringify(v)} is not one of the options ${JSON.stringify(q.options)}`;
    if (q.type === "date" && typeof v !== "string") return `a date answer is a YYYY-MM-DD string, ${JSON.stringify(v)} given`;
    if (q.type === "file" || q.type === "recruiters") return `a ${q.type} answer cannot be compared to a value`;
  }
  return null;
}

/**
 * Checks a definition (the parsed JSON) and returns it typed, or throws naming the file and the
 * question: the shape (zod), then what zod cannot see — unique ids, a condition that reads a
 * question asked earlier and compares it with a value it can take, limits and options that fit the
 * type, sources that exist.
 */
export function parseQuestionnaireDefinition(raw: unknown, file = "questionnaire definition"): QuestionnaireDefinition {
  const parsed = definitionSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    // The path names the question: sections.3.questions.1.type → its id when the file gives one.
    const at = issue.path;
    const sections = (raw as { sections?: { questions?: { id?: unknown }[] }[] } | null)?.sections;
    const qid = at[0] === "sections" && at[2] === "questions" ? sections?.[Number(at[1])]?.questions?.[Number(at[3])]?.id : undefined;
    const where = typeof qid === "string" ? `question "${qid}" (${at.join(".")})` : at.join(".") || "the file";
    throw new QuestionnaireDefinitionError(`${file}: ${where}: ${issue.message}`);
  }
  const d = parsed.data;
  const fail = (qid: string, why: string): never => {
    throw new QuestionnaireDefinitionError(`${file}: question "${qid}": ${why}`);
  };
  const sourceIds = new Set(d.sources.map((s) => s.id));
  const seen = new Map<string, Question>();
  const sectionIds = new Set<string>();
  const sections: Section[] = d.sections.map((s) => {
    if (sectionIds.has(s.id)) throw new QuestionnaireDefinitionError(`${file}: section "${s.id}" appears twice`);
    sectionIds.add(s.id);
    const questions = s.questions.map((q): Question => {
      if (seen.has(q.id)) fail(q.id, "the id appears twice");
      if (q.type === "choice" && !q.options) fail(q.id, "a choice question needs options");
      if (q.type !== "choice" && q.options) fail(q.id, `options only apply to a choice question, "${q.type}" given`);
      if (q.options && new Set(q.options).size !== q.options.length) fail(q.id, "an option appears twice");
      if (q.type !== "number" && (q.min !== undefined || q.max !== undefined || q.integer !== undefined || q.unit !== undefined)) fail(q.id, `min, max, integer and unit only apply to a number question, "${q.type}" given`);
      if (q.min !== undefined && q.max !== undefined && q.min > q.max) fail(q.id, `min ${q.min} is above max ${q.max}`);
      for (const src of q.sources) if (!sourceIds.has(src)) fail(q.id, `source "${src}" is not in the file's sources`);
      if (q.showIf) {
        for (const ref of conditionQuestions(q.showIf)) {
          if (ref === q.id) fail(q.id, "showIf reads the question itself");
          if (!seen.has(ref)) fail(q.id, `showIf reads "${ref}", which is not a question asked before this one`);
        }
        const check = (c: Condition): void => {
          if ("all" in c) return c.all.forEach(check);
          if ("any" in c) return c.any.forEach(check);
          const { question: ref, ...test } = c;
          const why = testFits(seen.get(ref)!, test as AnswerTest);
          if (why) fail(q.id, `showIf on "${ref}": ${why}`);
        };
        check(q.showIf);
      }
      for (const inf of q.informs) {
        for (const [which, test] of [["present", inf.present], ["absent", inf.absent]] as const) {
          const why = test && testFits(q, test);
          if (why) fail(q.id, `informs ${inf.indicator} (${which}): ${why}`);
        }
      }
      const question = { ...q, section: s.id };
      seen.set(q.id, question);
      return question;
    });
    return { id: s.id, questions };
  });
  return { id: d.id, version: d.version, publishedOn: d.publishedOn, about: d.about, sources: d.sources, sections, questions: sections.flatMap((s) => s.questions) };
}
