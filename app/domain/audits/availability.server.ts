/** Inspectors record when they cannot audit; admins may record it for anyone in the inspectorate. */
import { and, eq, gte } from "drizzle-orm";
import type { Db } from "#db/client";
import { inspectorAvailability, users } from "#db/schema";
import { authorize, type Actor } from "~/auth/permissions.server";
import { recordEvent } from "../activity-log/activity-log.server";
import { NotFound } from "../errors";
import { AuditInvalid } from "./refusals.server";
import { daysBetween, isLocalDate } from "./local-time";
import { inspectorsOf } from "./scheduling.server";
import { firstRow } from "#db/client";
import { onlyRow } from "#db/client";

export async function listUnavailability(db: Db, actor: Actor, fromDay: string) {
  const orgId = actor.membership?.orgId ?? -1;
  authorize(actor, "audits.view", { orgId });
  return await db
      .select({ id: inspectorAvailability.id, userId: inspectorAvailability.userId, name: users.name, startsOn: inspectorAvailability.startsOn, endsOn: inspectorAvailability.endsOn, reason: inspectorAvailability.reason })
      .from(inspectorAvailability)
      .innerJoin(users, eq(users.id, inspectorAvailability.userId))
      .where(and(eq(inspectorAvailability.orgId, orgId), gte(inspectorAvailability.endsOn, fromDay)))
      .orderBy(inspectorAvailability.startsOn, inspectorAvailability.id);
}

function authorizeFor(actor: Actor, orgId: number, userId: number) {
  authorize(actor, "audits.schedule", { orgId });
  if (userId !== actor.user.id) authorize(actor, "availability.manage", { orgId });
}

export async function addUnavailability(db: Db, actor: Actor, input: { userId: number; startsOn: string; endsOn: string; reason: string }, ip: string | null): Promise<number> {
  const orgId = actor.membership?.orgId ?? -1;
  authorizeFor(actor, orgId, input.userId);
  if (!(await inspectorsOf(db, orgId)).some((i) => i.id === input.userId)) throw new AuditInvalid("userId", "availability.errors.inspector");
  if (!isLocalDate(input.startsOn)) throw new AuditInvalid("startsOn", "availability.errors.firstDay");
  if (!isLocalDate(input.endsOn)) throw new AuditInvalid("endsOn", "availability.errors.lastDay");
  if (input.endsOn < input.startsOn) throw new AuditInvalid("endsOn", "availability.errors.lastBeforeFirst");
  if (daysBetween(input.startsOn, input.endsOn) > 366) throw new AuditInvalid("endsOn", "availability.errors.tooLong");
  const reason = input.reason.trim();
  if (!reason) throw new AuditInvalid("reason", "availability.errors.reason");
  if (reason.length > 200) throw new AuditInvalid("reason", "errors.reasonTooLong", { max: 200 });
  const id = onlyRow(await db.insert(inspectorAvailability).values({ orgId, userId: input.userId, startsOn: input.startsOn, endsOn: input.endsOn, reason, createdBy: actor.user.id }).returning({ id: inspectorAvailability.id })).id;
  await recordEvent(db, { action: "audit.unavailability_added", actorUserId: actor.user.id, orgId, targetType: "user", targetId: input.userId, ip, details: { startsOn: input.startsOn, endsOn: input.endsOn } });
  return id;
}

export async function removeUnavailability(db: Db, actor: Actor, id: number, ip: string | null): Promise<void> {
  const row = firstRow(await db.select().from(inspectorAvailability).where(eq(inspectorAvailability.id, id)));
  if (!row || row.orgId !== actor.membership?.orgId) throw new NotFound();
  authorizeFor(actor, row.orgId, row.userId);
  await db.delete(inspectorAvailability).where(eq(inspectorAvailability.id, id));
  await recordEvent(db, { action: "audit.unavailability_removed", actorUserId: actor.user.id, orgId: row.orgId, targetType: "user", targetId: row.userId, ip, details: { startsOn: row.startsOn, endsOn: row.endsOn } });
}
