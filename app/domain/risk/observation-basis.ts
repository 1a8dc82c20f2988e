/**
 * Two observations of one indicator (or mitigation) from sources of different standing: the
 * platform's own (a list, an audit, a case: verified) and the supplier's answers (self-reported,
 * methodology 2.2, decision 031). Pure, so that the scoring inputs and the tests use one rule.
 */
import type { ObservedIndicator } from "./types";

const isSelfReported = (o: ObservedIndicator) => o.basis === "self-reported";

/** An indicator (present is a risk) or a mitigation (present lowers the score). */
export type ObservationKind = "indicator" | "mitigation";

/**
 * Which of two observations of the same code counts: a verified one replaces a self-reported one,
 * except that a verified absence of an indicator does not erase the supplier's own "present" (an
 * admission against its own interest: a red-flag answer stays a red flag, as a substantiated
 * grievance case holds over a list's "no"). A mitigation has no such exception: a claimed
 * grievance channel or union never outweighs a verified "absent". Between two of the same basis,
 * the later date wins (the first on a tie, so the order of reading decides nothing else).
 */
export function preferredObservation(a: ObservedIndicator, b: ObservedIndicator, kind: ObservationKind = "indicator"): ObservedIndicator {
  if (isSelfReported(a) !== isSelfReported(b)) {
    const [verified, own] = isSelfReported(a) ? [b, a] : [a, b];
    return kind === "indicator" && own.present && !verified.present ? own : verified;
  }
  return b.date > a.date ? b : a;
}

/**
 * The verified observations with the self-reported ones merged in, code by code (keys sorted, so
 * that the same facts give the same inputs hash). `selfReported` entries are marked with their
 * basis whatever they say; verified ones are kept as they are (no basis: decision 031 keeps the
 * inputs, and hashes, of everything recorded before 2.2 unchanged).
 */
export function mergeSelfReported(
  verified: Record<string, ObservedIndicator>,
  selfReported: Record<string, ObservedIndicator> | undefined,
  kind: ObservationKind = "indicator",
): Record<string, ObservedIndicator> {
  if (!selfReported || Object.keys(selfReported).length === 0) return verified;
  const merged: Record<string, ObservedIndicator> = { ...verified };
  for (const [code, answer] of Object.entries(selfReported)) {
    const own: ObservedIndicator = { ...answer, basis: "self-reported" };
    const known = merged[code];
    merged[code] = known ? preferredObservation(known, own, kind) : own;
  }
  return Object.fromEntries(Object.keys(merged).sort().map((k) => [k, merged[k]!]));
}
