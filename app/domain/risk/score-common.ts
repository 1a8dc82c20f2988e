/**
 * What the supplier and recruiter scores share: rounding, bands, the red-flag floor, confidence,
 * and the country factor (used for a supplier's country and a recruiter's corridors).
 */
import type { Methodology } from "./methodology";
import type { Band, Factor, ReferenceData, ScoreResult } from "./types";

/** One decimal: scores and contributions are shown and added up with one decimal. */
/** One decimal; `+ 0` turns -0 (a small negative sum rounded) into 0, so no score reads "-0.0". */
export const round1 = (n: number): number => Math.round(n * 10) / 10 + 0;

/** Band order: a rise is a move to a later band in this list. */
const BAND_RANK: Record<string, number> = { low: 0, medium: 1, high: 2, critical: 3 };

/**
 * Whether a score in band `after` raised the band of the score stored before it (`before`, null
 * for an entity's first score: no rise). A band outside the list neither rises nor is risen from.
 */
export const bandRose = (before: string | null, after: string): boolean => before !== null && (BAND_RANK[after] ?? -1) > (BAND_RANK[before] ?? 99);

export function bandOf(score: number, bands: Methodology["bands"]): Band {
  if (score >= bands.critical) return "critical";
  if (score >= bands.high) return "high";
  if (score >= bands.medium) return "medium";
  return "low";
}

/** A factor line; `intensity` null means the input is unknown (no points, lower confidence). */
export function factorLine(
  spec: { label: string; weight: number },
  code: string,
  layer: Factor["layer"],
  intensity: number | null,
  value: string,
  sources: string[] = [],
): Factor {
  const sign = layer === "mitigation" ? -1 : 1;
  return {
    code,
    layer,
    label: spec.label,
    value,
    weight: spec.weight,
    contribution: intensity === null ? 0 : round1(sign * spec.weight * intensity),
    known: intensity !== null,
    sources,
  };
}

/** A rule that lifts the score to at least `level`, shown as a factor line of its own. */
export interface Floor {
  code: string;
  label: string;
  level: number;
  value: string;
  sources: string[];
}

const held = (n: number) => Math.min(100, Math.max(0, n));

/**
 * Adds the contributions up, holds the result between 0 and 100 and applies the red-flag floor as
 * a factor line of its own, so that the score is always the (held) sum of the lines shown. A method
 * with priors (version 2) also shows the hold as a line ("Held at 100"), takes further floors (a
 * region rule) and so keeps the sum of the lines equal to the score exactly.
 *
 * `unknownRedFlag`: whether an unknown line could be a red flag (for the top of the range).
 * `scoreFloors`: floors for the score alone, not its range (a band held against self-reported answers).
 */
