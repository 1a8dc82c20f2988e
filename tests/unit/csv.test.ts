/**
 * CSV written for spreadsheets: no cell may run as a formula in Excel or LibreOffice, whatever
 * blanks precede it or whichever list separator the reader's locale uses (OWASP CSV injection).
 */
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { neutraliseCell, toCsv } from "~/lib/csv";

describe("CSV neutralisation", () => {
  it.each([
    ["=1+1", "'=1+1"],
    ["+1+1", "'+1+1"],
    ["-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"],
    ["@SUM(A1:A2)", "'@SUM(A1:A2)"],
    ["\t=1+1", "'\t=1+1"],
    ["\r=1+1", "'\r=1+1"],
    ["\tplain", "'\tplain"],
    [" =HYPERLINK(\"http://x\")", "' =HYPERLINK(\"http://x\")"],
    ["   @x", "'   @x"],
    ["\n=1", "'\n=1"],
    ["\u00a0=1", "'\u00a0=1"],
    ["\uFF1D1+1", "'\uFF1D1+1"],
    ["-", "'-"],
    ["--1", "'--1"],
    ["1-2", "1-2"],
    ["a=b", "a=b"],
    ["Acme; Ltd", "Acme; Ltd"],
  ])("%j becomes %j", (cell, expected) => {
    expect(neutraliseCell(cell)).toBe(expected);
  });

  it("leaves plain numbers, negative ones included, as numbers: they cannot run, and a prefixed one sums as text", () => {
    for (const n of ["-1", "+1", "-12.5", "0.5", "-.5", "1e-3", "-2E+4", "60.0"]) expect(neutraliseCell(n)).toBe(n);
    for (const n of ["-1+1", "-1e", "+-1", "- 1", "-1,5"]) expect(neutraliseCell(n)).toBe(`'${n}`);
  });

  it("quotes a cell holding any common separator, so a ';' or tab reader cannot split a formula out of it", () => {
    const csv = toCsv([["a;=cmd", "b\t=cmd", "c|=cmd", "d,e", "plain", "-5"]]);
    expect(csv).toBe(`"a;=cmd","b\t=cmd","c|=cmd","d,e",plain,-5\r\n`);
    // Read back with ";" as the delimiter (a European spreadsheet): no cell starts with "=".
    for (const delimiter of [";", "\t", "|", ","]) {
      const cells = Papa.parse<string[]>(csv, { delimiter }).data.flat();
      expect(cells.filter((c) => /^\s*[=+@]/.test(c))).toEqual([]);
    }
  });

  it("writes the file's own delimiter and quotes embedded quotes and line breaks", () => {
    expect(toCsv([['say "hi"', "two\nlines"]], ";")).toBe(`"say ""hi""";"two\nlines"\r\n`);
  });
});
