/**
 * The supplier portal (issue 20, item 1) on a real database, through the routes: a buyer invites
 * the supplier of one of its records; the supplier claims it (a new organisation, or into a site of
 * an existing one); the supplier corrects its identity; the buyer reads the history. And the
 * attacks: every unusable token gets the same answer, a replay is refused, a flood of tries is
 * rate-limited, a claimed record cannot be claimed again, another supplier's site is a 404.
 */
import { and, count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, memberships, organisations, siteIdentityChanges, supplierInvitations, supplierSiteLinks, supplierSites, suppliers, users } from "#db/schema";
import { firstRow, onlyRow, type Db } from "#db/client";
import { resetRateLimits } from "~/auth/rate-limit.server";
import { hashToken } from "~/auth/tokens.server";
import { claimSupplierInvitation, inviteSupplier, SUPPLIER_INVITATION_LIFETIME_MS } from "~/domain/supplier-portal/invitations.server";
import { correctSiteIdentity } from "~/domain/supplier-portal/sites.server";
import { identifierProblem, leiCheckDigitsValid, normaliseIdentifier, siteIdentifiersFrom } from "~/domain/supplier-portal/identifiers";
import * as invitePage from "~/routes/supplier-invite.$token";
import * as sitePage from "~/routes/sites.$siteId";
import * as supplierPage from "~/routes/suppliers.$supplierId";
import { createTestDb } from "../support/db";
import { makeOrgWithRoles, makeUser } from "../support/factories";
import { contextFor, get, post, responseOf } from "../support/routes";

const STRONG = "a long phrase nobody guesses 42";
const VALID_LEI = "5493001KJTIIGC8Y1R12";

async function buyerWithRecord(db: Db, identifiers: Record<string, string> = { LEI: VALID_LEI, duns: "15-048-3782", gln: "4006381333932" }) {
  const buyer = await makeOrgWithRoles(db, "company");
  const record = onlyRow(await db.insert(suppliers).values({ orgId: buyer.org.id, externalId: `S-${buyer.org.id}`, name: "Mekong Sewing Ltd", country: "KH", address: "Street 5, Phnom Penh", identifiers }).returning());
  return { buyer, record };
}

/** Invites through the buyer's supplier page, as the buyer's member; returns the token from the link shown once. */
async function inviteThroughPage(db: Db, buyer: Awaited<ReturnType<typeof makeOrgWithRoles>>, supplierId: number, email = "owner@mekong-sewing.example") {
  const ctx = await contextFor(db, buyer.member.user.id, buyer.org.id);
  const answer = (await supplierPage.action({ request: post(`/suppliers/${supplierId}`, { intent: "invite-supplier", email }), context: ctx, params: { supplierId: String(supplierId) } })) as { ok: true; link: string };
  expect(answer.ok).toBe(true);
  const token = answer.link.split("/supplier-invite/")[1]!;
  expect(token).toMatch(/^[a-z2-7]{32}$/);
  return token;
}

async function tryToken(db: Db, token: string, userId: number | null = null, orgId: number | null = null) {
  const ctx = await contextFor(db, userId, orgId);
  return await responseOf(() => invitePage.loader({ request: get(`/supplier-invite/${token}`), context: ctx, params: { token } }));
}

