/**
 * Audit events about an account that the account's organisations must see: failed sign-ins,
 * throttled attempts, used reset links. The activity log has one organisation per entry, so the rule
 * is: one entry per organisation the account belongs to (each organisation's admins see attacks
 * on their people); one entry without organisation when the account has no membership or the
 * e-mail names no account (only the platform administrator sees those).
 */
import { asc, eq } from "drizzle-orm";
import type { Db } from "#db/client";
import { memberships } from "#db/schema";
import { recordEvent, type AuditEvent } from "~/domain/activity-log/activity-log.server";

export async function organisationsOfAccount(db: Db, userId: number | null | undefined): Promise<number[]> {
  if (userId == null) return [];
  return (await db
      .select({ orgId: memberships.orgId })
      .from(memberships)
      .where(eq(memberships.userId, userId))
      .orderBy(asc(memberships.orgId)))
    .map((m) => m.orgId);
}

export async function recordAccountEvent(db: Db, userId: number | null | undefined, event: Omit<AuditEvent, "orgId">, now = Date.now()): Promise<void> {
  const orgIds = await organisationsOfAccount(db, userId);
  if (orgIds.length === 0) await recordEvent(db, { ...event, orgId: null }, now);
  for (const orgId of orgIds) await recordEvent(db, { ...event, orgId }, now);
}
