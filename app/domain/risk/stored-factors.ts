/**
 * How a score's breakdown is stored: compactly. A breakdown has ~30 lines, most of them "unknown"
 * with nothing to say, and each line repeats its label, layer and weight, which the methodology
 * version already holds. Stored, a line is a tuple [code, value, contribution, known, sources,
 * red flag], unknown lines are left out, and both are restored from the methodology on reading:
 * the breakdown read back is the one computed (tested), at a seventh of the size.
 *
 * Under a method with priors (version 2) every unknown line explains its expected value with the
 * same context signals and cites the same sources, which made a row ~8 KB again. So a tuple may
 * refer to an earlier one: `sources` 0 means "the same sources as the last line citing more than
 * one", and `value` may be a list of " + "-separated segments where 0 means "the segment at the
 * same place in the last value that had several". Both are exact (joining the segments gives the
 * text back; tested to round-trip) and rows stored before keep reading as they were.
 */
import { INDICATORS } from "../indicators";
import type { Methodology } from "./methodology";
import type { Factor, FactorLayer } from "./types";

type Entity = "supplier" | "recruiter";
type Line = { code: string; label: string; layer: FactorLayer; weight: number };
type Segments = (string | 0)[];
type Stored = [code: string, value: string | Segments, contribution: number, known: 0 | 1, sources: string[] | 0, redFlag: 0 | 1];

const SEPARATOR = " + ";

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** The value as segments referring to the reference line's (given split), when that saves anything. */
function valueAgainst(segments: string[], previous: string[] | null): string | Segments {
  if (previous === null) return segments.join(SEPARATOR);
  let shared = 0;
  const out: Segments = segments.map((part, i) => (part === previous[i] ? (shared++, 0) : part));
  return shared ? out : segments.join(SEPARATOR);
}

function valueFrom(stored: string | Segments, previous: string[] | null): string {
  if (!Array.isArray(stored)) return stored;
  return stored.map((part, i) => (part === 0 ? previous?.[i] ?? "" : part)).join(SEPARATOR);
}

const LABELS = new Map<string, string>(INDICATORS.map((i) => [i.code, i.label]));

/** The lines every breakdown of this entity has, in the scorer's order. */
export function factorCatalogue(m: Methodology, entity: Entity): Line[] {
  if (entity === "recruiter") {
    const r = m.recruiter;
    return [
      { code: "licence", ...r.licence, layer: "observed" },
      { code: "fees", ...r.fees, layer: "observed" },
      { code: "corridors", ...r.corridors, layer: "inherent" },
      { code: "complaints", ...r.complaints, layer: "observed" },
      { code: "served_suppliers", ...r.servedSuppliers, layer: "observed" },
      { code: "organisations_using", ...r.organisationsUsing, layer: "observed" },
      { code: "certification", ...r.certification, layer: "mitigation" },
    ].map(({ code, label, layer, weight }) => ({ code, label, layer: layer as FactorLayer, weight }));
  }
  const s = m.supplier;
  const line = (code: string, spec: { label: string; weight: number }, layer: FactorLayer): Line => ({ code, label: spec.label, weight: spec.weight, layer });
  return [
    line("country", s.country, "inherent"),
    line("sector", s.sector, "inherent"),
    line("commodity", s.commodity, "inherent"),
    line("uflpa", s.uflpa, "inherent"),
    ...(m.regions ? [line("region", { ...m.regions, weight: 0 }, "inherent")] : []),
    ...s.indicators.map((i) => line(`indicator.${i.code}`, { label: LABELS.get(i.code) ?? i.code, weight: i.weight }, "observed")),
    line("migrant_share", s.migrantShare, "observed"),
    line("recruiter_licence", s.recruiterLicence, "observed"),
    line("recruiter_fees", s.recruiterFees, "observed"),
    ...s.mitigations.map((x) => line(`mitigation.${x.code}`, x, "mitigation")),
  ];
}

const unknownValue = (layer: FactorLayer) => (layer === "mitigation" ? "not recorded" : "unknown");

const isPlainUnknown = (f: Factor) => !f.known && f.contribution === 0 && f.sources.length === 0 && !f.redFlag && f.value === unknownValue(f.layer);

const catalogueCodes = new WeakMap<Methodology, Record<Entity, Set<string>>>();

function codesOf(m: Methodology, entity: Entity): Set<string> {
  let codes = catalogueCodes.get(m);
  if (!codes) catalogueCodes.set(m, (codes = { supplier: new Set(factorCatalogue(m, "supplier").map((l) => l.code)), recruiter: new Set(factorCatalogue(m, "recruiter").map((l) => l.code)) }));
  return codes[entity];
}

/** The breakdown as stored: catalogue lines as tuples (plain unknown ones left out), others whole. */
export function compactFactors(factors: Factor[], m: Methodology, entity: Entity): (Stored | Factor)[] {
  const known = codesOf(m, entity);
  const out: (Stored | Factor)[] = [];
  let previousSources: string[] | null = null;
  let previousSegments: string[] | null = null;
  for (const f of factors) {
    // A self-reported line (version 2.2) is stored whole: the tuple has no place for its basis and credit.
    if (!known.has(f.code) || f.basis) out.push(f);
    else if (!isPlainUnknown(f)) {
      const sources = previousSources && sameList(f.sources, previousSources) ? 0 : f.sources;
      const segments = f.value.includes(SEPARATOR) ? f.value.split(SEPARATOR) : null;
      out.push([f.code, segments ? valueAgainst(segments, previousSegments) : f.value, f.contribution, f.known ? 1 : 0, sources, f.redFlag ? 1 : 0]);
      if (f.sources.length > 1) previousSources = f.sources;
      if (segments) previousSegments = segments;
    }
  }
  return out;
}

/** The full breakdown back from its stored form (full Factor objects are taken as they are). */
export function expandFactors(stored: unknown[], m: Methodology, entity: Entity): Factor[] {
  const byCode = new Map<string, Factor>();
  const extra: Factor[] = [];
  const catalogue = factorCatalogue(m, entity);
  const lines = new Map(catalogue.map((l) => [l.code, l]));
  let previousSources: string[] | null = null;
  let previousSegments: string[] | null = null;
  for (const item of stored) {
    if (Array.isArray(item)) {
      const [code, value, contribution, known, sources, redFlag] = item as Stored;
      const l = lines.get(code) ?? { code, label: code, layer: "observed" as FactorLayer, weight: 0 };
      const f: Factor = {
        code,
        layer: l.layer,
        label: l.label,
        value: valueFrom(value, previousSegments),
        weight: l.weight,
        contribution,
        known: known === 1,
        sources: sources === 0 ? [...(previousSources ?? [])] : sources,
      };
      if (redFlag === 1) f.redFlag = true;
      byCode.set(code, f);
      if (f.sources.length > 1) previousSources = f.sources;
      if (f.value.includes(SEPARATOR)) previousSegments = f.value.split(SEPARATOR);
    } else {
      const f = item as Factor;
      if (lines.has(f.code)) byCode.set(f.code, f);
      else extra.push(f);
    }
  }
  const out: Factor[] = [];
  for (const l of catalogue) {
    out.push(byCode.get(l.code) ?? { code: l.code, layer: l.layer, label: l.label, value: unknownValue(l.layer), weight: l.weight, contribution: 0, known: false, sources: [] });
    // Country indexes follow the country line, as the scorer writes them.
    if (l.code === "country") out.push(...extra.filter((f) => f.code.startsWith("country_index.")));
  }
  out.push(...extra.filter((f) => !f.code.startsWith("country_index.")));
  return out;
}
