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

  it("name a substantiated grievance case by its number, and word the computed grievance-channel mitigation (issue 19)", () => {
    const m = loadMethodologyFile("fixtures/methodology/v2.1.json");
    const fromCase = { present: true, source: "grievance:42", date: "2026-10-03" };
    const channel = { present: true, source: "computed from grievances: channel since 2026-05-01; 9 of 10 cases answered in time; 3 remedies confirmed by workers", date: "" };
    const result = scoreSupplier(supplierInputs({ indicators: { retention_of_documents: fromCase }, mitigations: { grievance_channel: channel } }), m, sampleReference());
    const caseSources = result.factors.find((f) => f.code === "indicator.retention_of_documents")!.sources;
    expect(caseSources).toEqual(["grievance:42, 2026-10-03"]);
    const words: Record<string, string> = { en: "grievance case", de: "Beschwerdefall", fr: "dossier de réclamation", es: "caso de queja", ms: "kes aduan", th: "กรณีข้อร้องเรียน" };
    for (const [lng, word] of Object.entries(words)) {
      const said = cite(lng, caseSources[0]!);
      expect(said).toContain(word);
      expect(said).toContain("42");
      expect(said).toContain(formatsFor(lng).date("2026-10-03"));
      expect(said).not.toContain("grievance:");
    }
    const channelLine = result.factors.find((f) => f.code === "mitigation.grievance_channel")!;
    expect(channelLine.sources).toEqual([channel.source]);
    expect(cite("en", channelLine.sources[0]!)).toBe(`computed from grievances: channel since ${formatsFor("en").date("2026-05-01")}; 9 of 10 cases answered in time; 3 remedies confirmed by workers`);
    for (const lng of ["de", "fr", "es", "ms", "th"]) {
      const said = cite(lng, channelLine.sources[0]!);
      expect(said).not.toMatch(/computed|answered|remed(?:y|ies)/);
      expect(said).toContain(formatsFor(lng).date("2026-05-01"));
    }
    expect(cite("th", channelLine.sources[0]!)).not.toMatch(/[A-Za-z]/);
    // A computed source with a part this version does not know is shown whole, as stored.
    const unknown = "computed from grievances: channel since 2026-05-01; something new";
    expect(cite("de", unknown)).toBe(unknown);
  });

  it("cite a published reference source as published", () => {
    const edition = "DOL TVPRA list 2022: Palm Fruit — Malaysia — forced labour and child labour";
    expect(cite("th", edition)).toBe(edition);
    // A source that only starts like ours is not ours.
    expect(cite("de", "supplier list of another body, 2026")).toBe("supplier list of another body, 2026");
  });
});
