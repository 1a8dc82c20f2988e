/**
 * Where inspectors should go first. A workplace's priority is the sum of four documented parts
 * (docs/audits.md), each shown as a reason so an inspector can explain the order of the queue:
 *
 *   risk score (0–100; an unscored workplace, or one whose score is not shared, counts as 50)
 * + time since the last audit: 10 points a year, at most 20; never audited: 20
 * + open corrective actions: 4 each, 4 more for each overdue one, at most 24
 * + grievances the inspectorate may see (contests it raised) in the last 12 months: 5 each, at most 15
 * + workers' grievance cases of the last 12 months that reached the inspectorate and are
 *   substantiated or urgent (issue 19): 10 each, at most 30 — a worker's own account, checked or
 *   about someone in danger now, is the strongest reason to go there
 * + uncertainty (methodology 2): when the top of the score's range reaches a worse band than the
 *   score itself, and that band is high or critical, a quarter of a point for each point the range
 *   reaches above the score, at most 15 — "range reaches critical (88.0) with 24 % observed: an
 *   audit would narrow it". A thin record that could be critical is worth a visit; an audit is
 *   what turns its unknowns into observations. Not counted for a withheld score (it would tell).
 */
import { formatScore } from "../risk/range-text";
import { daysBetween } from "./local-time";

export interface PriorityInputs {
  score: number | null;
  band: string | null;
  /** The shares do not include scores: counted as unscored, so the priority cannot reveal it. */
  scoreWithheld?: boolean;
  /** Local date of the last audit that took place (in progress or later), or null. */
  lastAuditOn: string | null;
  openActions: number;
  overdueActions: number;
  recentGrievances: number;
  /** Workers' grievance cases of the last 12 months that reached the inspectorate, substantiated or urgent. */
  recentCases?: number;
  today: string;
  /** The score's range (every unknown absent / present) and confidence, where the method gives them. */
  range?: { low: number; high: number } | null;
  confidence?: number | null;
  /** The band thresholds of the active methodology (high, critical), to tell which band the range reaches. */
  bands?: { high: number; critical: number } | null;
}

export interface PriorityReason {
  label: string;
  points: number;
}

/** A reason as a key of the "audits" catalog with what it names, for the pages (issue 18); `reasons` keeps the English lines. */
export interface KeyedReason {
  key: "queue.reason.withheld" | "queue.reason.unscored" | "queue.reason.score" | "queue.reason.scoreBand" | "queue.reason.range" | "queue.reason.rangeObserved" | "queue.reason.neverAudited" | "queue.reason.lastAudited" | "queue.reason.actions" | "queue.reason.actionsOverdue" | "queue.reason.grievances" | "queue.reason.grievanceCases";
  values: Record<string, string | number>;
  points: number;
}

export interface Priority {
  priority: number;
  reasons: PriorityReason[];
  why: KeyedReason[];
}

export const PRIORITY_RULES = {
  unscoredScore: 50,
  pointsPerYearSinceAudit: 10,
  maxSinceAudit: 20,
  perOpenAction: 4,
  perOverdueAction: 4,
  maxActions: 24,
  perGrievance: 5,
  maxGrievances: 15,
  perGrievanceCase: 10,
  maxGrievanceCases: 30,
  rangePointsPerScorePoint: 0.25,
  maxRange: 15,
} as const;

