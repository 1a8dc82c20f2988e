/** Words for values in reports, the same everywhere, in the report's language. */
import type { Words } from "./words";

export const percent = (w: Words, share: number | null): string => w.f.percent(share);
export const number = (w: Words, n: number | null): string => w.f.number(n);
export const score1 = (w: Words, n: number | null | undefined): string => w.f.number(n, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
export const capital = (s: string): string => (s ? s[0]!.toUpperCase() + s.slice(1) : s);

const BANDS = ["low", "medium", "high", "critical"] as const;
/** A band's name ("high", "High", null: not scored) in the report's language, capitalised. */
export function bandName(w: Words, band: string | null): string {
  const key = band?.toLowerCase() ?? "";
  if (!band || key === "not scored") return w.t("pdf.band.notScored");
  return (BANDS as readonly string[]).includes(key) ? w.t(`pdf.band.${key as (typeof BANDS)[number]}`) : capital(band);
}

const RESULTS = ["not_observed", "minor", "major", "critical"] as const;
const TYPES = ["announced", "unannounced", "follow_up", "desk_review"] as const;
const ACTIONS = ["open", "in_progress", "submitted", "verified_closed"] as const;
const STATUSES = ["planned", "confirmed", "in_progress", "completed", "report_issued", "cancelled"] as const;
const pick = <T extends string>(list: readonly T[], value: string): T | null => ((list as readonly string[]).includes(value) ? (value as T) : null);

export const resultLabel = (w: Words, v: string): string => {
  const k = pick(RESULTS, v);
  return k ? w.t(`pdf.result.${k}`) : v;
};
export const typeLabel = (w: Words, v: string): string => {
  const k = pick(TYPES, v);
  return k ? w.t(`pdf.auditType.${k}`) : v;
};
export const actionLabel = (w: Words, v: string): string => {
  const k = pick(ACTIONS, v);
  return k ? w.t(`pdf.actionStatus.${k}`) : v;
};
export const statusLabel = (w: Words, v: string): string => {
  const k = pick(STATUSES, v);
  return k ? w.t(`pdf.auditStatus.${k}`) : v;
};
