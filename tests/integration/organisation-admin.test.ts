/**
 * The platform administrator edits, deactivates and reactivates organisations (issue 17, item 16),
 * on a real database: what a deactivated organisation's members, invitations, partners and
 * regulators' senders experience, and that every change is in the activity log as a sentence.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, memberships, organisations, sessions } from "#db/schema";
import { createSession, validateSessionToken } from "~/auth/session.server";
import { attemptSignIn } from "~/auth/sign-in.server";
import { describeEvent } from "~/domain/activity-log/sentences.server";
import { findInvitation, inviteMember, membershipsOf } from "~/domain/members/members.server";
import { deactivateOrganisation, organisationForAdmin, reactivateOrganisation, updateOrganisation } from "~/domain/organisations/organisations.server";
import { regulators } from "~/domain/reports/reports.server";
import { createShare, partnerOrganisations } from "~/domain/sharing/share-management.server";
import * as orgPage from "~/routes/admin.organisations_.$orgId";
import * as orgList from "~/routes/admin.organisations";
import { createTestDb } from "../support/db";
import { actorFor, makeOrg, makeOrgWithRoles, makeUser, TEST_PASSWORD } from "../support/factories";
import { contextFor, get, post, responseOf } from "../support/routes";
import { firstRow } from "../../db/client";

async function world() {
  const db = createTestDb();
  const operator = await makeUser(db, { platformAdmin: true });
  const platform = await actorFor(db, operator.id, null);
  const regulator = await makeOrgWithRoles(db, "regulator");
  const company = await makeOrgWithRoles(db, "company");
  return { db, operator, platform, regulator, company, ctx: await contextFor(db, operator.id, null) };
}

async function lastSentence(db: ReturnType<typeof createTestDb>, orgId: number, action?: string) {
  const rows = (await db.select().from(auditLog).where(eq(auditLog.orgId, orgId))).filter((r) => !action || r.action === action);
  const last = rows.at(-1)!;
  return { action: last.action, sentence: describeEvent({ action: last.action, actorName: "Ada Admin", targetType: last.targetType, targetId: last.targetId, details: last.details }, { orgs: {}, suppliers: {}, users: {} }) };
}

describe("editing an organisation", () => {
  it("renames it and sets its jurisdictions from country codes, and the log says so in words", async () => {
    const w = await world();
    await w.db.update(organisations).set({ jurisdictions: ["DE"] }).where(eq(organisations.id, w.regulator.org.id));
    const res = await responseOf(() => orgPage.action({ request: post(`/admin/organisations/${w.regulator.org.id}`, { intent: "edit", name: "Federal Office for Supply Chains", jurisdictions: "MY" }), context: w.ctx, params: { orgId: String(w.regulator.org.id) } }));
    expect(res.status).toBe(302);
    const row = firstRow(await w.db.select().from(organisations).where(eq(organisations.id, w.regulator.org.id)))!;
    expect(row.name).toBe("Federal Office for Supply Chains");
    expect(row.jurisdictions).toEqual(["MY"]);
    const said = await lastSentence(w.db, w.regulator.org.id);
    expect(said.action).toBe("organisation.updated");
    expect(said.sentence).toBe(`Ada Admin edited the organisation “Federal Office for Supply Chains”: renamed it from “${w.regulator.org.name}” to “Federal Office for Supply Chains”, added Malaysia to its jurisdictions and removed Germany from its jurisdictions.`);
  });

  it("takes several countries from the checkbox group and shows them by name in the list", async () => {
    const w = await world();
    const form = new URLSearchParams([["intent", "edit"], ["name", w.company.org.name], ["jurisdictions", "TH"], ["jurisdictions", "MY"]]);
    await responseOf(() => orgPage.action({ request: new Request(`http://localhost/admin/organisations/${w.company.org.id}`, { method: "POST", body: form }), context: w.ctx, params: { orgId: String(w.company.org.id) } }));
    expect(firstRow(await w.db.select().from(organisations).where(eq(organisations.id, w.company.org.id)))!.jurisdictions).toEqual(["MY", "TH"]);
    const list = (await orgList.loader({ request: get("/admin/organisations"), context: w.ctx, params: {} })) as { organisations: { id: number; places: string[] }[] };
    expect(list.organisations.find((o) => o.id === w.company.org.id)!.places).toEqual(["Malaysia", "Thailand"]);
  });

  it("refuses a taken name, an unknown country and an empty name beside the field, input kept, nothing changed", async () => {
    const w = await world();
    const send = async (fields: Record<string, string>) => {
      const res = await responseOf(() => orgPage.action({ request: post(`/admin/organisations/${w.company.org.id}`, { intent: "edit", ...fields }), context: w.ctx, params: { orgId: String(w.company.org.id) } }));
      return { status: res.status, body: (await res.json()) as { errors: Record<string, string>; values: Record<string, string> } };
    };
    const taken = await send({ name: w.regulator.org.name.toUpperCase(), jurisdictions: "MY" });
    expect(taken.status).toBe(400);
    expect(taken.body.errors.name).toMatch(/Another organisation is called/);
    expect(taken.body.values.name).toBe(w.regulator.org.name.toUpperCase());
    const unknown = await send({ name: "New name", jurisdictions: "ZZ" });
    expect(unknown.body.errors.jurisdictions).toBe(`"ZZ" is not a country in the list; choose countries from the list.`);
    const empty = await send({ name: " ", jurisdictions: "MY" });
    expect(empty.body.errors.name).toMatch(/at least 2 characters/);
    const row = firstRow(await w.db.select().from(organisations).where(eq(organisations.id, w.company.org.id)))!;
    expect(row).toMatchObject({ name: w.company.org.name, jurisdictions: [] });
    expect((await w.db.select().from(auditLog).where(eq(auditLog.action, "organisation.updated"))).length).toBe(0);
  });

  it("is the platform administrator's alone, and a missing organisation answers 404", async () => {
    const w = await world();
    const res = await responseOf(async () => await updateOrganisation(w.db, w.company.admin.actor, w.company.org.id, { name: "Mine now", jurisdictions: [] }, null));
    expect(res.status).toBe(403);
    const missing = await responseOf(async () => await updateOrganisation(w.db, w.platform, 999_999, { name: "Nobody", jurisdictions: [] }, null));
    expect(missing.status).toBe(404);
  });
});

describe("deactivating an organisation", () => {
  it("asks first, stating the consequence, and changes nothing until confirmed", async () => {
    const w = await world();
    const res = await responseOf(() => orgPage.action({ request: post(`/admin/organisations/${w.company.org.id}`, { intent: "deactivate" }), context: w.ctx, params: { orgId: String(w.company.org.id) } }));
    expect(await res.json()).toEqual({ ok: true, confirm: "deactivate" });
    expect(firstRow(await w.db.select().from(organisations).where(eq(organisations.id, w.company.org.id)))!.deactivatedAt).toBeNull();
  });

  it("ends its sessions, refuses its members' sign-in (saying why only after the right password), stops its invitations, shares and reports, and keeps its data", async () => {
    const w = await world();
    const { token } = await createSession(w.db, w.regulator.member.user.id, w.regulator.org.id);
    const invite = await inviteMember(w.db, w.regulator.admin.actor, w.regulator.org.id, { email: "new@regulator.example", role: "member" }, null);
    expect(await findInvitation(w.db, invite.token)).not.toBeNull();
    expect((await organisationForAdmin(w.db, w.platform, w.regulator.org.id)).sessions).toBe(1);

    const res = await responseOf(() => orgPage.action({ request: post(`/admin/organisations/${w.regulator.org.id}`, { intent: "deactivate", confirm: "yes" }), context: w.ctx, params: { orgId: String(w.regulator.org.id) } }));
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`/admin/organisations/${w.regulator.org.id}?done=deactivated`);

    expect(await validateSessionToken(w.db, token)).toBeNull();
    expect(await w.db.select().from(sessions).where(eq(sessions.orgId, w.regulator.org.id))).toEqual([]);
    const right = await attemptSignIn(w.db, { email: w.regulator.member.user.email, password: TEST_PASSWORD, ip: "10.0.0.1" });
    expect(right).toEqual({ ok: false, reason: "deactivated", organisations: [w.regulator.org.name] });
    const wrong = await attemptSignIn(w.db, { email: w.regulator.member.user.email, password: "not the password", ip: "10.0.0.2" });
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
    expect(await findInvitation(w.db, invite.token)).toBeNull();
    expect(await membershipsOf(w.db, w.regulator.member.user.id)).toEqual([]);
    expect((await regulators(w.db)).map((r) => r.id)).not.toContain(w.regulator.org.id);
    expect((await partnerOrganisations(w.db, w.company.admin.actor)).map((p) => p.id)).not.toContain(w.regulator.org.id);
    const share = await responseOf(async () => await createShare(w.db, w.company.admin.actor, { toOrgId: w.regulator.org.id, scope: ["identity"], countries: "", sectors: "", bands: [] }, null));
    expect(share.status).toBe(400);
    // Its data stays: the organisation and its memberships are still there.
    expect((await organisationForAdmin(w.db, w.platform, w.regulator.org.id)).members).toBe(3);

    expect((await lastSentence(w.db, w.regulator.org.id, "auth.sign_in_failed")).sentence).toBe(`A sign-in as ${w.regulator.member.user.email} failed (wrong e-mail or password).`);
    const failures = (await w.db.select().from(auditLog).where(eq(auditLog.action, "auth.sign_in_failed"))).map((r) => (r.details as { why?: string } | null)?.why ?? (typeof r.details === "string" ? (JSON.parse(r.details) as { why?: string }).why : undefined));
    expect(failures).toContain("organisation deactivated");
    const said = await lastSentence(w.db, w.regulator.org.id, "organisation.deactivated");
    expect(said.sentence).toBe(`Ada Admin deactivated the organisation “${w.regulator.org.name}”: its members cannot sign in (open sessions ended: 1), its invitations stop working and it receives no new shares or reports; its data is kept.`);

    await reactivateOrganisation(w.db, w.platform, w.regulator.org.id, null);
    expect(await attemptSignIn(w.db, { email: w.regulator.member.user.email, password: TEST_PASSWORD, ip: "10.0.0.3" })).toMatchObject({ ok: true, orgId: w.regulator.org.id });
    expect(await findInvitation(w.db, invite.token)).not.toBeNull();
    expect((await lastSentence(w.db, w.regulator.org.id, "organisation.reactivated")).sentence).toBe(`Ada Admin reactivated the organisation “${w.regulator.org.name}”; its members can sign in again.`);
  });

  it("signs a member of two organisations in for the one still active", async () => {
    const w = await world();
    const other = await makeOrg(w.db, "union");
    const both = await makeUser(w.db, { orgId: w.company.org.id, role: "member" });
    await w.db.insert(memberships).values({ userId: both.id, orgId: other.id, role: "member" });
    await deactivateOrganisation(w.db, w.platform, w.company.org.id, null);
    expect(await attemptSignIn(w.db, { email: both.email, password: TEST_PASSWORD, ip: "10.0.0.4" })).toMatchObject({ ok: true, orgId: other.id });
  });

  it("refuses the platform administrators' own organisation, deactivating twice, and reactivating an active one", async () => {
    const w = await world();
    const home = await makeOrg(w.db, "company", "Platform operations");
    await makeUser(w.db, { orgId: home.id, role: "admin", platformAdmin: true });
    const own = await responseOf(async () => await deactivateOrganisation(w.db, w.platform, home.id, null));
    expect(own.status).toBe(400);
    expect(firstRow(await w.db.select().from(organisations).where(eq(organisations.id, home.id)))!.deactivatedAt).toBeNull();
    await deactivateOrganisation(w.db, w.platform, w.company.org.id, null);
    expect((await responseOf(async () => await deactivateOrganisation(w.db, w.platform, w.company.org.id, null))).status).toBe(409);
    expect((await responseOf(async () => await reactivateOrganisation(w.db, w.platform, w.regulator.org.id, null))).status).toBe(409);
    expect((await responseOf(async () => await deactivateOrganisation(w.db, w.company.admin.actor, w.regulator.org.id, null))).status).toBe(403);
  });
});
