/**
 * A factor's sources in the reader's language (issue 18): the scorer cites the platform's own
 * lists as "supplier list, import 12, 2026-03-04"; pages and PDFs word them through
 * `sourceCitation`. Scored here with the real scorer, so that a change to the scorer's wording
 * that the reader's side no longer recognises fails this test instead of showing English.
 */
import { describe, expect, it } from "vitest";
import { sourceCitation } from "~/components/risk/risk-text";
import { loadMethodologyFile } from "~/domain/risk/default-methodology.server";
import { scoreSupplier } from "~/domain/risk/score-supplier";
import { formatsFor } from "~/i18n/format";
import { serverT } from "~/i18n/i18n.server";
import { sampleReference } from "./support/reference";
import { supplierInputs } from "../support/supplier-inputs";

const cite = (lng: string, citation: string) => sourceCitation(serverT(lng, "risk") as never, formatsFor(lng), citation);

describe("a factor's sources", () => {
  it("are the platform's own lists, worded and dated in the reader's language", () => {
    const m = loadMethodologyFile("fixtures/methodology/v1.json");
    const observed = { present: true, source: "supplier list, import 12", date: "2026-03-04" };
    const result = scoreSupplier(supplierInputs({ indicators: { debt_bondage: observed } }), m, sampleReference());
    const sources = result.factors.find((f) => f.code === "indicator.debt_bondage")!.sources;
    expect(sources).toEqual(["supplier list, import 12, 2026-03-04"]);
    const german = cite("de", sources[0]!);
    expect(german).not.toMatch(/supplier list|import 12|2026-03-04/);
    expect(german).toContain("12");
    expect(german).toContain(formatsFor("de").date("2026-03-04"));
    const thai = cite("th", sources[0]!);
    expect(thai).not.toMatch(/[A-Za-z]/);
    expect(cite("en", "supplier list, 2026-03-04")).toBe(`supplier list, ${formatsFor("en").date("2026-03-04")}`);
    expect(cite("fr", "recruiter list")).not.toBe("recruiter list");
  });

  it("cite a published reference source as published", () => {
    const edition = "DOL TVPRA list 2022: Palm Fruit — Malaysia — forced labour and child labour";
    expect(cite("th", edition)).toBe(edition);
    // A source that only starts like ours is not ours.
    expect(cite("de", "supplier list of another body, 2026")).toBe("supplier list of another body, 2026");
  });
});