export function finish(factors: Factor[], redFlags: string[], m: Methodology, options: { floors?: Floor[]; unknownRedFlag?: boolean; scoreFloors?: Floor[] } = {}): ScoreResult {
  const sum = round1(factors.reduce((total, f) => total + f.contribution, 0));
  const redFlagFloor: Floor = {
    code: "red_flag_floor",
    label: "Red-flag floor",
    level: m.redFlagFloor,
    value: `${redFlags.length === 1 ? "a red flag is" : `${redFlags.length} red flags are`} present: the score is lifted to ${m.redFlagFloor} (the "high" band) whatever the other factors say`,
    sources: ["ILO Indicators of Forced Labour (2012): a single indicator may on its own imply forced labour"],
  };
  const indicatorFlags = redFlags.filter((c) => !c.startsWith("region.") && !c.startsWith("watchlist."));
  const floors = [...(indicatorFlags.length ? [redFlagFloor] : []), ...(options.floors ?? [])].sort((a, b) => a.level - b.level);
  // The range: every unknown risk line absent (its expected points removed) or present in full; a
  // line the supplier says is absent (credit, version 2.2) spans only weight × (1 − credit).
  const unknown = factors.filter((f) => !f.known && f.layer !== "mitigation");
  const expected = unknown.reduce((t, f) => t + f.contribution, 0);
  const full = unknown.reduce((t, f) => t + f.weight * (1 - (f.credit ?? 0)), 0);
  const floorsFor = (total: number, extra: Floor[]) => [...floors, ...extra].reduce((t, f) => Math.max(t, f.level), total);
  const range = {
    low: round1(floorsFor(held(sum - expected), [])),
    high: round1(Math.max(floorsFor(held(sum - expected + full), options.unknownRedFlag ? [redFlagFloor] : []), 0)),
  };
  let score: number;
  if (!m.priors) {
    // Version 1, exactly as it always computed.
    score = held(sum);
    if (indicatorFlags.length > 0 && score < m.redFlagFloor) {
      factors.push(floorLine(redFlagFloor, round1(m.redFlagFloor - sum)));
      score = m.redFlagFloor;
    }
  } else {
    let total = sum;
    // `scoreFloors` hold the score but not the range (version 2.2: a band held against self-reported answers).
    for (const floor of [...floors, ...(options.scoreFloors ?? [])].sort((a, b) => a.level - b.level)) {
      if (total >= floor.level) continue;
      factors.push(floorLine(floor, round1(floor.level - total)));
      total = floor.level;
    }
    if (total > 100 || total < 0) {
      const target = held(total);
      factors.push({ code: "held", layer: "observed", label: `Held at ${target}`, value: `the lines add up to ${round1(total)}; a score is held between 0 and 100`, weight: 0, contribution: round1(target - total), known: true, sources: [] });
      total = target;
    }
    score = total;
  }
  range.low = Math.min(range.low, round1(score));
  range.high = Math.max(range.high, round1(score));
  // Confidence: the weighted share of the risk inputs (not the mitigations) that were known; a
  // self-reported absence counts `credit` of its weight.
  const risk = factors.filter((f) => f.layer !== "mitigation" && !FLOOR_CODES.has(f.code));
  const total = risk.reduce((t, f) => t + f.weight, 0);
  const known = risk.reduce((t, f) => t + (f.known ? f.weight : f.weight * (f.credit ?? 0)), 0);
  return { score: round1(score), band: bandOf(score, m.bands), confidence: total ? Math.round((known / total) * 100) / 100 : 0, redFlags, factors, range };
}

/** Lines that are rules rather than inputs (they carry no weight of evidence). */
export const FLOOR_CODES = new Set(["red_flag_floor", "region_floor", "watchlist_floor", "self_reported_floor", "held"]);

function floorLine(floor: Floor, contribution: number): Factor {
  return { code: floor.code, layer: "observed", label: floor.label, value: floor.value, weight: floor.level, contribution, known: true, sources: floor.sources };
}

export interface CountryAssessment {
  intensity: number;
  value: string;
  sources: string[];
}

/** The country factor's intensity (0–1) from the DOL country findings, with its explanation. */
export function assessCountry(code: string, reference: ReferenceData, spec: Methodology["supplier"]["country"]): CountryAssessment {
  const name = reference.countryNames.get(code) ?? code;
  const f = reference.findings.get(code);
  if (!f) return { intensity: 0, value: `${name} (${code}): not covered by the DOL findings, no listed goods`, sources: [] };
  const parts: string[] = [];
  let intensity = (Math.min(f.goodsForcedLabour, spec.goodsForcedLabour.saturation) / spec.goodsForcedLabour.saturation) * spec.goodsForcedLabour.share;
  parts.push(`${f.goodsForcedLabour} ${f.goodsForcedLabour === 1 ? "good" : "goods"} listed for forced labour`);
  if (f.forcedLabourProhibitionMeetsStandard === false) {
    intensity += spec.prohibitionBelowStandard;
    parts.push("forced-labour law below the international standard");
  }
  if (f.inspectorsMeetIloRatio === false) {
    intensity += spec.inspectorsBelowRatio;
    parts.push("labour inspectors below the ILO ratio");
  }
  if (f.advancementLevel) {
    intensity += spec.advancement[f.advancementLevel] ?? 0;
    parts.push(`child-labour assessment: ${f.advancementLevel}`);
  } else {
    parts.push("no DOL assessment (goods only)");
  }
  return { intensity: Math.min(1, intensity), value: `${name} (${code}): ${parts.join("; ")}`, sources: [`${f.source}: ${name}`] };
}
