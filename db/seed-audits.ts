/**
 * The demo inspectorate's work: its scheduling rules, an inspector's leave, a completed audit
 * with findings and corrective actions (one overdue), a confirmed audit next week and an
 * unannounced one that the company must not see. Made through the domain functions, so the demo
 * data obeys the same rules as data entered in the pages; days are relative to the seeding day.
 */
import { and, eq } from "drizzle-orm";
import type { Actor } from "../app/auth/permissions.server";
import { addCorrectiveAction } from "../app/domain/audits/corrective-actions.server";
import { saveFindings, type FindingInput } from "../app/domain/audits/findings.server";
import { addLocalDays, fromLocal, localDay, weekday } from "../app/domain/audits/local-time";
import { changeAuditStatus, scheduleAudit } from "../app/domain/audits/scheduling.server";
import { addUnavailability } from "../app/domain/audits/availability.server";
import { updateSettings, type InspectorateSettings } from "../app/domain/audits/settings.server";
import { INDICATORS } from "../app/domain/indicators";
import type { Db } from "./client";
import { audits, findings, memberships, organisations, suppliers, users, type AuditStatus, type AuditType, type FindingResult } from "./schema";
import { firstRow } from "./client";

export interface DemoAudit {
  supplier: string;
  type: AuditType;
  /** Days from the seeding day (negative: in the past). */
  day: number;
  starts: string;
  ends: string;
  lead: string;
  team: string[];
  status: AuditStatus;
  findings?: { indicator: string; result: FindingResult; description: string; workers: number }[];
  actions?: { indicator: string; description: string; owner: "company" | "supplier" }[];
}

export interface DemoInspectorate {
  name: string;
  settings?: InspectorateSettings;
  unavailability?: { user: string; fromDay: number; days: number; reason: string }[];
  audits?: DemoAudit[];
}

async function actorOf(db: Db, email: string, orgId: number): Promise<Actor> {
  const user = firstRow(await db.select().from(users).where(eq(users.email, email)))!;
  const org = firstRow(await db.select().from(organisations).where(eq(organisations.id, orgId)))!;
  const m = firstRow(await db.select().from(memberships).where(and(eq(memberships.userId, user.id), eq(memberships.orgId, orgId))))!;
  return { user: { id: user.id, email: user.email, name: user.name, isPlatformAdmin: user.isPlatformAdmin }, membership: { orgId, orgType: org.type, orgName: org.name, role: m.role } };
}

/** The day itself on a weekday, else the Monday after: inspectors do not work weekends in the demo. */
function workday(day: string): string {
  const w = weekday(day);
  return w > 5 ? addLocalDays(day, 8 - w) : day;
}

const STEPS: AuditStatus[] = ["planned", "confirmed", "in_progress", "completed"];

export async function seedInspectorate(db: Db, demo: DemoInspectorate, now = Date.now()): Promise<void> {
  const org = firstRow(await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.name, demo.name)))!;
  if (firstRow(await db.select({ id: audits.id }).from(audits).where(eq(audits.orgId, org.id)))) return; // seeded already
  const admin = firstRow(await db.select({ email: users.email }).from(memberships).innerJoin(users, eq(users.id, memberships.userId)).where(and(eq(memberships.orgId, org.id), eq(memberships.role, "admin"))))!;
  const boss = await actorOf(db, admin.email, org.id);
  if (demo.settings) await updateSettings(db, boss, org.id, demo.settings, null);
  const zone = demo.settings?.timeZone ?? "UTC";
  const today = localDay(now, zone);
  for (const u of demo.unavailability ?? []) {
    const userId = firstRow(await db.select({ id: users.id }).from(users).where(eq(users.email, u.user)))!.id;
    await addUnavailability(db, boss, { userId, startsOn: addLocalDays(today, u.fromDay), endsOn: addLocalDays(today, u.fromDay + u.days - 1), reason: u.reason }, null);
  }
  for (const a of demo.audits ?? []) {
    const lead = await actorOf(db, a.lead, org.id);
    const supplier = firstRow(await db.select({ id: suppliers.id }).from(suppliers).where(eq(suppliers.externalId, a.supplier)))!;
    const day = workday(addLocalDays(today, a.day));
    const teamIds: number[] = [];
    for (const email of a.team) teamIds.push(firstRow(await db.select({ id: users.id }).from(users).where(eq(users.email, email)))!.id);
    const startsAt = fromLocal(`${day}T${a.starts}`, zone)!;
    const endsAt = fromLocal(`${day}T${a.ends}`, zone)!;
    // A past audit is entered as it happened: scheduled beforehand, findings recorded on the day.
    const scheduledAt = Math.min(now, startsAt - 14 * 86_400_000);
    const auditId = await scheduleAudit(db, lead, { supplierId: supplier.id, type: a.type, startsAt: `${day}T${a.starts}`, endsAt: `${day}T${a.ends}`, leadInspectorId: lead.user.id, teamIds, notes: "" }, { now: scheduledAt });
    for (const status of STEPS.slice(1, STEPS.indexOf(a.status) + 1)) {
      const at = status === "in_progress" ? startsAt : status === "completed" ? endsAt : scheduledAt;
      if (status === "completed" && a.findings) {
        const rows: FindingInput[] = INDICATORS.map((i) => {
          const f = a.findings!.find((x) => x.indicator === i.code);
          return { indicator: i.code, result: f?.result ?? "", description: f?.description ?? "", workersInterviewed: f ? String(f.workers) : "" };
        });
        await saveFindings(db, lead, auditId, rows, new Map(), { now: startsAt + 3 * 3_600_000 });
        for (const action of a.actions ?? []) {
          const finding = firstRow(await db.select({ id: findings.id }).from(findings).where(and(eq(findings.auditId, auditId), eq(findings.indicator, action.indicator))))!;
          await addCorrectiveAction(db, lead, finding.id, { description: action.description, owner: action.owner }, { now: endsAt - 3_600_000 });
        }
      }
      await changeAuditStatus(db, lead, auditId, status, "", { now: at });
    }
  }
}
