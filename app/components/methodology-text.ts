/**
 * The methodology form's words in the reader's language (issue 18): a parameter's name, a line of
 * what a version changes, a refusal beside a field. The domain hands over what each thing *is*
 * (app/domain/risk/methodology-draft.ts); the words are the catalogs'. A factor label an
 * administrator wrote into a version is data and is shown as written (`factorLabel`).
 *
 * Used by the pages (labels) and by their loaders and actions (the differences and refusals are
 * answered as text, as every refusal is).
 */
import type { TFunction } from "i18next";
import { factorLabel, indicatorName } from "~/components/risk/risk-text";
import type { Difference, DraftMessage, ParameterSubject } from "~/domain/risk/methodology-draft";
import type { MethodologyIssue } from "~/domain/risk/methodology";
import type { Formats } from "~/i18n/format";

export type AdminT = TFunction<["admin", "risk", "indicators"]>;
type RiskT = Parameters<typeof factorLabel>[0];
type AnyT = (key: string, options?: Record<string, unknown>) => string;

const BAND_KEYS = { medium: "methodology.param.bandStart.medium", high: "methodology.param.bandStart.high", critical: "methodology.param.bandStart.critical" } as const;
const BAND_MEANING_KEYS = { medium: "methodology.param.bandMeaning.medium", high: "methodology.param.bandMeaning.high", critical: "methodology.param.bandMeaning.critical" } as const;

/** "Start of the high band", "Country context", "Debt bondage: weight". */
export function parameterLabel(t: AdminT, s: ParameterSubject): string {
  const risk = t as unknown as RiskT;
  switch (s.kind) {
    case "band":
      return t(BAND_KEYS[s.band]);
    case "redFlagFloor":
      return t("methodology.param.floor");
    case "factor":
      return factorLabel(risk, s);
    case "indicatorWeight":
      return t("methodology.param.indicatorWeight", { indicator: indicatorName(risk, s.code) });
    case "indicatorFlag":
      return t("methodology.param.indicatorFlag", { indicator: indicatorName(risk, s.code) });
  }
}

/** The platform's own explanation of a parameter, where the method does not give one. */
export function platformMeaning(t: AdminT, s: ParameterSubject): string | null {
  if (s.kind === "band") return t(BAND_MEANING_KEYS[s.band]);
  if (s.kind === "redFlagFloor") return t("methodology.param.floorMeaning");
  if (s.kind === "indicatorFlag") return t("methodology.param.flagMeaning");
  return null;
}

const round = (n: number) => Math.round(n * 100) / 100;

/** One change a version makes, as a sentence. */
export function differenceText(t: AdminT, format: Formats, d: Difference): string {
  if (d.kind === "other") return t("methodology.diff.other", { path: d.path });
  if (d.kind === "flag") {
    const indicator = d.subject.kind === "indicatorFlag" ? indicatorName(t as unknown as RiskT, d.subject.code) : parameterLabel(t, d.subject);
    return d.on ? t("methodology.diff.flagOn", { indicator }) : t("methodology.diff.flagOff", { indicator });
  }
  const values = { label: parameterLabel(t, d.subject), value: format.number(d.value), was: format.number(d.was), delta: format.number(round(Math.abs(d.value - d.was))) };
  return d.value > d.was ? t("methodology.diff.up", values) : t("methodology.diff.down", values);
}

/** A refusal of the draft form; a parameter's names it (`label`). Numbers in the reader's format. */
export function draftMessageText(t: AdminT, format: Formats, m: DraftMessage, label?: string): string {
  const values: Record<string, unknown> = { label: label ?? "" };
  for (const [k, v] of Object.entries(m.values ?? {})) values[k] = typeof v === "number" ? format.number(v) : v;
  if (m.issues) values.problems = m.issues.map((i) => schemaIssueText(t, i)).join("; ");
  return (t as unknown as AnyT)(m.key, values);
}

/** A catalog key as the schema's own rules give it ("admin:methodology.schema.bandsRise"). */
const KEY = /^[a-z]+:[A-Za-z0-9_.]+$/;

/**
 * One problem the method's schema found: its path as written in the definition (the JSON's own
 * names, which the administrator pasted), and the method's own rules in words; zod's messages
 * about JSON types are technical, as the definition is, and stay as zod says them.
 */
export function schemaIssueText(t: AdminT, issue: MethodologyIssue): string {
  const problem = KEY.test(issue.message) ? (t as unknown as AnyT)(issue.message) : issue.message;
  return issue.path ? t("methodology.errors.problemAt", { path: issue.path, problem }) : problem;
}
