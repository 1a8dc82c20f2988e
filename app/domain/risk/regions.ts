/**
 * Sub-national regions (methodology version 2): a supplier's region is recognised from its region
 * column (an ISO 3166-2 code such as CN-XJ, or a name) or from its address, by the names and
 * spellings of the reference table "regions" (fixtures/reference/regions.csv, or an edition an
 * administrator uploads). Matching is transparent: Latin names match whole words, ignoring case
 * and diacritics (Ürümqi = Urumqi); Chinese names match as written. The text that matched is
 * returned so the breakdown can show it.
 */
import type { RegionRule } from "./types";

const HAN = /\p{Script=Han}/u;

/** One character as compared: lower case, diacritics dropped, anything but a letter or digit a space. */
function foldChar(c: string): string {
  const folded = c.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
  const first = folded[0] ?? " ";
  return /[\p{L}\p{N}]/u.test(first) ? first : " ";
}

/** A text folded character by character, so that positions stay those of the original. */
function fold(text: string): string {
  let out = "";
  for (const c of text) out += c.length === 1 ? foldChar(c) : c;
  return out;
}

/** A name or spelling as stored in a rule. */
export function normaliseRegionPattern(pattern: string): string {
  return fold(pattern.trim()).replace(/\s+/g, " ").trim();
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const regexCache = new Map<string, RegExp>();

function patternRegex(pattern: string): RegExp {
  let re = regexCache.get(pattern);
  if (!re) {
    re = HAN.test(pattern) ? new RegExp(escape(pattern), "u") : new RegExp(`(?<![\\p{L}\\p{N}])${pattern.split(" ").map(escape).join(" +")}(?![\\p{L}\\p{N}])`, "u");
    if (regexCache.size < 10_000) regexCache.set(pattern, re);
  }
  return re;
}

export interface RegionMatch {
  rule: RegionRule;
  field: "region" | "address";
  /** The text as written in the field that matched ("Ürümqi", "CN-XJ", "新疆"). */
  text: string;
}

/**
 * The first rule that recognises the supplier's region column, else its address. A rule applies
 * to suppliers of its country, or to suppliers whose country is not known.
 */
export function matchRegion(inputs: { country: string | null; address?: string; region?: string }, rules: readonly RegionRule[]): RegionMatch | null {
  const candidates = rules.filter((r) => !inputs.country || r.country === inputs.country);
  if (candidates.length === 0) return null;
  const fields: ["region" | "address", string | undefined][] = [
    ["region", inputs.region],
    ["address", inputs.address],
  ];
  for (const [field, raw] of fields) {
    if (!raw?.trim()) continue;
    const code = raw.trim().toUpperCase();
    const byCode = candidates.find((r) => r.code === code);
    if (byCode) return { rule: byCode, field, text: raw.trim() };
    const chars = [...raw];
    const folded = fold(raw);
    // The name that comes first in the text wins (the longer one at the same place).
    let best: { rule: RegionRule; index: number; match: string } | null = null;
    for (const rule of candidates) {
      for (const pattern of rule.patterns) {
        const hit = patternRegex(pattern).exec(folded);
        if (hit && (!best || hit.index < best.index || (hit.index === best.index && hit[0].length > best.match.length))) best = { rule, index: hit.index, match: hit[0] };
      }
    }
    if (best) {
      // fold() keeps one unit per character of the original (astral characters as they are).
      const before = [...folded.slice(0, best.index)].length;
      const length = [...best.match].length;
      return { rule: best.rule, field, text: chars.slice(before, before + length).join("") };
    }
  }
  return null;
}
