import { describe, expect, it } from "vitest";
import { derivedExternalId, nameKey, normaliseName } from "~/domain/import/dedupe";
import { detectEncoding, FileRefused } from "~/domain/import/encoding.server";
import { normaliseHeader } from "~/domain/import/fields";
import { checkHeaders, headerSignature, mappingProblems, proposeMapping } from "~/domain/import/mapping";
import { resolveCountry } from "~/domain/reference/countries.server";
import { parseAmount, parseBoolean, parseInteger, parseShare } from "~/domain/import/values";
import { neutraliseCell, toCsv } from "~/lib/csv";
import { translateMessage } from "~/i18n/i18n.server";

/** A refused file's message as an English reader sees it (the refusal itself is a catalog key with values). */
function refusal(read: () => unknown): string {
  try {
    read();
  } catch (error) {
    if (error instanceof FileRefused) return translateMessage("en", error.message, error.values);
    throw error;
  }
  throw new Error("not refused");
}
const said = (problems: { key: string; values: Record<string, string | number> }[]) => problems.map((p) => translateMessage("en", p.key, p.values));

describe("header mapping", () => {
  it("normalises header names", () => {
    expect(normaliseHeader("Vendor No.")).toBe("vendor_no");
    expect(normaliseHeader("  Country/Region ")).toBe("country_region");
    expect(normaliseHeader("Número de Trabajadores")).toBe("numero_de_trabajadores");
    expect(normaliseHeader("Migrant %")).toBe("migrant_percent");
  });
  it("recognises the platform template, Open Supply Hub, OMTS and ERP exports", () => {
    expect(proposeMapping(["country", "name", "address", "sector", "product_type", "number_of_workers"], "suppliers")).toEqual(["country", "name", "address", "sector", "products", "workersTotal"]);
    expect(proposeMapping(["supplier_name", "supplier_id", "jurisdiction", "tier", "parent_supplier", "commodity", "lei", "duns", "vat"], "suppliers")).toEqual([
      "name", "externalId", "country", "tier", "parentExternalId", "products", "identifier:lei", "identifier:duns", "identifier:vat",
    ]);
    expect(proposeMapping(["Vendor No.", "Vendor Name", "Country/Region", "Payment Terms"], "suppliers")).toEqual(["externalId", "name", "country", null]);
    expect(proposeMapping(["Agency Name", "License No", "Origin Countries", "Fee", "Currency"], "recruiters")).toEqual(["name", "licenceNumber", "originCountries", "feeAmount", "feeCurrency"]);
  });
  it("maps a field to one column only", () => {
    expect(proposeMapping(["name", "Supplier Name"], "suppliers")).toEqual(["name", null]);
  });
  it("refuses a header that appears twice, and an empty header row", () => {
    expect(refusal(() => checkHeaders(["Name", "Country", " name "]))).toMatch(/"name" appears twice in the header \(columns 1 and 3\)/);
    expect(() => checkHeaders(["", " "])).toThrow(FileRefused);
  });
  it("explains a mapping that cannot be used", () => {
    expect(said(mappingProblems([null, "country"], "suppliers", ["A", "B"]))).toEqual(["No column is mapped to Name, which is required."]);
    expect(said(mappingProblems(["name", "name"], "suppliers", ["A", "B"]))[0]).toMatch(/"A" and "B" are both mapped to Name; choose one/);
    // The field is named in the reader's language.
    expect(translateMessage("th", "imports:refused.requiredUnmapped", mappingProblems([null, "country"], "suppliers", ["A", "B"])[0]!.values)).toBe("ไม่มีคอลัมน์ที่จับคู่กับ ชื่อ ซึ่งเป็นช่องข้อมูลที่จำเป็น");
  });
  it("gives files with the same headers, in any case or spacing, the same signature", () => {
    expect(headerSignature(["Vendor Name", "Country"])).toBe(headerSignature([" vendor name", "COUNTRY "]));
    expect(headerSignature(["Vendor Name", "Country"])).not.toBe(headerSignature(["Country", "Vendor Name"]));
  });
});

describe("countries", () => {
  it.each([
    ["CN", "CN"], ["chn", "CN"], ["CHINA", "CN"], ["Viet Nam", "VN"], ["Vietnam", "VN"], ["Türkiye", "TR"], ["Turkey", "TR"],
    ["USA", "US"], ["United States of America", "US"], ["Côte d'Ivoire", "CI"], ["Cote d'Ivoire", "CI"], ["Ivory Coast", "CI"], ["Korea, Republic of", "KR"], ["XK", "XK"],
  ])("reads %s as %s", (text, code) => {
    expect(resolveCountry(text)).toEqual({ ok: true, code });
  });
  it("suggests the closest country for a misspelling, and nothing for nonsense", () => {
    expect(resolveCountry("Chine")).toMatchObject({ ok: false, suggestion: { alpha2: "CN", name: "China" } });
    expect(resolveCountry("Malaysa")).toMatchObject({ ok: false, suggestion: { alpha2: "MY" } });
    expect(resolveCountry("Atlantis")).toEqual({ ok: false, suggestion: null });
  });
});

