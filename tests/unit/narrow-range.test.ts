/**
 * "What would narrow this range most" (issue 14 item 5): the three unknown indicators of largest
 * weight × uncertainty, each asked as a plain question; and the prior / observed label per line.
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { WhyPanel } from "~/components/risk/why-panel";
import { INDICATOR_QUESTIONS, INDICATORS } from "~/domain/indicators";
import { loadMethodologyFile } from "~/domain/risk/default-methodology.server";
import { indicatorStatus, narrowingQuestions, priorOf } from "~/domain/risk/narrow-range";
import { rangeText } from "~/domain/risk/range-text";
import { scoreSupplier } from "~/domain/risk/score-supplier";
import type { Factor, SupplierInputs } from "~/domain/risk/types";
import { sampleReference } from "./support/reference";
import { supplierInputs } from "../support/supplier-inputs";

const v2 = loadMethodologyFile("fixtures/methodology/v2.json");
const ref = sampleReference();
const seen = (present: boolean) => ({ present, source: "audit of 2026-03-04", date: "2026-03-04" });
const supplier = (over: Partial<SupplierInputs> = {}) => supplierInputs({ country: "IN", sector: "Garments", ...over });
const line = (over: Partial<Factor>): Factor => ({ code: "indicator.deception", layer: "observed", label: "Deception", value: "unknown", weight: 8, contribution: 0, known: false, sources: [], ...over });

describe("narrowingQuestions", () => {
  it("nothing known: the three heaviest indicators of version 2 (debt bondage 14, then the two of weight 12), as questions", () => {
    const r = scoreSupplier(supplier(), v2, ref);
    const qs = narrowingQuestions(r.factors);
    expect(qs.map((q) => q.code)).toEqual(["debt_bondage", ...["physical_sexual_violence", "retention_of_documents"].sort((a, b) => {
      const order = ["physical_sexual_violence", "retention_of_documents"];
      const spread = (c: string) => { const p = priorOf(r.factors.find((f) => f.code === `indicator.${c}`)!)!; return p * (1 - p); };
      return spread(b) - spread(a) || order.indexOf(a) - order.indexOf(b);
    })]);
    expect(qs[0]).toMatchObject({ question: INDICATOR_QUESTIONS.debt_bondage, weight: 14, narrowsBy: 14 });
    expect(qs.every((q) => q.prior !== null && q.prior > 0 && q.prior < 1)).toBe(true);
  });

  it("an observed indicator is no longer asked, present or absent: the next heaviest takes its place", () => {
    const r = scoreSupplier(supplier({ indicators: { debt_bondage: seen(false), physical_sexual_violence: seen(true), retention_of_documents: seen(false) } }), v2, ref);
    const codes = narrowingQuestions(r.factors).map((q) => q.code);
    expect(codes).not.toContain("debt_bondage");
    expect(codes).not.toContain("physical_sexual_violence");
    expect(codes).not.toContain("retention_of_documents");
    // The weight-10 indicators: restriction of movement, withholding of wages, worker-paid fees, recruitment debt.
    expect(narrowingQuestions(r.factors).every((q) => q.weight === 10)).toBe(true);
  });

  it("observing each asked indicator narrows the range: absent by up to its weight (a present red flag lifts the low end to its floor)", () => {
    const inputs = supplier({ migrantShare: 0.1 });
    const before = scoreSupplier(inputs, v2, ref);
    for (const q of narrowingQuestions(before.factors)) {
      for (const present of [true, false]) {
        const after = scoreSupplier({ ...inputs, indicators: { [q.code]: seen(present) } }, v2, ref);
        const narrowed = before.range.high - before.range.low - (after.range.high - after.range.low);
        expect(narrowed).toBeGreaterThanOrEqual(0); // 0 where the 0–100 hold bounds the high end
        if (!present) expect(narrowed).toBeLessThanOrEqual(q.narrowsBy + 0.1);
      }
    }
  });

  it("everything known, or lines withheld by a share: nothing to ask", () => {
    const all = Object.fromEntries(INDICATORS.map((i) => [i.code, seen(false)]));
    expect(narrowingQuestions(scoreSupplier(supplier({ indicators: all }), v2, ref).factors)).toEqual([]);
    expect(narrowingQuestions([line({ value: "withheld (outside the share's scope)" })])).toEqual([]);
    expect(narrowingQuestions([line({}), line({ code: "migrant_share", weight: 20 })], 5).map((q) => q.code)).toEqual(["deception"]);
  });

  it("every indicator has a question, phrased as one", () => {
    for (const i of INDICATORS) expect(INDICATOR_QUESTIONS[i.code]).toMatch(/^[A-Z].*\?$/);
  });
});

describe("indicatorStatus", () => {
  it("prior while unknown, observed present / absent once known, nothing for other or withheld lines", () => {
    expect(indicatorStatus(line({ value: "unknown: expected 0.25 from base 0.05 + ... (noisy-OR)", contribution: 2 }))).toBe("prior 0.25 (expected)");
    expect(indicatorStatus(line({ contribution: 0 }))).toBe("unknown (no prior)");
    expect(indicatorStatus(line({ known: true, value: "yes (audit, 2026-03-04)", contribution: 8 }))).toBe("observed present");
    expect(indicatorStatus(line({ known: true, value: "no (audit, 2026-03-04)" }))).toBe("observed absent");
    expect(indicatorStatus(line({ known: true, value: "withheld (outside the share's scope)", contribution: 8 }))).toBeNull();
    expect(indicatorStatus(line({ code: "migrant_share" }))).toBeNull();
  });

  it("reads the prior the version 2 scorer states", () => {
    const f = scoreSupplier(supplier(), v2, ref).factors.find((x) => x.code === "indicator.debt_bondage")!;
    expect(priorOf(f)).toBeCloseTo(f.contribution / f.weight, 1);
  });
});

describe("the why panel", () => {
  const panel = (factors: Factor[], range?: { low: number; high: number }) =>
    renderToStaticMarkup(
      createElement(WhyPanel, { factors, score: 40, confidence: 0.5, inputsHash: "test", methodologyVersion: "2.0", computedAt: "2026-03-04T00:00:00Z", cause: "test", low: range?.low, high: range?.high }),
    );

  it("labels each indicator line prior or observed, states the range, and asks the three questions", () => {
    const r = scoreSupplier(supplier({ indicators: { excessive_overtime: seen(true), deception: seen(false) } }), v2, ref);
    const html = panel(r.factors, r.range);
    expect(html).toContain("observed present: </span>");
    expect(html).toContain("observed absent: </span>");
    expect(html).toMatch(/prior 0\.\d\d \(expected\): <\/span>/);
    expect(html).toContain(`Range <strong>${r.range.low.toFixed(1)}–${r.range.high.toFixed(1)}</strong>`);
    expect(html).toContain("What would narrow this range most");
    for (const q of narrowingQuestions(r.factors)) expect(html).toContain(q.question.replace(/'/g, "&#x27;"));
  });

  it("asks nothing when the observed lines are withheld by a share", () => {
    const withheld = scoreSupplier(supplier(), v2, ref).factors.map((f) => (f.layer === "observed" ? { ...f, value: "withheld (outside the share's scope)", sources: [] } : f));
    const html = panel(withheld);
    expect(html).not.toContain("What would narrow this range most");
    expect(html).not.toContain("(expected)");
  });
});

describe("how a range reads", () => {
  it("names the range and the share observed, and leaves out a range of one point", () => {
    expect(rangeText(21.2, 100, 0.24)).toBe("range 21.2–100.0 · 24 % observed");
    expect(rangeText(74, 74, 1)).toBe("100 % observed");
    // Held at 100 with unknowns left: the range cannot move, the share observed still says what is unknown.
    expect(rangeText(100, 100, 0.48)).toBe("48 % observed");
    expect(rangeText(null, null, null)).toBe("");
  });
});
