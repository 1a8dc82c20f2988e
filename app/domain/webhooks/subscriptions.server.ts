/**
 * An organisation's webhook subscriptions and their delivery log (decision 038). An administrator
 * creates one with an https address and the events it wants; the signing secret is shown once and
 * kept sealed under WEBHOOK_KEY. Allowing a private or loopback destination is an explicit choice
 * on the subscription, recorded in the activity log.
 */
import { and, desc, eq, isNull } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import { firstRow, onlyRow, type Db } from "#db/client";
import { webhookDeliveries, webhookSubscriptions } from "#db/schema";
import { authorize, type Actor } from "~/auth/permissions.server";
import { loadSealingKey, seal, unseal, type SealingKeySpec } from "~/lib/sealing.server";
import { recordEvent } from "../activity-log/activity-log.server";
import { Invalid, NotFound } from "../errors";
import { checkedDestination } from "./destination.server";
import { eventsFor, type WebhookEvent } from "./events";
import { newWebhookSecret } from "./signature";

export const WEBHOOK_KEY: SealingKeySpec = { env: "WEBHOOK_KEY", fileEnv: "WEBHOOK_KEY_FILE", defaultFile: "data/keys/webhook-secrets.key" };

export async function createSubscription(
  db: Db,
  actor: Actor,
  orgId: number,
  input: { url: string; events: string[]; allowPrivate: boolean },
  ip: string | null,
  now = Date.now(),
): Promise<{ id: number; secret: string }> {
  authorize(actor, "api.tokens", { orgId });
  const events = [...new Set(input.events)];
  const offered: readonly string[] = eventsFor(actor.membership!.orgType);
  if (events.length === 0 || events.some((e) => !offered.includes(e))) throw new Invalid("events", "api:webhooks.errors.events");
  if (input.url.length > 2000) throw new Invalid("url", "api:webhooks.errors.url");
  await checkedDestination(input.url, input.allowPrivate);
  const secret = newWebhookSecret();
  const row = onlyRow(await db
    .insert(webhookSubscriptions)
    .values({ orgId, url: input.url, events, sealedSecret: seal(loadSealingKey(WEBHOOK_KEY), secret), allowPrivate: input.allowPrivate, createdBy: actor.user.id, createdAt: new Date(now) })
    .returning({ id: webhookSubscriptions.id }));
  await recordEvent(db, { action: "webhook.created", actorUserId: actor.user.id, orgId, targetType: "webhook", targetId: row.id, ip, details: { url: input.url, events, allowPrivate: input.allowPrivate } }, now);
  return { id: row.id, secret };
}

export async function listSubscriptions(db: Db, actor: Actor, orgId: number) {
  authorize(actor, "api.tokens", { orgId });
  return await db
    .select({ id: webhookSubscriptions.id, url: webhookSubscriptions.url, events: webhookSubscriptions.events, allowPrivate: webhookSubscriptions.allowPrivate, createdAt: webhookSubscriptions.createdAt, disabledAt: webhookSubscriptions.disabledAt })
    .from(webhookSubscriptions)
    .where(eq(webhookSubscriptions.orgId, orgId))
    .orderBy(desc(webhookSubscriptions.id));
}

async function ownSubscription(db: Db, orgId: number, subscriptionId: number) {
  const row = firstRow(await db.select().from(webhookSubscriptions).where(and(eq(webhookSubscriptions.id, subscriptionId), eq(webhookSubscriptions.orgId, orgId))));
  if (!row) throw new NotFound();
  return row;
}

export async function disableSubscription(db: Db, actor: Actor, orgId: number, subscriptionId: number, ip: string | null, now = Date.now()): Promise<void> {
  authorize(actor, "api.tokens", { orgId });
  const sub = await ownSubscription(db, orgId, subscriptionId);
  if (sub.disabledAt) return;
  await db.update(webhookSubscriptions).set({ disabledAt: new Date(now) }).where(and(eq(webhookSubscriptions.id, sub.id), isNull(webhookSubscriptions.disabledAt)));
  await recordEvent(db, { action: "webhook.disabled", actorUserId: actor.user.id, orgId, targetType: "webhook", targetId: sub.id, ip, details: { url: sub.url } }, now);
}

