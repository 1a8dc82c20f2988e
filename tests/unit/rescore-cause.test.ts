/**
 * A rescore's cause is stored as keys (issue 18): a JSON document naming a `risk` catalog key and
 * its values, "resumed" a flag rather than words glued on; older English lines read back as they
 * were written. Read here as the score pages (`causeWords`) and the activity log say it, in
 * English, German and Thai.
 */
import { describe, expect, it } from "vitest";
import { causeText, causeWords } from "~/components/risk/risk-text";
import { describeEvent } from "~/domain/activity-log/sentences.server";
import { causeDetail, readCause, resumedCause, storeCause } from "~/domain/risk/cause";
import { serverT } from "~/i18n/i18n.server";

const riskT = (lng: string) => serverT(lng, "risk") as unknown as Parameters<typeof causeText>[0];
const names = { orgs: {}, suppliers: {}, users: {} };
const logged = (details: unknown, lng = "en") => describeEvent({ action: "risk.rescored", actorName: null, targetType: "scoring_run", targetId: "4", details }, names, lng);

describe("a rescore's stored cause", () => {
  const methodology = storeCause({ key: "risk:cause.methodology", values: { version: "2.1" } });

  it("is a keyed document, and a resumed run's cause is the same document flagged", () => {
    expect(methodology).toBe('{"key":"risk:cause.methodology","values":{"version":"2.1"}}');
    expect(readCause(methodology)).toEqual({ key: "risk:cause.methodology", values: { version: "2.1" }, resumed: false });
    expect(resumedCause(methodology)).toEqual({ key: "risk:cause.methodology", values: { version: "2.1" }, resumed: true });
    // Resuming a resumed run flags it once.
    expect(resumedCause(storeCause(resumedCause(methodology)))).toEqual(resumedCause(methodology));
    expect(resumedCause(storeCause({ key: "risk:cause.missingAtStart" }))).toEqual({ key: "risk:cause.missingAtStart", resumed: true });
  });

  it("reads an English line written before issue 18 as it is, its '(resumed)' as the flag", () => {
    expect(readCause("methodology 2.0")).toEqual({ en: "methodology 2.0", resumed: false });
    expect(readCause("methodology 2.0 (resumed)")).toEqual({ en: "methodology 2.0", resumed: true });
    expect(readCause("{not json")).toEqual({ en: "{not json", resumed: false });
    expect(resumedCause("reference ILAB 2024")).toEqual({ en: "reference ILAB 2024", resumed: true });
    // The activity log keeps the document itself, or the English line.
    expect(causeDetail(methodology)).toEqual({ key: "risk:cause.methodology", values: { version: "2.1" } });
    expect(causeDetail("import 3")).toBe("import 3");
  });

  it("is said in the reader's language on the score pages; an unknown English line is marked English", () => {
    const reference = storeCause({ key: "risk:cause.referenceEdition", values: { source: "ILAB TVPRA", edition: "2024" } });
    expect(causeText(riskT("en"), methodology)).toBe("methodology 2.1");
    expect(causeText(riskT("en"), reference)).toBe("reference data ILAB TVPRA, edition 2024");
    expect(causeText(riskT("de"), storeCause(resumedCause(methodology)))).toBe("Risikomethode 2.1 (fortgesetzt)");
    expect(causeText(riskT("de"), reference)).toBe("Referenzdaten ILAB TVPRA, Ausgabe 2024");
    expect(causeText(riskT("th"), storeCause({ key: "risk:cause.missingAtStart" }))).not.toMatch(/[a-z]/);
    // Older lines: the platform's own causes are recognised; anything else is shown as written.
    expect(causeWords(riskT("de"), "methodology 2.0 (resumed)")).toEqual({ text: "Risikomethode 2.0 (fortgesetzt)", english: false });
    expect(causeWords(riskT("de"), "nightly batch")).toEqual({ text: "nightly batch", english: true });
  });

  it("is said in the activity log, from the document its details hold", () => {
    expect(logged({ cause: causeDetail(methodology), scored: 24, changed: 5 })).toBe("Scores were recomputed (methodology version 2.1): 24 scored, 5 changed.");
    expect(logged({ cause: causeDetail(storeCause(resumedCause(methodology))), scored: 24, changed: 5 })).toBe("Scores were recomputed (methodology version 2.1, resumed): 24 scored, 5 changed.");
    expect(logged({ cause: "methodology 2.0 (resumed)", scored: 24, changed: 5 })).toBe("Scores were recomputed (methodology version 2.0, resumed): 24 scored, 5 changed.");
    const de = logged({ cause: causeDetail(storeCause({ key: "risk:cause.referenceEdition", values: { source: "ILAB", edition: "2024" } })), scored: 2400, changed: 5 }, "de");
    expect(de).toBe("Die Werte wurden neu berechnet (Referenzdaten ILAB 2024): 2.400 bewertet, 5 geändert.");
  });
});
