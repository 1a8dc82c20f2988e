/**
 * Watchlist matcher (ADR 016): precision and recall on the labelled pairs of
 * fixtures/watchlists/labelled-pairs.csv, and the time to match 100k generated supplier names
 * against 1,000 entries beside a baseline (exact lookup of the same names in a Map, which finds
 * only the names written identically). Run alone: `node --import tsx tests/bench/watchlists.ts [--quick]`.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Papa from "papaparse";
import { CANDIDATE_THRESHOLD, nameSimilarity, WatchlistIndex, type WatchlistEntry } from "../../app/domain/watchlists/matching";

export interface LabelledResult {
  pairs: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  /** The pairs the matcher gets wrong, for the reader. */
  wrong: string[];
}

export function labelledPairs(file = "fixtures/watchlists/labelled-pairs.csv", threshold = CANDIDATE_THRESHOLD): LabelledResult {
  const text = readFileSync(file, "utf8").split(/\r?\n/).filter((l) => !l.startsWith("#")).join("\n");
  const rows = Papa.parse<{ a: string; b: string; label: string; case: string }>(text, { header: true, skipEmptyLines: true }).data;
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const wrong: string[] = [];
  for (const r of rows) {
    const s = nameSimilarity(r.a, r.b);
    const predicted = s >= threshold;
    const same = r.label === "same";
    if (predicted && same) tp++;
    else if (predicted) fp++;
    else if (same) fn++;
    if (predicted !== same) wrong.push(`${r.a} / ${r.b} (${r.case}): ${s.toFixed(2)}`);
  }
  return { pairs: rows.length, truePositives: tp, falsePositives: fp, falseNegatives: fn, precision: tp / Math.max(1, tp + fp), recall: tp / Math.max(1, tp + fn), wrong };
}

/** A small deterministic generator (mulberry32). */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ["sinar", "jaya", "makmur", "golden", "harvest", "ocean", "pearl", "delta", "river", "blue", "green", "star", "sun", "rise", "nusantara", "samudera", "tianshan", "hengda", "baiyun", "xinhua", "dongfang", "hoang", "long", "minh", "phat", "andes", "norte", "sur", "esperanca", "boa", "nova", "karachi", "lahore", "anatolia", "severnye", "lesa", "global", "asia", "pacific", "royal", "united", "eastern", "western", "prime", "alpha", "apex", "summit", "lotus", "jade", "crown", "tiger", "eagle", "phoenix", "coral", "palm", "cedar", "maple", "silver", "iron", "bright"];
const TRADES = ["gloves", "rubber", "polysilicon", "textile", "garments", "seafood", "shrimp", "cotton", "bricks", "tomato", "steel", "solar", "fishing", "palm oil", "footwear", "apparel", "manpower", "recruiting", "agro", "foods", "chemical", "logistics", "electronics", "timber", "coffee", "cocoa", "sugar", "tea", "nickel", "cobalt"];
const FORMS = ["Sdn Bhd", "Co., Ltd.", "Ltd", "LLC", "GmbH", "S.A.", "S.A. de C.V.", "Ltda", "PT", "JSC", "OOO", "Inc.", "Pvt Ltd", "Berhad", "有限公司", ""];
const COUNTRIES = ["MY", "CN", "VN", "IN", "BR", "MX", "ID", "TH", "BD", "PK", "TR", "DE", "US", "NP", "PH"];
const CJK = ["天山", "新疆", "恒达", "白云", "东方", "新华", "金", "华", "宏", "昌", "盛", "达", "丰", "源"];

function generatedName(next: () => number): { name: string; country: string } {
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const country = pick(COUNTRIES);
  if (country === "CN" && next() < 0.3) return { name: `${pick(CJK)}${pick(CJK)}${pick(CJK)}${pick(["多晶硅", "纺织", "棉业", "化工", "食品"])}${pick(["有限公司", "股份有限公司", "集团有限公司", ""])}`, country };
  const n = 1 + Math.floor(next() * 2);
  const words = Array.from({ length: n }, () => pick(WORDS));
  const name = `${words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join(" ")} ${pick(TRADES).replace(/\b\w/g, (c) => c.toUpperCase())} ${pick(FORMS)}`.trim();
  return { name: name.startsWith("PT ") || !name.endsWith(" PT") ? name : `PT ${name.slice(0, -3)}`, country };
}