describe("invite → claim (new organisation) → correct identity → the buyer sees the history", () => {
  it("runs end to end through the routes", async () => {
    const db = createTestDb();
    const { buyer, record } = await buyerWithRecord(db);
    const token = await inviteThroughPage(db, buyer, record.id);
    // Only the hash is stored.
    const stored = firstRow(await db.select().from(supplierInvitations).where(eq(supplierInvitations.supplierId, record.id)))!;
    expect(stored.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(stored.expiresAt.getTime() - stored.createdAt.getTime()).toBe(SUPPLIER_INVITATION_LIFETIME_MS);

    // The buyer's page lists it as pending.
    const buyerCtx = await contextFor(db, buyer.viewer.user.id, buyer.org.id);
    const before = (await supplierPage.loader({ request: get(`/suppliers/${record.id}`), context: buyerCtx, params: { supplierId: String(record.id) } })) as { portal: { claim: unknown; pending: unknown[]; canInvite: boolean } };
    expect(before.portal.claim).toBeNull();
    // A viewer may read but not invite, so sees no pending list.
    expect(before.portal.canInvite).toBe(false);

    // The public page, signed out: the buyer's record, nothing about other accounts.
    const page = await tryToken(db, token);
    expect(page.status).toBe(200);
    const shown = (await page.json()) as { invitation: { name: string; buyerName: string; email: string } };
    expect(shown.invitation).toMatchObject({ name: "Mekong Sewing Ltd", buyerName: buyer.org.name, email: "owner@mekong-sewing.example" });

    // A weak password is refused beside its field, nothing written.
    const outCtx = await contextFor(db, null);
    const weak = await responseOf(() => invitePage.action({ request: post(`/supplier-invite/${token}`, { intent: "create-organisation", orgName: "Mekong Sewing Co.", name: "Sokha", password: "short" }), context: outCtx, params: { token } }));
    expect(weak.status).toBe(400);
    expect(((await weak.json()) as { errors: Record<string, string> }).errors.password).toBeTruthy();
    expect(firstRow(await db.select({ n: count() }).from(organisations).where(eq(organisations.name, "Mekong Sewing Co.")))!.n).toBe(0);

    const created = await responseOf(() => invitePage.action({ request: post(`/supplier-invite/${token}`, { intent: "create-organisation", orgName: "Mekong Sewing Co.", name: "Sokha", password: STRONG }), context: outCtx, params: { token } }));
    expect(created.status).toBe(302);
    expect(created.headers.get("Set-Cookie")).toBeTruthy();
    const siteId = Number(/\/sites\/(\d+)$/.exec(created.headers.get("Location") ?? "")![1]);
    const org = firstRow(await db.select().from(organisations).where(eq(organisations.name, "Mekong Sewing Co.")))!;
    expect(org.type).toBe("supplier");
    const admin = firstRow(await db.select().from(users).where(eq(users.email, "owner@mekong-sewing.example")))!;
    expect(admin.passwordHash).toMatch(/^\$argon2/);
    expect(firstRow(await db.select().from(memberships).where(eq(memberships.userId, admin.id)))).toMatchObject({ orgId: org.id, role: "admin" });
    const site = firstRow(await db.select().from(supplierSites).where(eq(supplierSites.id, siteId)))!;
    // Copied from the buyer's record; identifiers normalised, the malformed GLN left out.
    expect(site).toMatchObject({ orgId: org.id, name: "Mekong Sewing Ltd", country: "KH", address: "Street 5, Phnom Penh", identifiers: { lei: VALID_LEI, duns: "150483782" } });
    expect(firstRow(await db.select().from(supplierSiteLinks).where(eq(supplierSiteLinks.supplierId, record.id)))).toMatchObject({ siteId, buyerOrgId: buyer.org.id, claimedBy: admin.id });

    // Replay: the same link again is the one "no longer valid" page, and a second claim is refused.
    expect((await tryToken(db, token)).status).toBe(410);
    const replay = await responseOf(() => invitePage.action({ request: post(`/supplier-invite/${token}`, { intent: "create-organisation", orgName: "Other name", name: "Mallory", password: STRONG }), context: outCtx, params: { token } }));
    expect(replay.status).toBe(400);
    expect(firstRow(await db.select({ n: count() }).from(supplierSiteLinks).where(eq(supplierSiteLinks.supplierId, record.id)))!.n).toBe(1);

    // The supplier corrects its identity: two fields changed → two rows; nothing changed → nothing written.
    const supplierCtx = await contextFor(db, admin.id, org.id);
    const form = { name: "Mekong Sewing Ltd", country: "KH", address: "Street 7, Phnom Penh", os_id: "", lei: VALID_LEI.toLowerCase(), duns: "150483782", gln: "4006381333931", vat: "", registry: "" };
    const saved = (await sitePage.action({ request: post(`/sites/${siteId}`, form), context: supplierCtx, params: { siteId: String(siteId) } })) as { ok: boolean; message: string };
    expect(saved).toMatchObject({ ok: true, message: "Saved: Address and GLN." });
    const again = (await sitePage.action({ request: post(`/sites/${siteId}`, form), context: supplierCtx, params: { siteId: String(siteId) } })) as { message: string };
    expect(again.message).toBe("Nothing changed, so nothing was saved.");
    const rows = await db.select().from(siteIdentityChanges).where(eq(siteIdentityChanges.siteId, siteId));
    expect(rows.map((r) => [r.field, r.before, r.after]).sort()).toEqual([
      ["address", "Street 5, Phnom Penh", "Street 7, Phnom Penh"],
      ["identifier:gln", null, "4006381333931"],
    ]);

    // The supplier's page: identity, the buyer listing it, the history.
    const sitePageData = (await sitePage.loader({ request: get(`/sites/${siteId}`), context: supplierCtx, params: { siteId: String(siteId) } })) as { buyers: { name: string }[]; history: unknown[] };
    expect(sitePageData.buyers.map((b) => b.name)).toEqual([buyer.org.name]);
    expect(sitePageData.history).toHaveLength(2);

    // The buyer sees "claimed by" and the same history, with who and when.
    const after = (await supplierPage.loader({ request: get(`/suppliers/${record.id}`), context: buyerCtx, params: { supplierId: String(record.id) } })) as { portal: { claim: { orgName: string }; history: { field: string; by: string }[] } };
    expect(after.portal.claim.orgName).toBe("Mekong Sewing Co.");
    expect(after.portal.history.map((h) => [h.field, h.by]).sort()).toEqual([
      ["address", "Sokha"],
      ["identifier:gln", "Sokha"],
    ]);

    // A new invitation for a claimed record is refused, naming who claimed it.
    const refused = await responseOf(() => supplierPage.action({ request: post(`/suppliers/${record.id}`, { intent: "invite-supplier", email: "x@example.org" }), context: buyerCtx, params: { supplierId: String(record.id) } }));
    // The viewer may not invite at all.
    expect(refused.status).toBe(403);
    const memberCtx = await contextFor(db, buyer.member.user.id, buyer.org.id);
    const conflict = await responseOf(() => supplierPage.action({ request: post(`/suppliers/${record.id}`, { intent: "invite-supplier", email: "x@example.org" }), context: memberCtx, params: { supplierId: String(record.id) } }));
    expect(conflict.status).toBe(409);
    expect(((await conflict.json()) as { errors: { email: string } }).errors.email).toBe("This workplace has already been claimed by Mekong Sewing Co.; no invitation is needed.");

    // Both logs tell the story.
    const buyerLog = (await db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.orgId, buyer.org.id))).map((r) => r.action);
    expect(buyerLog).toEqual(expect.arrayContaining(["supplier.invited", "supplier.claimed", "supplier.identity_corrected"]));
    const supplierLog = (await db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.orgId, org.id))).map((r) => r.action);
    expect(supplierLog).toEqual(expect.arrayContaining(["organisation.created", "supplier.claimed", "supplier.identity_corrected"]));
  });
});

