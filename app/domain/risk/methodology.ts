/**
 * The shape of a methodology version (the method as data) and its validation. A version is a JSON
 * document (fixtures/methodology/v1.json ships as 1.0); the scorer reads weights, thresholds and
 * red flags from it, never from constants, so that a new version changes scores without a
 * release and every score can name the version that produced it.
 */
import { z } from "zod";

const text = z.string().min(1);
const weight = z.number().min(0).max(100);
const intensity = z.number().min(0).max(1);

const factor = z.object({
  label: text,
  weight,
  /** Where the input comes from, for people ("US DOL ILAB TVPRA list"). */
  source: text,
  /** Why the factor is in the method and weighs what it weighs. */
  rationale: text,
});

const indicator = z.object({
  code: text,
  weight,
  redFlag: z.boolean().default(false),
  rationale: text,
});

const mitigation = z.object({
  code: text,
  label: text,
  weight,
  rationale: text,
});

/**
 * Version 2: what an unobserved indicator is expected to be, given the context. Each signal that
 * holds for a supplier gives each indicator a probability (its default or a per-code value, times
 * the signal's strength 0–1); the prior is their noisy-OR with the base rate.
 */
const priorSignal = z.object({
  kind: z.enum(["tvpra_forced", "tvpra_child", "country", "sector", "uflpa", "migrant_share"]),
  label: text,
  source: text,
  rationale: text,
  default: intensity,
  /** Per line code ("worker_paid_fees", "migrant_share", "recruiter_fees" …) → probability. */
  codes: z.record(z.string(), intensity).default({}),
});

const priors = z.object({
  label: text,
  rationale: text,
  /** Probability of any indicator anywhere, before context. */
  base: intensity,
  signals: z.array(priorSignal).min(1),
});

/**
 * Version 2.1: a recruiter's unknown licence or fee practice counts its expected value too, the
 * noisy-OR of a base rate and of the riskiest recruitment corridor (its country intensity × the
 * line's probability). Absent in 2.0 and 1.x: unknown recruiter inputs count 0 there.
 */
const recruiterPriors = z.object({
  label: text,
  rationale: text,
  source: text,
  /** Per line ("licence", "fees"): probability before the corridor is known. */
  base: z.object({ licence: intensity, fees: intensity }),
  /** Per line: probability from the riskiest corridor, times its intensity (0–1). */
  corridor: z.object({ licence: intensity, fees: intensity }),
});

/**
 * Version 2.2: how much a supplier's own answer (an observation with basis "self-reported") is
 * worth. A self-reported present counts as a verified present; a self-reported absent takes only
 * `credit` of the prior off (weight × prior × (1 − credit)), spans weight × (1 − credit) of the
 * range and counts `credit` of its weight as observed; a self-reported mitigation counts `credit`
 * of its points. A method without this section gives a self-reported absence or mitigation no
 * credit at all (credit 0: the line stays at its prior).
 */
const selfReported = z.object({
  label: text,
  rationale: text,
  source: text,
  /** Below 1: a supplier's own word never makes an indicator certain. */
  credit: z.number().min(0).max(0.95),
  /**
   * Whether the credit moves a score only within the band it has without the answers (a floor
   * line "held in its band"): the supplier's own word narrows and lowers, but only verified
   * evidence takes a supplier out of a band.
   */
  holdsBand: z.boolean(),
});

export const methodologySchema = z.object({
  version: z.string().regex(/^\d+\.\d+(\.\d+)?(-[a-z0-9-]+)?$/, "admin:methodology.schema.versionFormat"),
  name: text,
  effective: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "admin:methodology.schema.dateFormat"),
  summary: text,
  /** Lower bounds of the bands above "low". */
  bands: z
    .object({ medium: z.number(), high: z.number(), critical: z.number() })
    .refine((b) => 0 < b.medium && b.medium < b.high && b.high < b.critical && b.critical <= 100, "admin:methodology.schema.bandsRise"),
  /** A red flag present lifts the score to at least this (the "high" threshold in version 1). */
  redFlagFloor: z.number().min(0).max(100),
  /** Version 2: unknown observed lines count their expected value (absent in version 1: 0). */
  priors: priors.optional(),
  /**
   * Version 2: sub-national regions (reference table "regions") are recognised from the address
   * and the region column; a region rule with a floor band lifts the score to that band's threshold.
   */
  regions: factor.optional(),
  /** Version 2.2: the weight of self-reported answers (decision 031); absent before: no credit. */
  selfReported: selfReported.optional(),
  supplier: z.object({
    country: factor.extend({
      goodsForcedLabour: z.object({ share: intensity, saturation: z.number().int().positive() }),
      prohibitionBelowStandard: intensity,
      inspectorsBelowRatio: intensity,
      advancement: z.record(z.string(), intensity),
    }),
    countryIndex: factor,
    sector: factor.extend({
      baselines: z.array(z.object({ name: text, keywords: z.array(text).min(1), intensity })).min(1),
      otherIntensity: intensity,
    }),
    commodity: factor.extend({ forcedLabour: intensity, childLabour: intensity, downstreamFactor: intensity }),
    uflpa: factor.extend({ country: z.string().length(2) }),
    indicators: z.array(indicator).min(1),
    migrantShare: factor.extend({ saturation: z.number().positive().max(1) }),
    recruiterLicence: factor,
    recruiterFees: factor,
    mitigations: z.array(mitigation),
  }),
  recruiter: z.object({
    licence: factor.extend({ intensity: z.record(z.string(), intensity), redFlagStatuses: z.array(text) }),
    fees: factor,
    corridors: factor,
    complaints: factor.extend({ saturation: z.number().int().positive() }),
    servedSuppliers: factor,
    organisationsUsing: factor.extend({ saturation: z.number().int().positive() }),
    certification: factor,
    priors: recruiterPriors.optional(),
  }),
});

export type Methodology = z.infer<typeof methodologySchema>;

/**
 * One problem the schema found: the field's path ("supplier.indicators.0.weight"; empty for the
 * document itself) and what is wrong, as a catalog key for the method's own rules
 * (`admin:methodology.schema.*`) or in zod's own technical words (about JSON types, as technical as
 * the definition itself). The page says it in the reader's language (methodology-text.ts).
 */
export interface MethodologyIssue {
  path: string;
  message: string;
}

/** A definition the schema refused: each issue names the wrong field by its path. */
export class MethodologyInvalid extends Error {
  override name = "MethodologyInvalid";
  constructor(readonly issues: MethodologyIssue[]) {
    // For logs only (a stored version that no longer parses is a bug): readers get the issues in words.
    super(`methodology refused by its schema: ${issues.map((i) => `${i.path || "(top)"} ${i.message}`).join("; ")}`);
  }
}

/** Checks a definition; the error names each wrong field with its path (the first ten). */
export function parseMethodology(json: unknown): Methodology {
  const result = methodologySchema.safeParse(json);
  if (result.success) return result.data;
  throw new MethodologyInvalid(result.error.issues.slice(0, 10).map((i) => ({ path: i.path.join("."), message: i.message })));
}