/** A subscription's deliveries, newest first: the log an administrator reads and replays from. */
export async function deliveryLog(db: Db, actor: Actor, orgId: number, subscriptionId: number, limit = 100) {
  authorize(actor, "api.tokens", { orgId });
  await ownSubscription(db, orgId, subscriptionId);
  return await db
    .select({
      id: webhookDeliveries.id,
      eventId: webhookDeliveries.eventId,
      eventType: webhookDeliveries.eventType,
      status: webhookDeliveries.status,
      attempts: webhookDeliveries.attempts,
      nextAttemptAt: webhookDeliveries.nextAttemptAt,
      lastStatusCode: webhookDeliveries.lastStatusCode,
      lastError: webhookDeliveries.lastError,
      deliveredAt: webhookDeliveries.deliveredAt,
      createdAt: webhookDeliveries.createdAt,
    })
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.subscriptionId, subscriptionId))
    .orderBy(desc(webhookDeliveries.id))
    .limit(limit);
}

/** Sends a delivery again (a new attempt series, the same event id and payload), e.g. after the receiver was fixed. */
export async function replayDelivery(db: Db, actor: Actor, orgId: number, deliveryId: number, ip: string | null, now = Date.now()): Promise<number> {
  authorize(actor, "api.tokens", { orgId });
  const delivery = firstRow(await db.select().from(webhookDeliveries).where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.orgId, orgId))));
  if (!delivery) throw new NotFound();
  const sub = await ownSubscription(db, orgId, delivery.subscriptionId);
  if (sub.disabledAt) throw new Invalid("form", "api:webhooks.errors.disabled");
  const row = onlyRow(await db
    .insert(webhookDeliveries)
    .values({ subscriptionId: sub.id, orgId, eventId: delivery.eventId, eventType: delivery.eventType, payload: delivery.payload, status: "pending", nextAttemptAt: new Date(now), createdAt: new Date(now) })
    .returning({ id: webhookDeliveries.id }));
  await recordEvent(db, { action: "webhook.replayed", actorUserId: actor.user.id, orgId, targetType: "webhook", targetId: sub.id, ip, details: { delivery: deliveryId, eventId: delivery.eventId } }, now);
  return row.id;
}

/** Whether any active subscription of the organisation wants `type` (a cheap check before building events). */
export async function hasWebhookSubscribers(db: Db, orgId: number, type: WebhookEvent): Promise<boolean> {
  const subs = await db.select({ events: webhookSubscriptions.events }).from(webhookSubscriptions).where(and(eq(webhookSubscriptions.orgId, orgId), isNull(webhookSubscriptions.disabledAt)));
  return subs.some((s) => s.events.includes(type));
}

/**
 * Writes one delivery per active subscription of the organisation to `type`, in the caller's
 * transaction (an outbox: the event is kept exactly when what caused it is). Returns how many.
 */
export async function emitWebhookEvent(db: Db, orgId: number, type: WebhookEvent, data: Record<string, unknown>[], now = Date.now()): Promise<number> {
  if (data.length === 0) return 0;
  const subs = (await db.select({ id: webhookSubscriptions.id, events: webhookSubscriptions.events }).from(webhookSubscriptions).where(and(eq(webhookSubscriptions.orgId, orgId), isNull(webhookSubscriptions.disabledAt)))).filter((s) => s.events.includes(type));
  if (subs.length === 0) return 0;
  const occurredAt = new Date(now).toISOString();
  const events = data.map((d) => {
    const id = `evt_${randomUUID()}`;
    return { id, payload: JSON.stringify({ id, type, occurredAt, organisationId: orgId, data: d }) };
  });
  const rows = subs.flatMap((s) => events.map((e) => ({ subscriptionId: s.id, orgId, eventId: e.id, eventType: type, payload: e.payload, status: "pending" as const, nextAttemptAt: new Date(now), createdAt: new Date(now) })));
  for (let i = 0; i < rows.length; i += 200) await db.insert(webhookDeliveries).values(rows.slice(i, i + 200));
  return rows.length;
}

/** The subscription's secret, unsealed for signing (null if the key changed: nothing can be signed). */
export function subscriptionSecret(sealedSecret: string): string | null {
  return unseal(loadSealingKey(WEBHOOK_KEY), sealedSecret);
}
