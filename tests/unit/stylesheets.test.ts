import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import postcss from "postcss";
import { describe, expect, it } from "vitest";

/**
 * Every stylesheet parses. A browser drops what follows an unclosed block without a word: a merge
 * that moved one closing brace once switched off every phone rule after it (the tables' cards), and
 * only the phone layout check noticed, pages later. This names the file and line at once.
 */
const dir = path.join(__dirname, "../../app/styles");
const sheets = readdirSync(dir).filter((f) => f.endsWith(".css"));

describe("stylesheets", () => {
  it("there is at least one", () => expect(sheets.length).toBeGreaterThan(0));
  for (const file of sheets) {
    it(`${file} parses, every block closed`, () => {
      const css = readFileSync(path.join(dir, file), "utf8");
      expect(() => postcss.parse(css, { from: file })).not.toThrow();
    });
  }
  it("an unclosed block is caught (the check itself)", () => {
    expect(() => postcss.parse(".a {\n  color: red;\n.b { color: blue; }\n", { from: "probe.css" })).toThrow(/Unclosed block/);
  });
});