const round1 = (n: number) => Math.round(n * 10) / 10;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export function priorityOf(i: PriorityInputs): Priority {
  const R = PRIORITY_RULES;
  const reasons: PriorityReason[] = [];
  const why: KeyedReason[] = [];
  const add = (label: string, points: number, key: KeyedReason["key"], values: KeyedReason["values"] = {}) => {
    reasons.push({ label, points });
    why.push({ key, values, points });
  };
  if (i.scoreWithheld) add(`risk score not shared with you (counted as ${R.unscoredScore})`, R.unscoredScore, "queue.reason.withheld", { counted: R.unscoredScore });
  else if (i.score === null) add(`not scored yet (counted as ${R.unscoredScore})`, R.unscoredScore, "queue.reason.unscored", { counted: R.unscoredScore });
  else add(`risk score ${i.score}${i.band ? ` (${i.band})` : ""}`, i.score, i.band ? "queue.reason.scoreBand" : "queue.reason.score", { score: i.score, band: i.band ?? "" });
  const uncertainty = i.scoreWithheld ? null : uncertaintyParts(i);
  if (uncertainty) add(uncertainty.label, uncertainty.points, uncertainty.observed === null ? "queue.reason.range" : "queue.reason.rangeObserved", { band: uncertainty.reaches, top: uncertainty.top, observed: uncertainty.observed ?? 0 });
  if (i.lastAuditOn === null) {
    add("never audited", R.maxSinceAudit, "queue.reason.neverAudited");
  } else {
    const days = Math.max(0, daysBetween(i.lastAuditOn, i.today));
    add(`last audited ${i.lastAuditOn} (${plural(days, "day")} ago)`, round1(Math.min(R.maxSinceAudit, (days / 365) * R.pointsPerYearSinceAudit)), "queue.reason.lastAudited", { day: i.lastAuditOn, count: days });
  }
  if (i.openActions > 0) {
    const points = Math.min(R.maxActions, i.openActions * R.perOpenAction + i.overdueActions * R.perOverdueAction);
    add(`${plural(i.openActions, "open corrective action")}${i.overdueActions ? `, ${i.overdueActions} overdue` : ""}`, points, i.overdueActions ? "queue.reason.actionsOverdue" : "queue.reason.actions", { count: i.openActions, overdue: i.overdueActions });
  }
  if (i.recentGrievances > 0) {
    add(`${plural(i.recentGrievances, "grievance")} in the last 12 months`, Math.min(R.maxGrievances, i.recentGrievances * R.perGrievance), "queue.reason.grievances", { count: i.recentGrievances });
  }
  const cases = i.recentCases ?? 0;
  if (cases > 0) {
    add(`${plural(cases, "substantiated or urgent grievance case")} in the last 12 months`, Math.min(R.maxGrievanceCases, cases * R.perGrievanceCase), "queue.reason.grievanceCases", { count: cases });
  }
  return { priority: round1(reasons.reduce((sum, r) => sum + r.points, 0)), reasons, why };
}

const RANK = { other: 0, high: 1, critical: 2 } as const;
const bandAt = (score: number, bands: { high: number; critical: number }) => (score >= bands.critical ? "critical" : score >= bands.high ? "high" : "other");

/**
 * The uncertainty part: present when the top of the range reaches high or critical and a worse
 * band than the score's own. Its label names the band, the top of the range and the share observed;
 * it contains no comma, so that a stored reason line can be read part by part (withoutScore).
 */
export function uncertaintyOf(i: Pick<PriorityInputs, "score" | "range" | "confidence" | "bands">): PriorityReason | null {
  const u = uncertaintyParts(i);
  return u ? { label: u.label, points: u.points } : null;
}

/** The uncertainty part with what its label names (the band reached, the top, the percentage observed). */
function uncertaintyParts(i: Pick<PriorityInputs, "score" | "range" | "confidence" | "bands">): (PriorityReason & { reaches: "high" | "critical"; top: number; observed: number | null }) | null {
  if (i.score === null || !i.range || !i.bands) return null;
  const top = i.range.high;
  const reaches = bandAt(top, i.bands);
  if (reaches === "other" || RANK[reaches] <= RANK[bandAt(i.score, i.bands)]) return null;
  const R = PRIORITY_RULES;
  const points = round1(Math.min(R.maxRange, (top - i.score) * R.rangePointsPerScorePoint));
  if (points <= 0) return null;
  const observed = i.confidence === null || i.confidence === undefined ? "" : ` with ${Math.round(i.confidence * 100)} % observed`;
  return { label: `range reaches ${reaches} (${formatScore(top)})${observed}: an audit would narrow it`, points, reaches, top, observed: i.confidence === null || i.confidence === undefined ? null : Math.round(i.confidence * 100) };
}

/** Orders by priority, highest first; ties by supplier id so the order is stable. */
export function byPriority<T extends { priority: number; supplierId: number }>(a: T, b: T): number {
  return b.priority - a.priority || a.supplierId - b.supplierId;
}
