/**
 * Issue 18: every catalog says everything English says, with the same placeholders, the plural
 * forms its language needs, and nothing English does not say. A missing key would show English (or
 * a raw key) to a reader who chose another language; a placeholder lost in translation would drop
 * a number from a sentence.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { catalogs } from "../../app/i18n/catalogs.generated";
import { LANGUAGES, NAMESPACES, WORKER_COMMON_KEYS, WORKER_NAMESPACES, languageOf } from "../../app/i18n/languages";
import { pseudoString } from "../../app/i18n/pseudo";

type Tree = { [key: string]: string | Tree };
const ROOT = path.resolve("app/i18n/catalogs");
const PLURAL = /_(zero|one|two|few|many|other)$/;

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === "string") out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

/** `{{count}}`, `$t(ns:key)` and `<1>` tags: what a translation must keep, whatever its word order. */
const placeholders = (text: string): string[] => [...text.matchAll(/\{\{\s*([^},\s]+)[^}]*\}\}|\$t\(([^)]*)\)|<(\/?\d+)\/?>/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? "").sort();

const all = catalogs as unknown as Record<string, Record<string, Tree>>;

/** Plural keys grouped by their base: "count.errors" → the forms English gives it. */
function pluralBases(keys: Iterable<string>): Set<string> {
  return new Set([...keys].filter((k) => PLURAL.test(k)).map((k) => k.replace(PLURAL, "")));
}

describe("message catalogs", () => {
  it("lists every catalog file on disk in catalogs.generated.ts, and no other", () => {
    const onDisk = readdirSync(ROOT).flatMap((lng) => readdirSync(path.join(ROOT, lng)).map((f) => `${lng}/${f.replace(/\.json$/, "")}`)).sort();
    const listed = Object.entries(all).flatMap(([lng, nss]) => Object.keys(nss).map((ns) => `${lng}/${ns}`)).sort();
    expect(listed).toEqual(onDisk);
  });

  it("gives each language the namespaces of its kind", () => {
    for (const l of LANGUAGES) {
      expect(Object.keys(all[l.code] ?? {}).sort(), l.code).toEqual([...(l.kind === "interface" ? NAMESPACES : [...WORKER_NAMESPACES, "common"])].sort());
    }
  });

  it("gives the worker languages the signed-in frame's words of `common`, and only those", () => {
    for (const l of LANGUAGES.filter((x) => x.kind === "worker")) {
      expect([...flatten(all[l.code]?.common ?? {}).keys()].sort(), l.code).toEqual([...WORKER_COMMON_KEYS].sort());
    }
  });

  for (const l of LANGUAGES.filter((x) => x.code !== "en")) {
    it(`${l.english} (${l.code}) says everything English says, with the same placeholders and its own plural forms`, () => {
      const categories = new Intl.PluralRules(languageOf(l.code).intl).resolvedOptions().pluralCategories;
      const problems: string[] = [];
      for (const ns of Object.keys(all[l.code] ?? {})) {
        // A worker language's `common` holds the frame's words only (checked above): those are what it must say.
        const english = flatten(all.en![ns] ?? {});
        const partial = l.kind === "worker" && ns === "common";
        const source = partial ? new Map([...english].filter(([key]) => (WORKER_COMMON_KEYS as readonly string[]).includes(key))) : english;
        const target = flatten(all[l.code]![ns] ?? {});
        const bases = pluralBases(source.keys());
        // Plain keys: present, same placeholders.
        for (const [key, text] of source) {
          if (PLURAL.test(key)) continue;
          const theirs = target.get(key);
          if (theirs === undefined) problems.push(`${ns}:${key} is missing`);
          else if (!theirs.trim()) problems.push(`${ns}:${key} is empty`);
          else if (placeholders(theirs).join() !== placeholders(text).join()) problems.push(`${ns}:${key} has ${placeholders(theirs).join(" ") || "no placeholders"}, English ${placeholders(text).join(" ")}`);
        }
        // Plural keys: every form the language's plural rules use, each with English's "other" placeholders.
        for (const base of bases) {
          const english = source.get(`${base}_other`) ?? "";
          for (const form of categories) {
            const theirs = target.get(`${base}_${form}`);
            if (theirs === undefined) problems.push(`${ns}:${base}_${form} is missing (${l.english} uses ${categories.join(", ")})`);
            else if (placeholders(theirs).filter((p) => p !== "count").join() !== placeholders(english).filter((p) => p !== "count").join()) problems.push(`${ns}:${base}_${form} placeholders differ`);
          }
        }
        // Nothing English does not have (a renamed key left behind is read by no one).
        for (const key of target.keys()) {
          const base = key.replace(PLURAL, "");
          if (!source.has(key) && !(PLURAL.test(key) && bases.has(base))) problems.push(`${ns}:${key} is not in English`);
        }
      }
      expect(problems).toEqual([]);
    });
  }

  it("a test that could not fail proves nothing: a dropped placeholder and a missing key are found", () => {
    expect(placeholders("{{count}} rows in <1>{{file}}</1>")).toEqual(["/1", "1", "count", "file"].sort());
    expect(placeholders("rows in the file")).not.toEqual(placeholders("{{count}} rows"));
  });
});

describe("pseudo-locale", () => {
  it("accents and lengthens text but keeps placeholders, nesting and tags", () => {
    const out = pseudoString("Imported {{count}} rows from <1>{{file}}</1>; $t(common:action.save)");
    expect(out).toMatch(/^\[.*\]$/);
    expect(out).toContain("{{count}}");
    expect(out).toContain("<1>{{file}}</1>");
    expect(out).toContain("$t(common:action.save)");
    expect(out).not.toContain("Imported");
    // 40 % more letters than the English words have ("Imported", "rows", "from": 16 letters → 7 more).
    expect(out.match(/~/g)?.length).toBeGreaterThanOrEqual(Math.ceil("Importedrowsfrom;".length * 0.4));
  });
});
