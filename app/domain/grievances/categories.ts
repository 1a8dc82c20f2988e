/**
 * What a worker can say happened, in plain words (the intake's choices), and the ILO forced-labour
 * indicators (and recruitment indicators) each choice points to. A case starts tagged with these;
 * the union or inspectorate refines the tags at triage. Decision 028.
 *
 * Shared with the browser (no server imports): the intake page lists the choices from here.
 */
import type { IndicatorCode } from "~/domain/indicators";

export const GRIEVANCE_CATEGORIES = [
  "documents_taken",
  "wages_withheld",
  "fees_debt",
  "threats",
  "violence",
  "locked_in",
  "deceived",
  "overtime",
  "living_conditions",
  "isolation",
  "retaliation",
  "other",
] as const;
export type GrievanceCategory = (typeof GRIEVANCE_CATEGORIES)[number];

export const CATEGORY_INDICATORS: Record<GrievanceCategory, readonly IndicatorCode[]> = {
  documents_taken: ["retention_of_documents"],
  wages_withheld: ["withholding_of_wages"],
  fees_debt: ["worker_paid_fees", "debt_bondage"],
  threats: ["intimidation_threats"],
  violence: ["physical_sexual_violence"],
  locked_in: ["restriction_of_movement"],
  deceived: ["deception", "contract_substitution"],
  overtime: ["excessive_overtime"],
  living_conditions: ["abusive_conditions"],
  isolation: ["isolation"],
  // Punished for speaking up: its own category (it escalates), and a threat in the ILO's terms.
  retaliation: ["intimidation_threats"],
  other: [],
};

/**
 * A person in danger now or cut off from leaving: the case is urgent, reaches the inspectorate at
 * once where the worker allowed it, and is due within URGENT_DUE_DAYS.
 */
export const URGENT_CATEGORIES: ReadonlySet<GrievanceCategory> = new Set(["violence", "locked_in", "documents_taken", "retaliation"]);

export function isGrievanceCategory(value: string): value is GrievanceCategory {
  return (GRIEVANCE_CATEGORIES as readonly string[]).includes(value);
}

export function indicatorsFor(categories: readonly GrievanceCategory[]): IndicatorCode[] {
  return [...new Set(categories.flatMap((c) => CATEGORY_INDICATORS[c]))];
}

/** Days a recipient has to send the worker a first answer before the case escalates. */
export const DUE_DAYS = 7;
export const URGENT_DUE_DAYS = 2;

/**
 * Below this many workers (or with no headcount on record: unknown must not look safe), a workplace
 * is small: its company sees its cases only as counts per calendar quarter, after the quarter ends,
 * so that a worker cannot be picked out of a handful of colleagues (decision 028).
 */
export const SMALL_WORKPLACE_WORKERS = 20;
