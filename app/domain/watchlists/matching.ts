/**
 * Name matching against watchlists (UFLPA Entity List, CBP WRO/Findings, national "dirty lists",
 * recruiter blacklists). Pure and deterministic: no database, no clock.
 *
 * 1. Normalise: NFKD, accents stripped, lower case, punctuation to spaces, `&` → and; legal forms
 *    removed in many languages (Sdn Bhd, Co. Ltd, GmbH, S.A. de C.V., Ltda, PT … Tbk, OOO,
 *    有限公司, 股份有限公司, 集团 …). Latin words become tokens; a run of CJK characters becomes
 *    its character bigrams (Chinese names are not written with spaces).
 * 2. Compare as token sets (word order does not matter): a soft Jaccard where two tokens count as
 *    the same when equal (a plural "s" dropped), when their skeletons agree (transliteration
 *    variants: Mohammed / Muhammad, Rasheed / Rashid; not Sinkiang / Xinjiang), or when their
 *    Jaro-Winkler similarity is at least 0.92 (typos, Hussain / Husain).
 * 3. Blocking: entries are indexed by token and by skeleton; a name is compared only with the
 *    entries that share one of them, which keeps 100k names × 1,000 entries to seconds.
 * 4. Country: when both sides have one and they differ, no match (a list entry names where the
 *    entity is; a namesake abroad is a different company).
 *
 * A pair with similarity ≥ CANDIDATE_THRESHOLD becomes a candidate for review, never a finding by
 * itself: a person confirms or dismisses it.
 */

/** Similarity at or above which a pair goes to the review queue (measured in tests/bench/watchlists.ts). */
export const CANDIDATE_THRESHOLD = 0.75;

/**
 * Legal-form words and phrases, normalised (lower case, no accents, no punctuation). Phrases are
 * removed before single words. Chosen to be safe to drop anywhere in a name: words that are also
 * ordinary name words ("company", "group", "industries") are not in the list, except the ones
 * that are almost always a form.
 */
const LEGAL_PHRASES = [
  "sdn bhd", "sendirian berhad", "co ltd", "company limited", "public company limited", "pte ltd", "pvt ltd", "private limited",
  "s a de c v", "sa de cv", "s de rl de cv", "s de r l", "s r l", "s a s", "s p a", "s a", "b v", "n v", "l l c", "a s", "a g",
  "limited liability company", "joint stock company", "public joint stock company", "closed joint stock company", "co kg", "gmbh co kg",
  "societe anonyme", "sociedad anonima", "sociedad limitada", "kabushiki kaisha", "yugen kaisha", "tbk", "persero",
  "cong ty tnhh", "cong ty co phan", "tnhh mtv", "cong ty", "trading co", "co inc", "inc ltd",
];
const LEGAL_WORDS = new Set([
  "sdn", "bhd", "berhad", "ltd", "ltda", "limited", "inc", "incorporated", "llc", "llp", "lp", "plc", "gmbh", "ag", "kg", "sa", "sas", "sarl", "srl",
  "spa", "bv", "nv", "pt", "cv", "tbk", "jsc", "pjsc", "ojsc", "cjsc", "ooo", "oao", "zao", "pao", "ao", "co", "corp", "corporation", "company", "pty",
  "pte", "pvt", "kk", "kft", "zrt", "oy", "oyj", "ab", "as", "asa", "aps", "sp", "zoo", "eireli", "me", "epp", "tnhh", "mtv", "cp", "jsc", "sl", "slu",
  "sab", "de", "rl", "ca", "cia", "e", "y", "and", "the", "of",
]);
/** CJK legal forms and corporate words, longest first (removed wherever they stand). */
const CJK_FORMS = ["股份有限公司", "有限责任公司", "有限責任公司", "有限公司", "株式会社", "有限会社", "集团", "集團", "公司", "股份"];

const CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
const CJK_RUN = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/g;

/** All legal phrases in one pattern, longest first (a name is read once, not once per phrase). */
const PHRASES = new RegExp(`(^| )(?:${[...LEGAL_PHRASES].sort((a, b) => b.length - a.length).join("|")})(?= |$)`, "g");

