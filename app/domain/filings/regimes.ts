/**
 * The regimes a company files under, as data (decision 036): each names its legal basis and the
 * version of our template, the languages a reader expects, who must approve, when it is due, and
 * how its required parts map onto the one narrative (the statement's sections) and the platform's
 * figures. A section written once serves every regime that asks for it.
 *
 * Checked against public guidance on 2026-12-03; what a template could not confirm from an official
 * text is said in decision 036 and printed in the template's notes, never silently assumed.
 */
import { addDays, addMonths, format, parseISO } from "date-fns";

/** The narrative's sections: written once per statement (a company and a period), versioned. */
export const SECTION_CODES = [
  "structure",
  "policies",
  "due_diligence",
  "risk_assessment",
  "actions",
  "effectiveness",
  "training",
  "grievance",
  "remediation",
  "consultation",
] as const;
export type SectionCode = (typeof SECTION_CODES)[number];

/**
 * The figures a narrative may insert (`{{suppliers_assessed}}`): computed from the data, never typed.
 * Shown live while drafting, with the date they are as of; fixed in the issued filing.
 */
export const FIGURE_CODES = [
  "suppliers_listed",
  "suppliers_assessed",
  "suppliers_high_or_critical",
  "share_high_or_critical",
  "suppliers_unscored",
  "countries",
  "recruiters",
  "audits_completed",
  "findings_open",
  "actions_overdue",
  "grievances_received",
  "grievances_resolved",
  "fees_repaid",
  "questionnaires_answered",
] as const;
export type FigureCode = (typeof FIGURE_CODES)[number];

export const REGIME_CODES = ["uk_msa", "au_msa", "ca_s211", "eu_flr", "us_uflpa"] as const;
export type RegimeCode = (typeof REGIME_CODES)[number];

/** Who approves a statement: the role printed beside the approving person's name. */
export const APPROVER_ROLES = ["director", "board", "governing_body", "responsible_member", "partner", "officer"] as const;
export type ApproverRole = (typeof APPROVER_ROLES)[number];

/** UK registry's turnover bands (the registry asks for one). */
export const TURNOVER_BANDS = ["under_36m", "36m_60m", "60m_100m", "100m_500m", "over_500m"] as const;
export type TurnoverBand = (typeof TURNOVER_BANDS)[number];

/** A periodic statement (UK, Australia, Canada) or the answer to a request (EU, US). */
export type RegimeKind = "statement" | "request";

export interface RegimePart {
  /** The part's code: its heading is `reports:filing.<regime>.parts.<code>` in the report's language. */
  code: string;
  /** The narrative sections it is written from, in this order. */
  sections: SectionCode[];
  /** The figures printed with it. */
  figures: FigureCode[];
  /** For a request pack: the part that lists the supply chain's tiers with their evidence. */
  tracing?: boolean;
}

export interface Regime {
  code: RegimeCode;
  kind: RegimeKind;
  /** The law, as cited. */
  legalBasis: string;
  /** Our template's version: printed on the filing, so a reader knows which mapping produced it. */
  templateVersion: string;
  /** The languages a reader of this filing expects; the first is the default (decision 036). */
  languages: string[];
  approverRoles: ApproverRole[];
  parts: RegimePart[];
  /** The most pages the filed PDF may have (Canada: 10, 20 when bilingual). */
  pageLimit?: number;
}

const every: FigureCode[] = ["suppliers_listed", "suppliers_assessed", "countries"];

