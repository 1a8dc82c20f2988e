/**
 * Sending due deliveries (decision 038). A delivery is claimed by a conditional update (pending →
 * sending, with a lease), so that two processes never send the same attempt; it is sent to the
 * address the SSRF guard checked, signed, with a 10-second limit, redirects not followed. A 2xx
 * answer delivers it; anything else is retried with a doubling wait, up to MAX_DELIVERY_ATTEMPTS,
 * then marked failed (the log keeps it, an administrator can replay it).
 */
import http from "node:http";
import https from "node:https";
import { and, asc, eq, lte, or } from "drizzle-orm";
import { changedRows, firstRow, type Db } from "#db/client";
import { webhookDeliveries, webhookSubscriptions } from "#db/schema";
import { DomainError } from "../errors";
import { storedMessage } from "../import/messages";
import { checkedDestination } from "./destination.server";
import { MAX_DELIVERY_ATTEMPTS, retryDelayMs } from "./events";
import { signDelivery } from "./signature";
import { subscriptionSecret } from "./subscriptions.server";

const TIMEOUT_MS = 10_000;
const LEASE_MS = 60_000;

/** Posts `body` to the checked address; resolves with the status code, or rejects with why not. */
function post(destination: Awaited<ReturnType<typeof checkedDestination>>, body: string, headers: Record<string, string>): Promise<number> {
  const { url, address, family } = destination;
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(
      url,
      {
        method: "POST",
        headers: { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body), "User-Agent": "ldd-webhooks/1", ...headers },
        // Connect to the address that was checked, never to a second lookup's answer.
        lookup: (_host, options, callback) => {
          if ((options as { all?: boolean }).all) (callback as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address, family }]);
          else (callback as (e: null, a: string, f: number) => void)(null, address, family);
        },
        timeout: TIMEOUT_MS,
      },
      (response) => {
        response.resume();
        response.on("end", () => resolve(response.statusCode ?? 0));
        response.on("error", reject);
      },
    );
    request.on("timeout", () => request.destroy(new Error(`no answer within ${TIMEOUT_MS / 1000} s`)));
    request.on("error", reject);
    request.end(body);
  });
}

async function attempt(db: Db, deliveryId: number, now: number): Promise<"delivered" | "retry" | "failed"> {
  const row = firstRow(await db.select({ d: webhookDeliveries, s: webhookSubscriptions }).from(webhookDeliveries).innerJoin(webhookSubscriptions, eq(webhookSubscriptions.id, webhookDeliveries.subscriptionId)).where(eq(webhookDeliveries.id, deliveryId)))!;
  const { d, s } = row;
  const attempts = d.attempts + 1;
  let statusCode: number | null = null;
  let error: string | null = null;
  if (s.disabledAt) error = "the subscription is disabled";
  else {
    const secret = subscriptionSecret(s.sealedSecret);
    if (!secret) error = "the signing secret cannot be unsealed (WEBHOOK_KEY changed)";
    else {
      try {
        // Checked at each attempt: the name may resolve elsewhere now than when it was saved.
        const destination = await checkedDestination(s.url, s.allowPrivate);
        const timestamp = Math.floor(now / 1000);
        statusCode = await post(destination, d.payload, { "webhook-id": d.eventId, "webhook-timestamp": String(timestamp), "webhook-signature": signDelivery(secret, d.eventId, timestamp, d.payload) });
        if (statusCode < 200 || statusCode > 299) error = `answered ${statusCode}`;
      } catch (e) {
        // A refusal of the guard is kept language-free (said in the reader's language on the
        // delivery log); a network failure's own words are kept as they are.
        error = e instanceof DomainError ? storedMessage(e.message, (e as { values?: Record<string, string> }).values) : e instanceof Error ? e.message : String(e);
      }
    }
  }
  const outcome = error === null ? "delivered" : attempts >= MAX_DELIVERY_ATTEMPTS || s.disabledAt ? "failed" : "retry";
  await db
    .update(webhookDeliveries)
    .set({
      status: outcome === "retry" ? "pending" : outcome,
      attempts,
      lastStatusCode: statusCode,
      lastError: error?.slice(0, 500) ?? null,
      leaseUntil: null,
      nextAttemptAt: new Date(now + (outcome === "retry" ? retryDelayMs(attempts) : 0)),
      ...(outcome === "delivered" ? { deliveredAt: new Date(now) } : {}),
    })
    .where(eq(webhookDeliveries.id, deliveryId));
  return outcome;
}

/**
 * Sends what is due now (at most `limit`, a few at a time), including attempts whose sender
 * stopped mid-way (their lease ran out). Returns how each went. Called by every process's job
 * runner once a second, and by tests.
 */
export async function deliverDueWebhooks(db: Db, now = Date.now(), limit = 20): Promise<{ delivered: number; retry: number; failed: number }> {
  const due = await db
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(or(and(eq(webhookDeliveries.status, "pending"), lte(webhookDeliveries.nextAttemptAt, new Date(now))), and(eq(webhookDeliveries.status, "sending"), lte(webhookDeliveries.leaseUntil, new Date(now)))))
    .orderBy(asc(webhookDeliveries.nextAttemptAt), asc(webhookDeliveries.id))
    .limit(limit);
  const counts = { delivered: 0, retry: 0, failed: 0 };
  const claimed: number[] = [];
  for (const { id } of due) {
    const taken = await db
      .update(webhookDeliveries)
      .set({ status: "sending", leaseUntil: new Date(now + LEASE_MS) })
      .where(and(eq(webhookDeliveries.id, id), or(eq(webhookDeliveries.status, "pending"), and(eq(webhookDeliveries.status, "sending"), lte(webhookDeliveries.leaseUntil, new Date(now))))));
    if (changedRows(taken) === 1) claimed.push(id);
  }
  // A few at a time: one slow receiver must not hold up the others for long.
  for (let i = 0; i < claimed.length; i += 4) {
    for (const outcome of await Promise.all(claimed.slice(i, i + 4).map((id) => attempt(db, id, now)))) counts[outcome]++;
  }
  return counts;
}
