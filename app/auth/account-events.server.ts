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

export function organisationsOfAccount(db: Db, userId: number | null | undefined): number[] {
  if (userId == null) return [];
  return db
    .select({ orgId: memberships.orgId })
    .from(memberships)
    .where(eq(memberships.userId, userId))
    .orderBy(asc(memberships.orgId))
    .all()
    .map((m) => m.orgId);
}

export function recordAccountEvent(db: Db, userId: number | null | undefined, event: Omit<AuditEvent, "orgId">, now = Date.now()): void {
  const orgIds = organisationsOfAccount(db, userId);
  if (orgIds.length === 0) recordEvent(db, { ...event, orgId: null }, now);
  for (const orgId of orgIds) recordEvent(db, { ...event, orgId }, now);
}
