/**
 * The supplier score (methodology section "supplier"): inherent context, observed indicators,
 * mitigations. Pure and deterministic: the same inputs, method and reference data always give
 * the same result, factor for factor.
 */
import { INDICATORS } from "../indicators";
import { matchGoods, normaliseTerm } from "./goods-matching";
import type { Methodology } from "./methodology";
import { matchRegion } from "./regions";
import { assessCountry, bandOf, factorLine, finish, round1, type Floor } from "./score-common";
import { watchlistLine } from "./watchlist-line";
import type { Factor, ObservedIndicator, ReferenceData, ScoreResult, SupplierInputs, TvpraGood } from "./types";

type SignalKind = NonNullable<Methodology["priors"]>["signals"][number]["kind"];

/** The context signals that hold for one supplier, each with its strength 0–1 and its citation. */
type Signals = Map<SignalKind, { strength: number; detail: string; sources: string[] }>;

const LABELS = new Map<string, string>(INDICATORS.map((i) => [i.code, i.label]));
const NOT_VALID = new Set(["revoked", "expired", "none"]);

const contains = (text: string, term: string) => ` ${text} `.includes(` ${term} `);

const selfReported = (o: ObservedIndicator | undefined) => o?.basis === "self-reported";

/** "yes (import 12, 2026-03-04)"; "no (self-reported, questionnaire 3, 2026-12-02)" for a supplier's own answer. */
function observed(o: ObservedIndicator): string {
  return `${o.present ? "yes" : "no"} (${selfReported(o) ? "self-reported, " : ""}${o.source}${o.date ? `, ${o.date}` : ""})`;
}

const citation = (o: ObservedIndicator) => `${o.source}${o.date ? `, ${o.date}` : ""}`;

function listing(row: TvpraGood): string {
  const kinds = [row.forcedChildLabour ? "forced child labour" : row.forcedLabour ? "forced labour" : null, row.childLabour ? "child labour" : null].filter(Boolean).join(" and ");
  return `${kinds}${row.downstream ? " (made with tainted inputs)" : ""}`;
}

function commodity(inputs: SupplierInputs, m: Methodology, reference: ReferenceData, signals: Signals): Factor {
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
      const source = `${row.source}: ${row.good} — ${name} — ${listing(row)}`;
      sources.push(source);
      const kind: SignalKind = row.forcedLabour || row.forcedChildLabour ? "tvpra_forced" : "tvpra_child";
      const strength = row.downstream ? spec.downstreamFactor : 1;
      const known = signals.get(kind);
      if (!known || known.strength < strength) signals.set(kind, { strength, detail: `${row.good} — ${name}${row.downstream ? " (tainted inputs)" : ""}`, sources: [source] });
    }
  }
  const value = hits.length ? hits.join("; ") : `no product matches a good listed for ${name} (${inputs.products.join(", ")})`;
  return factorLine(spec, "commodity", "inherent", intensity, value, [...new Set(sources)]);
}

function uflpa(inputs: SupplierInputs, m: Methodology, reference: ReferenceData, signals: Signals): Factor {
  const spec = m.supplier.uflpa;
  if (!inputs.country) return factorLine(spec, "uflpa", "inherent", null, "unknown: no country");
  if (inputs.country !== spec.country) return factorLine(spec, "uflpa", "inherent", 0, `not in ${reference.countryNames.get(spec.country) ?? spec.country}: the UFLPA presumption does not apply`);
  const texts = [...inputs.products, inputs.sector ?? ""].map(normaliseTerm).filter(Boolean);
  const hit = reference.uflpaSectors.find((s) => s.terms.some((t) => texts.some((x) => contains(x, t))));
  if (!hit) return factorLine(spec, "uflpa", "inherent", 0, "no product or sector in a UFLPA high-priority sector");
  signals.set("uflpa", { strength: 1, detail: hit.sector, sources: [`${hit.source}: ${hit.sector}`] });
  return factorLine(spec, "uflpa", "inherent", 1, `${hit.sector} (high-priority since ${hit.designated})`, [`${hit.source}: ${hit.sector}`]);
}

interface SectorBaseline {
  intensity: number;
  value: string;
}

/** Sector baselines per method, by sector text: lists repeat a handful of sectors. */
const sectorCache = new WeakMap<Methodology, Map<string, SectorBaseline>>();

