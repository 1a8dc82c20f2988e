/** The probable-duplicate finder and its stored message (issue 15, item 6). */
import { describe, expect, it } from "vitest";
import { nameKey } from "~/domain/import/dedupe";
import { decidedMessage, nearDuplicateMessage, NearDuplicateFinder, readNearDuplicate } from "~/domain/import/near-duplicates";

describe("probable duplicates", () => {
  it("finds the same name without legal forms, in the same country and place, under another id", () => {
    const find = new NearDuplicateFinder();
    expect(find.check(2, nameKey("ACME FARMS, INC.", "US"), "V-201", true, "Fresno")).toBeNull();
    expect(find.check(3, nameKey("Acme Farms Inc", "US"), "V-202", true, "12 Main St, Fresno")).toMatchObject({ row: 2, externalId: "V-201" });
    // Another city, another country, or the same id (merged by the analysis) are not probable duplicates.
    expect(find.check(4, nameKey("Acme Farms", "US"), "V-203", true, "Bakersfield")).toBeNull();
    expect(find.check(5, nameKey("Acme Farms Inc", "MX"), "V-205", true, "Fresno")).toBeNull();
    expect(find.check(6, nameKey("Acme Farms Inc", "US"), "V-201", true, "Fresno")).toBeNull();
    // A row with an id already reported is that row again: reported once.
    expect(find.check(7, nameKey("ACME FARMS", "US"), "V-202", true, null)).toBeNull();
  });

  it("writes the decision into the warning and reads it back", () => {
    const message = nearDuplicateMessage(2, nameKey("Acme Farms Inc", "US"), ["V-201", "V-202"], "supplier");
    expect(message).toBe('probable duplicate of row 2: the same name without legal forms ("acme farms") in the same country and place, but another supplier id (V-201 and V-202) — merge the two or keep both before importing');
    expect(readNearDuplicate(message)).toEqual({ of: 2, state: "open" });
    const kept = decidedMessage(message, "kept", 2);
    expect(readNearDuplicate(kept)).toEqual({ of: 2, state: "kept" });
    expect(readNearDuplicate(decidedMessage(kept, "merged", 2))).toEqual({ of: 2, state: "merged" });
    expect(decidedMessage(kept, "merged", 2)).not.toContain("kept as two");
    expect(readNearDuplicate("same supplier as row 2: the two rows are merged")).toBeNull();
  });
});