/** A variant of a listed name as a buyer's list might write it: case, punctuation, legal form, word order. */
function variant(name: string, next: () => number): string {
  const r = next();
  if (r < 0.25) return name.toUpperCase().replace(/[.,]/g, "");
  if (r < 0.5) return name.replace(/(Sdn Bhd|Co\., Ltd\.|Ltd|LLC|GmbH|S\.A\.|Ltda|JSC|OOO|Inc\.|Pvt Ltd|Berhad)$/, "Limited");
  if (r < 0.75) return name.split(" ").reverse().join(" ");
  return name.replace(/有限公司$/, "股份有限公司");
}

export interface MatchTiming {
  suppliers: number;
  entries: number;
  seconds: number;
  indexSeconds: number;
  baselineSeconds: number;
  candidates: number;
  planted: number;
  plantedFound: number;
  exactFound: number;
}

export function matchTiming(supplierCount: number, entryCount: number, seed = 7): MatchTiming {
  const next = rng(seed);
  const entries: WatchlistEntry[] = [];
  const seen = new Set<string>();
  while (entries.length < entryCount) {
    const g = generatedName(next);
    if (seen.has(g.name)) continue;
    seen.add(g.name);
    entries.push({ key: `e${entries.length}`, name: g.name, aliases: [], country: next() < 0.8 ? g.country : null });
  }
  // Suppliers: generated names, plus 1 in 500 a variant of a listed name (planted, to be found).
  const suppliers: { name: string; country: string | null; planted?: string }[] = [];
  for (let i = 0; i < supplierCount; i++) {
    if (i % 500 === 0) {
      const e = entries[Math.floor(next() * entries.length)]!;
      suppliers.push({ name: variant(e.name, next), country: e.country, planted: e.key });
    } else suppliers.push(generatedName(next));
  }
  // Baseline: the same names looked up exactly (lower case, trimmed) in a Map.
  let t = performance.now();
  const exact = new Map(entries.map((e) => [e.name.trim().toLowerCase(), e.key]));
  let exactFound = 0;
  for (const s of suppliers) if (exact.get(s.name.trim().toLowerCase()) !== undefined && s.planted) exactFound++;
  const baselineSeconds = (performance.now() - t) / 1000;

  t = performance.now();
  const index = new WatchlistIndex(entries);
  const indexSeconds = (performance.now() - t) / 1000;
  let candidates = 0;
  let plantedFound = 0;
  for (const s of suppliers) {
    const hits = index.match(s.name, s.country);
    candidates += hits.length;
    if (s.planted && hits.some((h) => h.key === s.planted)) plantedFound++;
  }
  const seconds = (performance.now() - t) / 1000;
  const planted = suppliers.filter((s) => s.planted).length;
  return { suppliers: supplierCount, entries: entryCount, seconds, indexSeconds, baselineSeconds, candidates, planted, plantedFound, exactFound };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const quick = process.argv.includes("--quick");
  const l = labelledPairs();
  console.log(`watchlist matcher, ${l.pairs} labelled pairs at threshold ${CANDIDATE_THRESHOLD}: precision ${l.precision.toFixed(3)}, recall ${l.recall.toFixed(3)} (TP ${l.truePositives}, FP ${l.falsePositives}, FN ${l.falseNegatives})`);
  for (const w of l.wrong) console.log(`  wrong: ${w}`);
  const m = matchTiming(quick ? 20_000 : 100_000, 1_000);
  console.log(
    `watchlist matching ${m.suppliers.toLocaleString("en-GB")} suppliers × ${m.entries.toLocaleString("en-GB")} entries: ${m.seconds.toFixed(2)} s (index ${(m.indexSeconds * 1000).toFixed(0)} ms), ${m.candidates} candidates, planted variants found ${m.plantedFound} of ${m.planted} | baseline exact Map lookup ${(m.baselineSeconds * 1000).toFixed(0)} ms, found ${m.exactFound} of ${m.planted} | ratio ${(m.seconds / m.baselineSeconds).toFixed(0)}`,
  );
}
