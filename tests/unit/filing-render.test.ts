/**
 * The filings (issue 21 items 2 and 5, decision 036) read back as a reader gets them: each regime's
 * PDF through poppler (pdftotext, pdfinfo) and pdf.js's structure tree (the flow chart's alternative
 * text), the exports parsed back with papaparse. Rendered from hand-built FilingData, the contract
 * the domain fills in.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import Papa from "papaparse";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { describe, expect, it } from "vitest";
import { FIGURE_CODES, REGIMES, sectionsOf, type RegimeCode, type SectionCode } from "~/domain/filings/regimes";
import { CHART_MAX_SUPPLIERS, defaultFilingLanguage, filingReport, pageLimitOf } from "#reports/filing";
import { s211QuestionnaireCsv, S211_ANSWER_LIMIT, ukRegistryCsv } from "#reports/filing-exports";
import { wordsFor } from "#reports/lib/words";
import type { CompanyReportData, FilingData, Provenance } from "#reports/types";
import { TMP_DIR } from "../support/paths";

const DIR = path.join(TMP_DIR, `filing-render-${process.pid}`);
mkdirSync(DIR, { recursive: true });

/** A normal narrative: two or three paragraphs of a few sentences per section, as companies write them. */
const TEXT: Record<SectionCode, string> = {
  structure:
    "Northwind Fresh Foods GmbH imports, packs and distributes fresh and frozen produce in twelve European markets. It employs 2,340 people in Germany, the Netherlands and Poland.\n\nIts supply chain reaches {{suppliers_listed}} suppliers in {{countries}} countries: growers, packhouses and processors, most of them in Spain, Morocco, Thailand and Viet Nam, and the labour recruiters that place migrant workers with them.",
  policies:
    "Our Supplier Code of Conduct forbids forced labour, child labour and the charging of recruitment fees to workers (the Employer Pays Principle). It is part of every supply contract.\n\nThe Board adopted a human rights policy in March 2025; it is reviewed every year.",
  due_diligence:
    "Every supplier is screened when it is onboarded and assessed for forced-labour risk with the platform's method, which weighs country, sector, recruitment and audit evidence.\n\n- Self-assessment questionnaires for every tier-1 supplier\n- Unannounced audits where the risk is high\n- Worker interviews in the workers' own languages",
  risk_assessment:
    "We assessed {{suppliers_assessed}} suppliers; {{suppliers_high_or_critical}} of them ({{share_high_or_critical}}) are at high or critical risk, mostly seafood processors and seasonal fruit harvesting that depend on migrant workers recruited through agencies.",
  actions:
    "Where audits found problems we agreed corrective action plans with deadlines. Two packhouses returned passports they had been holding; one recruiter lost its contract.",
  effectiveness:
    "We measure effectiveness by the findings closed on time, repeat findings at follow-up audits and the grievances workers raise and see resolved.",
  training:
    "All buyers and quality managers completed a half-day course on forced-labour indicators; 86 supplier managers attended our workshops in Thailand and Spain.",
  grievance:
    "Workers at supplier sites can raise a grievance by telephone, messaging app or web form in nine languages, anonymously if they wish. We received {{grievances_received}} and resolved {{grievances_resolved}}.",
  remediation:
    "Where workers had paid recruitment fees, the employer repays them in instalments that workers confirm: {{fees_repaid}} repayments were made in the period.",
  consultation:
    "The statement was prepared with the managing directors of our subsidiaries in the Netherlands and Poland, who reviewed the parts that concern their operations.",
};

/** A company's figures; the recruiters could not be counted (null: printed "unknown", never 0). */
const VALUES: Record<(typeof FIGURE_CODES)[number], number | null> = {
  suppliers_listed: 136,
  suppliers_assessed: 120,
  suppliers_high_or_critical: 22,
  share_high_or_critical: 0.183,
  suppliers_unscored: 16,
  countries: 12,
  recruiters: null,
  audits_completed: 14,
  findings_open: 5,
  actions_overdue: 1,
  grievances_received: 9,
  grievances_resolved: 7,
  fees_repaid: 37,
  questionnaires_answered: 98,
};
const FIGURES: FilingData["figures"] = FIGURE_CODES.map((code) => ({ code, value: VALUES[code] }));