describe("claiming into an existing supplier organisation", () => {
  it("attaches a second buyer's record to an existing site, or to a new one; a non-supplier is refused", async () => {
    const db = createTestDb();
    const supplier = await makeOrgWithRoles(db, "supplier");
    const site = onlyRow(await db.insert(supplierSites).values({ orgId: supplier.org.id, name: "Mekong Sewing Ltd", country: "KH" }).returning());
    const first = await buyerWithRecord(db);
    const second = await buyerWithRecord(db);
    const t1 = await inviteThroughPage(db, first.buyer, first.record.id);
    const t2 = await inviteThroughPage(db, second.buyer, second.record.id);

    // Signed in as a company member: a plain refusal, and the link still works for the right person.
    const companyCtx = await contextFor(db, first.buyer.admin.user.id, first.buyer.org.id);
    const shownToCompany = (await (await tryToken(db, t1, first.buyer.admin.user.id, first.buyer.org.id)).json()) as { signedIn: { sites: unknown } };
    expect(shownToCompany.signedIn.sites).toBeNull();
    const wrong = await responseOf(() => invitePage.action({ request: post(`/supplier-invite/${t1}`, { intent: "claim", site: "new" }), context: companyCtx, params: { token: t1 } }));
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { errors: { form: string } }).errors.form).toMatch(/Only an admin or member of a supplier organisation/);
    // A supplier viewer may not claim either.
    const viewerCtx = await contextFor(db, supplier.viewer.user.id, supplier.org.id);
    expect((await responseOf(() => invitePage.action({ request: post(`/supplier-invite/${t1}`, { intent: "claim", site: "new" }), context: viewerCtx, params: { token: t1 } }))).status).toBe(400);

    // Another supplier's site: 404, nothing claimed.
    const other = await makeOrgWithRoles(db, "supplier");
    const theirSite = onlyRow(await db.insert(supplierSites).values({ orgId: other.org.id, name: "Their site" }).returning());
    const memberCtx = await contextFor(db, supplier.member.user.id, supplier.org.id);
    expect((await responseOf(() => invitePage.action({ request: post(`/supplier-invite/${t1}`, { intent: "claim", site: String(theirSite.id) }), context: memberCtx, params: { token: t1 } }))).status).toBe(404);
    expect(firstRow(await db.select({ n: count() }).from(supplierSiteLinks))!.n).toBe(0);

    // Into the existing site, then the second buyer's record into a new site.
    const intoExisting = await responseOf(() => invitePage.action({ request: post(`/supplier-invite/${t1}`, { intent: "claim", site: String(site.id) }), context: memberCtx, params: { token: t1 } }));
    expect(intoExisting.headers.get("Location")).toBe(`/sites/${site.id}`);
    const intoNew = await responseOf(() => invitePage.action({ request: post(`/supplier-invite/${t2}`, { intent: "claim", site: "new" }), context: memberCtx, params: { token: t2 } }));
    const newSiteId = Number(/\/sites\/(\d+)$/.exec(intoNew.headers.get("Location") ?? "")![1]);
    expect(newSiteId).not.toBe(site.id);
    expect(firstRow(await db.select().from(supplierSites).where(eq(supplierSites.id, newSiteId)))).toMatchObject({ orgId: supplier.org.id, name: "Mekong Sewing Ltd" });
    // Nothing new was created: no organisation, no account.
    expect(firstRow(await db.select({ n: count() }).from(organisations).where(eq(organisations.type, "supplier")))!.n).toBe(2);

    // A third buyer invites for the same site through its own record: both buyers list the site.
    const third = await buyerWithRecord(db);
    const t3 = await inviteThroughPage(db, third.buyer, third.record.id);
    await responseOf(() => invitePage.action({ request: post(`/supplier-invite/${t3}`, { intent: "claim", site: String(site.id) }), context: memberCtx, params: { token: t3 } }));
    const view = (await sitePage.loader({ request: get(`/sites/${site.id}`), context: viewerCtx, params: { siteId: String(site.id) } })) as { buyers: { name: string }[]; canCorrect: boolean };
    expect(view.buyers.map((b) => b.name).sort()).toEqual([first.buyer.org.name, third.buyer.org.name].sort());
    expect(view.canCorrect).toBe(false);
  });

  it("refuses a record claimed meanwhile through another invitation", async () => {
    const db = createTestDb();
    const { buyer, record } = await buyerWithRecord(db);
    const t1 = await inviteThroughPage(db, buyer, record.id, "a@mekong.example");
    const t2 = await inviteThroughPage(db, buyer, record.id, "b@mekong.example");
    await claimSupplierInvitation(db, t1, { orgName: "First claimant", name: "A", password: STRONG }, null);
    const shown = (await (await tryToken(db, t2)).json()) as { invitation: { claimedBy: string } };
    expect(shown.invitation.claimedBy).toBe("First claimant");
    const outCtx = await contextFor(db, null);
    const second = await responseOf(() => invitePage.action({ request: post(`/supplier-invite/${t2}`, { intent: "create-organisation", orgName: "Second claimant", name: "B", password: STRONG }), context: outCtx, params: { token: t2 } }));
    expect(second.status).toBe(409);
    expect(firstRow(await db.select({ n: count() }).from(organisations).where(eq(organisations.name, "Second claimant")))!.n).toBe(0);
    expect(firstRow(await db.select().from(supplierInvitations).where(eq(supplierInvitations.email, "b@mekong.example")))!.acceptedAt).toBeNull();
  });
});

