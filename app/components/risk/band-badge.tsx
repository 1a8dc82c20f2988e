/**
 * A risk band with its score: "High 72.4", and where known its range and confidence ("range
 * 21.2–100 · 24 % observed", methodology 2): a score resting on unknowns says so next to the band. The band is written out in words (and a shape marker),
 * so it is never carried by colour alone (WCAG 1.4.1). Unscored entities read "not scored yet".
 */
import { formatScore, rangeText } from "~/domain/risk/range-text";
import { BANDS, type Band } from "~/domain/risk/types";

const LABELS: Record<Band, string> = { low: "Low", medium: "Medium", high: "High", critical: "Critical" };

export const isBand = (band: string | null | undefined): band is Band => !!band && (BANDS as readonly string[]).includes(band);

export const bandLabel = (band: string | null | undefined): string => (isBand(band) ? LABELS[band] : "Not scored");

// One wording for pages and PDFs (reports/ builders import it from the domain module).
export { formatScore, rangeText } from "~/domain/risk/range-text";

export function BandBadge({ band, score, low, high, confidence }: { band: string | null; score: number | null; low?: number | null; high?: number | null; confidence?: number | null }) {
  if (!isBand(band) || score === null || score === undefined) {
    return <span className="band-badge band-badge--none">not scored yet</span>;
  }
  const extra = rangeText(low, high, confidence);
  return (
    <>
      <span className={`band-badge band-badge--${band}`} title={`Risk score ${formatScore(score)} of 100, band ${LABELS[band].toLowerCase()}${extra ? `; ${extra}` : ""}`}>
        <span className="band-badge__band">{LABELS[band]}</span> <span className="band-badge__score">{formatScore(score)}</span>
      </span>
      {extra ? <span className="band-badge__range"> {extra}</span> : null}
    </>
  );
}
