/**
 * The regulator's review of a submitted report, as a state machine (issue 17, item 13). The steps
 * are rows of `report_reviews` (append-only); the state is the latest step, read together with
 * whether a correcting report (one that supersedes this one) has been submitted since. This module
 * is the one place that says which step may follow which: the domain refuses anything else, and
 * the pages offer only what it allows.
 */
import type { ReportReviewAction } from "#db/schema";

/**
 * `submitted`: no step yet. `corrected`: a correction was requested and the company has since
 * submitted a report that supersedes this one (read, not stored: the regulator has not looked yet).
 */
export type ReviewState = "submitted" | "acknowledged" | "correction_requested" | "corrected" | "accepted";

/** Where a report stands with its regulator (the API's list filter and field): not submitted, or its review state. */
export const REPORT_STATUSES = ["not_submitted", "submitted", "acknowledged", "correction_requested", "corrected", "accepted"] as const satisfies readonly ("not_submitted" | ReviewState)[];
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export function reviewState(latest: ReportReviewAction | null, correctionSubmitted: boolean): ReviewState {
  if (latest === null) return "submitted";
  if (latest === "correction_requested") return correctionSubmitted ? "corrected" : "correction_requested";
  return latest;
}

/**
 * Which steps each state allows. A correction request waits for the company: nothing can be done
 * to the report until its correction arrives, and then only accepting it closes the request
 * (asking again is a request on the correcting report, which has its own review). Accepting is
 * final.
 */
export const NEXT_STEPS: Record<ReviewState, readonly ReportReviewAction[]> = {
  submitted: ["acknowledged", "accepted", "correction_requested"],
  acknowledged: ["accepted", "correction_requested"],
  correction_requested: [],
  corrected: ["accepted"],
  accepted: [],
};

export function allowedSteps(state: ReviewState): readonly ReportReviewAction[] {
  return NEXT_STEPS[state];
}

/** Why a step is refused in a state: a catalog key (issue 18), read in the language of the person who tried it. */
export function refusalOf(state: ReviewState, step: ReportReviewAction): RefusalKey | null {
  if (NEXT_STEPS[state].includes(step)) return null;
  if (state === "accepted") return "reports:errors.review.alreadyAccepted";
  if (state === "correction_requested") return "reports:errors.review.waitForCorrection";
  if (state === "corrected") return "reports:errors.review.correctionArrived";
  if (step === "acknowledged") return "reports:errors.review.alreadyAcknowledged";
  return "reports:errors.review.notNow";
}

export type RefusalKey =
  | "reports:errors.review.alreadyAccepted"
  | "reports:errors.review.waitForCorrection"
  | "reports:errors.review.correctionArrived"
  | "reports:errors.review.alreadyAcknowledged"
  | "reports:errors.review.notNow";

// The states' names are in the catalogs (`regulator:reviewState.<state>`), for pages and the CSV export alike.

/** The badge class of each state: what waits for someone is a warning, accepted is done. */
export const REVIEW_STATE_BADGES: Record<ReviewState, string> = {
  submitted: "badge--muted",
  acknowledged: "badge--muted",
  correction_requested: "badge--warning",
  corrected: "badge--warning",
  accepted: "badge--ok",
};
