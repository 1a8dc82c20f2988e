/** An inspectorate's scheduling rules: stored when an admin changes them, defaults until then. */
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "#db/client";
import { inspectorateSettings } from "#db/schema";
import { authorize, type Actor } from "~/auth/permissions.server";
import { recordEvent } from "../activity-log/activity-log.server";
import { isTimeZone } from "./local-time";
import { firstRow } from "#db/client";

export interface InspectorateSettings {
  timeZone: string;
  maxAuditsPerInspectorPerDay: number;
  minDaysBetweenAudits: number;
  criticalDueDays: number;
  majorDueDays: number;
  minorDueDays: number;
}

export const DEFAULT_SETTINGS: InspectorateSettings = {
  timeZone: "UTC",
  maxAuditsPerInspectorPerDay: 2,
  minDaysBetweenAudits: 180,
  criticalDueDays: 30,
  majorDueDays: 60,
  minorDueDays: 90,
};

export async function settingsOf(db: Db, orgId: number): Promise<InspectorateSettings> {
  const row = firstRow(await db.select().from(inspectorateSettings).where(eq(inspectorateSettings.orgId, orgId)));
  if (!row) return DEFAULT_SETTINGS;
  const { orgId: _, updatedAt: __, updatedBy: ___, ...settings } = row;
  return settings;
}

/** A number of days to fix a finding; the messages are keys of the "audits" catalog (issue 18), shown beside the field. */
const days = (max: 365 | 730) =>
  z.coerce
    .number({ message: "audits:settings.errors.days" })
    .int({ message: "audits:settings.errors.wholeDays" })
    .min(1, { message: "audits:settings.errors.atLeastOneDay" })
    .max(max, { message: max === 365 ? "audits:settings.errors.atMostYear" : "audits:settings.errors.atMostTwoYears" });

export const SettingsSchema = z.object({
  timeZone: z.string().trim().refine(isTimeZone, { message: "audits:settings.errors.timeZone" }),
  maxAuditsPerInspectorPerDay: z.coerce
    .number({ message: "audits:settings.errors.number" })
    .int({ message: "audits:settings.errors.wholeNumber" })
    .min(1, { message: "audits:settings.errors.atLeastOneAudit" })
    .max(8, { message: "audits:settings.errors.atMostEightAudits" }),
  minDaysBetweenAudits: z.coerce
    .number({ message: "audits:settings.errors.days" })
    .int({ message: "audits:settings.errors.wholeDays" })
    .min(0, { message: "audits:settings.errors.zeroOrMore" })
    .max(1095, { message: "audits:settings.errors.atMostThreeYears" }),
  criticalDueDays: days(365),
  majorDueDays: days(365),
  minorDueDays: days(730),
});

export async function updateSettings(db: Db, actor: Actor, orgId: number, settings: InspectorateSettings, ip: string | null): Promise<void> {
  authorize(actor, "audits.settings", { orgId });
  const values = { ...settings, updatedBy: actor.user.id, updatedAt: new Date() };
  await db.insert(inspectorateSettings).values({ orgId, ...values }).onConflictDoUpdate({ target: inspectorateSettings.orgId, set: values });
  await recordEvent(db, { action: "audit.settings_changed", actorUserId: actor.user.id, orgId, targetType: "organisation", targetId: orgId, ip, details: { ...settings } });
}

/** Days to fix a finding of this severity. */
export function dueDaysFor(settings: InspectorateSettings, severity: "minor" | "major" | "critical"): number {
  return severity === "critical" ? settings.criticalDueDays : severity === "major" ? settings.majorDueDays : settings.minorDueDays;
}
