/** Header names in the interface languages, address parts, and warnings about what a mapping leaves out (issue 15, items 5 and 7). */
import { describe, expect, it } from "vitest";
import { normaliseHeader } from "~/domain/import/fields";
import { mappedColumns, proposeMapping, scoringWarnings } from "~/domain/import/mapping";
import { combinedAddress } from "~/domain/import/prepare.server";
import { validateRow, type CellValue } from "~/domain/import/rows";
import { storedText } from "~/domain/import/stored-text.server";

describe("headers in the interface languages", () => {
  it("keeps letters of every script and folds ß", () => {
    expect(normaliseHeader("Straße")).toBe("strasse");
    expect(normaliseHeader(" N° fournisseur ")).toBe("n_fournisseur");
    expect(normaliseHeader("ประเทศ")).toBe("ประเทศ");
    expect(normaliseHeader("Beschäftigte")).toBe("beschaftigte");
  });

  it.each([
    ["German", ["Lieferantennummer", "Lieferant", "Anschrift", "PLZ", "Ort", "Land", "Branche", "Produkte", "Mitarbeiter"], ["externalId", "name", "address", "postcode", "city", "country", "sector", "products", "workersTotal"]],
    ["French", ["N° fournisseur", "Fournisseur", "Rue", "Code postal", "Ville", "Pays", "Secteur", "Produits", "Effectif"], ["externalId", "name", "address", "postcode", "city", "country", "sector", "products", "workersTotal"]],
    ["Spanish", ["Código proveedor", "Nombre", "Calle", "Código postal", "Ciudad", "País", "Sector", "Productos", "Trabajadores"], ["externalId", "name", "address", "postcode", "city", "country", "sector", "products", "workersTotal"]],
    ["Malay", ["Nama Pembekal", "Alamat", "Poskod", "Bandar", "Negeri", "Negara", "Sektor", "Produk", "Bilangan Pekerja"], ["name", "address", "postcode", "city", "region", "country", "sector", "products", "workersTotal"]],
    ["Thai", ["ชื่อบริษัท", "ที่อยู่", "รหัสไปรษณีย์", "จังหวัด", "ประเทศ", "อุตสาหกรรม", "สินค้า", "จำนวนพนักงาน"], ["name", "address", "postcode", "region", "country", "sector", "products", "workersTotal"]],
    ["English address parts", ["Vendor Name", "Street", "City", "Zip", "State", "Country"], ["name", "address", "city", "postcode", "region", "country"]],
  ])("maps %s supplier headers", (_language, headers, fields) => {
    expect(proposeMapping(headers, "suppliers")).toEqual(fields);
  });

  it("maps German, French and Spanish recruiter headers", () => {
    expect(proposeMapping(["Agentur", "Land", "Herkunftsländer"], "recruiters")).toEqual(["name", "country", "originCountries"]);
    expect(proposeMapping(["Agence", "Pays", "Pays d'origine"], "recruiters")).toEqual(["name", "country", "originCountries"]);
    expect(proposeMapping(["Agencia", "País", "Países de origen"], "recruiters")).toEqual(["name", "country", "originCountries"]);
  });
});

describe("address in parts", () => {
  it("reads street, postcode city, state, leaving out what is empty", () => {
    expect(combinedAddress("Hauptstraße 5", "79098", "Freiburg", "Baden-Württemberg")).toBe("Hauptstraße 5, 79098 Freiburg, Baden-Württemberg");
    expect(combinedAddress(null, null, "Sandakan", "Sabah")).toBe("Sandakan, Sabah");
    expect(combinedAddress(null, "90000", null, null)).toBe("90000");
    expect(combinedAddress(null, null, null, null)).toBeNull();
  });
});

describe("what a mapping leaves out", () => {
  it("warns on the header row when the country, or both sector and products, are not mapped", () => {
    const warnings = scoringWarnings(["name", null, null], "suppliers");
    expect(warnings.map((w) => [w.row, w.severity, storedText("en", w.message).split(",")[0]])).toEqual([
      [1, "warning", "no column is mapped to Country"],
      [1, "warning", "no column is mapped to Sector or Products"],
    ]);
    expect(scoringWarnings(["name", "country", "products"], "suppliers")).toEqual([]);
    expect(scoringWarnings(["name", "country", "sector"], "suppliers")).toEqual([]);
    expect(scoringWarnings(["name"], "recruiters").map((w) => storedText("en", w.message))).toEqual([expect.stringContaining("no column is mapped to Country of operation")]);
    // Stored language-free (issue 18): the reader's language names the fields and the reason.
    expect(scoringWarnings(["name"], "suppliers").map((w) => storedText("de", w.message))).toEqual([
      "Keiner Spalte ist Land zugeordnet, daher kann der Risikowert das Land der Betriebsstätte nicht berücksichtigen: Ordnen Sie die Spalte zu, die diese Angabe enthält (Spaltenzuordnung ändern), oder ergänzen Sie eine",
      expect.stringContaining("Keiner Spalte ist Branche oder Produkte zugeordnet"),
    ]);
  });
});

describe("rows shorter than the header", () => {
  const headers = ["supplier_id", "name", "country", "address", "sector", "products", "workers"];
  const columns = mappedColumns(proposeMapping(headers, "suppliers"), "suppliers", headers);
  const parsed: (CellValue | undefined)[] = [];
  it("keeps a short row but warns with its row number and how many columns it has", () => {
    const issues = validateRow(["FE8", "Short Row Ltd"], columns, headers.length, 9, parsed);
    expect(issues).toEqual([{ row: 9, severity: "warning", column: null, value: null, message: expect.any(String) }]);
    expect(storedText("en", issues![0]!.message)).toBe("this row has 2 of 7 columns — it may have been cut off (the missing columns are read as empty)");
    expect(parsed[1]).toBe("Short Row Ltd");
  });
  it("refuses a value with a NUL character (binary data past the upload's check), naming row and column", () => {
    const issues = validateRow(["FE9", "Bad\u0000Byte Ltd", "MY", "", "", "", ""], columns, headers.length, 12, parsed);
    expect(issues).toEqual([expect.objectContaining({ row: 12, severity: "error", column: headers[1], value: "Bad␀Byte Ltd" })]);
    expect(storedText("en", issues![0]!.message)).toContain("NUL character");
  });
  it("says nothing about a full row", () => {
    expect(validateRow(["FE7", "Full Row Ltd", "MY", "", "", "", ""], columns, headers.length, 2, parsed)).toBeNull();
  });
});
