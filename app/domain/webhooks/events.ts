import type { OrgType } from "#db/schema";

/**
 * The events an organisation can subscribe to (decision 038). Only events the platform emits are
 * listed: a subscription to an event that never comes would be a promise not kept.
 */
export const WEBHOOK_EVENTS = ["score.band_changed", "score.red_flag_raised", "finding.recorded", "corrective_action.overdue", "report.submitted", "report.correction_requested", "grievance.escalated"] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/**
 * Which kinds of organisation each event can ever reach (where it is emitted, the recipients are
 * computed from the thing it is about). An organisation is offered only these: a company
 * subscribed to "report submitted to you", which only regulators receive, would wait for ever.
 */
export const WEBHOOK_AUDIENCE: Record<WebhookEvent, readonly OrgType[]> = {
  "score.band_changed": ["company"],
  "score.red_flag_raised": ["company"],
  "finding.recorded": ["inspectorate", "company"],
  "corrective_action.overdue": ["inspectorate", "company"],
  "report.submitted": ["regulator"],
  "report.correction_requested": ["company"],
  "grievance.escalated": ["company", "union", "inspectorate"],
};

export const eventsFor = (orgType: OrgType): WebhookEvent[] => WEBHOOK_EVENTS.filter((e) => WEBHOOK_AUDIENCE[e].includes(orgType));

/** Attempts before a delivery is given up, and the wait before each retry (doubling from 30 s, at most 6 h). */
export const MAX_DELIVERY_ATTEMPTS = 8;
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 6 * 60 * 60_000);
}
