/**
 * Channels, their posters, assisted intake and the support-services directory (issue 19), on a
 * real database and through the route modules: who may post a channel for which workplace, that a
 * closed channel's link stops working, that the poster's QR code encodes the channel's link, that
 * a case recorded on a worker's behalf is led by the recorder's organisation, and that the
 * directory refuses an entry without a source.
 */
import { eq } from "drizzle-orm";
import QRCode from "qrcode";
import { describe, expect, it } from "vitest";
import type { AppLoadContext } from "@remix-run/node";
import { auditLog, grievanceEvents, grievanceRecipients, grievances, organisations, shares, supportServices, suppliers } from "#db/schema";
import { assistedRoute, channelOf, channelsOf, closeChannel, createChannel, workplaceChoices } from "~/domain/grievances/channels.server";
import { channelByToken } from "~/domain/grievances/routing.server";
import { addSupportService, retireSupportService, servicesFor } from "~/domain/grievances/support-services.server";
import * as channelsPage from "~/routes/grievances.channels";
import * as posterPage from "~/routes/grievances.channels_.$channelId.poster";
import * as assistedPage from "~/routes/grievances.new";
import * as servicesPage from "~/routes/admin.support-services";
import { onlyRow, type Db } from "../../db/client";
import { createTestDb } from "../support/db";
import { makeOrgWithRoles, makeUser } from "../support/factories";
import { contextFor, get, post, responseOf } from "../support/routes";

async function world() {
  const db = createTestDb();
  const company = await makeOrgWithRoles(db, "company");
  const otherCompany = await makeOrgWithRoles(db, "company");
  const union = await makeOrgWithRoles(db, "union");
  const otherUnion = await makeOrgWithRoles(db, "union");
  const inspectorate = await makeOrgWithRoles(db, "inspectorate");
  await db.update(organisations).set({ jurisdictions: ["MY"] }).where(eq(organisations.id, inspectorate.org.id));
  const add = async (orgId: number, externalId: string, name: string) => onlyRow(await db.insert(suppliers).values({ orgId, externalId, name, country: "MY", workersTotal: 300 }).returning());
  const own = await add(company.org.id, "A1", "Kebun Sawit Estate");
  const notShared = await add(company.org.id, "A2", "Unshared Mill");
  const theirs = await add(otherCompany.org.id, "B1", "Their Factory");
  // The company shares its estate, and only it, with the union.
  await db.insert(shares).values({ fromOrgId: company.org.id, toOrgId: union.org.id, scope: ["identity"], filter: { supplierIds: [own.id] } });
  await db.insert(shares).values({ fromOrgId: company.org.id, toOrgId: inspectorate.org.id, scope: ["identity"], filter: {} });
  const platform = await makeUser(db, { platformAdmin: true });
  return { db, company, otherCompany, union, otherUnion, inspectorate, own, notShared, theirs, platform };
}

const ctx = async (db: Db, userId: number, orgId: number | null, extra: Partial<AppLoadContext> = {}) => ({ ...(await contextFor(db, userId, orgId)), ...extra }) as AppLoadContext;
const status = async (fn: () => unknown) => (await responseOf(fn)).status;