describe("bad tokens", () => {
  it("answers unknown, expired, revoked and used links with the same page, and logs the known ones for the buyer", async () => {
    const db = createTestDb();
    const { buyer, record } = await buyerWithRecord(db);
    const expired = await inviteSupplier(db, buyer.member.actor, buyer.org.id, record.id, { email: "e@example.org" }, null, Date.now() - SUPPLIER_INVITATION_LIFETIME_MS - 1000);
    const revoked = await inviteThroughPage(db, buyer, record.id, "r@example.org");
    const revokedId = firstRow(await db.select().from(supplierInvitations).where(eq(supplierInvitations.email, "r@example.org")))!.id;
    const memberCtx = await contextFor(db, buyer.member.user.id, buyer.org.id);
    await supplierPage.action({ request: post(`/suppliers/${record.id}`, { intent: "revoke-supplier-invitation", invitationId: String(revokedId) }), context: memberCtx, params: { supplierId: String(record.id) } });
    const used = await inviteThroughPage(db, buyer, record.id, "u@example.org");
    await claimSupplierInvitation(db, used, { orgName: "Used Co", name: "U", password: STRONG }, null);
    const answers = [];
    for (const token of ["nosuchtokenatallnosuchtokenatall", expired.token, revoked, used]) {
      const page = await tryToken(db, token);
      answers.push([page.status, JSON.stringify(((await page.json()) as { invitation: unknown }).invitation)]);
    }
    expect(answers).toEqual(Array(4).fill([410, "null"]));
    // A claim with each is refused with one message.
    const outCtx = await contextFor(db, null);
    const messages = new Set<string>();
    for (const token of ["nosuchtokenatallnosuchtokenatall", expired.token, revoked, used]) {
      const r = await responseOf(() => invitePage.action({ request: post(`/supplier-invite/${token}`, { intent: "create-organisation", orgName: `Org ${token.slice(0, 6)}`, name: "M", password: STRONG }), context: outCtx, params: { token } }));
      expect(r.status).toBe(400);
      messages.add(((await r.json()) as { errors: { form: string } }).errors.form);
    }
    expect([...messages]).toHaveLength(1);
    // The three known links are logged as refused for the buyer; the unknown one cannot be.
    expect(firstRow(await db.select({ n: count() }).from(auditLog).where(and(eq(auditLog.orgId, buyer.org.id), eq(auditLog.action, "supplier.claim_refused"))))!.n).toBe(3);
  });

  it("rate-limits guessing: past the allowance a try is refused before the token is read", async () => {
    const db = createTestDb();
    await resetRateLimits(db);
    const { buyer, record } = await buyerWithRecord(db);
    const token = await inviteThroughPage(db, buyer, record.id);
    for (let i = 0; i < 30; i++) expect((await tryToken(db, `guess${i}`)).status).toBe(410);
    const limited = await tryToken(db, token);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("Retry-After")).toBeTruthy();
  });

  it("refuses an existing account's e-mail from a signed-out link (sign in first), writing nothing", async () => {
    const db = createTestDb();
    const { buyer, record } = await buyerWithRecord(db);
    await makeUser(db, { email: "owner@mekong-sewing.example" });
    const token = await inviteThroughPage(db, buyer, record.id);
    await expect(claimSupplierInvitation(db, token, { orgName: "Takeover Ltd", name: "M", password: STRONG }, null)).rejects.toThrow("public:supplierInvite.refused");
    expect(firstRow(await db.select({ n: count() }).from(organisations).where(eq(organisations.name, "Takeover Ltd")))!.n).toBe(0);
    expect((await tryToken(db, token)).status).toBe(200);
  });
});