export const REGIMES: Record<RegimeCode, Regime> = {
  // Modern Slavery Act 2015, s.54(4)–(6): approved by the board (or equivalent) and signed by a
  // director; s.54(5) lists six areas a statement may cover, which the registry asks about.
  uk_msa: {
    code: "uk_msa",
    kind: "statement",
    legalBasis: "Modern Slavery Act 2015 (UK), section 54",
    templateVersion: "uk-msa/2026.1",
    languages: ["en"],
    approverRoles: ["board", "director", "partner", "governing_body"],
    parts: [
      { code: "structure", sections: ["structure"], figures: every },
      { code: "policies", sections: ["policies"], figures: [] },
      { code: "due_diligence", sections: ["due_diligence", "grievance"], figures: ["audits_completed", "questionnaires_answered", "grievances_received", "grievances_resolved"] },
      { code: "risk_assessment", sections: ["risk_assessment"], figures: ["suppliers_assessed", "suppliers_high_or_critical", "share_high_or_critical", "suppliers_unscored"] },
      { code: "effectiveness", sections: ["actions", "effectiveness", "remediation"], figures: ["findings_open", "actions_overdue", "fees_repaid"] },
      { code: "training", sections: ["training"], figures: [] },
    ],
  },
  // Modern Slavery Act 2018 (Cth), s.16(1)(a)–(g): the seven mandatory criteria; approved by the
  // principal governing body and signed by a responsible member (s.13(2)).
  au_msa: {
    code: "au_msa",
    kind: "statement",
    legalBasis: "Modern Slavery Act 2018 (Cth), section 16",
    templateVersion: "au-msa/2026.1",
    languages: ["en"],
    approverRoles: ["governing_body", "board", "responsible_member", "director"],
    parts: [
      { code: "a_entity", sections: [], figures: [] },
      { code: "b_structure", sections: ["structure"], figures: every },
      { code: "c_risks", sections: ["risk_assessment"], figures: ["suppliers_assessed", "suppliers_high_or_critical", "share_high_or_critical", "suppliers_unscored", "recruiters"] },
      { code: "d_actions", sections: ["policies", "due_diligence", "actions", "grievance", "remediation"], figures: ["audits_completed", "findings_open", "grievances_received", "grievances_resolved", "fees_repaid"] },
      { code: "e_effectiveness", sections: ["effectiveness"], figures: ["actions_overdue", "questionnaires_answered"] },
      { code: "f_consultation", sections: ["consultation"], figures: [] },
      // Not "g_other": a catalog key ending in "_other" is a plural form to i18next (and its test).
      { code: "g_other_information", sections: ["training"], figures: [] },
    ],
  },
  // Fighting Against Forced Labour and Child Labour in Supply Chains Act (S.C. 2023, c. 9), s.11:
  // approved by the governing body with an attestation (s.11(4)–(5)); Public Safety Canada's
  // guidance: a PDF of at most 10 pages (20 when in both official languages), plus its online
  // questionnaire.
  ca_s211: {
    code: "ca_s211",
    kind: "statement",
    legalBasis: "Fighting Against Forced Labour and Child Labour in Supply Chains Act (S.C. 2023, c. 9), section 11",
    templateVersion: "ca-s211/2026.1",
    languages: ["en", "fr"],
    approverRoles: ["governing_body", "board", "director"],
    pageLimit: 10,
    parts: [
      { code: "structure", sections: ["structure"], figures: every },
      { code: "policies", sections: ["policies", "due_diligence"], figures: ["audits_completed", "questionnaires_answered"] },
      { code: "risks", sections: ["risk_assessment"], figures: ["suppliers_assessed", "suppliers_high_or_critical", "share_high_or_critical", "suppliers_unscored"] },
      { code: "remediation", sections: ["actions", "remediation"], figures: ["findings_open", "actions_overdue", "fees_repaid"] },
      { code: "income", sections: ["grievance"], figures: ["grievances_received", "grievances_resolved"] },
      { code: "training", sections: ["training"], figures: [] },
      { code: "effectiveness", sections: ["effectiveness"], figures: [] },
    ],
  },
  // Regulation (EU) 2024/3015, art. 17–19: a competent authority's request for information in the
  // preliminary phase; the operator answers within the deadline the request sets. Applies from
  // 14 December 2027.
  eu_flr: {
    code: "eu_flr",
    kind: "request",
    legalBasis: "Regulation (EU) 2024/3015 on prohibiting products made with forced labour on the Union market, Article 17",
    templateVersion: "eu-flr/2026.1",
    languages: ["en", "de", "fr", "es"],
    approverRoles: ["director", "officer", "board"],
    parts: [
      { code: "operator", sections: ["structure"], figures: [] },
      { code: "products", sections: [], figures: [], tracing: true },
      { code: "due_diligence", sections: ["policies", "due_diligence", "risk_assessment", "actions", "remediation"], figures: ["suppliers_assessed", "audits_completed", "findings_open", "fees_repaid"] },
    ],
  },
  // Uyghur Forced Labor Prevention Act (Public Law 117-78), s.3; CBP's guidance for importers: an
  // applicability review shows the supply chain from the raw material, with the parties and the
  // documents for each stage.
  us_uflpa: {
    code: "us_uflpa",
    kind: "request",
    legalBasis: "Uyghur Forced Labor Prevention Act (Public Law 117-78), section 3; CBP operational guidance for importers",
    templateVersion: "us-uflpa/2026.1",
    languages: ["en"],
    approverRoles: ["officer", "director"],
    parts: [
      { code: "importer", sections: ["structure"], figures: [] },
      { code: "tracing", sections: [], figures: [], tracing: true },
      { code: "due_diligence", sections: ["due_diligence", "risk_assessment", "actions"], figures: ["suppliers_assessed", "audits_completed"] },
    ],
  },
};

/** The sections a regime asks for, each once, in the order its parts need them. */
export function sectionsOf(regime: RegimeCode): SectionCode[] {
  return [...new Set(REGIMES[regime].parts.flatMap((p) => p.sections))];
}

const iso = (d: Date) => format(d, "yyyy-MM-dd");

/**
 * The financial year that ends on `yearEnd` ("MM-DD") in `year`: its first and last day. A 29
 * February year end falls back to the 28th in a common year.
 */
export function financialYear(yearEnd: string, year: number): { from: string; to: string } {
  const m = Number(yearEnd.slice(0, 2));
  const d = Number(yearEnd.slice(3, 5));
  // Local dates throughout: date-fns formats in local time, so parse and build in it too.
  const dayIn = (y: number) => new Date(y, m - 1, Math.min(d, new Date(y, m, 0).getDate()));
  return { from: iso(addDays(dayIn(year - 1), 1)), to: iso(dayIn(year)) };
}

/**
 * When a statement for a period ending `periodEnd` is due: the UK (guidance) and Australia
 * (s.13(2)(c)) six months after the period's end; Canada on the first 31 May after the financial
 * year ends (s.11(1): "on or before May 31 of each year", on the previous financial year).
 */
export function statementDue(regime: RegimeCode, periodEnd: string): string | null {
  switch (regime) {
    case "uk_msa":
    case "au_msa":
      return iso(addMonths(parseISO(periodEnd), 6));
    case "ca_s211": {
      const year = Number(periodEnd.slice(0, 4));
      return periodEnd < `${year}-05-31` ? `${year}-05-31` : `${year + 1}-05-31`;
    }
    default:
      return null;
  }
}
