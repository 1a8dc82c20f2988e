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

const days = (label: string, max: number) =>
  z.coerce.number({ message: `${label}: enter a number of days.` }).int({ message: `${label}: enter a whole number of days.` }).min(1, { message: `${label}: at least 1 day.` }).max(max, { message: `${label}: at most ${max} days.` });

export const SettingsSchema = z.object({
  timeZone: z.string().trim().refine(isTimeZone, { message: "Enter a time zone such as Asia/Kuala_Lumpur or Europe/Berlin." }),
  maxAuditsPerInspectorPerDay: z.coerce.number({ message: "Enter a number." }).int({ message: "Enter a whole number." }).min(1, { message: "At least 1 audit a day." }).max(8, { message: "At most 8 audits a day." }),
  minDaysBetweenAudits: z.coerce.number({ message: "Enter a number of days." }).int({ message: "Enter a whole number of days." }).min(0, { message: "Enter 0 or more days." }).max(1095, { message: "At most 1095 days (3 years)." }),
  criticalDueDays: days("Critical", 365),
  majorDueDays: days("Major", 365),
  minorDueDays: days("Minor", 730),
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
