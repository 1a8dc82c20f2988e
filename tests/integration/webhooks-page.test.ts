/**
 * The webhook page (issue 22 item 4, decision 038), through the route as the server calls it: an
 * address that is not https, or private without the administrator's explicit allowance, or an
 * event the platform does not emit, is refused beside its field with what was typed kept and
 * nothing stored; a created subscription's secret is in the answer to the form only (the database
 * keeps it sealed); another organisation's subscription or delivery answers like a missing one;
 * disabling and replaying are in the activity log.
 */
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, webhookDeliveries, webhookSubscriptions } from "#db/schema";
import { createSubscription, emitWebhookEvent, subscriptionSecret } from "~/domain/webhooks/subscriptions.server";
import * as route from "~/routes/webhooks";
import { createTestDb } from "../support/db";
import { makeOrgWithRoles } from "../support/factories";
import { contextFor, get, responseOf } from "../support/routes";
import type { Db } from "../../db/client";

type Answer = { ok: boolean; intent?: string; errors?: Record<string, string>; values?: Record<string, string>; lists?: Record<string, string[]>; created?: { id: number; url: string; secret: string } | null };
type Page = { subscriptions: { id: number; url: string; events: string[]; allowPrivate: boolean; disabledAt: string | null }[]; selectedId: number | null; events: string[]; deliveries: { id: number; eventId: string; status: string; attempts: number }[] };

beforeAll(() => {
  // The secrets' sealing key for this process (else a key file would be written under data/keys).
  process.env.WEBHOOK_KEY ??= randomBytes(32).toString("base64");
});

async function world() {
  const db = createTestDb();
  const ours = await makeOrgWithRoles(db, "company");
  const theirs = await makeOrgWithRoles(db, "company");
  return { db, ours, theirs };
}

/** A form post whose fields may repeat (a checkbox group). */
const form = (fields: [string, string][]) => new Request("http://localhost/webhooks", { method: "POST", body: new URLSearchParams(fields) });

const send = async (db: Db, userId: number, orgId: number, fields: [string, string][]) => {
  const res = await responseOf(async () => route.action({ request: form(fields), context: await contextFor(db, userId, orgId), params: {} }));
  const text = await res.text();
  return { status: res.status, text, body: (text.startsWith("{") ? JSON.parse(text) : {}) as Answer };
};
const page = async (db: Db, userId: number, orgId: number, query = "") => {
  const res = await responseOf(async () => route.loader({ request: get(`/webhooks${query}`), context: await contextFor(db, userId, orgId), params: {} }));
  const text = await res.text();
  return { status: res.status, text, data: res.status === 200 ? (JSON.parse(text) as Page) : null };
};
const subscriptions = async (db: Db) => await db.select().from(webhookSubscriptions);
const events = async (db: Db, action: string) => await db.select().from(auditLog).where(eq(auditLog.action, action));

const create = (url: string, extra: [string, string][] = [["events", "score.band_changed"]]): [string, string][] => [["intent", "create"], ["url", url], ...extra];

