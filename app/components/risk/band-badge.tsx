/**
 * A risk band with its score: "High 72.4". The band is written out in words (and a shape marker),
 * so it is never carried by colour alone (WCAG 1.4.1). Unscored entities read "not scored yet".
 */
import { BANDS, type Band } from "~/domain/risk/types";

const LABELS: Record<Band, string> = { low: "Low", medium: "Medium", high: "High", critical: "Critical" };

export const isBand = (band: string | null | undefined): band is Band => !!band && (BANDS as readonly string[]).includes(band);

export const bandLabel = (band: string | null | undefined): string => (isBand(band) ? LABELS[band] : "Not scored");

export const formatScore = (score: number | null | undefined): string => (score === null || score === undefined ? "—" : score.toFixed(1));

export function BandBadge({ band, score }: { band: string | null; score: number | null }) {
  if (!isBand(band) || score === null || score === undefined) {
    return <span className="band-badge band-badge--none">not scored yet</span>;
  }
  return (
    <span className={`band-badge band-badge--${band}`} title={`Risk score ${formatScore(score)} of 100, band ${LABELS[band].toLowerCase()}`}>
      <span className="band-badge__band">{LABELS[band]}</span> <span className="band-badge__score">{formatScore(score)}</span>
    </span>
  );
}