const APPROVAL = { name: "Dr. Helga Brandt", role: "director", approvedOn: "2027-03-15" };

function statement(regime: RegimeCode, overrides: Partial<FilingData> = {}): FilingData {
  return {
    regime,
    company: { name: "Northwind Fresh Foods GmbH", turnoverBand: "100m_500m", sectors: ["Food processing", "Wholesale"], financialYearEnd: "12-31", groupStatement: true },
    period: { from: "2026-01-01", to: "2026-12-31" },
    sections: sectionsOf(regime).map((code) => ({ code, version: 3, body: TEXT[code] })),
    approval: APPROVAL,
    figures: FIGURES,
    ...overrides,
  };
}

const ev = (kind: string, label: string, date: string | null, sha256?: string) => ({ kind, label, date, ...(sha256 ? { sha256 } : {}) });

/** A garment's chain: cotton from a ginner through a spinner and a mill to the cut-and-sew factory (tier 1). */
function requestPack(regime: "eu_flr" | "us_uflpa", overrides: Partial<FilingData> = {}): FilingData {
  return {
    ...statement(regime),
    request: { authority: regime === "eu_flr" ? "Bundesanstalt für Arbeitsschutz (DE competent authority)" : "U.S. Customs and Border Protection", reference: regime === "eu_flr" ? "FLR-DE-2027-0042" : "CBP-DN-2027-118", receivedOn: "2027-02-01", dueOn: "2027-03-03", product: "Organic cotton T-shirt", rawMaterial: "Raw cotton" },
    tiers: [
      {
        tier: 1,
        suppliers: [
          { id: 1, name: "Saigon Stitch Co.", country: "VN", products: ["T-shirts"], parentId: null, band: "medium", evidence: [ev("audit", "Unannounced audit, no critical finding", "2026-09-12", "a3f1c2d4e5b6a7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2"), ev("certificate", "GOTS scope certificate", "2026-05-01")] },
          { id: 2, name: "Dhaka Knit Garments Ltd", country: "BD", products: ["T-shirts"], parentId: null, band: "high", evidence: [] },
        ],
      },
      {
        tier: 2,
        suppliers: [
          { id: 3, name: "Binh Duong Fabric Mill", country: "VN", products: ["Jersey fabric"], parentId: 1, band: "low", evidence: [ev("invoice", "Fabric invoice 2026-118", "2026-08-02", "0f9e8d7c6b5a49382716a5b4c3d2e1f00f9e8d7c6b5a49382716a5b4c3d2e1f0")] },
          { id: 4, name: "Narayanganj Knitting", country: "BD", products: ["Jersey fabric"], parentId: 2, band: null, evidence: [] },
        ],
      },
      {
        tier: 3,
        suppliers: [
          { id: 5, name: "Gujarat Cotton Spinners", country: "IN", products: ["Cotton yarn"], parentId: 3, band: "medium", evidence: [ev("shipment", "Bill of lading BL-55120", "2026-06-20")] },
          { id: 6, name: "Izmir Yarn Mill", country: "TR", products: ["Cotton yarn"], parentId: 4, band: "low", evidence: [] },
        ],
      },
      {
        tier: 4,
        suppliers: [{ id: 7, name: "Kutch Organic Ginning", country: "IN", products: ["Ginned cotton"], parentId: 5, band: "medium", evidence: [ev("declaration", "Origin declaration: Gujarat farms", "2026-04-11")] }],
      },
    ],
    ...overrides,
  };
}

const provenanceFor = (language: string, id = "R-TEST-FILE-0001"): Provenance => ({
  id,
  issuer: "Northwind Fresh Foods GmbH",
  dataAsOf: new Date("2027-03-16T09:00:00Z"),
  pageSize: "A4",
  methodology: "Forced-labour risk method, version 2.2",
  references: ["ILO indicators of forced labour (2012)"],
  dataHash: "d".repeat(64),
  language,
  verifyUrl: `https://reports.example.org/verify?q=${id}`,
});