describe("the webhook page", () => {
  it("refuses a loopback address without the allowance, a non-https scheme and an unknown event beside their field, keeping the input, storing nothing", async () => {
    const { db, ours } = await world();
    const cases: [[string, string][], string, string][] = [
      // Plain http to a loopback address: refused (https first; the allowance is what would permit both).
      [create("http://127.0.0.1:9/hook"), "url", "must use https"],
      // https to a loopback address: refused as private, naming the host.
      [create("https://127.0.0.1/hook"), "url", "127.0.0.1 is a private, loopback or link-local address"],
      [create("https://[::1]/hook"), "url", "private, loopback or link-local"],
      [create("https://10.0.0.5/hook"), "url", "private, loopback or link-local"],
      [create("ftp://files.example.com/hook"), "url", "must use https"],
      [create("ftp://127.0.0.1/hook", [["events", "score.band_changed"], ["allowPrivate", "on"]]), "url", "must use https"],
      [create("https://user:pw@127.0.0.1/hook", [["events", "score.band_changed"], ["allowPrivate", "on"]]), "url", "user name and password"],
      [create("not a url"), "url", "full address"],
      [create(""), "url", "full address"],
      [create("https://example.com/hook", [["events", "supplier.deleted"]]), "events", "at least one of the events"],
      [create("https://example.com/hook", [["events", "score.band_changed"], ["events", "../../etc"]]), "events", "at least one of the events"],
      [create("https://example.com/hook", []), "events", "at least one of the events"],
    ];
    for (const [fields, field, message] of cases) {
      const { status, body } = await send(db, ours.admin.user.id, ours.org.id, fields);
      const label = JSON.stringify(fields);
      expect(status, label).toBe(400);
      expect(body.errors?.[field], label).toContain(message);
      expect(body.values?.url, label).toBe(fields.find(([k]) => k === "url")![1]);
    }
    // What was ticked comes back with the refusal, so the form shows it again.
    const kept = await send(db, ours.admin.user.id, ours.org.id, create("http://127.0.0.1:9/hook"));
    expect(kept.body.lists?.events).toEqual(["score.band_changed"]);
    expect(await subscriptions(db)).toEqual([]);
    expect(await events(db, "webhook.created")).toEqual([]);
  });

  it("creates a subscription to a loopback address when allowed: the secret is in the answer only, sealed in the database", async () => {
    const { db, ours } = await world();
    const { status, body } = await send(db, ours.admin.user.id, ours.org.id, create("http://127.0.0.1:9/hook", [["events", "score.band_changed"], ["allowPrivate", "on"]]));
    expect(status).toBe(200);
    const secret = body.created!.secret;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const [row] = await subscriptions(db);
    expect(row).toMatchObject({ orgId: ours.org.id, url: "http://127.0.0.1:9/hook", events: ["score.band_changed"], allowPrivate: true, disabledAt: null });
    // Sealed: the stored value is not the secret and does not hold it (nor its key part), yet unseals to it.
    expect(row!.sealedSecret).not.toBe(secret);
    expect(row!.sealedSecret).not.toContain(secret.slice("whsec_".length));
    expect(subscriptionSecret(row!.sealedSecret)).toBe(secret);
    const dump = JSON.stringify({ subs: await subscriptions(db), log: await db.select().from(auditLog) });
    expect(dump).not.toContain(secret.slice("whsec_".length));
    expect(await events(db, "webhook.created")).toEqual([expect.objectContaining({ actorUserId: ours.admin.user.id, targetId: String(row!.id), details: { url: "http://127.0.0.1:9/hook", events: ["score.band_changed"], allowPrivate: true } })]);

    // The page lists it and never shows the secret again.
    const listed = await page(db, ours.admin.user.id, ours.org.id);
    expect(listed.status).toBe(200);
    expect(listed.text).not.toContain(secret.slice("whsec_".length));
    expect(listed.data!.subscriptions).toEqual([expect.objectContaining({ id: row!.id, allowPrivate: true, disabledAt: null })]);
    expect(listed.data!.selectedId).toBe(row!.id);
  });

  it("answers another organisation's subscription and delivery like missing ones, touching nothing of theirs", async () => {
    const { db, ours, theirs } = await world();
    const their = await createSubscription(db, theirs.admin.actor, theirs.org.id, { url: "http://127.0.0.1:9/theirs", events: ["score.band_changed"], allowPrivate: true }, null);
    await emitWebhookEvent(db, theirs.org.id, "score.band_changed", [{ supplierId: 1, from: "medium", to: "high" }]);
    const [theirDelivery] = await db.select().from(webhookDeliveries);
    const as = (fields: [string, string][]) => send(db, ours.admin.user.id, ours.org.id, fields);

    const disableForeign = await as([["intent", "disable"], ["subscriptionId", String(their.id)]]);
    const disableMissing = await as([["intent", "disable"], ["subscriptionId", "999999"]]);
    expect(disableForeign.status).toBe(404);
    expect(disableForeign.text).toBe(disableMissing.text);
    const replayForeign = await as([["intent", "replay"], ["deliveryId", String(theirDelivery!.id)]]);
    const replayMissing = await as([["intent", "replay"], ["deliveryId", "999999"]]);
    expect(replayForeign.status).toBe(404);
    expect(replayForeign.text).toBe(replayMissing.text);
    // Their log through our page's ?subscription= is a 404 too, like a missing or malformed id.
    expect((await page(db, ours.admin.user.id, ours.org.id, `?subscription=${their.id}`)).status).toBe(404);
    expect((await page(db, ours.admin.user.id, ours.org.id, "?subscription=999999")).status).toBe(404);
    expect((await page(db, ours.admin.user.id, ours.org.id, "?subscription=1%20or%201=1")).status).toBe(404);
    // Malformed ids in the forms are field errors, not 500s.
    expect((await as([["intent", "replay"], ["deliveryId", "abc"]])).status).toBe(400);
    expect((await as([["intent", "disable"], ["subscriptionId", "-1"]])).status).toBe(400);

    expect((await subscriptions(db))[0]!.disabledAt).toBeNull();
    expect(await db.select().from(webhookDeliveries)).toHaveLength(1);
    expect(await events(db, "webhook.disabled")).toEqual([]);
    expect(await events(db, "webhook.replayed")).toEqual([]);
  });

  it("shows the selected subscription's delivery log, records a replay in the activity log, and disables", async () => {
    const { db, ours } = await world();
    const sub = await createSubscription(db, ours.admin.actor, ours.org.id, { url: "http://127.0.0.1:9/hook", events: ["score.band_changed"], allowPrivate: true }, null);
    await emitWebhookEvent(db, ours.org.id, "score.band_changed", [{ supplierId: 1, from: "medium", to: "high" }]);
    const [delivery] = await db.select().from(webhookDeliveries);
    const before = await page(db, ours.admin.user.id, ours.org.id, `?subscription=${sub.id}`);
    expect(before.data!.deliveries).toEqual([expect.objectContaining({ id: delivery!.id, eventId: delivery!.eventId, status: "pending", attempts: 0 })]);

    const replayed = await send(db, ours.admin.user.id, ours.org.id, [["intent", "replay"], ["deliveryId", String(delivery!.id)]]);
    expect(replayed.status).toBe(200);
    expect(await events(db, "webhook.replayed")).toEqual([expect.objectContaining({ actorUserId: ours.admin.user.id, orgId: ours.org.id, targetId: String(sub.id), ip: "127.0.0.1", details: { delivery: delivery!.id, eventId: delivery!.eventId } })]);
    const after = await page(db, ours.admin.user.id, ours.org.id);
    expect(after.data!.deliveries.map((d) => d.eventId)).toEqual([delivery!.eventId, delivery!.eventId]);

    expect((await send(db, ours.admin.user.id, ours.org.id, [["intent", "disable"], ["subscriptionId", String(sub.id)]])).status).toBe(200);
    expect((await subscriptions(db))[0]!.disabledAt).not.toBeNull();
    expect(await events(db, "webhook.disabled")).toHaveLength(1);
    // A disabled subscription's delivery is not sent again: a form error, nothing queued.
    const refused = await send(db, ours.admin.user.id, ours.org.id, [["intent", "replay"], ["deliveryId", String(delivery!.id)]]);
    expect(refused.status).toBe(400);
    expect(refused.body.errors?.form).toContain("disabled");
    expect(await db.select().from(webhookDeliveries)).toHaveLength(2);
  });

  it("refuses members and viewers (403), storing nothing", async () => {
    const { db, ours } = await world();
    for (const who of [ours.member, ours.viewer]) {
      expect((await send(db, who.user.id, ours.org.id, create("https://example.com/hook"))).status).toBe(403);
      expect((await page(db, who.user.id, ours.org.id)).status).toBe(403);
    }
    expect(await subscriptions(db)).toEqual([]);
  });

  it("offers each kind of organisation only the events that can reach it", async () => {
    const db = createTestDb();
    const offered: Record<string, string[]> = {};
    for (const type of ["company", "inspectorate", "union", "regulator", "supplier"] as const) {
      const org = await makeOrgWithRoles(db, type);
      const { status, data } = await page(db, org.admin.user.id, org.org.id);
      expect(status).toBe(200);
      offered[type] = data!.events;
    }
    expect(offered).toEqual({
      company: ["score.band_changed", "score.red_flag_raised", "finding.recorded", "corrective_action.overdue", "report.correction_requested", "grievance.escalated"],
      inspectorate: ["finding.recorded", "corrective_action.overdue", "grievance.escalated"],
      union: ["grievance.escalated"],
      regulator: ["report.submitted"],
      supplier: [],
    });
  });
});
