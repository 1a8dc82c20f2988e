/**
 * A contested factor in words. A contest stores the key of one line of the score's breakdown
 * ("indicator.withholding_of_wages"); people read the line's label and what the contested score
 * said about it ("Withholding of wages: observed"), never the key. Pure, so that the pages and
 * the tests share it.
 */
import { FLOOR_CODES } from "~/domain/risk/score-common";
import type { Factor, FactorLayer } from "~/domain/risk/types";

/**
 * The lines a partner may contest: the inputs of the score. The floor and hold lines are rules of
 * the method (they follow from the other lines), so they are contested as the method, without a line.
 */
export function contestableFactors(factors: Factor[]): Factor[] {
  return factors.filter((f) => !FLOOR_CODES.has(f.code));
}

const LAYER_WORD: Record<FactorLayer, string> = { inherent: "context factor", observed: "observed indicator", mitigation: "mitigation" };

export const LAYER_TITLE: Record<FactorLayer, string> = { inherent: "Context", observed: "Observed indicators", mitigation: "Mitigation" };

const points = (n: number) => {
  const r = Math.round(n * 10) / 10;
  return `${r > 0 ? "+" : r < 0 ? "−" : ""}${Math.abs(r).toFixed(1)} point${Math.abs(r) === 1 ? "" : "s"}`;
};

/** What the score said about the line, in a few words. */
function state(f: Factor): string {
  if (f.layer === "mitigation") return f.known ? `recorded, ${points(f.contribution)}` : "not recorded";
  if (!f.known) return "not known";
  if (f.layer === "observed" && f.code.startsWith("indicator.")) return f.contribution > 0 ? "observed" : "not observed";
  return points(f.contribution);
}

/**
 * "Withholding of wages: observed" (`detail: "state"`), or only the line's name and kind,
 * "Withholding of wages (observed indicator)" (`detail: "label"`), for a reader who may not see
 * the supplier's data: the platform administrator, or a partner whose share withholds indicators.
 */
export function factorText(f: Factor, detail: "state" | "label"): string {
  return detail === "state" ? `${f.label}: ${state(f)}` : `${f.label} (${LAYER_WORD[f.layer]})`;
}
