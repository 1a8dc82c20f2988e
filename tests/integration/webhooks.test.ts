/**
 * Webhooks (issue 22 item 4, decision 038), on both engines: the SSRF guard at subscription and at
 * delivery, the outbox written with the score that changed band, signed deliveries a receiver can
 * verify (and a tampered or stale one it cannot), retries with a doubling wait, failure after the
 * last attempt, and replay.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, suppliers, webhookDeliveries, webhookSubscriptions } from "#db/schema";
import { firstRow } from "#db/client";
import { checkedDestination, isSpecialAddress } from "~/domain/webhooks/destination.server";
import { deliverDueWebhooks } from "~/domain/webhooks/delivery.server";
import { MAX_DELIVERY_ATTEMPTS } from "~/domain/webhooks/events";
import { verifyDelivery } from "~/domain/webhooks/signature";
import { createSubscription, disableSubscription, emitWebhookEvent, replayDelivery } from "~/domain/webhooks/subscriptions.server";
import { scoreOrganisation } from "~/domain/risk/scoring.server";
import { createTestDb } from "../support/db";
import { makeOrgWithRoles } from "../support/factories";
import { webhookReceiver, type Received } from "../support/webhook-receiver";

const headersOf = (r: Received) => ({ id: String(r.headers["webhook-id"] ?? ""), timestamp: String(r.headers["webhook-timestamp"] ?? ""), signature: String(r.headers["webhook-signature"] ?? "") });

describe("where deliveries may go", () => {
  it("knows private, loopback, link-local and mapped addresses from public ones", () => {
    for (const a of ["127.0.0.1", "10.1.2.3", "172.20.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "::1", "fd00::1", "fe80::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "not an address"]) expect(isSpecialAddress(a), a).toBe(true);
    for (const a of ["8.8.8.8", "1.1.1.1", "2606:4700:4700::1111", "::ffff:8.8.8.8"]) expect(isSpecialAddress(a), a).toBe(false);
  });

  it("refuses private destinations, plain http, credentials and other schemes unless allowed; allows loopback when the administrator says so", async () => {
    for (const [url, key] of [
      ["http://127.0.0.1:9/x", "https"],
      ["https://127.0.0.1/x", "private"],
      ["https://localhost/x", "private"],
      ["https://[::1]/x", "private"],
      ["https://[::ffff:7f00:1]/x", "private"],
      ["https://169.254.169.254/latest/meta-data", "private"],
      ["ftp://example.org/x", "https"],
      ["https://user:pw@example.org/x", "credentials"],
      ["not a url", "url"],
    ] as const) {
      await expect(checkedDestination(url, false), url).rejects.toMatchObject({ field: "url", message: `api:webhooks.errors.${key}` });
    }
    await expect(checkedDestination("http://127.0.0.1:9/x", true)).resolves.toMatchObject({ address: "127.0.0.1" });
    await expect(checkedDestination("ftp://127.0.0.1/x", true)).rejects.toMatchObject({ message: "api:webhooks.errors.https" });
  });

  it("refuses such a subscription with nothing stored, and checks again at delivery", async () => {
    const db = createTestDb();
    const company = await makeOrgWithRoles(db, "company");
    await expect(createSubscription(db, company.admin.actor, company.org.id, { url: "https://10.0.0.5/hook", events: ["score.band_changed"], allowPrivate: false }, null)).rejects.toMatchObject({ field: "url" });
    await expect(createSubscription(db, company.admin.actor, company.org.id, { url: "https://example.org/hook", events: ["everything"], allowPrivate: false }, null)).rejects.toMatchObject({ field: "events" });
    // An event that never reaches a company (only regulators receive submitted reports) is not offered to one.
    await expect(createSubscription(db, company.admin.actor, company.org.id, { url: "https://example.org/hook", events: ["score.band_changed", "report.submitted"], allowPrivate: false }, null)).rejects.toMatchObject({ field: "events" });
    await expect(createSubscription(db, company.member.actor, company.org.id, { url: "https://example.org/hook", events: ["score.band_changed"], allowPrivate: false }, null)).rejects.toMatchObject({ name: "Forbidden" });
    expect(await db.select().from(webhookSubscriptions)).toHaveLength(0);

    // Allowed when made; not allowed any more when sent (as if the name now pointed inside).
    const receiver = await webhookReceiver();
    try {
      const { id } = await createSubscription(db, company.admin.actor, company.org.id, { url: receiver.url, events: ["score.band_changed"], allowPrivate: true }, null);
      await db.update(webhookSubscriptions).set({ allowPrivate: false }).where(eq(webhookSubscriptions.id, id));
      await emitWebhookEvent(db, company.org.id, "score.band_changed", [{ test: true }]);
      expect(await deliverDueWebhooks(db)).toEqual({ delivered: 0, retry: 1, failed: 0 });
      expect(receiver.received).toHaveLength(0);
      expect(firstRow(await db.select().from(webhookDeliveries))!.lastError).toBe('{"key":"api:webhooks.errors.https"}');
    } finally {
      await receiver.close();
    }
  });
});

describe("deliveries", () => {
  it("sends a signed event when a supplier's band changes, once per subscription, verifiable by the receiver", async () => {
    const db = createTestDb();
    const company = await makeOrgWithRoles(db, "company");
    const other = await makeOrgWithRoles(db, "company");
    const receiver = await webhookReceiver();
    try {
      const { secret } = await createSubscription(db, company.admin.actor, company.org.id, { url: receiver.url, events: ["score.band_changed"], allowPrivate: true }, null);
      expect(secret).toMatch(/^whsec_/);
      const stored = firstRow(await db.select().from(webhookSubscriptions))!;
      expect(stored.sealedSecret).not.toContain(secret.slice(6, 20));
      // Another organisation's subscription hears nothing of this one's suppliers.
      const theirs = await webhookReceiver();
      await createSubscription(db, other.admin.actor, other.org.id, { url: theirs.url, events: ["score.band_changed"], allowPrivate: true }, null);

      const [supplier] = await db.insert(suppliers).values({ orgId: company.org.id, externalId: "W-1", name: "Wharf Foods", nameKey: "wharf foods", country: "DE", sector: "Food processing" }).returning();
      await scoreOrganisation(db, company.org.id, { cause: "test" });
      // A first score is not a change of band.
      expect(await db.select().from(webhookDeliveries)).toHaveLength(0);
      const before = firstRow(await db.select({ band: suppliers.riskBand }).from(suppliers).where(eq(suppliers.id, supplier!.id)))!.band;
      await db.update(suppliers).set({ indicators: { retention_of_documents: true } }).where(eq(suppliers.id, supplier!.id));
      await scoreOrganisation(db, company.org.id, { cause: "test" });
      const after = firstRow(await db.select({ band: suppliers.riskBand }).from(suppliers).where(eq(suppliers.id, supplier!.id)))!.band;
      expect(after).not.toBe(before);

      expect(await deliverDueWebhooks(db)).toEqual({ delivered: 1, retry: 0, failed: 0 });
      expect(receiver.received).toHaveLength(1);
      expect(theirs.received).toHaveLength(0);
      await theirs.close();
      const got = receiver.received[0]!;
      expect(verifyDelivery(secret, headersOf(got), got.body)).toBe(true);
      const event = JSON.parse(got.body) as { id: string; type: string; organisationId: number; data: { supplier: { id: number; externalId: string }; before: string; after: string } };
      expect(event).toMatchObject({ type: "score.band_changed", organisationId: company.org.id, data: { supplier: { id: supplier!.id, externalId: "W-1" }, before, after } });
      expect(headersOf(got).id).toBe(event.id);
      // What a receiver must refuse: a changed body, another secret, a capture replayed ten minutes later.
      expect(verifyDelivery(secret, headersOf(got), got.body.replace(after!, "low"))).toBe(false);
      expect(verifyDelivery("whsec_" + Buffer.alloc(32, 1).toString("base64"), headersOf(got), got.body)).toBe(false);
      expect(verifyDelivery(secret, headersOf(got), got.body, Date.now() + 10 * 60_000)).toBe(false);
      expect(firstRow(await db.select().from(webhookDeliveries))).toMatchObject({ status: "delivered", attempts: 1, lastStatusCode: 204 });
      // Nothing more is due.
      expect(await deliverDueWebhooks(db)).toEqual({ delivered: 0, retry: 0, failed: 0 });
    } finally {
      await receiver.close();
    }
  });

  it("retries a refused delivery with a doubling wait, gives up after the last attempt, and replays on request", async () => {
    const db = createTestDb();
    const company = await makeOrgWithRoles(db, "company");
    const other = await makeOrgWithRoles(db, "company");
    let status = 500;
    const receiver = await webhookReceiver(() => status);
    try {
      const { id: subscriptionId } = await createSubscription(db, company.admin.actor, company.org.id, { url: receiver.url, events: ["score.band_changed"], allowPrivate: true }, null);
      await emitWebhookEvent(db, company.org.id, "score.band_changed", [{ n: 1 }]);
      let now = Date.now();
      const waits: number[] = [];
      for (let i = 1; i <= MAX_DELIVERY_ATTEMPTS; i++) {
        const outcome = await deliverDueWebhooks(db, now);
        const row = firstRow(await db.select().from(webhookDeliveries))!;
        expect(row.attempts).toBe(i);
        expect(row.lastStatusCode).toBe(500);
        if (i < MAX_DELIVERY_ATTEMPTS) {
          expect(outcome.retry).toBe(1);
          waits.push(row.nextAttemptAt.getTime() - now);
          // Not due before its time.
          expect(await deliverDueWebhooks(db, now + 1000)).toEqual({ delivered: 0, retry: 0, failed: 0 });
          now = row.nextAttemptAt.getTime();
        } else {
          expect(outcome.failed).toBe(1);
          expect(row.status).toBe("failed");
        }
      }
      expect(waits.slice(0, 4)).toEqual([30_000, 60_000, 120_000, 240_000]);
      expect(receiver.received).toHaveLength(MAX_DELIVERY_ATTEMPTS);
      // Every retry carries the same event id (a receiver can tell a retry from a new event).
      expect(new Set(receiver.received.map((r) => r.headers["webhook-id"])).size).toBe(1);

      const failed = firstRow(await db.select().from(webhookDeliveries))!;
      await expect(replayDelivery(db, other.admin.actor, other.org.id, failed.id, null)).rejects.toMatchObject({ name: "NotFound" });
      status = 200;
      const replayId = await replayDelivery(db, company.admin.actor, company.org.id, failed.id, "198.51.100.7");
      expect(await deliverDueWebhooks(db)).toEqual({ delivered: 1, retry: 0, failed: 0 });
      expect(firstRow(await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, replayId)))).toMatchObject({ status: "delivered", eventId: failed.eventId });
      expect(firstRow(await db.select().from(auditLog).where(eq(auditLog.action, "webhook.replayed")))).toMatchObject({ orgId: company.org.id, ip: "198.51.100.7" });

      // A disabled subscription is written no more deliveries.
      await disableSubscription(db, company.admin.actor, company.org.id, subscriptionId, null);
      expect(await emitWebhookEvent(db, company.org.id, "score.band_changed", [{ n: 2 }])).toBe(0);
    } finally {
      await receiver.close();
    }
  });
});
