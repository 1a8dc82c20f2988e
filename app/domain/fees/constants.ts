/** The fee ledger's fixed choices, in a module of their own so that pages import them without zod. */

export const FEE_SOURCES = ["audit", "grievance", "supplier", "worker_interview", "other"] as const;
export type FeeSource = (typeof FEE_SOURCES)[number];

/** A worker's answer about an instalment paid: "partly" confirms nothing (how much is unknown). */
export const FEE_ANSWERS = ["received", "partly", "not_received"] as const;
export type FeeAnswer = (typeof FEE_ANSWERS)[number];

/** How many instalment rows the plan form offers; empty rows are left out. */
export const PLAN_ROWS = 6;
