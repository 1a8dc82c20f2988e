/**
 * The priority's uncertainty part (methodology 2): a workplace whose range reaches a worse band
 * than its score, high or critical, gets a documented part naming the band, the top of the range
 * and the share observed; a withheld score gets none (it would tell), and a stored reason line
 * loses it with the score when the shares stop including scores.
 */
import { describe, expect, it } from "vitest";
import { PRIORITY_RULES, priorityOf, type PriorityInputs } from "~/domain/audits/priority";
import { reasonLine, withoutScore } from "~/domain/audits/queue.server";
import { loadMethodologyFile } from "~/domain/risk/default-methodology.server";

const bands = loadMethodologyFile("fixtures/methodology/v2.json").bands;
const base: PriorityInputs = { score: 36, band: "medium", lastAuditOn: null, openActions: 0, overdueActions: 0, recentGrievances: 0, today: "2026-12-01", bands };
const at = (over: Partial<PriorityInputs>) => priorityOf({ ...base, ...over });

describe("priority: uncertainty of the score", () => {
  it("the v2 bands are the ones this test reasons with", () => {
    expect(bands).toMatchObject({ high: 50, critical: 75 });
  });

  it("a medium score whose range reaches critical gets a part naming the band, the top and the share observed", () => {
    const p = at({ range: { low: 21.2, high: 88 }, confidence: 0.24 });
    expect(p.reasons.map((r) => r.label)).toEqual(["risk score 36 (medium)", "range reaches critical (88.0) with 24 % observed: an audit would narrow it", "never audited"]);
    expect(p.reasons[1]!.points).toBe(13); // (88 − 36) × 0.25
    expect(p.priority).toBe(36 + 13 + 20);
  });

  it("the part is capped", () => {
    const p = at({ range: { low: 10, high: 100 }, confidence: 0.1 });
    expect(p.reasons[1]).toEqual({ label: "range reaches critical (100.0) with 10 % observed: an audit would narrow it", points: PRIORITY_RULES.maxRange });
  });

  it("a high score whose range reaches critical counts; a range that stays in the score's band, or tops out at medium, does not", () => {
    expect(at({ score: 60, band: "high", range: { low: 40, high: 80 }, confidence: 0.5 }).reasons[1]).toEqual({ label: "range reaches critical (80.0) with 50 % observed: an audit would narrow it", points: 5 });
    expect(at({ score: 60, band: "high", range: { low: 40, high: 74.9 }, confidence: 0.5 }).reasons.map((r) => r.label)).toEqual(["risk score 60 (high)", "never audited"]);
    expect(at({ score: 80, band: "critical", range: { low: 60, high: 100 }, confidence: 0.3 }).reasons).toHaveLength(2);
    expect(at({ score: 12, band: "low", range: { low: 5, high: 49.9 }, confidence: 0.2 }).reasons).toHaveLength(2);
    expect(at({ score: 12, band: "low", range: { low: 5, high: 50 }, confidence: 0.2 }).reasons[1]).toEqual({ label: "range reaches high (50.0) with 20 % observed: an audit would narrow it", points: 9.5 });
  });

  it("goes with the band thresholds it is given, not fixed numbers", () => {
    expect(at({ range: { low: 20, high: 70 }, confidence: 0.4, bands: { high: 50, critical: 65 } }).reasons[1]!.label).toBe("range reaches critical (70.0) with 40 % observed: an audit would narrow it");
    expect(at({ range: { low: 20, high: 70 }, confidence: 0.4 }).reasons[1]!.label).toBe("range reaches high (70.0) with 40 % observed: an audit would narrow it");
  });

  it("is absent without a range (methodology 1), without the bands, unscored, or when the score is withheld", () => {
    expect(at({ range: null, confidence: 0.24 }).reasons).toHaveLength(2);
    expect(at({ range: { low: 20, high: 90 }, bands: null }).reasons).toHaveLength(2);
    expect(at({ score: null, band: null, range: { low: 20, high: 90 } }).reasons.map((r) => r.label)).toEqual(["not scored yet (counted as 50)", "never audited"]);
    const withheld = at({ scoreWithheld: true, range: { low: 20, high: 90 }, confidence: 0.2 });
    expect(withheld.reasons.map((r) => r.label)).toEqual(["risk score not shared with you (counted as 50)", "never audited"]);
    expect(withheld.priority).toBe(70);
  });

  it("says nothing of the share observed when the confidence is not known", () => {
    expect(at({ range: { low: 20, high: 90 }, confidence: null }).reasons[1]!.label).toBe("range reaches critical (90.0): an audit would narrow it");
  });

  it("a stored reason line loses the range part with the score and the total", () => {
    const p = at({ range: { low: 21.2, high: 88 }, confidence: 0.24, openActions: 1 });
    const line = reasonLine(3, p);
    expect(line).toBe("Rank 3, priority 73: risk score 36 (medium) +36, range reaches critical (88.0) with 24 % observed: an audit would narrow it +13, never audited +20, 1 open corrective action +4");
    expect(withoutScore(line)).toBe("Rank 3: risk score not shared with you, never audited +20, 1 open corrective action +4");
    expect(withoutScore(reasonLine(1, at({ score: 12, band: "low", range: { low: 5, high: 50 }, confidence: null })))).toBe("Rank 1: risk score not shared with you, never audited +20");
  });
});