/** Whether the method recognises a sector (one of its baselines), rather than counting it as "other". */
export function isKnownSector(text: string, m: Methodology): boolean {
  const normalised = normaliseTerm(text);
  return m.supplier.sector.baselines.some((b) => b.keywords.some((k) => contains(normalised, normaliseTerm(k))));
}

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
  const signals: Signals = new Map();
  const floors: Floor[] = [];

  // 1. Inherent risk.
  if (inputs.country) {
    const c = assessCountry(inputs.country, reference, s.country);
    factors.push(factorLine(s.country, "country", "inherent", c.intensity, c.value, c.sources));
    if (c.intensity > 0) signals.set("country", { strength: c.intensity, detail: `${inputs.country} ${Math.round(c.intensity * 1000) / 1000}`, sources: c.sources });
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
  const sectorLine = sector(inputs, m);
  if (sectorLine.known) {
    const b = sectorBaseline(inputs.sector!, m);
    signals.set("sector", { strength: b.intensity, detail: b.value, sources: [s.sector.source] });
  }
  factors.push(sectorLine, commodity(inputs, m, reference, signals), uflpa(inputs, m, reference, signals));
  if (m.regions) factors.push(region(inputs, m, reference, redFlags, floors));
  if (inputs.migrantShare !== null && inputs.migrantShare > 0) {
    signals.set("migrant_share", { strength: Math.min(1, inputs.migrantShare / s.migrantShare.saturation), detail: `${Math.round(inputs.migrantShare * 100)} % migrant workers`, sources: [s.migrantShare.source] });
  }
  const expect = expectation(m, signals);

  // 2. Observed indicators.
  const credit = m.selfReported?.credit ?? 0;
  let credited = 0;
  for (const spec of s.indicators) {
    const o = inputs.indicators[spec.code];
    const label = { label: LABELS.get(spec.code) ?? spec.code, weight: spec.weight };
    const unknown = (keep?: number) => expect(factorLine(label, `indicator.${spec.code}`, "observed", null, "unknown"), spec.code, keep);
    // A self-reported absence keeps (1 − credit) of the prior (decision 031); a self-reported present is a present.
    const line = !o ? unknown() : selfReported(o) && !o.present ? discounted(unknown(1 - credit), o, credit) : factorLine(label, `indicator.${spec.code}`, "observed", o.present ? 1 : 0, observed(o), [citation(o)]);
    // The points the answer took off, as the lines are rounded (for the band hold below).
    if (line.credit !== undefined) credited += unknown().contribution - line.contribution;
    if (selfReported(o)) line.basis = "self-reported";
    if (o?.present && spec.redFlag) {
      line.redFlag = true;
      redFlags.push(spec.code);
    }
    factors.push(line);
  }
  const share = inputs.migrantShare;
  factors.push(expect(factorLine(s.migrantShare, "migrant_share", "observed", share === null ? null : Math.min(1, share / s.migrantShare.saturation), share === null ? "unknown" : `${Math.round(share * 100)} % migrant workers`), "migrant_share"));
  const rs = inputs.recruiters;
  const withStatus = rs.filter((r) => r.licenceStatus !== "unknown");
  const unlicensed = withStatus.filter((r) => NOT_VALID.has(r.licenceStatus));
  factors.push(
    expect(factorLine(
      s.recruiterLicence,
      "recruiter_licence",
      "observed",
      withStatus.length === 0 ? null : unlicensed.length ? 1 : 0,
      rs.length === 0 ? "unknown: no recruiter linked" : withStatus.length === 0 ? `${rs.length} linked, licence status unknown` : `${unlicensed.length} of ${rs.length} linked recruiters without a valid licence`,
    ), "recruiter_licence"),
  );
  const feesKnown = rs.filter((r) => r.feesChargedToWorkers !== null);
  const charging = feesKnown.filter((r) => r.feesChargedToWorkers);
  factors.push(
    expect(factorLine(
      s.recruiterFees,
      "recruiter_fees",
      "observed",
      feesKnown.length === 0 ? null : charging.length ? 1 : 0,
      rs.length === 0 ? "unknown: no recruiter linked" : feesKnown.length === 0 ? `${rs.length} linked, fees unknown` : `${charging.length} of ${rs.length} linked recruiters charge workers fees`,
    ), "recruiter_fees"),
  );

  // 3. Mitigations (negative points).
  for (const spec of s.mitigations) {
    let o: ObservedIndicator | undefined = inputs.mitigations[spec.code];
    if (spec.code === "certified_recruiters" && !o && rs.length > 0 && rs.every((r) => r.certification?.trim())) {
      o = { present: true, source: "recruiter list", date: "" };
    }
    // A self-reported mitigation counts `credit` of its points (none under a method without the section).
    const counts = !o?.present ? null : selfReported(o) ? (credit > 0 ? credit : null) : 1;
    const line = factorLine(spec, `mitigation.${spec.code}`, "mitigation", counts, o ? observed(o) : "not recorded", o?.present ? [citation(o)] : []);
    if (selfReported(o)) {
      line.basis = "self-reported";
      credited -= line.contribution;
    }
    factors.push(line);
  }
  // Last (not a catalogue line: stored whole and read back after the catalogue, in this order).
  if (m.priors && inputs.watchlist?.length) factors.push(watchlistLine(inputs.watchlist, m, redFlags, floors));
  // A red flag the supplier says is absent may still be present: the top of the range keeps its floor.
  const unknownRedFlag = s.indicators.some((i) => {
    const o = inputs.indicators[i.code];
    return i.redFlag && (!o || (selfReported(o) && !o.present));
  });
  const held = bandHold(factors, m, inputs, credited);
  return finish(factors, redFlags, m, { floors, unknownRedFlag, scoreFloors: held ? [held] : [] });
}

