/**
 * Matching free-text products and sectors ("cotton yarn", "CPO", "frozen prawns") to the goods of
 * the TVPRA list. A product matches a good when the product, or any run of its words, is a term of
 * the synonym table (each good's own name is a term too). Transparent on purpose: a person can
 * see which term matched and add a synonym where nothing did.
 */

/** Lower case, no accents, punctuation as spaces, single spaces, and a naive singular per word. */
export function normaliseTerm(s: string): string {
  return s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim()
    .split(" ")
    .filter(Boolean)
    .map((w) => (w.length > 3 && w.endsWith("s") && !w.endsWith("ss") ? w.slice(0, -1) : w))
    .join(" ");
}

export interface GoodsMatch {
  /** The product as given. */
  term: string;
  /** TVPRA good names it matched (empty when none). */
  goods: string[];
  /** The synonym-table terms that matched, for the explanation. */
  via: string[];
}

/** Longest word runs tried: synonym terms are short ("crude palm oil"). */
const MAX_WORDS = 4;

function matchOne(term: string, productTerms: Map<string, string[]>): GoodsMatch {
  const words = normaliseTerm(term).split(" ").filter(Boolean);
  const goods = new Set<string>();
  const via: string[] = [];
  for (let size = Math.min(MAX_WORDS, words.length); size >= 1; size--) {
    for (let start = 0; start + size <= words.length; start++) {
      const phrase = words.slice(start, start + size).join(" ");
      const hit = productTerms.get(phrase);
      if (!hit) continue;
      via.push(phrase);
      for (const g of hit) goods.add(g);
    }
  }
  return { term, goods: [...goods].sort(), via };
}

const caches = new WeakMap<Map<string, string[]>, Map<string, GoodsMatch>>();

/** Matches each product; results are cached per synonym table (lists repeat the same products). */
export function matchGoods(terms: readonly string[], productTerms: Map<string, string[]>): GoodsMatch[] {
  let cache = caches.get(productTerms);
  if (!cache) caches.set(productTerms, (cache = new Map()));
  return terms.map((term) => {
    let m = cache!.get(term);
    if (!m) {
      m = matchOne(term, productTerms);
      if (cache!.size < 100_000) cache!.set(term, m);
    }
    return m;
  });
}

/** The products that matched no good, for the page where a person maps them. */
export function unmatchedTerms(terms: readonly string[], productTerms: Map<string, string[]>): string[] {
  return matchGoods(terms, productTerms)
    .filter((m) => m.goods.length === 0)
    .map((m) => m.term);
}
