/**
 * docs/glossary.md lists the recruitment indicators in every interface language; the words must be
 * the `indicators` catalog's own, so that the glossary and the pages never disagree (issue 18).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { INDICATORS } from "~/domain/indicators";

const COLUMNS = ["en", "fr", "es", "de", "ms", "th"] as const;

describe("glossary: recruitment indicators", () => {
  it("lists every recruitment indicator with the catalog's wording in each interface language", () => {
    const glossary = readFileSync("docs/glossary.md", "utf8");
    const section = glossary.slice(glossary.indexOf("## The recruitment indicators"), glossary.indexOf("## The platform's terms"));
    const codes = INDICATORS.filter((i) => i.group === "recruitment").map((i) => i.code);
    expect(codes.length).toBeGreaterThan(0);
    for (const code of codes) {
      const row = section.split("\n").find((line) => line.startsWith(`| ${code} |`));
      expect(row, code).toBeDefined();
      const cells = row!.split("|").slice(2, -1).map((c) => c.trim());
      COLUMNS.forEach((lng, i) => {
        const catalog = JSON.parse(readFileSync(`app/i18n/catalogs/${lng}/indicators.json`, "utf8")) as { recruitment: Record<string, string> };
        expect(cells[i], `${code} in ${lng}`).toBe(catalog.recruitment[code]);
      });
    }
  });
});
