/**
 * Ask only what matters (issue 20 item 3). A supplier's score breakdown says which indicators are
 * still unknown, how much each weighs and, in methodology 2, how likely the context makes it (the
 * prior). The questions that observe the indicators worth most come first, each with why it is
 * asked; a workplace in a low-risk context gets a short questionnaire.
 *
 * Worth of a question = weight × uncertainty of the unknown indicator it informs (the best one when
 * it informs several), the uncertainty of an unknown line being 4p(1 − p): 1 at an even chance, near
 * 0 when the context makes the answer foreseeable (p near 0 or 1); 1 when the method has no prior
 * (version 1), as narrow-range.ts counts it. The weight is what an answer takes off the range
 * (narrowingQuestions' narrowsBy); the uncertainty is why, in a TVPRA-listed context, the fee and
 * passport questions come before questions of equal weight whose answer is all but known. An
 * indicator already observed (from verified evidence) has no uncertainty left: its questions are
 * still asked, after the others, and never count toward the short list.
 */
import { indicatorLabelKey, type IndicatorCode } from "../indicators";
import { narrowingQuestions, priorOf } from "../risk/narrow-range";
import type { Factor } from "../risk/types";
import { conditionQuestions, type Question, type QuestionnaireDefinition } from "./definition";

/**
 * Above this prior an unknown indicator is not "unlikely" and the context is not low-risk. The base
 * rate of methodology 2 is 0.02 and each context signal (a TVPRA listing, a UFLPA sector, a migrant
 * workforce) lifts the indicators it bears on to 0.09–0.4; 0.1 lets the base rate and the weak
 * country and sector signals through and stops at the first real one.
 */
export const LOW_RISK_PRIOR = 0.1;

/**
 * In a low-risk context a question that is not core stays in the short list only when it is worth
 * more than this (weight × 4p(1 − p), in score points). Observing an indicator moves the score, on
 * average, by 2·weight·p(1 − p), half the worth: 2 points of worth is one point of expected movement
 * on the 0–100 scale, whose bands are 25 points apart. An answer expected to move the score by less
 * than a point cannot be expected to change what a buyer does, and asking it is the questionnaire
 * fatigue suppliers complain of. At the base rate (p = 0.02) no indicator reaches it (the heaviest,
 * debt bondage at 14, is worth 1.1); at p = 0.05 the three heaviest do (debt bondage, passports,
 * violence).
 */
export const SHORT_LIST_MIN_WORTH = 2;

export interface QuestionWhy {
  /** The unknown indicator the answer observes. */
  indicator: IndicatorCode;
  /** Up to how many points the answer takes off the score's range (the indicator's weight). */
  narrowsBy: number;
  /** Its prior now (null: the method has none). */
  prior: number | null;
  /** The sentence for the page, `questionnaire:why.narrows` with these values. */
  messageKey: "questionnaire:why.narrows";
  values: { indicatorKey: string; points: number };
}

export interface RankedQuestion {
  question: Question;
  /** weight × uncertainty of the best unknown indicator it informs; 0 when none. */
  worth: number;
  /** Why it is asked; null for a question that informs no unknown indicator (asked for context or as core). */
  why: QuestionWhy | null;
  /**
   * The sentence the page shows for every question: `why.narrows` (with `why.values`) when it
   * narrows the range, else `why.core` for a core question, else `why.context` (it tells which
   * questions follow, or informs an indicator already observed).
   */
  whyKey: "questionnaire:why.narrows" | "questionnaire:why.core" | "questionnaire:why.context";
}

const uncertainty = (prior: number | null) => (prior === null ? 1 : 4 * prior * (1 - prior));
const round1 = (n: number) => Math.round(n * 10) / 10;

