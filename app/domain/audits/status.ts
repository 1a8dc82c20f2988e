/**
 * The audit status workflow: planned → confirmed → in progress → completed → report issued, and
 * cancelled from the first two. Every change names who and when (the caller records it); the
 * ones that undo a plan (cancelling, rescheduling) also need a reason.
 */
import type { AuditStatus } from "#db/schema";

export const STATUS_LABELS: Record<AuditStatus, string> = {
  planned: "Planned",
  confirmed: "Confirmed",
  in_progress: "In progress",
  completed: "Completed",
  report_issued: "Report issued",
  cancelled: "Cancelled",
};

export const TRANSITIONS: Record<AuditStatus, readonly AuditStatus[]> = {
  planned: ["confirmed", "cancelled"],
  confirmed: ["in_progress", "cancelled"],
  in_progress: ["completed"],
  completed: ["report_issued"],
  report_issued: [],
  cancelled: [],
};

/** Statuses in which the date, time and team may still change. */
export const RESCHEDULABLE: readonly AuditStatus[] = ["planned", "confirmed"];

/** Statuses in which findings are recorded (during or after the visit, until the report is out). */
export const RECORDING: readonly AuditStatus[] = ["in_progress", "completed"];

/** Statuses that hold an inspector's time (a cancelled audit frees it). */
export const ACTIVE: readonly AuditStatus[] = ["planned", "confirmed", "in_progress", "completed", "report_issued"];

export interface TransitionRequest {
  from: AuditStatus;
  to: AuditStatus;
  startsAt: number;
  now: number;
  reason: string;
}

/** Why the change is refused, or null when it is allowed. */
export function transitionProblem(r: TransitionRequest): string | null {
  if (!TRANSITIONS[r.from].includes(r.to)) {
    const next = TRANSITIONS[r.from].map((s) => STATUS_LABELS[s].toLowerCase());
    return `A ${STATUS_LABELS[r.from].toLowerCase()} audit cannot become ${STATUS_LABELS[r.to].toLowerCase()}${next.length ? ` (it can become: ${next.join(", ")})` : " (its status is final)"}.`;
  }
  if (r.to === "cancelled" && !r.reason.trim()) return "Say why the audit is cancelled.";
  // Starting early would also reveal an unannounced audit before its time.
  if (r.to === "in_progress" && r.now < r.startsAt) return "An audit starts at its scheduled time; reschedule it to start earlier.";
  return null;
}

/** Why the change is refused, as a key of the "audits" catalog with what it names (issue 18); null when allowed. */
export interface TransitionProblem {
  key: "errors.transitionFinal" | "errors.transitionOne" | "errors.transitionTwo" | "errors.cancelReason" | "errors.startBeforeTime";
  values: Record<string, string>;
}

export function transitionProblemKey(r: TransitionRequest): TransitionProblem | null {
  if (!TRANSITIONS[r.from].includes(r.to)) {
    const [first, second] = TRANSITIONS[r.from];
    if (!first) return { key: "errors.transitionFinal", values: { from: r.from, to: r.to } };
    return second ? { key: "errors.transitionTwo", values: { from: r.from, to: r.to, first, second } } : { key: "errors.transitionOne", values: { from: r.from, to: r.to, first } };
  }
  if (r.to === "cancelled" && !r.reason.trim()) return { key: "errors.cancelReason", values: {} };
  if (r.to === "in_progress" && r.now < r.startsAt) return { key: "errors.startBeforeTime", values: {} };
  return null;
}