describe("posting a channel", () => {
  it("lets a company post only for its own workplaces, and reuses the open channel", async () => {
    const w = await world();
    const first = await createChannel(w.db, w.company.member.actor, { supplierId: w.own.id, country: null });
    expect(await createChannel(w.db, w.company.admin.actor, { supplierId: w.own.id, country: null })).toEqual(first);
    await expect(createChannel(w.db, w.company.member.actor, { supplierId: w.theirs.id, country: null })).rejects.toMatchObject({ name: "NotFound" });
    await expect(createChannel(w.db, w.company.member.actor, { supplierId: 999_999, country: null })).rejects.toMatchObject({ name: "NotFound" });
    // A general channel is a union's: a company is told to choose a workplace.
    await expect(createChannel(w.db, w.company.member.actor, { supplierId: null, country: "MY" })).rejects.toMatchObject({ name: "Invalid", field: "supplierId", message: "grievances:channel.errors.workplace" });
    await expect(createChannel(w.db, w.company.viewer.actor, { supplierId: w.own.id, country: null })).rejects.toMatchObject({ name: "Forbidden" });
    const log = await w.db.select().from(auditLog).where(eq(auditLog.action, "grievance_channel.created"));
    expect(log.map((l) => [l.orgId, l.targetId])).toEqual([[w.company.org.id, String(first.id)]]);
    expect((await workplaceChoices(w.db, w.company.member.actor)).map((c) => c.name)).toEqual(["Kebun Sawit Estate", "Unshared Mill"]);
  });

  it("lets a union post only for a shared workplace or a country", async () => {
    const w = await world();
    const shared = await createChannel(w.db, w.union.member.actor, { supplierId: w.own.id, country: null });
    await expect(createChannel(w.db, w.union.member.actor, { supplierId: w.notShared.id, country: null })).rejects.toMatchObject({ name: "NotFound" });
    await expect(createChannel(w.db, w.union.member.actor, { supplierId: w.theirs.id, country: null })).rejects.toMatchObject({ name: "NotFound" });
    const general = await createChannel(w.db, w.union.member.actor, { supplierId: null, country: "TH" });
    await expect(createChannel(w.db, w.union.member.actor, { supplierId: null, country: "xx" })).rejects.toMatchObject({ name: "Invalid", field: "country" });
    await expect(createChannel(w.db, w.inspectorate.admin.actor, { supplierId: w.own.id, country: null })).rejects.toMatchObject({ name: "Forbidden" });
    const list = await channelsOf(w.db, w.union.member.actor);
    expect(list.map((c) => [c.id, c.workplaceName, c.country])).toEqual([
      [general.id, null, "TH"],
      [shared.id, "Kebun Sawit Estate", "MY"],
    ]);
    expect((await workplaceChoices(w.db, w.union.member.actor)).map((c) => c.name)).toEqual(["Kebun Sawit Estate"]);
  });

  it("answers another organisation's channel like a missing one, and a closed channel's link like an unknown one", async () => {
    const w = await world();
    const ch = await createChannel(w.db, w.company.member.actor, { supplierId: w.own.id, country: null });
    await expect(channelOf(w.db, w.otherCompany.admin.actor, ch.id)).rejects.toMatchObject({ name: "NotFound" });
    await expect(closeChannel(w.db, w.otherCompany.admin.actor, ch.id)).rejects.toMatchObject({ name: "NotFound" });
    await expect(closeChannel(w.db, w.union.member.actor, ch.id)).rejects.toMatchObject({ name: "NotFound" });
    const foreign = await ctx(w.db, w.otherCompany.admin.user.id, w.otherCompany.org.id);
    const params = (id: number) => ({ channelId: String(id) });
    expect(await status(() => posterPage.loader({ request: get(`/grievances/channels/${ch.id}/poster`), context: foreign, params: params(ch.id) }))).toBe(404);
    expect(await status(() => posterPage.loader({ request: get(`/grievances/channels/999999/poster`), context: foreign, params: params(999_999) }))).toBe(404);

    expect(await channelByToken(w.db, ch.token)).not.toBeNull();
    // Closed through the page's form: the link stops opening the form at once.
    const own = await ctx(w.db, w.company.member.user.id, w.company.org.id);
    expect(await status(() => channelsPage.action({ request: post("/grievances/channels", { intent: "close", channelId: String(ch.id) }), context: own, params: {} }))).toBe(302);
    expect(await channelByToken(w.db, ch.token)).toBeNull();
    expect((await w.db.select().from(auditLog).where(eq(auditLog.action, "grievance_channel.closed"))).map((l) => l.targetId)).toEqual([String(ch.id)]);
    // Closing again changes nothing and logs nothing more; a new channel gets a new link.
    await closeChannel(w.db, w.company.member.actor, ch.id);
    expect(await w.db.select().from(auditLog).where(eq(auditLog.action, "grievance_channel.closed"))).toHaveLength(1);
    expect((await createChannel(w.db, w.company.member.actor, { supplierId: w.own.id, country: null })).token).not.toBe(ch.token);
  });

  it("posts from the page's form and refuses a bad one with the input kept", async () => {
    const w = await world();
    const union = await ctx(w.db, w.union.member.user.id, w.union.org.id);
    const created = await responseOf(() => channelsPage.action({ request: post("/grievances/channels", { intent: "create-country", country: "MY" }), context: union, params: {} }));
    expect(created.status).toBe(302);
    expect(created.headers.get("Location")).toMatch(/^\/grievances\/channels\/\d+\/poster$/);
    const bad = await responseOf(() => channelsPage.action({ request: post("/grievances/channels", { intent: "create-country", country: "Malaysia" }), context: union, params: {} }));
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { errors: Record<string, string>; values: Record<string, string> };
    expect(body.errors.country).toBe("Choose a country from the list.");
    expect(body.values.country).toBe("Malaysia");
    const viewer = await ctx(w.db, w.company.viewer.user.id, w.company.org.id);
    expect(await status(() => channelsPage.loader({ request: get("/grievances/channels"), context: viewer, params: {} }))).toBe(403);
  });
});