describe("numbers, shares and yes/no", () => {
  it("reads thousands separators of every locale", () => {
    for (const t of ["1200", "1,200", "1.200", "1 200", "1'200"]) expect(parseInteger(t)).toEqual({ ok: true, value: 1200 });
    expect(parseInteger("1,5")).toMatchObject({ ok: false, expected: "imports:expected.wholeNumberNoDecimals" });
    expect(parseAmount("1.234,56")).toEqual({ ok: true, value: 1234.56 });
    expect(parseAmount("1,234.56")).toEqual({ ok: true, value: 1234.56 });
    expect(parseAmount("USD 300")).toEqual({ ok: true, value: 300 });
  });
  it("reads shares as 35%, 0.35 or 35, and refuses impossible ones", () => {
    for (const t of ["35%", "0.35", "35", "35 %"]) expect(parseShare(t)).toEqual({ ok: true, value: 0.35 });
    expect(parseShare("150")).toMatchObject({ ok: false, expected: "imports:expected.shareRange" });
    expect(parseShare("-5%")).toMatchObject({ ok: false });
  });
  it("reads yes and no in their usual spellings", () => {
    for (const t of ["yes", "Y", "true", "1", "x", "X"]) expect(parseBoolean(t)).toEqual({ ok: true, value: true });
    for (const t of ["no", "N", "false", "0"]) expect(parseBoolean(t)).toEqual({ ok: true, value: false });
    expect(parseBoolean("maybe").ok).toBe(false);
    // The interface languages' words, which the expected-value message offers (issue 18).
    for (const t of ["ja", "oui", "sí", "ya", "ใช่"]) expect(parseBoolean(t)).toEqual({ ok: true, value: true });
    for (const t of ["nein", "non", "tidak", "ไม่", "ไม่ใช่"]) expect(parseBoolean(t)).toEqual({ ok: true, value: false });
  });
});

describe("de-duplication keys", () => {
  it("ignore case, accents, punctuation and legal forms", () => {
    const same = ["Kebun Sawit Harapan Sdn. Bhd.", "KEBUN SAWIT HARAPAN SDN BHD", "Kebun  Sawit Harapan"];
    expect(new Set(same.map(normaliseName)).size).toBe(1);
    expect(normaliseName("Karadeniz Fındık Tarım A.Ş.")).toBe("karadeniz fındık tarım");
    expect(normaliseName("Jiangsu Bright Garments Co.,Ltd")).toBe("jiangsu bright garments");
    expect(normaliseName("Nguyễn Seafood JSC")).toBe("nguyen seafood");
    // A legal form is only stripped at the end: the name itself keeps its words.
    expect(normaliseName("Company Ltd")).toBe("company");
  });
  it("keep different countries apart and derive a stable id", () => {
    expect(nameKey("Acme Ltd", "TH")).not.toBe(nameKey("Acme Ltd", "VN"));
    expect(derivedExternalId(nameKey("Acme Ltd", "TH"))).toBe(derivedExternalId(nameKey("ACME LTD.", "TH")));
  });
});

describe("encoding detection", () => {
  const bytes = (...b: number[]) => new Uint8Array(b);
  it("follows the byte-order mark, else UTF-8 when valid, else Windows-1252", () => {
    expect(detectEncoding(bytes(0xef, 0xbb, 0xbf, 0x61))).toEqual({ encoding: "utf-8", bom: 3 });
    expect(detectEncoding(bytes(0xff, 0xfe, 0x61, 0))).toEqual({ encoding: "utf-16le", bom: 2 });
    expect(detectEncoding(bytes(0xfe, 0xff, 0, 0x61))).toEqual({ encoding: "utf-16be", bom: 2 });
    expect(detectEncoding(new TextEncoder().encode("Nguyễn,Şişecam"))).toEqual({ encoding: "utf-8", bom: 0 });
    expect(detectEncoding(bytes(0x43, 0xf4, 0x74, 0x65))).toEqual({ encoding: "windows-1252", bom: 0 });
  });
  it("refuses workbooks, PDFs and binary data with a message saying what the file is", () => {
    expect(refusal(() => detectEncoding(bytes(0x50, 0x4b, 0x03, 0x04)))).toMatch(/^This file is an Excel workbook \(\.xlsx\) or another zipped file, not a CSV file/);
    expect(refusal(() => detectEncoding(bytes(0x25, 0x50, 0x44, 0x46)))).toMatch(/PDF/);
    expect(refusal(() => detectEncoding(bytes(0x61, 0, 0x62)))).toMatch(/binary/);
    expect(refusal(() => detectEncoding(bytes()))).toMatch(/empty/);
  });
});

describe("CSV export", () => {
  it("neutralises formula injection", () => {
    for (const t of ["=1+1", "+1+1", "-1+cmd", "@SUM(A1)", "\tx", "\rx"]) expect(neutraliseCell(t)).toBe(`'${t}`);
    // Plain numbers stay numbers (see app/lib/csv.ts).
    for (const t of ["-1", "+1", "-12.5"]) expect(neutraliseCell(t)).toBe(t);
    expect(neutraliseCell("Acme")).toBe("Acme");
    expect(toCsv([["=HYPERLINK(\"http://x\")", "a,b"]])).toBe(`"'=HYPERLINK(""http://x"")","a,b"\r\n`);
  });
});
