/**
 * What the planner writes for people (why a workplace is proposed, why one is left out, why nothing
 * fits) as catalog keys with what they name, stored beside the English line (issue 18): the plan
 * page says it in the reader's language (plan-text.server.ts); English, logs and tests read the
 * line the planner has always written. A row written before this change holds the English line
 * only, and is shown as it is.
 */
import type { Conflict } from "./conflicts";
import type { KeyedReason } from "./priority";

/** A sentence of the "audits" catalog (a key without the namespace) and the values it names; a value may itself be a sentence. */
export interface Said {
  key: string;
  values?: { [name: string]: string | number | Said };
}

/** Why a workplace is proposed: its rank, priority and the parts of it, and why it comes as a follow-up. */
export interface ProposalWhy {
  rank: number;
  /** Null once the workplace's score is no longer shared (the total would give it away). */
  priority: number | null;
  /** The queue's reasons (priority.ts); `points` null for a part said without them. */
  parts: (Omit<KeyedReason, "key" | "points"> & { key: string; points: number | null })[];
  /** The minimum interval (days) and what cannot wait for it. */
  followUp: { interval: number; why: Said } | null;
}

/** A stored text: the English line, and the same as keys (absent in rows written before issue 18). */
export interface StoredText {
  en: string;
  why?: ProposalWhy;
  said?: Said;
}

export const storeText = (text: StoredText): string => JSON.stringify(text);

/** A stored text column: the JSON written since issue 18, or an older row's English line. */
export function readText(column: string): StoredText {
  if (column.startsWith("{")) {
    try {
      const parsed = JSON.parse(column) as StoredText;
      if (typeof parsed.en === "string") return parsed;
    } catch {
      // an English line that happens to start with a brace
    }
  }
  return { en: column };
}

/** The keyed reasons without the score: what `withoutScore` does to the English line. */
export function whyWithoutScore(why: ProposalWhy): ProposalWhy {
  const scoreKeys = new Set(["queue.reason.score", "queue.reason.scoreBand"]);
  const rangeKeys = new Set(["queue.reason.range", "queue.reason.rangeObserved"]);
  return {
    ...why,
    priority: null,
    parts: why.parts.filter((p) => !rangeKeys.has(p.key)).map((p) => (scoreKeys.has(p.key) ? { key: "plan.reason.scoreNotShared", values: {}, points: null } : p)),
  };
}

/** The interval rule's refusal as keys (the conflict's own params). */
export function conflictSaid(c: Conflict): Said {
  const p = c.params ?? {};
  const audit: Said = p.supplierName ? { key: "conflict.auditOfOn", values: { day: p.auditDay ?? "", id: c.auditId ?? "", supplier: p.supplierName } } : { key: "conflict.auditOn", values: { day: p.auditDay ?? "", id: c.auditId ?? "" } };
  return { key: "conflict.recentAudit", values: { audit, count: p.apart ?? 0, min: p.minDays ?? 0 } };
}
