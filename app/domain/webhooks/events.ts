/**
 * The events an organisation can subscribe to (decision 038). Only events the platform emits are
 * listed: a subscription to an event that never comes would be a promise not kept.
 */
export const WEBHOOK_EVENTS = ["score.band_changed", "score.red_flag_raised", "finding.recorded", "corrective_action.overdue", "report.submitted", "report.correction_requested", "grievance.escalated"] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** Attempts before a delivery is given up, and the wait before each retry (doubling from 30 s, at most 6 h). */
export const MAX_DELIVERY_ATTEMPTS = 8;
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 6 * 60 * 60_000);
}
