/**
 * Two observations of one indicator or mitigation: verified evidence replaces the supplier's own
 * answer (methodology 2.2, decision 031), except an indicator the supplier itself admits.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mergeSelfReported, preferredObservation } from "~/domain/risk/observation-basis";
import type { ObservedIndicator } from "~/domain/risk/types";

const audit = (present: boolean, date = "2026-11-02"): ObservedIndicator => ({ present, source: "audit", date });
const answer = (present: boolean, date = "2026-12-02"): ObservedIndicator => ({ present, source: "questionnaire 3", date, basis: "self-reported" });

describe("verified over self-reported", () => {
  it("a verified observation replaces a self-reported one, whichever is newer or read first", () => {
    expect(preferredObservation(audit(true), answer(false))).toEqual(audit(true));
    expect(preferredObservation(answer(false), audit(true))).toEqual(audit(true));
    expect(preferredObservation(answer(false, "2027-01-01"), audit(false, "2020-01-01"))).toEqual(audit(false, "2020-01-01"));
    expect(preferredObservation(answer(false), { ...audit(false), basis: "verified" })).toMatchObject({ basis: "verified" });
  });

  it("but a verified absence does not erase an indicator the supplier admits (a red-flag answer stays); for a mitigation it does", () => {
    expect(preferredObservation(audit(false), answer(true))).toEqual(answer(true));
    expect(preferredObservation(answer(true), audit(false))).toEqual(answer(true));
    expect(preferredObservation(audit(false), answer(true), "mitigation")).toEqual(audit(false));
  });

  it("between two of the same basis the later date counts, the first on a tie", () => {
    expect(preferredObservation(audit(false, "2026-01-01"), audit(true, "2026-02-01"))).toEqual(audit(true, "2026-02-01"));
    expect(preferredObservation(answer(true, "2026-02-01"), answer(false, "2026-01-01"))).toEqual(answer(true, "2026-02-01"));
    expect(preferredObservation(audit(false), { ...audit(true), source: "other" })).toEqual(audit(false));
  });

  it("merges answers in code by code, marks them self-reported, keeps verified ones as they were (no basis added) and sorts the codes", () => {
    const merged = mergeSelfReported(
      { worker_paid_fees: audit(false), debt_bondage: audit(false) },
      { worker_paid_fees: answer(false), deception: { present: false, source: "questionnaire 3", date: "2026-12-02" }, debt_bondage: answer(true) },
    );
    expect(Object.keys(merged)).toEqual(["debt_bondage", "deception", "worker_paid_fees"]);
    expect(merged.worker_paid_fees).toEqual(audit(false));
    expect(merged.worker_paid_fees).not.toHaveProperty("basis");
    expect(merged.deception).toMatchObject({ basis: "self-reported", present: false });
    expect(merged.debt_bondage).toEqual(answer(true));
    const verifiedOnly = { b: audit(true), a: audit(false) };
    expect(mergeSelfReported(verifiedOnly, undefined)).toBe(verifiedOnly);
    expect(mergeSelfReported(verifiedOnly, {})).toBe(verifiedOnly);
  });

  it("never lets an answer outweigh a verified present, and never drops a code", () => {
    const obs = fc.record({ present: fc.boolean(), source: fc.constant("x"), date: fc.constantFrom("2026-01-01", "2026-06-01") });
    const codes = fc.constantFrom("a", "b", "c", "d");
    fc.assert(
      fc.property(fc.dictionary(codes, obs), fc.dictionary(codes, obs), (checked, said) => {
        const merged = mergeSelfReported(checked, said);
        expect(Object.keys(merged).sort()).toEqual([...new Set([...Object.keys(checked), ...Object.keys(said)])].sort());
        for (const [code, o] of Object.entries(checked)) {
          if (o.present) expect(merged[code]).toEqual(o);
          else if (!said[code]?.present) expect(merged[code]).toEqual(o);
        }
      }),
    );
  });
});
