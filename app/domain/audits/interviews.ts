/**
 * How many workers were interviewed, by gender and by migrant status (issue 17, item 15): a grid
 * of six counts recorded with the findings, one row of `audit_interviews` per filled cell.
 *
 * A blank cell is "not recorded" (no row) and 0 is "nobody of this group was interviewed": an
 * inspector who interviewed no migrant women says so with 0, which is a finding in itself.
 *
 * Who sees what (docs/permissions.md, "Interview counts"):
 * - the inspectorate that carried out the audit: the whole grid, on the audit page and in the
 *   audit report PDF;
 * - the audited company: the total only, and only once the report is issued (status "report
 *   issued"). The cells are small (one migrant woman among twelve people) and point to the
 *   person who spoke; the employer is the party those people must be protected from;
 * - anyone else (partners of a share): nothing.
 */
import { INTERVIEW_GENDERS, INTERVIEW_ORIGINS } from "#db/schema";
import { Invalid } from "../errors";

export type InterviewGender = (typeof INTERVIEW_GENDERS)[number];
export type InterviewOrigin = (typeof INTERVIEW_ORIGINS)[number];

// The groups' names are in the "actions" catalog (interviews.genders.*, interviews.origins.*), for pages and the audit report PDF alike.

/** Largest count accepted in a cell: a workplace's whole workforce, not a typo of extra digits. */
export const MAX_INTERVIEWS = 99_999;

/** The form's field of one cell: "interviews.woman.migrant". */
export const interviewField = (gender: InterviewGender, origin: InterviewOrigin) => `interviews.${gender}.${origin}`;

export interface InterviewCounts {
  /** count by gender, then origin; null where the cell was left blank. */
  cells: Record<InterviewGender, Record<InterviewOrigin, number | null>>;
  /** The sum of the recorded cells, or null when none was recorded. */
  total: number | null;
}

export const emptyCells = (): InterviewCounts["cells"] => ({ woman: { migrant: null, national: null }, man: { migrant: null, national: null }, other: { migrant: null, national: null } });

export function withTotal(cells: InterviewCounts["cells"]): InterviewCounts {
  const counts = INTERVIEW_GENDERS.flatMap((g) => INTERVIEW_ORIGINS.map((o) => cells[g][o])).filter((n): n is number => n !== null);
  return { cells, total: counts.length ? counts.reduce((a, b) => a + b, 0) : null };
}

/**
 * Checks the six cells as typed (`fields` holds the form's strings); throws Invalid naming the
 * first wrong cell. Returns the counts, blanks as null.
 */
export function checkInterviews(fields: Record<string, string>): InterviewCounts {
  const cells = emptyCells();
  for (const g of INTERVIEW_GENDERS) {
    for (const o of INTERVIEW_ORIGINS) {
      const typed = (fields[interviewField(g, o)] ?? "").trim();
      if (typed === "") continue;
      if (!/^\d+$/.test(typed) || Number(typed) > MAX_INTERVIEWS) {
        throw new Invalid(interviewField(g, o), "actions:errors.interviewCell", { gender: g, origin: o, max: MAX_INTERVIEWS, got: typed.slice(0, 20) });
      }
      cells[g][o] = Number(typed);
    }
  }
  return withTotal(cells);
}

/** The grid's cells from a submitted form, or null when the form did not hold the grid (left as it is). */
export function interviewFieldsOf(form: { get(name: string): unknown }): Record<string, string> | null {
  if (typeof form.get(interviewField("woman", "migrant")) !== "string") return null;
  return Object.fromEntries(INTERVIEW_GENDERS.flatMap((g) => INTERVIEW_ORIGINS.map((o) => [interviewField(g, o), String(form.get(interviewField(g, o)) ?? "")])));
}
