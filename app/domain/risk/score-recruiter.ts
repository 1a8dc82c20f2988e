/**
 * The recruiter score (methodology section "recruiter"): licence, worker-paid fees, corridors,
 * complaints, the risk of the suppliers served and how many organisations use the recruiter,
 * less certification. Pure and deterministic like the supplier score.
 */
import type { Methodology } from "./methodology";
import { assessCountry, factorLine, finish, round1, type CountryAssessment, type Floor } from "./score-common";
import { watchlistLine } from "./watchlist-line";
import type { Factor, RecruiterInputs, ReferenceData, ScoreResult } from "./types";

export function scoreRecruiter(inputs: RecruiterInputs, m: Methodology, reference: ReferenceData): ScoreResult {
  const r = m.recruiter;
  const factors: Factor[] = [];
  const redFlags: string[] = [];
  // The riskiest corridor, read first: version 2.1 expects unknown licence and fees from it.
  const assessed = inputs.originCountries.map((country) => ({ country, ...assessCountry(country, reference, m.supplier.country) }));
  const worst = assessed.length ? assessed.reduce((a, b) => (b.intensity > a.intensity ? b : a)) : null;
  const expect = recruiterExpectation(r.priors, worst);

  const status = inputs.licenceStatus;
  const licence = factorLine(r.licence, "licence", "observed", status === "unknown" ? null : (r.licence.intensity[status] ?? 0), status === "unknown" ? "unknown" : `licence ${status}`);
  if (r.licence.redFlagStatuses.includes(status)) {
    licence.redFlag = true;
    redFlags.push(`licence_${status}`);
  }
  factors.push(expect(licence, "licence"));

  const fee = inputs.feeAmount !== null ? ` (${inputs.feeAmount.toLocaleString("en-GB")} ${inputs.feeCurrency ?? ""} per worker)`.replace(" )", ")") : "";
  factors.push(
    expect(
      factorLine(r.fees, "fees", "observed", inputs.feesChargedToWorkers === null ? null : inputs.feesChargedToWorkers ? 1 : 0, inputs.feesChargedToWorkers === null ? "unknown" : inputs.feesChargedToWorkers ? `yes${fee}` : "no"),
      "fees",
    ),
  );

  if (!worst) {
    factors.push(factorLine(r.corridors, "corridors", "inherent", null, "unknown: no origin country"));
  } else {
    factors.push(factorLine(r.corridors, "corridors", "inherent", worst.intensity, `riskiest origin: ${worst.value}`, worst.sources));
  }

  factors.push(factorLine(r.complaints, "complaints", "observed", Math.min(1, inputs.complaints / r.complaints.saturation), `${inputs.complaints} recorded`));

  const served = inputs.servedSupplierScores.filter((s): s is number => s !== null);
  factors.push(
    served.length === 0
      ? factorLine(r.servedSuppliers, "served_suppliers", "observed", null, inputs.servedSupplierScores.length ? "suppliers not scored yet" : "unknown: serves no supplier on the list")
      : factorLine(r.servedSuppliers, "served_suppliers", "observed", Math.max(...served) / 100, `highest of ${served.length} supplier scores: ${Math.max(...served)}`),
  );

  const n = Math.max(1, inputs.organisationsUsing);
  factors.push(factorLine(r.organisationsUsing, "organisations_using", "observed", Math.min(1, (n - 1) / (r.organisationsUsing.saturation - 1 || 1)), `${n} ${n === 1 ? "organisation" : "organisations"}`));

  const certified = inputs.certification?.trim();
  factors.push(factorLine(r.certification, "certification", "mitigation", certified ? 1 : null, certified ? certified : "not recorded"));
  // Version 2: a confirmed watchlist match (ADR 016), last like on the supplier side.
  const floors: Floor[] = [];
  if (m.priors && inputs.watchlist?.length) factors.push(watchlistLine(inputs.watchlist, m, redFlags, floors));
  // Under 2.1 an unknown licence might be one of the red-flag statuses: the top of the range says so.
  const unknownRedFlag = !!r.priors && status === "unknown" && r.licence.redFlagStatuses.length > 0;
  return finish(factors, redFlags, m, floors.length || unknownRedFlag ? { floors, unknownRedFlag } : undefined);
}

/**
 * Version 2.1: an unknown licence or fee practice counts weight × prior, the noisy-OR of the line's
 * base rate and of the riskiest corridor (probability × its intensity). Earlier versions: 0.
 */
function recruiterExpectation(priors: Methodology["recruiter"]["priors"], worst: (CountryAssessment & { country: string }) | null): (line: Factor, code: "licence" | "fees") => Factor {
  if (!priors) return (line) => line;
  return (line, code) => {
    if (line.known) return line;
    const base = priors.base[code];
    const fromCorridor = worst ? Math.round(priors.corridor[code] * worst.intensity * 1000) / 1000 : 0;
    const prior = Math.round((1 - (1 - base) * (1 - fromCorridor)) * 1000) / 1000;
    const parts = [`base ${base}`, ...(fromCorridor > 0 ? [`riskiest corridor (${worst!.country} ${Math.round(worst!.intensity * 1000) / 1000}) ${fromCorridor}`] : [])];
    return {
      ...line,
      value: `unknown: expected ${prior.toFixed(2)} from ${parts.join(" + ")} (noisy-OR)`,
      contribution: round1(line.weight * prior),
      sources: [priors.source, ...(fromCorridor > 0 ? worst!.sources : [])],
    };
  };
}