/**
 * The dark modules drawn by qrcode's SVG path ("M4 4.5h7m1 0h2…": absolute move, then horizontal
 * runs and relative moves), as "x,y" of the symbol without its quiet zone.
 */
function darkModules(svg: string, margin: number): Set<string> {
  const path = /<path[^>]*stroke="#000000"[^>]*d="([^"]+)"/.exec(svg)![1]!;
  const dark = new Set<string>();
  let x = 0;
  let y = 0;
  for (const [, op, a, b] of path.matchAll(/([MmHhVv])(-?[\d.]+)(?:[ ,](-?[\d.]+))?/g)) {
    const n = Number(a);
    if (op === "M") [x, y] = [n, Number(b)];
    else if (op === "m") [x, y] = [x + n, y + Number(b)];
    else if (op === "h") {
      for (let i = 0; i < n; i++) dark.add(`${x + i - margin},${Math.floor(y) - margin}`);
      x += n;
    }
  }
  return dark;
}

describe("the poster", () => {
  it("carries a QR code that encodes the channel's link, at PUBLIC_BASE_URL when it is set", async () => {
    const w = await world();
    const ch = await createChannel(w.db, w.union.member.actor, { supplierId: w.own.id, country: null });
    const context = await ctx(w.db, w.union.member.user.id, w.union.org.id, { publicBaseUrl: "https://report.example.org" });
    const page = (await posterPage.loader({ request: get(`/grievances/channels/${ch.id}/poster?lang=ne&lang=ur&lang=my`), context, params: { channelId: String(ch.id) } })) as Awaited<ReturnType<typeof posterPage.loader>>;
    expect(page.link).toBe(`https://report.example.org/g/${ch.token}`);
    expect(page.shortLink).toBe(`report.example.org/g/${ch.token}`);
    // The library is deterministic: the same text gives the same symbol.
    expect(page.qr).toBe(await QRCode.toString(page.link, { type: "svg", errorCorrectionLevel: "M", margin: 4, color: { dark: "#000000", light: "#ffffff" } }));
    // And the symbol drawn is the one that encodes the link (module by module), not another text's.
    const symbol = QRCode.create(page.link, { errorCorrectionLevel: "M" });
    const expected = new Set<string>();
    for (let r = 0; r < symbol.modules.size; r++) for (let c = 0; c < symbol.modules.size; c++) if (symbol.modules.get(r, c)) expected.add(`${c},${r}`);
    expect(darkModules(page.qr, 4)).toEqual(expected);
    expect(darkModules(page.qr, 4)).not.toEqual(darkModules(await QRCode.toString(`${page.link}x`, { type: "svg", errorCorrectionLevel: "M", margin: 4 }), 4));
    expect(page.blocks.map((b) => [b.lang, b.dir])).toEqual([
      ["ne", "ltr"],
      ["ur", "rtl"],
      ["my", "ltr"],
    ]);
    expect(page.blocks[0]!.heading).toBe("कामको ठाउँमा भएको समस्या सुरक्षित रूपमा रिपोर्ट गर्नुहोस्");

    // Without PUBLIC_BASE_URL: the request's own address; without languages: English; more than three: the first three.
    const plain = await ctx(w.db, w.union.member.user.id, w.union.org.id);
    const english = (await posterPage.loader({ request: get(`/grievances/channels/${ch.id}/poster`), context: plain, params: { channelId: String(ch.id) } })) as Awaited<ReturnType<typeof posterPage.loader>>;
    expect(english.link).toBe(`http://localhost/g/${ch.token}`);
    expect(english.chosen).toEqual(["en"]);
    expect(english.blocks[0]!.lines).toEqual(["You do not need to give your name.", "You get a code to read the answer.", "The company never sees who you are."]);
    const many = (await posterPage.loader({ request: get(`/grievances/channels/${ch.id}/poster?lang=ne&lang=bn&lang=hi&lang=id&lang=zz`), context: plain, params: { channelId: String(ch.id) } })) as Awaited<ReturnType<typeof posterPage.loader>>;
    expect([many.chosen, many.tooMany]).toEqual([["ne", "bn", "hi"], true]);
  });
});

