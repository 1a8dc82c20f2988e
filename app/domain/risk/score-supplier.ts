/**
 * The supplier score (methodology section "supplier"): inherent context, observed indicators,
 * mitigations. Pure and deterministic: the same inputs, method and reference data always give
 * the same result, factor for factor.
 */
import { INDICATORS } from "../indicators";
import { matchGoods, normaliseTerm } from "./goods-matching";
import type { Methodology } from "./methodology";
import { assessCountry, factorLine, finish } from "./score-common";
import type { Factor, ObservedIndicator, ReferenceData, ScoreResult, SupplierInputs, TvpraGood } from "./types";

const LABELS = new Map<string, string>(INDICATORS.map((i) => [i.code, i.label]));
const NOT_VALID = new Set(["revoked", "expired", "none"]);

const contains = (text: string, term: string) => ` ${text} `.includes(` ${term} `);

function observed(o: ObservedIndicator): string {
  return `${o.present ? "yes" : "no"} (${o.source}${o.date ? `, ${o.date}` : ""})`;
}

function listing(row: TvpraGood): string {
  const kinds = [row.forcedChildLabour ? "forced child labour" : row.forcedLabour ? "forced labour" : null, row.childLabour ? "child labour" : null].filter(Boolean).join(" and ");
  return `${kinds}${row.downstream ? " (made with tainted inputs)" : ""}`;
}

function commodity(inputs: SupplierInputs, m: Methodology, reference: ReferenceData): Factor {
  const spec = m.supplier.commodity;
  if (!inputs.country || inputs.products.length === 0) return factorLine(spec, "commodity", "inherent", null, inputs.products.length === 0 ? "unknown: no products on the list" : "unknown: no country");
  const name = reference.countryNames.get(inputs.country) ?? inputs.country;
  const rows = reference.goodsByCountry.get(inputs.country) ?? [];
  const matches = matchGoods(inputs.products, reference.productTerms);
  let intensity = 0;
  const hits: string[] = [];
  const sources: string[] = [];
  for (const match of matches) {
    for (const row of rows) {
      if (!match.goods.includes(row.good)) continue;
      const base = row.forcedLabour || row.forcedChildLabour ? spec.forcedLabour : row.childLabour ? spec.childLabour : 0;
      intensity = Math.max(intensity, base * (row.downstream ? spec.downstreamFactor : 1));
      hits.push(`${match.term} → ${row.good}: ${listing(row)}`);
      sources.push(`${row.source}: ${row.good} — ${name} — ${listing(row)}`);
    }
  }
  const value = hits.length ? hits.join("; ") : `no product matches a good listed for ${name} (${inputs.products.join(", ")})`;
  return factorLine(spec, "commodity", "inherent", intensity, value, [...new Set(sources)]);
}

function uflpa(inputs: SupplierInputs, m: Methodology, reference: ReferenceData): Factor {
  const spec = m.supplier.uflpa;
  if (!inputs.country) return factorLine(spec, "uflpa", "inherent", null, "unknown: no country");
  if (inputs.country !== spec.country) return factorLine(spec, "uflpa", "inherent", 0, `not in ${reference.countryNames.get(spec.country) ?? spec.country}: the UFLPA presumption does not apply`);
  const texts = [...inputs.products, inputs.sector ?? ""].map(normaliseTerm).filter(Boolean);
  const hit = reference.uflpaSectors.find((s) => s.terms.some((t) => texts.some((x) => contains(x, t))));
  if (!hit) return factorLine(spec, "uflpa", "inherent", 0, "no product or sector in a UFLPA high-priority sector");
  return factorLine(spec, "uflpa", "inherent", 1, `${hit.sector} (high-priority since ${hit.designated})`, [`${hit.source}: ${hit.sector}`]);
}

interface SectorBaseline {
  intensity: number;
  value: string;
}

/** Sector baselines per method, by sector text: lists repeat a handful of sectors. */
const sectorCache = new WeakMap<Methodology, Map<string, SectorBaseline>>();

function sectorBaseline(text: string, m: Methodology): SectorBaseline {
  let cache = sectorCache.get(m);
  if (!cache) sectorCache.set(m, (cache = new Map()));
  let hit = cache.get(text);
  if (!hit) {
    const spec = m.supplier.sector;
    const normalised = normaliseTerm(text);
    const baseline = spec.baselines.find((b) => b.keywords.some((k) => contains(normalised, normaliseTerm(k))));
    hit = baseline ? { intensity: baseline.intensity, value: `${text}: ${baseline.name} (baseline ${baseline.intensity})` } : { intensity: spec.otherIntensity, value: `${text}: other sectors (baseline ${spec.otherIntensity})` };
    if (cache.size < 10_000) cache.set(text, hit);
  }
  return hit;
}