/** Each question's worth and why, in the definition's order. */
function worths(def: QuestionnaireDefinition, factors: Factor[]): RankedQuestion[] {
  const unknown = new Map(narrowingQuestions(factors, factors.length).map((n) => [n.code, n]));
  return def.questions.map((question) => {
    let best: { why: QuestionWhy; worth: number } | null = null;
    for (const inf of question.informs) {
      const n = unknown.get(inf.indicator);
      if (!n) continue;
      const worth = round1(n.weight * uncertainty(n.prior));
      if (!best || worth > best.worth || (worth === best.worth && n.narrowsBy > best.why.narrowsBy)) {
        best = { worth, why: { indicator: inf.indicator, narrowsBy: n.narrowsBy, prior: n.prior, messageKey: "questionnaire:why.narrows", values: { indicatorKey: indicatorLabelKey(inf.indicator), points: n.narrowsBy } } };
      }
    }
    const whyKey = best ? best.why.messageKey : question.core ? "questionnaire:why.core" : "questionnaire:why.context";
    return { question, worth: best?.worth ?? 0, why: best?.why ?? null, whyKey };
  });
}

/**
 * The question a follow-up hangs on: the latest question its condition reads (conditions read only
 * earlier questions), so "does the worker get the passport back the same day?" stays right after
 * "do you keep passports?" wherever that one is ranked.
 */
function anchorOf(q: Question, position: ReadonlyMap<string, number>): string | null {
  if (!q.showIf) return null;
  return conditionQuestions(q.showIf).reduce((a, b) => (position.get(b)! > position.get(a)! ? b : a));
}

/**
 * The questions ranked by worth. A question and the follow-ups that hang on it move together, ranked
 * by the best worth among them (a gate such as "do you lend money to workers?" is worth what its
 * follow-up about leaving while owing is worth); inside a group, the definition's order; among equal
 * groups, the definition's order.
 */
export function orderQuestions(def: QuestionnaireDefinition, factors: Factor[]): RankedQuestion[] {
  const ranked = worths(def, factors);
  const position = new Map(def.questions.map((q, i) => [q.id, i]));
  const rootOf = (q: Question): string => {
    let id = q.id;
    for (let a = anchorOf(q, position); a !== null; a = anchorOf(def.questions[position.get(a)!]!, position)) id = a;
    return id;
  };
  const groups = new Map<string, RankedQuestion[]>();
  for (const r of ranked) {
    const root = rootOf(r.question);
    groups.set(root, [...(groups.get(root) ?? []), r]);
  }
  const worthOf = (g: RankedQuestion[]) => Math.max(...g.map((r) => r.worth));
  return [...groups.entries()]
    .sort(([ra, a], [rb, b]) => worthOf(b) - worthOf(a) || position.get(ra)! - position.get(rb)!)
    .flatMap(([, g]) => g);
}

/**
 * Whether the context is low-risk: no red flag in the breakdown, and every unknown indicator's prior
 * at most LOW_RISK_PRIOR (a method without priors, version 1, knows nothing of the context: never
 * low-risk). With every prior that small the range the unknowns leave is unlikely to be used: its
 * expected width, Σ weight × p, stays under a band's width.
 */
export function isLowRiskContext(factors: Factor[]): boolean {
  if (factors.some((f) => f.redFlag === true)) return false;
  const lines = factors.filter((f) => f.code.startsWith("indicator.") && !f.known && f.weight > 0 && !f.value.startsWith("withheld"));
  return lines.every((f) => {
    const p = priorOf(f);
    return p !== null && p <= LOW_RISK_PRIOR;
  });
}

/**
 * The questions to ask: in a low-risk context, the core questions, those worth more than
 * SHORT_LIST_MIN_WORTH, and the follow-ups of those (a follow-up shows only when an earlier answer
 * opens it, usually a red-flag answer, and then it matters); otherwise every question. Ranked as
 * orderQuestions ranks them.
 */
export function shortQuestionnaire(def: QuestionnaireDefinition, factors: Factor[]): RankedQuestion[] {
  const ranked = orderQuestions(def, factors);
  if (!isLowRiskContext(factors)) return ranked;
  const position = new Map(def.questions.map((q, i) => [q.id, i]));
  const kept = new Set<string>();
  // Definition order: a follow-up's anchor is decided before the follow-up.
  for (const r of [...ranked].sort((a, b) => position.get(a.question.id)! - position.get(b.question.id)!)) {
    const anchor = anchorOf(r.question, position);
    if (r.question.core || r.worth > SHORT_LIST_MIN_WORTH || (anchor !== null && kept.has(anchor))) kept.add(r.question.id);
  }
  return ranked.filter((r) => kept.has(r.question.id));
}