describe("assisted intake", () => {
  const form = (fields: Record<string, string | string[]>) => {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
    return new Request("http://localhost/grievances/new", { method: "POST", body });
  };
  const base = { takenBy: "phone", categories: ["wages_withheld", "documents_taken"], since: "2026-09", peopleCount: "14", description: "The agent keeps our passports.", consent: ["union", "inspectorate"], contact: "+60 12 000 1111", language: "ne" };

  it("records a case led by the recorder's organisation, shows the code and secret once, and keeps how it was taken", async () => {
    const w = await world();
    const context = await ctx(w.db, w.union.member.user.id, w.union.org.id);
    const res = await responseOf(() => assistedPage.action({ request: form({ ...base, workplace: `supplier:${w.own.id}` }), context, params: {} }));
    expect(res.status).toBe(200);
    const done = (await res.json()) as { ok: true; id: number; caseCode: string; secret: string; reached: string[] };
    expect(done.caseCode).toMatch(/^G-/);
    expect(done.secret.length).toBeGreaterThan(10);
    const row = onlyRow(await w.db.select().from(grievances).where(eq(grievances.id, done.id)));
    expect([row.intake, row.leadOrgId, row.recordedByOrgId, row.recordedBy, row.supplierId, row.channelId, row.country, row.language]).toEqual(["assisted", w.union.org.id, w.union.org.id, w.union.member.user.id, w.own.id, null, "MY", "ne"]);
    expect(row.secretHash).not.toContain(done.secret);
    // Documents taken is urgent: the inspectorate the worker allowed receives it at once, beside the recorder.
    const recipients = await w.db.select().from(grievanceRecipients).where(eq(grievanceRecipients.grievanceId, done.id));
    expect(recipients.map((r) => [r.orgId, r.reason]).sort()).toEqual([
      [w.union.org.id, "assisted"],
      [w.inspectorate.org.id, "urgent"],
    ].sort());
    const event = onlyRow(await w.db.select().from(grievanceEvents).where(eq(grievanceEvents.grievanceId, done.id)));
    expect(event.data).toMatchObject({ intake: "assisted", takenBy: "phone" });
    // The page's loader never shows them again: it has no case in it at all.
    expect(JSON.stringify(await assistedPage.loader({ request: get("/grievances/new"), context, params: {} }))).not.toContain(done.caseCode);
  });

  it("records from an inspectorate for a country and a place, or through a union's own channel", async () => {
    const w = await world();
    const insp = await ctx(w.db, w.inspectorate.member.user.id, w.inspectorate.org.id);
    const res = await responseOf(() => assistedPage.action({ request: form({ ...base, takenBy: "in_person", categories: ["overtime"], consent: [], workplace: "country", country: "MY", workplaceText: "The glove factory by the river" }), context: insp, params: {} }));
    const done = (await res.json()) as { id: number };
    const row = onlyRow(await w.db.select().from(grievances).where(eq(grievances.id, done.id)));
    expect([row.intake, row.leadOrgId, row.supplierId, row.country, row.workplaceText]).toEqual(["assisted", w.inspectorate.org.id, null, "MY", "The glove factory by the river"]);

    const ch = await createChannel(w.db, w.union.member.actor, { supplierId: w.own.id, country: null });
    const viaChannel = await assistedRoute(w.db, w.union.member.actor, { channelId: ch.id });
    expect([viaChannel.id, viaChannel.supplierId, viaChannel.companyOrgId, viaChannel.country]).toEqual([ch.id, w.own.id, w.company.org.id, "MY"]);
    // Another union's channel, a closed one, or a workplace not shared: like a missing one.
    const theirs = await createChannel(w.db, w.otherUnion.member.actor, { supplierId: null, country: "MY" });
    await expect(assistedRoute(w.db, w.union.member.actor, { channelId: theirs.id })).rejects.toMatchObject({ name: "NotFound" });
    await closeChannel(w.db, w.union.member.actor, ch.id);
    await expect(assistedRoute(w.db, w.union.member.actor, { channelId: ch.id })).rejects.toMatchObject({ name: "NotFound" });
    await expect(assistedRoute(w.db, w.union.member.actor, { supplierId: w.notShared.id })).rejects.toMatchObject({ name: "NotFound" });
    const union = await ctx(w.db, w.union.member.user.id, w.union.org.id);
    expect(await status(() => assistedPage.action({ request: form({ ...base, workplace: `supplier:${w.theirs.id}` }), context: union, params: {} }))).toBe(404);
  });

  it("refuses bad input field by field, keeps it, and writes nothing", async () => {
    const w = await world();
    const context = await ctx(w.db, w.union.member.user.id, w.union.org.id);
    const cases: [Record<string, string | string[]>, string, string][] = [
      [{ ...base, categories: [], workplace: `supplier:${w.own.id}` }, "categories", "Choose at least one thing that happened."],
      [{ ...base, categories: ["stolen_bike"], workplace: `supplier:${w.own.id}` }, "categories", "Choose from the listed answers."],
      [{ ...base, takenBy: "by pigeon", workplace: `supplier:${w.own.id}` }, "takenBy", "Say whether the worker told you by phone or in person."],
      [{ ...base, since: "last spring", workplace: `supplier:${w.own.id}` }, "since", "Give a month, such as 2026-09."],
      [{ ...base, peopleCount: "-3", workplace: `supplier:${w.own.id}` }, "peopleCount", "Give a whole number of people, 1 or more."],
      [{ ...base, language: "xx", workplace: `supplier:${w.own.id}` }, "language", "Choose one of the listed languages."],
      [{ ...base, workplace: "country", country: "MY" }, "workplaceText", "Say where the workplace is, in the worker's words."],
      [{ ...base, workplace: "country", workplaceText: "the port" }, "country", "Choose the country where the workplace is."],
      [{ ...base, workplace: "elsewhere" }, "workplace", "Choose a workplace from the list."],
    ];
    for (const [fields, field, message] of cases) {
      const res = await responseOf(() => assistedPage.action({ request: form(fields), context, params: {} }));
      expect(res.status, field).toBe(400);
      const body = (await res.json()) as { errors: Record<string, string>; values: Record<string, string> };
      expect(body.errors[field], JSON.stringify(fields)).toBe(message);
      expect(body.values.description).toBe(base.description);
    }
    expect(await w.db.select().from(grievances)).toEqual([]);
    // A company never records for a worker (it is the party the worker is protected from).
    const company = await ctx(w.db, w.company.member.user.id, w.company.org.id);
    expect(await status(() => assistedPage.action({ request: form({ ...base, workplace: `supplier:${w.own.id}` }), context: company, params: {} }))).toBe(403);
  });
});