/** Lower case, accents stripped (NFKD), punctuation to spaces, `&` → "and", CJK legal forms removed. */
export function normaliseName(name: string): string {
  let s = name.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  s = s.replace(/ß/g, "ss").replace(/æ/g, "ae").replace(/ø/g, "o").replace(/ł/g, "l").replace(/đ/g, "d").replace(/ı/g, "i");
  if (CJK.test(s)) for (const form of CJK_FORMS) s = s.split(form).join(" ");
  s = s.replace(/&/g, " and ").replace(/[’'`]/g, "").replace(/[^\p{L}\p{N}]+/gu, " ").trim();
  // Dotted initials ("s a de c v") are single letters by now; legal phrases go first, then words.
  s = s.replace(PHRASES, " ");
  return s.replace(/\s+/g, " ").trim();
}

/** The tokens of a name (a set, sorted): Latin words without legal forms; CJK runs as bigrams. */
export function nameTokens(name: string): string[] {
  const normal = normaliseName(name);
  const tokens = new Set<string>();
  const words = normal.replace(CJK_RUN, " ").split(" ").filter(Boolean);
  const kept = words.filter((w) => !LEGAL_WORDS.has(w));
  // A plural "s" is dropped from Latin words of four letters or more (Farms / Farm, Textiles / Textile).
  for (const w of kept.length ? kept : words) tokens.add(w.length > 3 && /[^s]s$/.test(w) && !/\d/.test(w) ? w.slice(0, -1) : w);
  for (const run of normal.match(CJK_RUN) ?? []) {
    if (run.length === 1) tokens.add(run);
    for (let i = 0; i + 1 < run.length; i++) tokens.add(run.slice(i, i + 2));
  }
  return [...tokens].sort();
}

/**
 * Skeleton of a Latin token: first letter, first vowel (o and u, e and i folded), then the
 * consonants without doubles, after folding a few transliteration pairs. Mohammed and Muhammad
 * share "mu·mmd" → "mumd"; Hussain and Hassan do not.
 */
export function skeleton(token: string): string {
  if (CJK.test(token) || /^\d+$/.test(token)) return token;
  const folded = token.replace(/ph/g, "f").replace(/ck/g, "k").replace(/q/g, "k").replace(/[cz]h/g, "j").replace(/kh/g, "h").replace(/w/g, "v").replace(/dh/g, "d").replace(/th/g, "t");
  const vowel = (/[aeiou]/.exec(folded.slice(1))?.[0] ?? "").replace("o", "u").replace("e", "i");
  const consonants = folded.slice(1).replace(/[aeiouyh]/g, "");
  return (folded[0] ?? "") + vowel + consonants.replace(/(.)\1+/g, "$1");
}

/** Jaro-Winkler similarity of two strings (0–1). */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  const la = a.length;
  const lb = b.length;
  if (!la || !lb) return 0;
  const window = Math.max(0, Math.floor(Math.max(la, lb) / 2) - 1);
  const ma = new Array<boolean>(la).fill(false);
  const mb = new Array<boolean>(lb).fill(false);
  let matches = 0;
  for (let i = 0; i < la; i++) {
    for (let j = Math.max(0, i - window); j < Math.min(lb, i + window + 1); j++) {
      if (mb[j] || a[i] !== b[j]) continue;
      ma[i] = mb[j] = true;
      matches++;
      break;
    }
  }
  if (!matches) return 0;
  let t = 0;
  let k = 0;
  for (let i = 0; i < la; i++) {
    if (!ma[i]) continue;
    while (!mb[k]) k++;
    if (a[i] !== b[k]) t++;
    k++;
  }
  const jaro = (matches / la + matches / lb + (matches - t / 2) / matches) / 3;
  let prefix = 0;
  while (prefix < 4 && a[prefix] === b[prefix]) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

function sameToken(a: string, b: string): boolean {
  if (a === b) return true;
  if (CJK.test(a) || CJK.test(b)) return false;
  if (/\d/.test(a) || /\d/.test(b)) return false;
  if (a.length >= 4 && b.length >= 4 && skeleton(a) === skeleton(b)) return true;
  return a.length >= 5 && b.length >= 5 && jaroWinkler(a, b) >= 0.92;
}

/** Soft Jaccard of two token sets (each token of the smaller set paired with at most one of the other). */
export function similarity(a: readonly string[], b: readonly string[]): number {
  if (!a.length || !b.length) return 0;
  const used = new Set<number>();
  let matched = 0;
  for (const x of a) {
    let hit = b.indexOf(x);
    if (hit < 0 || used.has(hit)) hit = b.findIndex((y, j) => !used.has(j) && sameToken(x, y));
    if (hit >= 0) {
      used.add(hit);
      matched++;
    }
  }
  return matched / (a.length + b.length - matched);
}

/** Similarity of two names as written. */
export function nameSimilarity(a: string, b: string): number {
  return similarity(nameTokens(a), nameTokens(b));
}

export interface WatchlistEntry {
  /** The entry's key within its edition (reference_rows.key). */
  key: string;
  name: string;
  aliases: string[];
  /** ISO 3166-1 alpha-2, or null when the list gives none. */
  country: string | null;
}

export interface MatchHit {
  key: string;
  /** The entry name or alias that matched best. */
  matchedName: string;
  similarity: number;
}

interface Indexed {
  entry: WatchlistEntry;
  names: { name: string; tokens: string[] }[];
}

/** An index of one edition's entries, by token and by skeleton (the blocking keys). */
export class WatchlistIndex {
  private readonly entries: Indexed[] = [];
  private readonly byKey = new Map<string, number[]>();

  constructor(entries: readonly WatchlistEntry[], readonly threshold = CANDIDATE_THRESHOLD) {
    for (const entry of entries) {
      const names = [entry.name, ...entry.aliases].map((name) => ({ name, tokens: nameTokens(name) })).filter((n) => n.tokens.length);
      const i = this.entries.push({ entry, names }) - 1;
      const keys = new Set(names.flatMap((n) => n.tokens.flatMap(blockingKeys)));
      for (const k of keys) {
        const list = this.byKey.get(k);
        if (list) list.push(i);
        else this.byKey.set(k, [i]);
      }
    }
  }

  /** The entries a name matches at or above the threshold, best first. */
  match(name: string, country: string | null = null): MatchHit[] {
    const tokens = nameTokens(name);
    if (!tokens.length) return [];
    // How many of the name's tokens meet each entry through a blocking key: an upper bound on the
    // tokens the two can share, so most entries of a block are passed over without comparing.
    const shared = new Map<number, number>();
    for (const t of tokens) {
      const met = new Set<number>();
      for (const k of blockingKeys(t)) for (const i of this.byKey.get(k) ?? []) met.add(i);
      for (const i of met) shared.set(i, (shared.get(i) ?? 0) + 1);
    }
    const hits: MatchHit[] = [];
    for (const [i, count] of shared) {
      const { entry, names } = this.entries[i]!;
      if (country && entry.country && country !== entry.country) continue;
      const bound = Math.max(...names.map((n) => {
        const c = Math.min(count, tokens.length, n.tokens.length);
        return c / (tokens.length + n.tokens.length - c);
      }));
      if (bound < this.threshold) continue;
      let best: MatchHit | null = null;
      for (const n of names) {
        const s = similarity(tokens, n.tokens);
        if (!best || s > best.similarity) best = { key: entry.key, matchedName: n.name, similarity: Math.round(s * 1000) / 1000 };
      }
      if (best && best.similarity >= this.threshold) hits.push(best);
    }
    return hits.sort((a, b) => b.similarity - a.similarity || a.key.localeCompare(b.key));
  }
}

/**
 * A token's blocking keys: the token, and for Latin words of 4+ letters its skeleton and its first
 * three letters (so a typo past the third letter still meets its entry).
 */
function blockingKeys(token: string): string[] {
  if (CJK.test(token) || token.length < 4) return [`t:${token}`];
  return [`t:${token}`, `s:${skeleton(token)}`, `p:${token.slice(0, 3)}`];
}
