/**
 * A refused reference table in the reader's language (issue 18). Most refusals are a catalog key
 * with values, which the action contract translates; a table with problems in its rows lists each
 * one, and each is put in words here before the list is joined into one sentence.
 */
import { ReferenceTableProblems, type TableProblem } from "~/domain/reference/sources.server";
import { serverT, translateMessage } from "~/i18n/i18n.server";

const PROBLEM_KEYS = {
  empty: "reference.csv.problem.empty",
  notCountry: "reference.csv.problem.notCountry",
  notYesNo: "reference.csv.problem.notYesNo",
  notWholeNumber: "reference.csv.problem.notWholeNumber",
  notScore: "reference.csv.problem.notScore",
  notSubdivision: "reference.csv.problem.notSubdivision",
  notFloorBand: "reference.csv.problem.notFloorBand",
  notDate: "reference.csv.problem.notDate",
  duplicate: "reference.csv.problem.duplicate",
} as const;

/** One problem of a row: "row 3, value: "140" should be a number from 0 to 100". */
function problemText(locale: string, p: TableProblem): string {
  const t = serverT(locale, "admin");
  // Row numbers as a spreadsheet shows them (no thousands separator).
  const row = p.row;
  if (p.problem === "duplicate") return t(PROBLEM_KEYS.duplicate, { row, column: p.column, earlier: p.earlier, key: p.key });
  if (p.problem === "empty") return t(PROBLEM_KEYS.empty, { row, column: p.column });
  return t(PROBLEM_KEYS[p.problem], { row, column: p.column, value: p.value });
}

/** The message of a reference refusal in `locale`; anything else thrown is left alone (null). */
export function referenceRefusalText(locale: string, error: unknown): string | null {
  if (error instanceof ReferenceTableProblems) {
    const t = serverT(locale, "admin");
    const list = error.problems.map((p) => problemText(locale, p)).join("; ");
    return error.truncated ? t("reference.csv.problemsFirst", { list, count: error.problems.length }) : t("reference.csv.problems", { list, count: error.problems.length });
  }
  if (error instanceof Error && "values" in error) return translateMessage(locale, error.message, (error as { values?: Record<string, string | number> }).values);
  return null;
}
