/** The probable-duplicate finder and its stored message (issue 15, item 6). */
import { describe, expect, it } from "vitest";
import { nameKey } from "~/domain/import/dedupe";
import { decidedMessage, nearDuplicateMessage, NearDuplicateFinder, readNearDuplicate } from "~/domain/import/near-duplicates";
import { storedMessage } from "~/domain/import/messages";
import { hash53, placeHash } from "~/domain/import/prepare.server";
import { storedText } from "~/domain/import/stored-text.server";

describe("probable duplicates", () => {
  it("finds the same name without legal forms, in the same country and place, under another id", () => {
    const find = new NearDuplicateFinder();
    const place = (text: string | null) => (text ? placeHash(text) : 0);
    const check = (row: number, name: string, country: string, id: string, city: string | null) => find.check(row, nameKey(name, country), hash53([id]), place(city));
    expect(check(2, "ACME FARMS, INC.", "US", "V-201", "Fresno")).toBeNull();
    expect(check(3, "Acme Farms Inc", "US", "V-202", "FRESNO ")).toBe(2);
    // Another city, another country, or the same id (merged by the analysis) are not probable duplicates.
    expect(check(4, "Acme Farms", "US", "V-203", "Bakersfield")).toBeNull();
    expect(check(5, "Acme Farms Inc", "MX", "V-205", "Fresno")).toBeNull();
    expect(check(6, "Acme Farms Inc", "US", "V-201", "Fresno")).toBeNull();
    // A row with an id already reported is that row again: reported once. No place is no objection.
    expect(check(7, "ACME FARMS", "US", "V-202", null)).toBeNull();
    expect(check(8, "Acme Farms Co", "US", "V-208", null)).toBe(2);
  });

  it("writes the decision into the warning and reads it back, in the reader's language", () => {
    const message = nearDuplicateMessage(2, nameKey("Acme Farms Inc", "US"), "suppliers");
    // Stored as a catalog key and values (issue 18), read in the reader's language.
    expect(storedText("en", message)).toBe('probable duplicate of row 2: the same name without legal forms ("acme farms") in the same country and place, as another supplier — merge the two or keep both before importing');
    expect(storedText("de", message)).toBe("Wahrscheinlich ein Duplikat von Zeile 2: derselbe Name ohne Rechtsform („acme farms“) im selben Land und am selben Ort wie ein anderer Lieferant – führen Sie die beiden vor dem Import zusammen oder behalten Sie beide");
    expect(readNearDuplicate(message)).toEqual({ of: 2, state: "open" });
    const kept = decidedMessage(message, "kept", 2);
    expect(readNearDuplicate(kept)).toEqual({ of: 2, state: "kept" });
    expect(storedText("en", kept)).toContain("— kept as two records");
    expect(readNearDuplicate(decidedMessage(kept, "merged", 2))).toEqual({ of: 2, state: "merged" });
    expect(storedText("en", decidedMessage(kept, "merged", 2))).not.toContain("kept as two");
    expect(storedText("th", decidedMessage(kept, "merged", 2))).toContain("รวมเข้ากับแถว 2 แล้ว");
    expect(readNearDuplicate(storedMessage("imports:problem.sameRecord.suppliers", { row: 2 }))).toBeNull();
  });

  it("still reads a warning stored in English before issue 18, and decides it in English", () => {
    const old = 'probable duplicate of row 2: the same name without legal forms ("acme farms") in the same country and place, as another supplier — merge the two or keep both before importing';
    expect(readNearDuplicate(old)).toEqual({ of: 2, state: "open" });
    const kept = decidedMessage(old, "kept", 2);
    expect(readNearDuplicate(kept)).toEqual({ of: 2, state: "kept" });
    expect(storedText("de", kept)).toBe(kept);
    expect(readNearDuplicate(decidedMessage(kept, "merged", 2))).toEqual({ of: 2, state: "merged" });
    expect(readNearDuplicate("same supplier as row 2: the two rows are merged")).toBeNull();
  });

  it("compares places without case, spaces and punctuation", () => {
    expect(placeHash("12 Main St., Fresno")).toBe(placeHash("12 MAIN ST FRESNO"));
    expect(placeHash("Fresno")).not.toBe(placeHash("Bakersfield"));
    expect(placeHash(" ,. ")).toBe(0);
  });
});