describe("identifiers", () => {
  it("checks each scheme's form and check digits", () => {
    expect(leiCheckDigitsValid(VALID_LEI)).toBe(true);
    // One wrong check digit, and two transposed characters, fail mod 97.
    expect(identifierProblem("lei", "5493001KJTIIGC8Y1R13")).toBe("home:site.invalid.lei");
    expect(identifierProblem("lei", "5493001KJTIIGC8Y1R21")).toBe("home:site.invalid.lei");
    expect(identifierProblem("lei", "5493001KJTIIGC8Y1R1")).toBe("home:site.invalid.lei");
    // Spaces and lower case are how people copy them: normalised, then valid.
    expect(normaliseIdentifier("lei", " 5493 001k jtii gc8y 1r12 ")).toBe(VALID_LEI);
    expect(identifierProblem("gln", "4006381333931")).toBeNull();
    expect(identifierProblem("gln", "4006381333932")).toBe("home:site.invalid.gln");
    expect(identifierProblem("gln", "400638133393")).toBe("home:site.invalid.gln");
    expect(normaliseIdentifier("duns", "15-048-3782")).toBe("150483782");
    expect(identifierProblem("duns", "15048378")).toBe("home:site.invalid.duns");
    expect(identifierProblem("os_id", "CN2019303BQ3FZP")).toBeNull();
    expect(identifierProblem("os_id", "CN201930BQ3FZP")).toBe("home:site.invalid.os_id");
    expect(siteIdentifiersFrom({ LEI: "5493001kjtiigc8y1r12", GLN: "123", "OS ID": "cn2019303bq3fzp", color: "red" })).toEqual({ lei: VALID_LEI, os_id: "CN2019303BQ3FZP" });
  });

  it("refuses a malformed identifier beside its field, naming the value and the expected form; the site is unchanged", async () => {
    const db = createTestDb();
    const supplier = await makeOrgWithRoles(db, "supplier");
    const site = onlyRow(await db.insert(supplierSites).values({ orgId: supplier.org.id, name: "Mekong Sewing Ltd", country: "KH" }).returning());
    const ctx = await contextFor(db, supplier.member.user.id, supplier.org.id, "de");
    const form = { name: "Mekong Sewing Ltd", country: "KH", address: "", os_id: "", lei: "5493 001K JTII GC8Y 1R13", duns: "", gln: "", vat: "", registry: "" };
    const r = await responseOf(() => sitePage.action({ request: post(`/sites/${site.id}`, form), context: ctx, params: { siteId: String(site.id) } }));
    expect(r.status).toBe(400);
    const body = (await r.json()) as { errors: Record<string, string>; values: Record<string, string> };
    expect(body.errors.lei).toContain("5493 001K JTII GC8Y 1R13");
    expect(body.errors.lei).toContain("ISO 17442");
    expect(body.values.lei).toBe("5493 001K JTII GC8Y 1R13");
    const bad = await responseOf(() => sitePage.action({ request: post(`/sites/${site.id}`, { ...form, lei: "", country: "Cambodia" }), context: ctx, params: { siteId: String(site.id) } }));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: Record<string, string> }).errors.country).toBeTruthy();
    expect(firstRow(await db.select({ n: count() }).from(siteIdentityChanges))!.n).toBe(0);
    expect(firstRow(await db.select().from(supplierSites).where(eq(supplierSites.id, site.id)))!.identifiers).toEqual({});
  });
});