const run = (tool: string, ...args: string[]) => execFileSync(tool, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });

async function render(data: FilingData, language = "en", name = `${data.regime}-${language}`) {
  const { doc, pages } = filingReport(data, provenanceFor(language));
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  await new Promise((resolve) => doc.on("end", resolve));
  const file = path.join(DIR, `${name}.pdf`);
  writeFileSync(file, Buffer.concat(chunks));
  const text = run("pdftotext", "-enc", "UTF-8", file, "-");
  return { file, pages, text, flat: text.replace(/\s+/g, " "), pageTexts: text.split("\f") };
}

interface StructNode {
  role?: string;
  alt?: string;
  children?: StructNode[];
}

async function figureAlts(file: string): Promise<string[]> {
  const { readFileSync } = await import("node:fs");
  const doc = await getDocument({ data: new Uint8Array(readFileSync(file)), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  const alts: string[] = [];
  const walk = (node: StructNode | null) => {
    if (!node) return;
    if (node.role === "Figure" && node.alt) alts.push(node.alt);
    for (const child of node.children ?? []) walk(child);
  };
  for (let i = 1; i <= doc.numPages; i++) walk((await (await doc.getPage(i)).getStructTree()) as StructNode | null);
  await doc.destroy();
  return alts;
}

const en = wordsFor("en");
const partHeading = (regime: RegimeCode, code: string, lang = en) => (lang.t as unknown as (k: string) => string)(`filing.${regime}.parts.${code}`);

describe("filing PDFs, read back", () => {
  for (const regime of ["uk_msa", "au_msa", "ca_s211", "eu_flr", "us_uflpa"] as const) {
    it(`${regime}: every part's heading, the sections' text, figures, the approval, tagged`, async () => {
      const data = regime === "eu_flr" || regime === "us_uflpa" ? requestPack(regime) : statement(regime);
      const pdf = await render(data);
      for (const part of REGIMES[regime].parts) expect(pdf.flat, part.code).toContain(partHeading(regime, part.code).replace(/\s+/g, " "));
      expect(pdf.flat).toContain(REGIMES[regime].legalBasis);
      expect(pdf.flat).toContain(REGIMES[regime].templateVersion);
      expect(pdf.flat).toContain("Approved by Dr. Helga Brandt, Director, on 15 Mar 2027");
      expect(pdf.flat).not.toContain("DRAFT");
      // Figures inserted into the text, in the report's number format; the null one says "unknown", never 0.
      if (sectionsOf(regime).includes("risk_assessment")) expect(pdf.flat).toContain("We assessed 120 suppliers; 22 of them (18.3%) are at high or critical risk");
      expect(pdf.flat).not.toMatch(/\{\{[a-z_]+\}\}/);
      expect(pdf.flat).toContain("Figures computed by the platform from its records as of 16 Mar 2027.");
      const info = run("pdfinfo", pdf.file);
      expect(info).toMatch(/^Tagged:\s+yes$/m);
      expect(pdf.pages).toBe(Number(/^Pages:\s+(\d+)$/m.exec(info)![1]));
    });
  }

  it("prints the figures as a table per part, 'unknown' for a figure the platform could not compute", async () => {
    const pdf = await render(statement("au_msa"));
    // (c) prints the recruiters, whose value is null.
    expect(pdf.flat).toMatch(/Labour recruiters unknown/);
    expect(pdf.flat).not.toMatch(/Labour recruiters 0/);
    expect(pdf.flat).toMatch(/Share of assessed suppliers at high or critical risk 18\.3%/);
    // Criterion (a): the reporting entity from the company's profile.
    expect(pdf.flat).toContain("Turnover band £100 million to £500 million");
    expect(pdf.flat).toMatch(/Group statement Yes/);
    expect(pdf.flat).toContain("Food processing, Wholesale");
  });

  it("a section never written says so; a draft is marked on every page and never called approved", async () => {
    const data = statement("uk_msa", { approval: null, sections: sectionsOf("uk_msa").map((code) => ({ code, version: code === "training" ? null : 1, body: code === "training" ? null : TEXT[code] })) });
    const pdf = await render(data, "en", "uk-draft");
    expect(pdf.flat).toContain("Not written: no text has been written for this section.");
    const pages = pdf.pageTexts.filter((p) => p.trim());
    expect(pages.length).toBe(pdf.pages);
    for (const page of pages) expect(page).toContain("DRAFT — not approved");
    expect(pdf.flat).toContain("Not approved (draft)");
    expect(pdf.flat).not.toContain("Approved by");
  });

  it("Canada: a normal narrative fits the page limit, in French when asked, without a contents page", async () => {
    const pdf = await render(statement("ca_s211"), "en", "ca-en");
    expect(pageLimitOf("ca_s211")).toBe(10);
    expect(pageLimitOf("ca_s211", 2)).toBe(20);
    expect(pageLimitOf("uk_msa")).toBeNull();
    expect(pdf.pages).toBeLessThanOrEqual(10);
    expect(pdf.flat).not.toContain("Contents");
    expect(pdf.flat).not.toContain("Annex");

    const fr = await render(statement("ca_s211", { fullReportId: "R-ABCD-EFGH-JKLM-NPQR" }), "fr", "ca-fr");
    const wfr = wordsFor("fr");
    expect(fr.pages).toBeLessThanOrEqual(10);
    for (const part of REGIMES.ca_s211.parts) expect(fr.flat).toContain(partHeading("ca_s211", part.code, wfr));
    expect(fr.flat).toContain("Rapport sur le travail forcé et le travail des enfants");
    expect(fr.flat).toMatch(/Approuvé par Dr\. Helga Brandt, Administrateur ou administratrice, le 15 mars 2027/);
    expect(fr.flat).toContain("18,3");
    expect(fr.flat).toContain("Rapport complet de vigilance de la plateforme pour cette période R-ABCD-EFGH-JKLM-NPQR");

    // Too long to fit: still rendered, and the page count says so (the domain refuses to issue it).
    const long = statement("ca_s211", { sections: sectionsOf("ca_s211").map((code) => ({ code, version: 1, body: Array(20).fill(TEXT[code]).join("\n\n") })) });
    const over = await render(long, "en", "ca-long");
    expect(over.pages).toBeGreaterThan(10);
  });

  it("the reader's language: the regime's first, unless the reader's interface language is one of the regime's", () => {
    expect(defaultFilingLanguage("ca_s211", "fr")).toBe("fr");
    expect(defaultFilingLanguage("ca_s211", "de")).toBe("en");
    expect(defaultFilingLanguage("uk_msa", "fr")).toBe("en");
    expect(defaultFilingLanguage("eu_flr", "de")).toBe("de");
    expect(defaultFilingLanguage("eu_flr", "th")).toBe("en");
  });

  it("EU pack: the request on the cover, the chain per tier with its evidence and a flow chart read in words", async () => {
    const pdf = await render(requestPack("eu_flr"), "en", "eu-pack");
    for (const fact of ["Bundesanstalt für Arbeitsschutz", "FLR-DE-2027-0042", "1 Feb 2027", "3 Mar 2027", "Organic cotton T-shirt", "Raw cotton"]) expect(pdf.flat).toContain(fact);
    for (const name of ["Saigon Stitch Co.", "Dhaka Knit Garments Ltd", "Binh Duong Fabric Mill", "Narayanganj Knitting", "Gujarat Cotton Spinners", "Izmir Yarn Mill", "Kutch Organic Ginning"]) expect(pdf.flat).toContain(name);
    for (const tier of ["Tier 1", "Tier 2", "Tier 3", "Tier 4"]) expect(pdf.flat).toContain(tier);
    expect(pdf.flat).toContain("Audit: Unannounced audit, no critical finding · 12 Sept 2026 · SHA-256 a3f1c2d4e5b6…");
    expect(pdf.flat).toContain("No evidence held");
    expect(pdf.flat).toContain("Bangladesh");
    const alts = await figureAlts(pdf.file);
    const chart = alts.find((a) => a.startsWith("Flow chart"));
    expect(chart).toBeDefined();
    expect(chart).toContain("from the raw material (Raw cotton) to Northwind Fresh Foods GmbH");
    expect(chart).toContain("Kutch Organic Ginning (India, Tier 4) supplies Gujarat Cotton Spinners");
    expect(chart).toContain("Saigon Stitch Co. (Vietnam, Tier 1) supplies Northwind Fresh Foods GmbH");
    expect(chart).toContain("Izmir Yarn Mill (Türkiye, Tier 3) supplies Narayanganj Knitting");
  });

  it("a chain of 30 suppliers, 22 of them in one tier, is still drawn supplier by supplier", async () => {
    const base = requestPack("us_uflpa");
    const farms = Array.from({ length: 23 }, (_, i) => ({ id: 200 + i, name: `Aksu cotton farm ${i + 1}`, country: "CN", products: ["Raw cotton"], parentId: 7, band: "critical", evidence: [] }));
    const pdf = await render({ ...base, tiers: [...base.tiers!, { tier: 5, suppliers: farms }] }, "en", "us-thirty");
    const chart = (await figureAlts(pdf.file)).find((a) => a.startsWith("Flow chart"))!;
    expect(chart).toContain("Aksu cotton farm 23 (China, Tier 5) supplies Kutch Organic Ginning");
    expect(pdf.flat).not.toContain("more than the");
  });

  it("a supplier's evidence is listed whole, however long the list", async () => {
    const base = requestPack("eu_flr");
    const evidence = Array.from({ length: 40 }, (_, i) => ev("invoice", `Invoice for lot ${i + 1} of yarn shipped to the mill`, "2026-07-01", "ab".repeat(32)));
    const tiers = [{ tier: 1, suppliers: [{ ...base.tiers![0]!.suppliers[0]!, evidence }] }];
    const pdf = await render({ ...base, tiers }, "en", "eu-evidence");
    for (let i = 1; i <= 40; i++) expect(pdf.flat).toContain(`Invoice for lot ${i} of yarn`);
  });

  it("US pack: beyond the chart's limit, the chart draws each tier's count and says so", async () => {
    const many = Array.from({ length: CHART_MAX_SUPPLIERS + 15 }, (_, i) => ({ id: 100 + i, name: `Cotton farm cooperative ${i + 1}`, country: "IN", products: ["Raw cotton"], parentId: 7, band: null, evidence: [] }));
    const base = requestPack("us_uflpa");
    const pdf = await render({ ...base, tiers: [...base.tiers!, { tier: 5, suppliers: many }] }, "en", "us-many");
    expect(pdf.flat).toContain(`The chain has ${7 + many.length} suppliers, more than the ${CHART_MAX_SUPPLIERS} the chart draws one by one`);
    const chart = (await figureAlts(pdf.file)).find((a) => a.startsWith("Flow chart"))!;
    expect(chart).toContain("Tier 5: 45 suppliers");
    expect(chart).toContain("Tier 4: 1 supplier");
    expect(pdf.flat).toContain("Cotton farm cooperative 45");
  });
});

/** A small period of the company due-diligence report's data: the annex of a filing. */
const ANNEX: CompanyReportData = {
  company: "Northwind Fresh Foods GmbH",
  period: { from: "2026-01-01", to: "2026-12-31" },
  totals: { suppliers: 136, scored: 120, recruiters: 9, countries: 12, workers: 21315, redFlagSuppliers: 4, meanScore: 41.2 },
  bands: [
    { band: "low", suppliers: 50 },
    { band: "medium", suppliers: 44 },
    { band: "high", suppliers: 20 },
    { band: "critical", suppliers: 6 },
  ],
  heatmap: { countries: ["TH", "ES"], sectors: ["Seafood processing"], allCountries: 2, allSectors: 1, cells: [{ country: "TH", sector: "Seafood processing", suppliers: 12, meanScore: 71 }] },
  drivers: [{ label: "Migrant workforce share", suppliers: 30 }],
  topRisks: [{ externalId: "NW-0012", name: "Songkhla Seafood Processing", country: "TH", sector: "Seafood processing", score: 82.5, band: "critical", redFlags: 2, low: 70, high: 90, confidence: 0.8 }],
  recruiters: [],
  corridors: [],
  audits: { total: 14, byType: [["unannounced", 6]], byStatus: [["completed", 14]] },
  findings: [],
  actions: { byStatus: [["open", 3]], overdue: 1, total: 3 },
  contests: { raised: 2, open: 0, answered: 1, closed: 1 },
  scoreChanges: { rescored: 10, rose: 3, fell: 7 },
  methodology: { name: "Forced-labour risk method", version: "2.2", effective: "2026-06-01", summary: "Country, sector, recruitment and audit evidence.", weights: [["country", "Country risk", 0.3]] },
  references: [{ name: "ILO indicators", edition: "2012", citation: "ILO, Indicators of forced labour, 2012" }],
  annex: [],
};

describe("filing PDFs: the data annex", () => {
  it("every regime but Canada's prints the due-diligence data after its parts; Canada's never", async () => {
    const uk = await render(statement("uk_msa", { annex: ANNEX }), "en", "uk-annex");
    expect(uk.flat).toContain("Annex: the platform's due-diligence data");
    expect(uk.flat).toContain("Songkhla Seafood Processing");
    expect(uk.flat.indexOf("Annex: the platform's due-diligence data")).toBeGreaterThan(uk.flat.indexOf("Approval and figures"));
    const ca = await render(statement("ca_s211", { annex: ANNEX }), "en", "ca-annex");
    expect(ca.flat).not.toContain("Songkhla Seafood Processing");
    expect(ca.pages).toBeLessThanOrEqual(10);
  });
});

describe("filing PDFs: same bytes, any script, hostile text", () => {
  it("the same data renders the same bytes; in Thai too, with the regime's words in Thai", async () => {
    const { readFileSync } = await import("node:fs");
    const a = await render(requestPack("eu_flr"), "th", "eu-th-a");
    const b = await render(requestPack("eu_flr"), "th", "eu-th-b");
    expect(readFileSync(a.file).equals(readFileSync(b.file))).toBe(true);
    // pdftotext puts a space where a Thai line may break, and reads SARA AA (า) from the Noto subset
    // as nothing (extraction only: the page shows it): compared on words without it.
    const thai = a.text.replace(/[\s\u200B]/g, "");
    for (const word of ["ผู้ประกอบ", "เศรษฐกิจ", "หลักฐ"]) expect(thai).toContain(word);
    expect(run("pdffonts", a.file)).toMatch(/NotoSansThai/);
  });

  it("names and texts that look like templates, keys or formulas are printed as written", async () => {
    const base = requestPack("us_uflpa");
    const hostile = "$t(filing.draft) {{company}} =cmd|' /C calc'!A0";
    const data: FilingData = {
      ...base,
      company: { ...base.company, name: "Acme {{product}}" },
      sections: base.sections.map((s) => (s.code === "structure" ? { ...s, body: `${hostile} {{not_a_figure}}` } : s)),
      tiers: [{ tier: 1, suppliers: [{ id: 1, name: hostile, country: "Zedland", products: [], parentId: 99, band: "weird", evidence: [ev("{{raw}}", "$t(filing.yes)", null)] }] }],
    };
    const pdf = await render(data, "en", "us-hostile");
    expect(pdf.flat).toContain("$t(filing.draft) {{company}} =cmd|' /C calc'!A0 {{not_a_figure}}");
    expect(pdf.flat).toContain("Acme {{product}}");
    expect(pdf.flat).toContain("{{raw}}: $t(filing.yes)");
    expect(pdf.flat).not.toContain("DRAFT");
    const chart = (await figureAlts(pdf.file)).find((x) => x.startsWith("Flow chart"))!;
    expect(chart).toContain(`${hostile} (Zedland, Tier 1): whom it supplies is not recorded`);
  });
});

describe("filing exports", () => {
  const parse = (csv: string) => Papa.parse<string[]>(csv.trimEnd(), { skipEmptyLines: false }).data;

  it("the UK registry row: period, approver, the six areas, sectors, turnover in the registry's words, group", () => {
    const data = statement("uk_msa", {
      company: { name: "Northwind", turnoverBand: "60m_100m", sectors: ["=HYPERLINK(\"http://evil\")", "Food, drink"], financialYearEnd: "12-31", groupStatement: false },
      sections: sectionsOf("uk_msa").map((code) => ({ code, version: 1, body: code === "training" ? "  " : TEXT[code] })),
    });
    const rows = parse(ukRegistryCsv(data, "https://northwind.example/msa-2026"));
    expect(rows).toHaveLength(2);
    const row = Object.fromEntries(rows[0]!.map((h, i) => [h, rows[1]![i]]));
    expect(row["Statement URL"]).toBe("https://northwind.example/msa-2026");
    expect(row["Statement start date"]).toBe("2026-01-01");
    expect(row["Statement end date"]).toBe("2026-12-31");
    expect(row["Approved by"]).toBe("Dr. Helga Brandt");
    expect(row["Approver's role"]).toBe("Director");
    expect(row["Approval date"]).toBe("2027-03-15");
    expect(row["Covers organisation structure and supply chains"]).toBe("Yes");
    // Training's one section is blank, so the area is not covered; due diligence needs both its sections.
    expect(row["Covers training on modern slavery and trafficking"]).toBe("No");
    expect(row["Covers due diligence processes"]).toBe("Yes");
    expect(row.Turnover).toBe("£60 million to £100 million");
    expect(row["Group statement"]).toBe("No");
    // Injection neutralised: the formula cell starts with a quote, and the comma inside a cell is quoted.
    expect(row.Sectors).toBe("'=HYPERLINK(\"http://evil\"); Food, drink");
    const draft = parse(ukRegistryCsv({ ...data, approval: null }, "https://x.example"));
    expect(draft[1]!.slice(3, 6)).toEqual(["", "", ""]);
  });

  it("Canada's questionnaire answers: one row per question, an answer over 1,500 characters marked, never cut", () => {
    const long = "Our due-diligence process covers every tier-1 supplier. ".repeat(40).trim();
    const data = statement("ca_s211", { sections: sectionsOf("ca_s211").map((code) => ({ code, version: 1, body: code === "due_diligence" ? long : code === "training" ? null : TEXT[code] })) });
    const rows = parse(s211QuestionnaireCsv(data));
    expect(rows[0]).toEqual(["Question", "Answer", "Characters", "Over the 1,500-character limit by"]);
    const by = new Map(rows.slice(1).map((r) => [r[0]!, r]));
    expect(by.get("Legal name of the reporting entity")![1]).toBe("Northwind Fresh Foods GmbH");
    expect(by.get("Financial reporting year")![1]).toBe("2026-01-01 – 2026-12-31");
    const policies = by.get(partHeading("ca_s211", "policies"))!;
    expect(policies[1]).toContain(long);
    expect(policies[1]).toContain(TEXT.policies.split("\n")[0]);
    expect(Number(policies[2])).toBe(policies[1]!.length);
    expect(Number(policies[3])).toBe(policies[1]!.length - S211_ANSWER_LIMIT);
    const risks = by.get(partHeading("ca_s211", "risks"))!;
    expect(risks[1]).toContain("We assessed 120 suppliers");
    expect(risks[3]).toBe("");
    expect(by.get(partHeading("ca_s211", "training"))![1]).toBe("");
    expect(rows).toHaveLength(1 + 3 + REGIMES.ca_s211.parts.length);
    // In French, its questions in French.
    expect(parse(s211QuestionnaireCsv(data, "fr"))[0]![0]).toBe("Question");
    expect(parse(s211QuestionnaireCsv(data, "fr"))[1]![0]).toBe("Dénomination légale de l'entité déclarante");
  });
});
