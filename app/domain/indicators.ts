/**
 * The observed risk indicators the platform records: the 11 ILO indicators of forced labour (ILO
 * SAP-FL, 2012; names and order from fixtures/reference/ilo_forced_labour_indicators.csv) plus the
 * recruitment indicators of DESIGN.md section 5. Codes are stable identifiers used in imports,
 * findings and the methodology; labels are for people and live in the `indicators` catalog
 * (`indicators:ilo.<code>`, `indicators:recruitment.<code>`, `indicators:question.<code>`, issue 18).
 * `label` and INDICATOR_QUESTIONS are the English entries, for the domain's English texts (stored
 * score lines, CSV codes' names); pages translate with indicatorLabelKey / indicatorQuestionKey.
 */
import en from "../i18n/catalogs/en/indicators.json";

export interface Indicator {
  code: string;
  label: string;
  group: "ilo" | "recruitment";
  /** ILO booklet number for the ILO indicators. */
  iloNumber?: number;
}

export const INDICATORS = [
  { code: "abuse_of_vulnerability", label: en.ilo.abuse_of_vulnerability, group: "ilo", iloNumber: 1 },
  { code: "deception", label: en.ilo.deception, group: "ilo", iloNumber: 2 },
  { code: "restriction_of_movement", label: en.ilo.restriction_of_movement, group: "ilo", iloNumber: 3 },
  { code: "isolation", label: en.ilo.isolation, group: "ilo", iloNumber: 4 },
  { code: "physical_sexual_violence", label: en.ilo.physical_sexual_violence, group: "ilo", iloNumber: 5 },
  { code: "intimidation_threats", label: en.ilo.intimidation_threats, group: "ilo", iloNumber: 6 },
  { code: "retention_of_documents", label: en.ilo.retention_of_documents, group: "ilo", iloNumber: 7 },
  { code: "withholding_of_wages", label: en.ilo.withholding_of_wages, group: "ilo", iloNumber: 8 },
  { code: "debt_bondage", label: en.ilo.debt_bondage, group: "ilo", iloNumber: 9 },
  { code: "abusive_conditions", label: en.ilo.abusive_conditions, group: "ilo", iloNumber: 10 },
  { code: "excessive_overtime", label: en.ilo.excessive_overtime, group: "ilo", iloNumber: 11 },
  { code: "worker_paid_fees", label: en.recruitment.worker_paid_fees, group: "recruitment" },
  { code: "contract_substitution", label: en.recruitment.contract_substitution, group: "recruitment" },
  { code: "recruitment_debt", label: en.recruitment.recruitment_debt, group: "recruitment" },
  { code: "unlicensed_recruiter", label: en.recruitment.unlicensed_recruiter, group: "recruitment" },
  { code: "agency_subcontracting", label: en.recruitment.agency_subcontracting, group: "recruitment" },
] as const satisfies readonly Indicator[];

export type IndicatorCode = (typeof INDICATORS)[number]["code"];

/**
 * Each indicator as a plain question a worker, a manager or an auditor can answer yes or no ("yes"
 * means the indicator is present). The "what would narrow this range most" list asks these, and a
 * supplier questionnaire can later ask the same ones.
 */
export const INDICATOR_QUESTIONS: Record<IndicatorCode, string> = en.question;

export const INDICATOR_CODES: readonly string[] = INDICATORS.map((i) => i.code);

export function isIndicatorCode(code: string): code is IndicatorCode {
  return INDICATOR_CODES.includes(code);
}

type IloCode = Extract<(typeof INDICATORS)[number], { group: "ilo" }>["code"];
type RecruitmentCode = Extract<(typeof INDICATORS)[number], { group: "recruitment" }>["code"];
const GROUP = new Map<string, "ilo" | "recruitment">(INDICATORS.map((i) => [i.code, i.group]));

/** The catalog key of an indicator's name: "indicators:ilo.debt_bondage" (the ILO's own wording in EN/FR/ES). */
export function indicatorLabelKey(code: IndicatorCode): `indicators:ilo.${IloCode}` | `indicators:recruitment.${RecruitmentCode}` {
  return GROUP.get(code) === "ilo" ? `indicators:ilo.${code as IloCode}` : `indicators:recruitment.${code as RecruitmentCode}`;
}

/** The catalog key of an indicator's plain yes/no question. */
export const indicatorQuestionKey = (code: IndicatorCode): `indicators:question.${IndicatorCode}` => `indicators:question.${code}`;
