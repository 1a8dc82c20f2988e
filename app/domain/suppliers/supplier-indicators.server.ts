/**
 * A person records what they observed at a supplier (an indicator present, absent, or no longer
 * known), with their name and the date as its source; the supplier's score follows at once.
 */
import { and, eq } from "drizzle-orm";
import type { Db } from "#db/client";
import { riskScores, suppliers } from "#db/schema";
import { authorize, type Actor } from "~/auth/permissions.server";
import { recordEvent } from "../activity-log/activity-log.server";
import { Invalid, NotFound } from "../errors";
import { INDICATORS, isIndicatorCode } from "../indicators";
import { scoreOrganisation, type ScoringOutcome } from "../risk/scoring.server";
import { firstRow } from "#db/client";
import { formatsFor } from "~/i18n/format";
import { serverT } from "~/i18n/i18n.server";

export type IndicatorValue = "yes" | "no" | "unknown";

/** A supplier's score as stored (the row its risk_score_id points at), or null before its first. */
async function storedScore(db: Db, supplierId: number): Promise<{ id: number; score: number; band: string } | null> {
  return (
    firstRow(
      await db
        .select({ id: riskScores.id, score: riskScores.score, band: riskScores.band })
        .from(suppliers)
        .innerJoin(riskScores, eq(riskScores.id, suppliers.riskScoreId))
        .where(eq(suppliers.id, supplierId)),
    ) ?? null
  );
}

/** What a recording changed: the indicators, and the stored score before and after it. */
export interface IndicatorChange {
  recorded: { code: string; label: string; value: IndicatorValue }[];
  before: { score: number; band: string } | null;
  after: { score: number; band: string } | null;
}

/**
 * The sentence the page shows after saving, from the stored scores, in the reader's language:
 * "Score 50.1 → 60.1 (medium → high): Withholding of wages recorded as present." One decimal, as
 * the supplier pages show scores.
 */
export function indicatorChangeText(change: IndicatorChange, lng = "en"): string {
  const t = serverT(lng, "suppliers");
  if (change.recorded.length === 0) return t("indicatorForm.change.nothing");
  const one = (n: number) => formatsFor(lng).number(n, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const band = (b: string) => t(`indicatorForm.change.band.${b}`, { defaultValue: b });
  const what = change.recorded.map((r) => t(`indicatorForm.change.item.${r.value}`, { label: t(`indicatorForm.label.${r.code}`, { defaultValue: r.label }) })).join("; ");
  const { before, after } = change;
  const score =
    after === null
      ? t("indicatorForm.change.notScored")
      : before === null
        ? t("indicatorForm.change.first", { score: one(after.score), band: band(after.band) })
        : before.score === after.score && before.band === after.band
          ? t("indicatorForm.change.unchanged", { score: one(after.score), band: band(after.band) })
          : before.band === after.band
            ? t("indicatorForm.change.moved", { before: one(before.score), after: one(after.score), band: band(after.band) })
            : t("indicatorForm.change.movedBand", { before: one(before.score), after: one(after.score), bandBefore: band(before.band), bandAfter: band(after.band) });
  return t("indicatorForm.change.sentence", { score, what });
}

export async function supplierIndicators(db: Db, actor: Actor, orgId: number, supplierId: number) {
  authorize(actor, "suppliers.view", { orgId });
  const s = firstRow(await db
      .select({ id: suppliers.id, name: suppliers.name, indicators: suppliers.indicators, indicatorSources: suppliers.indicatorSources, lastImportId: suppliers.lastImportId })
      .from(suppliers)
      .where(and(eq(suppliers.id, supplierId), eq(suppliers.orgId, orgId))));
  if (!s) throw new NotFound();
  return {
    ...s,
    rows: INDICATORS.map((i) => ({
      ...i,
      value: (i.code in s.indicators ? (s.indicators[i.code] ? "yes" : "no") : "unknown") as IndicatorValue,
      source: s.indicatorSources[i.code]?.source ?? (i.code in s.indicators ? (s.lastImportId ? `supplier list, import ${s.lastImportId}` : "supplier list") : null),
      /** Where the value came from, for a page to say in its reader's language: a person's record (its stored text), the list, or nothing. */
      recordedSource: s.indicatorSources[i.code]?.source ?? null,
      fromList: !s.indicatorSources[i.code] && i.code in s.indicators,
      date: s.indicatorSources[i.code]?.date ?? null,
    })),
  };
}

export async function recordSupplierIndicators(
  db: Db,
  actor: Actor,
  orgId: number,
  supplierId: number,
  input: { values: Record<string, string>; note: string; ip?: string | null; now?: Date },
): Promise<ScoringOutcome & { changedCodes: string[]; change: IndicatorChange }> {
  authorize(actor, "suppliers.edit", { orgId });
  const current = await supplierIndicators(db, actor, orgId, supplierId);
  const before = await storedScore(db, supplierId);
  const note = input.note.trim();
  if (note.length > 500) throw new Invalid("note", "suppliers:indicatorForm.errors.noteTooLong", { max: 500, length: note.length });
  const now = input.now ?? new Date();
  const date = now.toISOString().slice(0, 10);
  const source = `recorded by ${actor.user.name} on ${date}${note ? `: ${note}` : ""}`;
  const indicators = { ...current.indicators };
  const sources = { ...current.indicatorSources };
  const changedCodes: string[] = [];
  for (const [code, value] of Object.entries(input.values)) {
    if (!isIndicatorCode(code)) throw new Invalid(code, "suppliers:indicatorForm.errors.unknownIndicator", { code });
    if (value !== "yes" && value !== "no" && value !== "unknown") throw new Invalid(code, "suppliers:indicatorForm.errors.chooseValue", { value });
    const before = current.rows.find((r) => r.code === code)!.value;
    if (before === value) continue;
    changedCodes.push(code);
    if (value === "unknown") {
      delete indicators[code];
      delete sources[code];
    } else {
      indicators[code] = value === "yes";
      sources[code] = { source, date };
    }
  }
  const recorded = changedCodes.map((code) => ({ code, label: INDICATORS.find((i) => i.code === code)!.label, value: input.values[code] as IndicatorValue }));
  const pick = (s: { score: number; band: string } | null) => (s ? { score: s.score, band: s.band } : null);
  if (changedCodes.length === 0) return { scored: 0, changed: 0, changedCodes, change: { recorded, before: pick(before), after: pick(before) } };
  await db.update(suppliers).set({ indicators, indicatorSources: sources, updatedAt: now }).where(and(eq(suppliers.id, supplierId), eq(suppliers.orgId, orgId)));
  await recordEvent(db, { action: "supplier.indicators_changed", actorUserId: actor.user.id, orgId, targetType: "supplier", targetId: supplierId, ip: input.ip, details: { changed: Object.fromEntries(changedCodes.map((c) => [c, input.values[c]])), note } });
  const outcome = await scoreOrganisation(db, orgId, { supplierIds: [supplierId], cause: `indicators recorded by ${actor.user.name}` });
  // Read back from the stored score, not from the outcome: the message must say what is on record.
  return { ...outcome, changedCodes, change: { recorded, before: pick(before), after: pick(await storedScore(db, supplierId)) } };
}