/**
 * Version 2: an unknown observed line counts its expected value, weight × prior, where the prior is
 * the noisy-OR of the base rate and of each context signal that holds (its probability for this
 * line × the signal's strength). Version 1 (no priors) leaves unknown lines at 0.
 */
function expectation(m: Methodology, signals: Signals): (line: Factor, code: string, keep?: number) => Factor {
  const priors = m.priors;
  if (!priors) return (line) => line;
  // `keep`: the share of the expected value counted (below 1 for a self-reported absence, decision 031).
  return (line, code, keep = 1) => {
    if (line.known) return line;
    let absent = 1 - priors.base;
    const parts = [`base ${priors.base}`];
    const sources: string[] = [];
    for (const signal of priors.signals) {
      const held = signals.get(signal.kind);
      if (!held) continue;
      const p = (signal.codes[code] ?? signal.default) * held.strength;
      if (p <= 0) continue;
      absent *= 1 - p;
      parts.push(`${signal.label} (${held.detail}) ${Math.round(p * 1000) / 1000}`);
      sources.push(...held.sources);
    }
    const prior = Math.round((1 - absent) * 1000) / 1000;
    return {
      ...line,
      value: `unknown: expected ${prior.toFixed(2)} from ${parts.join(" + ")} (noisy-OR)`,
      contribution: round1(line.weight * prior * keep),
      sources: [...new Set(sources)],
    };
  };
}

/**
 * Version 2.2: an indicator the supplier itself says is absent. `line` is the unknown line with
 * (1 − credit) of its expected value counted; it stays not known (it may still be present) and
 * carries the credit, which narrows its span in the range and counts in the confidence
 * (score-common.ts). Its value leads with the answer, then how much of the prior is left.
 */
function discounted(line: Factor, o: ObservedIndicator, credit: number): Factor {
  const expected = line.value.startsWith("unknown: ") ? `: counts ${round3(1 - credit)} of the ${line.value.slice("unknown: ".length)}` : "";
  return { ...line, value: `${observed(o)}${expected}`, sources: [citation(o), ...line.sources], credit };
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;

/**
 * Version 2.2 (`selfReported.holdsBand`): the points the supplier's own answers took off
 * (`credited`: the credited share of each self-reported absence's prior, each self-reported
 * mitigation's points, as the lines are rounded)
 * move the score within the band it has without them, never below that band's threshold: only
 * verified evidence takes a supplier out of a band (decision 031). A floor for the score only,
 * not for the range: the range is what the score becomes once the answers are verified.
 */
function bandHold(factors: Factor[], m: Methodology, inputs: SupplierInputs, credited: number): Floor | null {
  if (!m.selfReported?.holdsBand || credited <= 0) return null;
  const without = round1(Math.min(100, factors.reduce((t, f) => t + f.contribution, 0) + credited));
  const band = bandOf(without, m.bands);
  if (band === "low") return null;
  const level = m.bands[band];
  const answers = Object.values(inputs.indicators).filter(selfReported).length + Object.values(inputs.mitigations).filter(selfReported).length;
  return {
    code: "self_reported_floor",
    label: "Held in its band: self-reported answers",
    level,
    value: `without the supplier's ${answers} self-reported ${answers === 1 ? "answer" : "answers"} the score would be ${round1(without)} (the "${band}" band); its own word lowers the score within that band, not below ${level}: only verified evidence moves a supplier to a lower band`,
    sources: [m.selfReported.source],
  };
}

/** Version 2: the sub-national region, recognised from the region column or the address. */
function region(inputs: SupplierInputs, m: Methodology, reference: ReferenceData, redFlags: string[], floors: Floor[]): Factor {
  const spec = { ...m.regions!, weight: 0 };
  if (!inputs.address?.trim() && !inputs.region?.trim()) return factorLine(spec, "region", "inherent", null, "unknown");
  const hit = matchRegion(inputs, reference.regions);
  if (!hit) return factorLine(spec, "region", "inherent", 0, "no region with a rule recognised in the address or region");
  const { rule } = hit;
  const sources = [rule.basis, rule.source];
  const line = factorLine(spec, "region", "inherent", 0, `${rule.code} ${rule.name}: "${hit.text}" in the ${hit.field === "region" ? "region column" : "address"}${rule.floorBand ? `; at least ${rule.floorBand}` : ""}`, sources);
  if (rule.floorBand && rule.floorBand !== "low") {
    line.redFlag = true;
    redFlags.push(`region.${rule.code}`);
    const level = m.bands[rule.floorBand];
    floors.push({ code: "region_floor", label: `Region floor: ${rule.name}`, level, value: `${rule.code} ${rule.name}: the score is lifted to ${level} (the "${rule.floorBand}" band) whatever else is known; ${rule.basis}`, sources });
  }
  return line;
}
