/**
 * The indicators' names and questions live in the `indicators` catalog (issue 18); the domain keeps
 * English copies for its English texts (stored score lines, PDFs). They must say the same thing,
 * and every indicator must have a key the pages can translate.
 */
import { describe, expect, it } from "vitest";
import en from "~/i18n/catalogs/en/indicators.json";
import { INDICATOR_QUESTIONS, INDICATORS, indicatorLabelKey, indicatorQuestionKey } from "~/domain/indicators";

const lookup = (key: string): unknown => key.replace(/^indicators:/, "").split(".").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], en);

describe("indicator labels", () => {
  it("are the English catalog's, name for name and question for question", () => {
    for (const i of INDICATORS) {
      expect(lookup(indicatorLabelKey(i.code)), i.code).toBe(i.label);
      expect(lookup(indicatorQuestionKey(i.code)), i.code).toBe(INDICATOR_QUESTIONS[i.code]);
    }
  });

  it("keep the ILO's booklet wording for the eleven ILO indicators", () => {
    expect(Object.keys(en.ilo)).toEqual(INDICATORS.filter((i) => i.group === "ilo").map((i) => i.code));
    expect(en.ilo.debt_bondage).toBe("Debt bondage");
    expect(en.ilo.retention_of_documents).toBe("Retention of identity documents");
  });
});
