/** The data each report is drawn from: plain, already ordered, already cut to what may be shown. */
import type { InterviewGender } from "~/domain/audits/interviews";
import type { FigureCode, RegimeCode, SectionCode } from "~/domain/filings/regimes";
import type { Factor } from "~/domain/risk/types";
import type { PageSize } from "./lib/pdf";

export interface Provenance {
  /** Report id printed on every page. */
  id: string;
  issuer: string;
  dataAsOf: Date;
  pageSize: PageSize;
  methodology: string | null;
  references: string[];
  /** SHA-256 of the canonical data, printed on the last page. */
  dataHash: string;
  /** The report's language (an interface language code): a parameter of the report. */
  language: string;
  /** `<PUBLIC_BASE_URL>/verify?q=<id>`: printed and drawn as a QR code, so part of what the bytes depend on. */
  verifyUrl: string;
}

export interface EvidenceLine {
  name: string;
  sha256: string;
}

export interface FindingLine {
  indicator: string;
  result: string;
  description: string;
  workersInterviewed: number | null;
  evidence: EvidenceLine[];
}

export interface ActionLine {
  description: string;
  owner: string;
  dueOn: string;
  status: string;
  overdue: boolean;
  indicator: string;
}

export interface AuditLine {
  id: number;
  inspectorate: string;
  type: string;
  window: string;
  status: string;
  findings: FindingLine[];
}

export interface SupplierProfileData {
  company: string;
  supplier: {
    externalId: string;
    name: string;
    address: string | null;
    country: string;
    sector: string | null;
    products: string[];
    tier: number | null;
    workersTotal: number | null;
    migrantShare: number | null;
    femaleShare: number | null;
  };
  /** low/high: the range (methodology 2), null for a score stored before version 2. */
  score: { score: number; band: string; confidence: number; low: number | null; high: number | null; redFlags: string[]; computedAt: number; inputsHash: string } | null;
  factors: Factor[];
  audits: AuditLine[];
  actions: ActionLine[];
  history: { at: number; score: number }[];
  recruiters: { name: string; licence: string; fees: string; corridors: string }[];
}

export interface SupplierRow {
  externalId: string;
  name: string;
  country: string | null;
  sector: string | null;
  score: number | null;
  band: string | null;
  redFlags: number;
  /** The range and confidence (methodology 2); null when not scored or stored before version 2. */
  low: number | null;
  high: number | null;
  confidence: number | null;
}

export interface CompanyReportData {
  company: string;
  period: { from: string; to: string };
  totals: { suppliers: number; scored: number; recruiters: number; countries: number; workers: number; redFlagSuppliers: number; meanScore: number | null };
  bands: { band: string; suppliers: number }[];
  heatmap: { countries: string[]; sectors: string[]; allCountries: number; allSectors: number; cells: { country: string; sector: string; suppliers: number; meanScore: number | null }[] };
  /** `code`: the factor's code, for its name in the report's language. */
  drivers: { code?: string; label: string; suppliers: number }[];
  topRisks: SupplierRow[];
  recruiters: { name: string; country: string | null; licence: string; fees: string; score: number | null; band: string | null; low: number | null; high: number | null; confidence: number | null; suppliers: number }[];
  corridors: { origin: string; destination: string; suppliers: number; recruiters: number; charging: number }[];
  audits: { total: number; byType: [string, number][]; byStatus: [string, number][] };
  findings: { indicator: string; minor: number; major: number; critical: number }[];
  actions: { byStatus: [string, number][]; overdue: number; total: number };
  contests: { raised: number; open: number; answered: number; closed: number };
  /**
   * The recruitment-fee ledger per currency as of the data date (issue 19): identified, repaid,
   * confirmed by workers, overdue instalments. Absent in reports issued before the ledger existed,
   * which therefore render exactly as they did.
   */
  fees?: { currency: string; identified: number; repaid: number; confirmed: number; overdue: number; overdueAmount: number }[];
  scoreChanges: { rescored: number; rose: number; fell: number };
  methodology: { name: string; version: string; effective: string; summary: string; weights: [string, string, number][] };
  references: { name: string; edition: string; citation: string }[];
  annex: SupplierRow[];
}

