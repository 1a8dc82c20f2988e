/**
 * Scoring in memory: n generated suppliers (varied countries, sectors, products, indicators and
 * recruiters) scored with the shipped method against the real reference data: every factor with
 * its value, contribution and citations. The raw baseline of the same run is the bare arithmetic
 * (a weighted sum of the present indicators and a country lookup, no explanation), so the ratio
 * is what the explanations cost. The inputs hash, computed when a score is stored, is timed apart.
 */
import { loadReferenceData } from "../../app/domain/reference/reference-data.server";
import { inputsHash } from "../../app/domain/risk/inputs-hash.server";
import { activeMethodology } from "../../app/domain/risk/methodology-store.server";
import { scoreSupplier } from "../../app/domain/risk/score-supplier";
import type { ObservedIndicator, SupplierInputs } from "../../app/domain/risk/types";
import { INDICATOR_CODES } from "../../app/domain/indicators";
import { freshDb } from "./import";

const COUNTRIES = ["MY", "TH", "VN", "IN", "CN", "BD", "TR", "BR", "CI", "GH", "QA", "AE", "ES", "DE", "PL", "PH", "ID", "MX", null];
const SECTORS = ["Agriculture", "Construction", "Fishing", "Manufacturing", "Mining", "Hospitality", "Logistics", "Textiles", null];
const PRODUCTS = ["Palm oil", "Cotton yarn", "Shrimp", "Fish", "Cocoa", "Coffee", "Sugarcane", "Bricks", "Garments", "Electronics", "Rice", "Tomatoes", "Machine parts"];
const LICENCES = ["valid", "expired", "revoked", "none", "unknown"];

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function* generatedInputs(n: number, seed = 7): Generator<SupplierInputs> {
  const r = rng(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(r() * list.length)]!;
  for (let i = 0; i < n; i++) {
    const indicators: Record<string, ObservedIndicator> = {};
    for (const code of INDICATOR_CODES) if (r() < 0.15) indicators[code] = { present: r() < 0.3, source: "supplier list, import 1", date: "2026-11-01" };
    const recruiters = r() < 0.3 ? [{ licenceStatus: pick(LICENCES), feesChargedToWorkers: r() < 0.5 ? r() < 0.4 : null, certification: r() < 0.2 ? "IOM IRIS" : null }] : [];
    yield {
      country: pick(COUNTRIES),
      sector: pick(SECTORS),
      products: [pick(PRODUCTS), pick(PRODUCTS)].sort(),
      workersTotal: Math.floor(r() * 3000),
      migrantShare: r() < 0.8 ? Math.round(r() * 100) / 100 : null,
      femaleShare: null,
      indicators,
      recruiters,
      mitigations: {},
    };
  }
}

export async function benchScoringInMemory(n: number) {
  const db = await freshDb("scoring.db");
  const { methodology, version } = await activeMethodology(db);
  const reference = await loadReferenceData(db);
  db.$client.close();
  const inputs = [...generatedInputs(n)];

  const weights = new Map(methodology.supplier.indicators.map((i) => [i.code, i.weight]));
  let t = performance.now();
  let raw = 0;
  for (const i of inputs) {
    let sum = i.country && reference.findings.has(i.country) ? 5 : 0;
    for (const code in i.indicators) if (i.indicators[code]!.present) sum += weights.get(code) ?? 0;
    raw += Math.min(100, sum);
  }
  const baselineSeconds = (performance.now() - t) / 1000;

  t = performance.now();
  let total = 0;
  for (const i of inputs) total += scoreSupplier(i, methodology, reference).score;
  const seconds = (performance.now() - t) / 1000;

  t = performance.now();
  let check = 0;
  for (const i of inputs) check += inputsHash("supplier", i, version, reference.versionIds).length;
  const hashSeconds = (performance.now() - t) / 1000;
  if (!(total > 0) || !(raw > 0) || check === 0) throw new Error("scoring produced nothing");
  return { seconds, perSecond: n / seconds, baselineSeconds, hashSeconds };
}