function sector(inputs: SupplierInputs, m: Methodology): Factor {
  const spec = m.supplier.sector;
  if (!inputs.sector?.trim()) return factorLine(spec, "sector", "inherent", null, "unknown");
  const b = sectorBaseline(inputs.sector, m);
  return factorLine(spec, "sector", "inherent", b.intensity, b.value);
}

export function scoreSupplier(inputs: SupplierInputs, m: Methodology, reference: ReferenceData): ScoreResult {
  const s = m.supplier;
  const factors: Factor[] = [];
  const redFlags: string[] = [];

  // 1. Inherent risk.
  if (inputs.country) {
    const c = assessCountry(inputs.country, reference, s.country);
    factors.push(factorLine(s.country, "country", "inherent", c.intensity, c.value, c.sources));
  } else {
    factors.push(factorLine(s.country, "country", "inherent", null, "unknown"));
  }
  for (const index of reference.countryIndexes) {
    const label = { ...s.countryIndex, label: `${s.countryIndex.label}: ${index.name}` };
    const value = inputs.country ? index.values.get(inputs.country) : undefined;
    factors.push(
      value === undefined
        ? factorLine(label, `country_index.${index.name}`, "inherent", null, inputs.country ? `${inputs.country} is not in ${index.name} ${index.edition}` : "unknown: no country")
        : factorLine(label, `country_index.${index.name}`, "inherent", value / 100, `${inputs.country}: ${value} of 100`, [`${index.source}: ${inputs.country}`]),
    );
  }
  factors.push(sector(inputs, m), commodity(inputs, m, reference), uflpa(inputs, m, reference));

  // 2. Observed indicators.
  for (const spec of s.indicators) {
    const o = inputs.indicators[spec.code];
    const line = factorLine({ label: LABELS.get(spec.code) ?? spec.code, weight: spec.weight }, `indicator.${spec.code}`, "observed", o ? (o.present ? 1 : 0) : null, o ? observed(o) : "unknown", o ? [`${o.source}${o.date ? `, ${o.date}` : ""}`] : []);
    if (o?.present && spec.redFlag) {
      line.redFlag = true;
      redFlags.push(spec.code);
    }
    factors.push(line);
  }
  const share = inputs.migrantShare;
  factors.push(factorLine(s.migrantShare, "migrant_share", "observed", share === null ? null : Math.min(1, share / s.migrantShare.saturation), share === null ? "unknown" : `${Math.round(share * 100)} % migrant workers`));
  const rs = inputs.recruiters;
  const withStatus = rs.filter((r) => r.licenceStatus !== "unknown");
  const unlicensed = withStatus.filter((r) => NOT_VALID.has(r.licenceStatus));
  factors.push(
    factorLine(
      s.recruiterLicence,
      "recruiter_licence",
      "observed",
      withStatus.length === 0 ? null : unlicensed.length ? 1 : 0,
      rs.length === 0 ? "unknown: no recruiter linked" : withStatus.length === 0 ? `${rs.length} linked, licence status unknown` : `${unlicensed.length} of ${rs.length} linked recruiters without a valid licence`,
    ),
  );
  const feesKnown = rs.filter((r) => r.feesChargedToWorkers !== null);
  const charging = feesKnown.filter((r) => r.feesChargedToWorkers);
  factors.push(
    factorLine(
      s.recruiterFees,
      "recruiter_fees",
      "observed",
      feesKnown.length === 0 ? null : charging.length ? 1 : 0,
      rs.length === 0 ? "unknown: no recruiter linked" : feesKnown.length === 0 ? `${rs.length} linked, fees unknown` : `${charging.length} of ${rs.length} linked recruiters charge workers fees`,
    ),
  );

  // 3. Mitigations (negative points).
  for (const spec of s.mitigations) {
    let o: ObservedIndicator | undefined = inputs.mitigations[spec.code];
    if (spec.code === "certified_recruiters" && !o && rs.length > 0 && rs.every((r) => r.certification?.trim())) {
      o = { present: true, source: "recruiter list", date: "" };
    }
    factors.push(factorLine(spec, `mitigation.${spec.code}`, "mitigation", o?.present ? 1 : null, o ? observed(o) : "not recorded", o?.present ? [`${o.source}${o.date ? `, ${o.date}` : ""}`] : []));
  }
  return finish(factors, redFlags, m);
}
