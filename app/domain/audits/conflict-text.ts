/**
 * A scheduling conflict (conflicts.ts) as a sentence of the "audits" catalog. One function for
 * the pages (the reader's language, days as the reader writes them) and for the English lines of
 * logs and the planner (conflict-text.server.ts), so the two cannot say different things.
 */
import type { Conflict } from "./conflicts";

/** `t` of the "audits" namespace, and how a calendar day ("2026-12-08") is written. */
export type ConflictWords = {
  t: (key: string, values: Record<string, string | number>) => string;
  day: (day: string) => string;
};

export function conflictText(c: Conflict, { t, day }: ConflictWords): string {
  const p = c.params;
  const name = p.name ?? t("conflict.inspector", { id: c.inspectorId ?? "" });
  const audit = p.auditDay ? (p.supplierName ? t("conflict.auditOfOn", { day: day(p.auditDay), id: c.auditId ?? "", supplier: p.supplierName }) : t("conflict.auditOn", { day: day(p.auditDay), id: c.auditId ?? "" })) : "";
  switch (c.code) {
    case "inspector_booked":
      return t("conflict.booked", { name, audit });
    case "inspector_unavailable":
      return t("conflict.unavailable", { name, from: day(p.from ?? ""), to: day(p.to ?? ""), reason: p.reason ?? "" });
    case "daily_limit":
      return t("conflict.dailyLimit", { name, count: p.booked ?? 0, day: day(p.day ?? ""), limit: p.limit ?? 0 });
    case "recent_audit":
      return t("conflict.recentAudit", { audit, count: p.apart ?? 0, min: p.minDays ?? 0 });
  }
}
