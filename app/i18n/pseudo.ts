/**
 * The pseudo-locale (en-XA): every English string accented and padded by 40 %, inside brackets.
 * Text a page shows in plain ASCII did not come from a catalog; a bracket cut off is a truncation;
 * "]…[" inside one sentence is a sentence glued together from pieces. Placeholders ({{count}}),
 * nesting ($t(…)) and markup tags (<1>…</1>) are kept as they are, or the page would break.
 */
const ACCENTS: Record<string, string> = {
  a: "á", b: "ƀ", c: "ç", d: "ð", e: "é", f: "ƒ", g: "ĝ", h: "ĥ", i: "í", j: "ĵ", k: "ķ", l: "ļ", m: "ɱ",
  n: "ñ", o: "ó", p: "þ", q: "ǫ", r: "ŕ", s: "š", t: "ţ", u: "ú", v: "ṽ", w: "ŵ", x: "ẋ", y: "ý", z: "ž",
  A: "Á", B: "Ɓ", C: "Ç", D: "Ð", E: "É", F: "Ƒ", G: "Ĝ", H: "Ĥ", I: "Í", J: "Ĵ", K: "Ķ", L: "Ļ", M: "Ṁ",
  N: "Ñ", O: "Ó", P: "Þ", Q: "Ǫ", R: "Ŕ", S: "Š", T: "Ţ", U: "Ú", V: "Ṽ", W: "Ŵ", X: "Ẋ", Y: "Ý", Z: "Ž",
};
const KEEP = /(\{\{[^}]*\}\}|\$t\([^)]*\)|<\/?\d+\/?>|<\/?[a-z]+\/?>)/g;

export function pseudoString(text: string): string {
  const parts = text.split(KEEP);
  let letters = 0;
  const body = parts
    .map((part, i) => {
      if (i % 2 === 1) return part;
      letters += part.replace(/\s/g, "").length;
      return part.replace(/[a-zA-Z]/g, (c) => ACCENTS[c] ?? c);
    })
    .join("");
  const padding = "~".repeat(Math.ceil(letters * 0.4));
  return `[${body}${padding ? ` ${padding}` : ""}]`;
}

type Tree = { [key: string]: string | Tree };

export function pseudoCatalog<T extends Record<string, unknown>>(source: T): T {
  const walk = (node: Tree): Tree => Object.fromEntries(Object.entries(node).map(([k, v]) => [k, typeof v === "string" ? pseudoString(v) : walk(v)]));
  return Object.fromEntries(Object.entries(source).map(([ns, tree]) => [ns, walk(tree as Tree)])) as T;
}
