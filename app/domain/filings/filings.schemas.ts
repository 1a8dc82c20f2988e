/**
 * The filing forms' shapes (decision 036). Whether a value fits the regime and the company (a period
 * that is a financial year, a request's dates in order) is checked by filings.server.ts, which names
 * the field it refuses; here only the form's own shape.
 */
import { z } from "zod";
import { APPROVER_ROLES, REGIME_CODES, SECTION_CODES, TURNOVER_BANDS } from "./regimes";

/** A statement's section: long enough for a real statement's part, short enough to stay a statement. */
export const SECTION_MAX = 20_000;
const text = (max: number) => z.string().default("").transform((v) => v.trim()).pipe(z.string().max(max, "filings:errors.tooLong"));

export const ProfileSchema = z.object({
  intent: z.literal("profile"),
  financialYearEnd: z.string().default("").transform((v) => v.trim()).pipe(z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, "filings:errors.yearEnd")),
  turnoverBand: z.string().default("").transform((v) => v || null).pipe(z.enum(TURNOVER_BANDS, { message: "filings:errors.turnoverBand" }).nullable()),
  sectors: z.string().default("").transform((v) => [...new Set(v.split(/[,\n]/).map((s) => s.trim()).filter(Boolean))]).pipe(z.array(z.string().max(100, "filings:errors.sector")).max(20, "filings:errors.sectors")),
  regimes: z.union([z.string(), z.array(z.string())]).default([]).transform((v) => (Array.isArray(v) ? v : [v])).pipe(z.array(z.enum(REGIME_CODES, { message: "filings:errors.regime" }))),
  groupStatement: z.string().optional().transform((v) => v === "yes"),
});

export const StatementSchema = z.object({
  intent: z.literal("statement"),
  /** The year the financial year ends in: the period follows from the company's year end. */
  year: z.string().default("").pipe(z.string().regex(/^\d{4}$/, "filings:errors.year")).transform(Number),
});

export const SectionSchema = z.object({
  intent: z.literal("section"),
  section: z.enum(SECTION_CODES, { message: "filings:errors.section" }),
  body: text(SECTION_MAX),
  /** The version the writer started from: a save over someone else's newer version is refused, not lost. */
  baseVersion: z.string().default("0").transform(Number),
});

export const ApprovalSchema = z.object({
  intent: z.literal("approve"),
  approverName: text(200).pipe(z.string().min(1, "filings:errors.approverName")),
  approverRole: z.enum(APPROVER_ROLES, { message: "filings:errors.approverRole" }),
  approvedOn: z.string().default("").transform((v) => v.trim()),
  /** The page shows what is approved; the form says it again so nothing else is approved by accident. */
  versions: z.string().default(""),
});

export const FilingSchema = z.object({
  intent: z.literal("filing"),
  regime: z.enum(REGIME_CODES, { message: "filings:errors.regime" }),
  authority: text(200),
  reference: text(200),
  receivedOn: z.string().default("").transform((v) => v.trim()),
  dueOn: z.string().default("").transform((v) => v.trim()),
  product: text(200),
  rawMaterial: text(200),
});

/** Issue the filing of a regime for this statement (made on first issue), or a request's filing. */
export const IssueFilingSchema = z.object({
  intent: z.literal("issue"),
  regime: z.enum(REGIME_CODES, { message: "filings:errors.regime" }),
  filingId: z.string().default("").transform((v) => (/^\d{1,12}$/.test(v) ? Number(v) : null)),
  language: z.string().default(""),
  pageSize: z.string().default("A4").transform((v) => (v === "LETTER" ? ("LETTER" as const) : ("A4" as const))),
});

/** The overview page's forms. */
export const FilingsPageSchema = z.discriminatedUnion("intent", [ProfileSchema, StatementSchema, FilingSchema.extend({ statementId: z.string().default("").transform(Number) })]);
/** The statement page's forms. */
export const StatementPageSchema = z.discriminatedUnion("intent", [SectionSchema, ApprovalSchema, IssueFilingSchema]);
