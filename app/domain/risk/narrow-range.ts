/**
 * What would narrow a score's range most (methodology 2, issue 14 item 5). The range runs from
 * every unknown input absent to every unknown input present, so each unknown indicator spans its
 * whole weight in it: observing it, either way, takes up to its weight off the range (less where
 * the 0–100 hold or a floor bounds the range). The indicators are ranked by weight × uncertainty,
 * the uncertainty of an unknown line being 1 (a known line has none; a self-reported absence,
 * version 2.2, 1 − credit: a verified answer still narrows it by the rest); among equal weights the
 * prior closest to an even chance comes first (the answer least foreseeable), then the method's
 * order. Pure: it reads a breakdown, so the company's page, the shared page and reports agree.
 */
import { INDICATOR_QUESTIONS, isIndicatorCode } from "../indicators";
import type { Factor } from "./types";

export interface NarrowingQuestion {
  /** The indicator code ("worker_paid_fees"). */
  code: string;
  label: string;
  /** The plain question that observes it (app/domain/indicators.ts). */
  question: string;
  weight: number;
  /** The prior it counts at now (version 2), null when the method has none (version 1). */
  prior: number | null;
  /** Up to how many points an answer takes off the range. */
  narrowsBy: number;
}

const INDICATOR_PREFIX = "indicator.";

/** A value withheld by a share's scope: such a line says nothing, not even that it is unknown. */
const isWithheld = (f: Factor) => f.value.startsWith("withheld");

/**
 * The prior an unknown line counts at: the "expected 0.25" its value states (version 2), else its
 * points over its weight; null when it adds nothing (version 1 or no prior).
 */
export function priorOf(f: Factor): number | null {
  if (f.known) return null;
  const stated = /\bexpected (\d+(?:\.\d+)?)/.exec(f.value);
  if (stated) return Number(stated[1]);
  if (f.contribution !== 0 && f.weight > 0) return Math.round((f.contribution / f.weight) * 1000) / 1000;
  return null;
}

/**
 * The label of an observed indicator line: "prior 0.25 (expected)" while unknown, "observed
 * present" or "observed absent" once known; null for other lines and withheld ones.
 */
export function indicatorStatus(f: Factor): string | null {
  if (!f.code.startsWith(INDICATOR_PREFIX) || isWithheld(f)) return null;
  if (!f.known) {
    const prior = priorOf(f);
    // Version 2.2: the supplier says absent; part of the prior stays until it is verified.
    if (f.credit !== undefined) return prior === null ? "self-reported absent" : `self-reported absent (prior ${prior.toFixed(2)} × ${Math.round((1 - f.credit) * 1000) / 1000})`;
    return prior === null ? "unknown (no prior)" : `prior ${prior.toFixed(2)} (expected)`;
  }
  const present = f.redFlag === true || f.contribution > 0 || /^yes\b/i.test(f.value);
  return present ? "observed present" : "observed absent";
}

/** The `count` unknown indicators whose observation would narrow the range most, each as a question. */
export function narrowingQuestions(factors: Factor[], count = 3): NarrowingQuestion[] {
  const candidates: (NarrowingQuestion & { order: number; spread: number })[] = [];
  factors.forEach((f, order) => {
    if (f.known || isWithheld(f) || !f.code.startsWith(INDICATOR_PREFIX) || f.weight <= 0) return;
    const code = f.code.slice(INDICATOR_PREFIX.length);
    if (!isIndicatorCode(code)) return;
    const prior = priorOf(f);
    // A self-reported absence (version 2.2) already took `credit` of the line's span off the range.
    const uncertainty = 1 - (f.credit ?? 0);
    candidates.push({
      code,
      label: f.label,
      question: INDICATOR_QUESTIONS[code],
      weight: f.weight,
      prior,
      narrowsBy: Math.round(f.weight * uncertainty * 10) / 10,
      order,
      // p(1 − p): largest at an even chance.
      spread: prior === null ? 0 : prior * (1 - prior),
    });
  });
  candidates.sort((a, b) => b.narrowsBy - a.narrowsBy || b.spread - a.spread || a.order - b.order);
  return candidates.slice(0, Math.max(0, count)).map(({ order: _order, spread: _spread, ...q }) => q);
}
