/**
 * How a score's range and confidence read, everywhere (pages and PDFs alike): "range 21.2–100.0 ·
 * 24 % observed" (methodology 2). Pure, so the report builders use the same words as the pages.
 */

export const formatScore = (score: number | null | undefined): string => (score === null || score === undefined ? "—" : score.toFixed(1));

/**
 * "range 21.2–100.0 · 24 % observed": empty when neither is known. A range of one point is left
 * out ("range 74.0–74.0" says nothing the score does not; unknown inputs that cannot move the
 * score, e.g. one held at 100, still show in the share observed).
 */
export function rangeText(low: number | null | undefined, high: number | null | undefined, confidence: number | null | undefined): string {
  const parts: string[] = [];
  if (low !== null && low !== undefined && high !== null && high !== undefined && low !== high) parts.push(`range ${formatScore(low)}–${formatScore(high)}`);
  if (confidence !== null && confidence !== undefined) parts.push(`${Math.round(confidence * 100)} % observed`);
  return parts.join(" · ");
}