describe("support services directory", () => {
  const entry = { country: "MY", kind: "hotline" as const, name: "Tenaganita helpline", phone: "+60 3 7770 3671", url: "https://www.tenaganita.net", languages: ["en", "ms"], source: "https://www.tenaganita.net/contact (checked by phone)", verifiedOn: "2026-11-30" };

  it("ships empty and refuses an entry without a source, a future verification date or a plain-http address", async () => {
    const w = await world();
    expect(await w.db.select().from(supportServices)).toEqual([]);
    const admin = (await ctx(w.db, w.platform.id, null));
    const send = (fields: Record<string, string>) => responseOf(() => servicesPage.action({ request: post("/admin/support-services", { intent: "add", ...fields }), context: admin, params: {} }));
    const fields = { ...entry, languages: "ms" };
    for (const [change, field, message] of [
      [{ source: "" }, "source", "Say where the service is published: an entry without a source is not added."],
      [{ source: "  " }, "source", "Say where the service is published: an entry without a source is not added."],
      [{ verifiedOn: "2099-01-01" }, "verifiedOn", "The verification date cannot be in the future."],
      [{ verifiedOn: "2026-02-30" }, "verifiedOn", "Give the date you verified it, such as 2026-11-30."],
      [{ url: "http://www.tenaganita.net" }, "url", "Give an https:// address."],
      [{ phone: "call us" }, "phone", "Give a phone number of digits, spaces and + ( ) - only, such as +60 3 1234 5678."],
      [{ country: "ZZ" }, "country", "Choose a country from the list."],
      [{ kind: "church" }, "kind", "Choose one of the listed kinds."],
    ] as const) {
      const res = await send({ ...fields, ...change });
      expect(res.status, field).toBe(400);
      const body = (await res.json()) as { errors: Record<string, string>; values: Record<string, string> };
      expect(body.errors[field]).toBe(message);
      expect(body.values.name).toBe(entry.name);
    }
    expect(await w.db.select().from(supportServices)).toEqual([]);
    // The domain refuses it too, whoever calls it.
    const actor = { user: { id: w.platform.id, email: w.platform.email, name: w.platform.name, isPlatformAdmin: true }, membership: null };
    await expect(addSupportService(w.db, actor, { ...entry, source: "" })).rejects.toMatchObject({ name: "Invalid", field: "source" });
    await expect(addSupportService(w.db, actor, { ...entry, verifiedOn: "2026-12-05" }, Date.UTC(2026, 11, 2))).rejects.toMatchObject({ name: "Invalid", field: "verifiedOn" });
  });

  it("lists a verified entry for its country until it is retired, and only the platform administrator keeps it", async () => {
    const w = await world();
    const admin = await ctx(w.db, w.platform.id, null);
    const added = await responseOf(() => servicesPage.action({ request: post("/admin/support-services", { intent: "add", ...entry, languages: "ms" }), context: admin, params: {} }));
    expect(added.status).toBe(302);
    const [service] = await servicesFor(w.db, "MY");
    expect(service).toMatchObject({ name: entry.name, kind: "hotline", phone: entry.phone, url: entry.url, languages: ["ms"], source: entry.source, retiredAt: null });
    expect(service!.verifiedAt.toISOString()).toBe("2026-11-30T00:00:00.000Z");
    expect(await servicesFor(w.db, "TH")).toEqual([]);
    const actor = { user: { id: w.platform.id, email: w.platform.email, name: w.platform.name, isPlatformAdmin: true }, membership: null };
    await retireSupportService(w.db, actor, service!.id);
    expect(await servicesFor(w.db, "MY")).toEqual([]);
    await expect(retireSupportService(w.db, actor, 999_999)).rejects.toMatchObject({ name: "NotFound" });
    expect((await w.db.select().from(auditLog).where(eq(auditLog.targetType, "support_service"))).map((l) => l.action)).toEqual(["support_service.added", "support_service.retired"]);
    await expect(retireSupportService(w.db, w.union.admin.actor, service!.id)).rejects.toMatchObject({ name: "Forbidden" });
    const unionAdmin = await ctx(w.db, w.union.admin.user.id, w.union.org.id);
    expect(await status(() => servicesPage.loader({ request: get("/admin/support-services"), context: unionAdmin, params: {} }))).toBe(403);
  });
});
