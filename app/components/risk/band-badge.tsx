/**
 * A risk band with its score: "High 72.4", and where known its range and confidence ("range
 * 21.2–100 · 24 % observed", methodology 2): a score resting on unknowns says so next to the band. The band is written out in words (and a shape marker),
 * so it is never carried by colour alone (WCAG 1.4.1). Unscored entities read "not scored yet".
 * Words and numbers in the reader's language (issue 18).
 */
import type { Band } from "~/domain/risk/types";
import { bandInline, bandName, isBand, rangeLine, scoreText, useRiskText } from "./risk-text";

const LABELS: Record<Band, string> = { low: "Low", medium: "Medium", high: "High", critical: "Critical" };

export { isBand } from "./risk-text";

/**
 * The English band name, for English-only texts built outside a page (PDFs of reports). Pages use
 * `useBandName()` (or `bandName(t, band)` from ./risk-text), which reads the reader's language.
 */
export const bandLabel = (band: string | null | undefined): string => (isBand(band) ? LABELS[band] : "Not scored");

/** The band's name in the reader's language: `const name = useBandName(); name("high")` → "Hoch". */
export function useBandName(): (band: string | null | undefined) => string {
  const { t } = useRiskText();
  return (band) => bandName(t, band);
}

// One wording for pages and PDFs (reports/ builders import it from the domain module).
export { formatScore, rangeText } from "~/domain/risk/range-text";

export function BandBadge({ band, score, low, high, confidence }: { band: string | null; score: number | null; low?: number | null; high?: number | null; confidence?: number | null }) {
  const { t, format } = useRiskText();
  if (!isBand(band) || score === null || score === undefined) {
    return <span className="band-badge band-badge--none">{t("badge.notScoredYet")}</span>;
  }
  const extra = rangeLine(t, format, low, high, confidence);
  const values = { score: scoreText(format, score), band: bandInline(t, band), extra };
  return (
    <>
      <span className={`band-badge band-badge--${band}`} title={extra ? t("badge.titleWithRange", values) : t("badge.title", values)}>
        <span className="band-badge__band">{bandName(t, band)}</span> <span className="band-badge__score">{scoreText(format, score)}</span>
      </span>
      {extra ? <span className="band-badge__range"> {extra}</span> : null}
    </>
  );
}
