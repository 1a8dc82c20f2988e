/** The regulator's review as a state machine: every state × every step, allowed or refused with a reason (a catalog key). */
import { describe, expect, it } from "vitest";
import { REPORT_REVIEW_ACTIONS } from "#db/schema";
import { allowedSteps, refusalOf, reviewState, type ReviewState } from "~/domain/reports/review-states";

describe("review states", () => {
  it("reads the state from the latest step and whether a correcting report arrived", () => {
    expect(reviewState(null, false)).toBe("submitted");
    expect(reviewState(null, true)).toBe("submitted");
    expect(reviewState("acknowledged", false)).toBe("acknowledged");
    expect(reviewState("correction_requested", false)).toBe("correction_requested");
    expect(reviewState("correction_requested", true)).toBe("corrected");
    expect(reviewState("accepted", true)).toBe("accepted");
  });

  it("allows exactly the transitions of the review, and refuses the others with a reason", () => {
    const table: Record<ReviewState, string[]> = {
      submitted: ["acknowledged", "accepted", "correction_requested"],
      acknowledged: ["accepted", "correction_requested"],
      correction_requested: [],
      corrected: ["accepted"],
      accepted: [],
    };
    for (const [state, allowed] of Object.entries(table) as [ReviewState, string[]][]) {
      expect([...allowedSteps(state)].sort()).toEqual([...allowed].sort());
      for (const step of REPORT_REVIEW_ACTIONS) {
        const refusal = refusalOf(state, step);
        if (allowed.includes(step)) expect(refusal).toBeNull();
        else expect(refusal).toMatch(/^reports:errors\.review\.\w+$/);
      }
    }
    expect(refusalOf("correction_requested", "accepted")).toBe("reports:errors.review.waitForCorrection");
    expect(refusalOf("accepted", "correction_requested")).toBe("reports:errors.review.alreadyAccepted");
  });
});
