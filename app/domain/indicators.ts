/**
 * The observed risk indicators the platform records: the 11 ILO indicators of forced labour (ILO
 * SAP-FL, 2012; names and order from fixtures/reference/ilo_forced_labour_indicators.csv) plus the
 * recruitment indicators of DESIGN.md section 5. Codes are stable identifiers used in imports,
 * findings and the methodology; labels are for people and live in the `indicators` catalog
 * (`indicators:ilo.<code>`, `indicators:recruitment.<code>`, `indicators:question.<code>`, issue 18).
 * `label` and INDICATOR_QUESTIONS repeat the English entries for the domain's English texts (stored
 * score lines, PDFs); a unit test keeps them equal to the catalog (tests/unit/indicator-labels.test.ts).
 * Pages translate with indicatorLabelKey / indicatorQuestionKey.
 */
export interface Indicator {
  code: string;
  label: string;
  group: "ilo" | "recruitment";
  /** ILO booklet number for the ILO indicators. */
  iloNumber?: number;
}

export const INDICATORS = [
  { code: "abuse_of_vulnerability", label: "Abuse of vulnerability", group: "ilo", iloNumber: 1 },
  { code: "deception", label: "Deception", group: "ilo", iloNumber: 2 },
  { code: "restriction_of_movement", label: "Restriction of movement", group: "ilo", iloNumber: 3 },
  { code: "isolation", label: "Isolation", group: "ilo", iloNumber: 4 },
  { code: "physical_sexual_violence", label: "Physical and sexual violence", group: "ilo", iloNumber: 5 },
  { code: "intimidation_threats", label: "Intimidation and threats", group: "ilo", iloNumber: 6 },
  { code: "retention_of_documents", label: "Retention of identity documents", group: "ilo", iloNumber: 7 },
  { code: "withholding_of_wages", label: "Withholding of wages", group: "ilo", iloNumber: 8 },
  { code: "debt_bondage", label: "Debt bondage", group: "ilo", iloNumber: 9 },
  { code: "abusive_conditions", label: "Abusive working and living conditions", group: "ilo", iloNumber: 10 },
  { code: "excessive_overtime", label: "Excessive overtime", group: "ilo", iloNumber: 11 },
  { code: "worker_paid_fees", label: "Recruitment fees paid by workers", group: "recruitment" },
  { code: "contract_substitution", label: "Contract substitution or deception at recruitment", group: "recruitment" },
  { code: "recruitment_debt", label: "Recruitment debt", group: "recruitment" },
  { code: "unlicensed_recruiter", label: "Unlicensed or uncertified recruiter", group: "recruitment" },
  { code: "agency_subcontracting", label: "Use of labour agencies or subcontracting", group: "recruitment" },
] as const satisfies readonly Indicator[];

export type IndicatorCode = (typeof INDICATORS)[number]["code"];

/**
 * Each indicator as a plain question a worker, a manager or an auditor can answer yes or no ("yes"
 * means the indicator is present). The "what would narrow this range most" list asks these, and a
 * supplier questionnaire can later ask the same ones.
 */
export const INDICATOR_QUESTIONS: Record<IndicatorCode, string> = {
  abuse_of_vulnerability: "Does the employer take advantage of workers who cannot easily leave, for example because of their migration status, language or lack of other work?",
  deception: "Were workers deceived about the nature of the work, the pay or the conditions when they were hired?",
  restriction_of_movement: "Are workers prevented from leaving the workplace or their housing freely outside working hours?",
  isolation: "Are workers cut off from the outside world, for example at a remote site or without a phone?",
  physical_sexual_violence: "Have workers been hit, assaulted or sexually abused at work or in employer housing?",
  intimidation_threats: "Are workers threatened, for example with dismissal, denunciation to the authorities or violence?",
  retention_of_documents: "Does the employer or a recruiter keep workers' passports or identity papers?",
  withholding_of_wages: "Are wages held back, paid late or kept to stop workers from leaving?",
  debt_bondage: "Do workers owe the employer or a recruiter a debt they have to work off?",
  abusive_conditions: "Are working or living conditions degrading or dangerous (housing, food, safety)?",
  excessive_overtime: "Do workers have to work more overtime than the law allows, or without a choice?",
  worker_paid_fees: "Do workers pay recruitment fees?",
  contract_substitution: "Were workers given a different contract on arrival from the one they signed at recruitment?",
  recruitment_debt: "Did workers borrow money to pay for their recruitment or travel?",
  unlicensed_recruiter: "Are workers recruited through an agent without a valid licence or certification?",
  agency_subcontracting: "Are workers employed through labour agencies or subcontractors rather than directly?",
};

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