export interface AuditReportData {
  inspectorate: string;
  workplace: { name: string; externalId: string; address: string | null; country: string; sector: string | null; company: string };
  audit: { id: number; type: string; status: string; /** In the workplace's zone (`zone`). */ window: string; zone: string; /** The same window in the inspectorate's zone, where the clocks differ. */ inspectorateWindow?: { window: string; zone: string } | null; followUpOf: number | null; /** The follow-up audits scheduled after this one (not cancelled), oldest first. */ followedUpBy?: number[] };
  team: { name: string; role: string }[];
  /** Every indicator of the checklist, assessed or not. */
  checklist: { indicator: string; result: string | null; description: string; workersInterviewed: number | null; evidence: EvidenceLine[] }[];
  /** Workers interviewed by gender (rows, the last "All") and migrant status; null: none recorded. */
  /** `group`: a gender code (#db/schema INTERVIEW_GENDERS) or "all"; named in the report's language when rendered. */
  interviews: { group: InterviewGender | "all"; migrant: number | null; national: number | null; all: number | null }[] | null;
  actions: ActionLine[];
  lead: string;
}

/** A part of a group's name: words as they are, a number, a country's ISO code, or a name of its own. */
export type NamePart = string | number | { country: string } | GroupName;

/** A group's name as a catalog key ("regulator:pool.countries") with values, translated when shown (app/domain/reports/group-names.ts). */
export interface GroupName {
  key: string;
  values?: Record<string, NamePart>;
}

export interface Group {
  /** The name in English, or the data's own words (a sector, a recruiter). */
  label: string;
  /** The name the platform gave the group, to be translated; absent for names that are data. */
  name?: GroupName;
  suppliers: number;
  companies?: number;
  /** Risk bands: suppliers of the band whose range (every unknown present) reaches a higher band. */
  higher?: number | null;
}

export interface RegulatorSummaryData {
  regulator: string;
  period: { from: string; to: string };
  submissions: { company: string; reportId: string; title: string; submittedAt: string; supersedes: string | null }[];
  companies: number;
  suppliers: number;
  minimumGroup: number;
  bands: Group[];
  countries: Group[];
  sharedRecruiters: Group[];
  corridors: (Group & { charging: number })[];
  sectors: Group[];
  /** Groups in no cell shown, even after pooling small ones into regions and sector families. */
  suppressed: number;
  suppressedSuppliers: number;
  /** Small groups shown inside a pooled cell. */
  pooled: number;
}

/**
 * A filing (decision 036): a regime's rendering of the company's approved statement, its figures
 * as of the data, and for a request pack the supply chain traced for the product. Sections arrive
 * as written, naming figures (`{{suppliers_assessed}}`); the renderer inserts them in the report's
 * language from `figures`, which holds every figure.
 */
export interface FilingData {
  regime: RegimeCode;
  company: { name: string; turnoverBand: string | null; sectors: string[]; financialYearEnd: string | null; groupStatement: boolean };
  period: { from: string; to: string };
  /** Every section the regime asks for, in its parts' order; `body` null when never written. */
  sections: { code: SectionCode; version: number | null; body: string | null }[];
  /** The approval over exactly these section versions; null when not approved (a draft is never issued). */
  approval: { name: string; role: string; approvedOn: string } | null;
  figures: { code: FigureCode; value: number | null }[];
  /**
   * The day (or instant) the figures were computed as of, printed in the closing ("Figures computed
   * by the platform from its records as of …"); the report's data-as-of when absent.
   */
  figuresAsOf?: string;
  /** The id of the platform's full due-diligence report for the period, when one was issued: named in the closing. */
  fullReportId?: string;
  /**
   * The data annex (decision 036): the company due-diligence report's data for the period, printed
   * after the filing's own parts (every regime but Canada's, whose report has a page limit).
   */
  annex?: CompanyReportData;
  /** EU and US request packs: the request being answered. */
  request?: { authority: string; reference: string; receivedOn: string; dueOn: string; product: string; rawMaterial: string | null };
  /**
   * EU and US request packs: the suppliers making the product, by tier (1 = direct), each with its
   * parent (the next tier down the chain it supplies) and the evidence the platform holds for it.
   */
  tiers?: { tier: number | null; suppliers: { id: number; name: string; country: string; products: string[]; parentId: number | null; band: string | null; evidence: { kind: string; label: string; date: string | null; sha256?: string }[] }[] }[];
}