describe("who reads a site", () => {
  it("answers another supplier's site, a company and a missing id alike: 404", async () => {
    const db = createTestDb();
    const mine = await makeOrgWithRoles(db, "supplier");
    const theirs = await makeOrgWithRoles(db, "supplier");
    const theirSite = onlyRow(await db.insert(supplierSites).values({ orgId: theirs.org.id, name: "Their site" }).returning());
    const ctx = await contextFor(db, mine.admin.user.id, mine.org.id);
    const load = (id: number) => responseOf(() => sitePage.loader({ request: get(`/sites/${id}`), context: ctx, params: { siteId: String(id) } }));
    expect((await load(theirSite.id)).status).toBe(404);
    expect((await load(theirSite.id + 1000)).status).toBe(404);
    const correction = { name: "Renamed", country: "", address: "", os_id: "", lei: "", duns: "", gln: "", vat: "", registry: "" };
    await expect(correctSiteIdentity(db, mine.admin.actor, theirSite.id, correction, null)).rejects.toThrow("Not found");
    expect(firstRow(await db.select().from(supplierSites).where(eq(supplierSites.id, theirSite.id)))!.name).toBe("Their site");
    // A buyer cannot open a supplier's site page either, nor read another buyer's record's portal.
    const { buyer } = await buyerWithRecord(db);
    const other = await buyerWithRecord(db);
    const buyerCtx = await contextFor(db, buyer.admin.user.id, buyer.org.id);
    expect((await responseOf(() => sitePage.loader({ request: get(`/sites/${theirSite.id}`), context: buyerCtx, params: { siteId: String(theirSite.id) } }))).status).toBe(403);
    expect((await responseOf(() => supplierPage.loader({ request: get(`/suppliers/${other.record.id}`), context: buyerCtx, params: { supplierId: String(other.record.id) } }))).status).toBe(404);
    expect((await responseOf(() => supplierPage.action({ request: post(`/suppliers/${other.record.id}`, { intent: "invite-supplier", email: "x@example.org" }), context: buyerCtx, params: { supplierId: String(other.record.id) } }))).status).toBe(404);
  });
});
