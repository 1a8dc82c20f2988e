/**
 * The API's partner-facing resources (issue 22, decision 037), on both engines: shares (made,
 * listed and revoked by the company; listed by the partner), the site questionnaire (read and
 * answered by the supplier organisation, a refused answer named by its question; read by the
 * company while shared), grievance cases (each party only the fields the case page gives it, the
 * reading logged as the page's is), and the `grievance.escalated` webhook event written with the
 * escalation. Every answer goes through tests/support/api.ts, checked against the OpenAPI document.
 */
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, grievanceAccess, grievanceRecipients, grievances, organisations, questionnaireResponses, shares, supplierSiteLinks, supplierSites, suppliers, webhookDeliveries } from "#db/schema";
import { onlyRow } from "#db/client";
import { API_SHARE_SCOPES } from "~/domain/api/operations";
import { forwardCase } from "~/domain/grievances/cases.server";
import { createChannel } from "~/domain/grievances/channels.server";
import { submitGrievance, type IntakeInput } from "~/domain/grievances/intake.server";
import { channelByToken } from "~/domain/grievances/routing.server";
import { runGrievanceSweeps } from "~/domain/grievances/sweeps.server";
import { shareAnswers } from "~/domain/questionnaires/sharing.server";
import { revokeShare } from "~/domain/sharing/share-management.server";
import { SHARE_SCOPES } from "~/domain/sharing/sharing.server";
import { createSubscription } from "~/domain/webhooks/subscriptions.server";
import { createTestDb } from "../support/db";
import { makeOrgWithRoles } from "../support/factories";
import { apiClient, apiFetch, tokenFor } from "../support/api";
import { contextFor, post, responseOf } from "../support/routes";
import * as sharingPage from "~/routes/sharing";

type Db = ReturnType<typeof createTestDb>;
const DAY = 86_400_000;

describe("shares over the API", () => {
  it("lets the company's administrator share, list and revoke as on the sharing page; the partner lists what is shared with it", async () => {
    expect([...API_SHARE_SCOPES]).toEqual([...SHARE_SCOPES]);
    const db = createTestDb();
    const company = await makeOrgWithRoles(db, "company");
    const other = await makeOrgWithRoles(db, "company");
    const union = await makeOrgWithRoles(db, "union");
    const inspectorate = await makeOrgWithRoles(db, "inspectorate");
    const mine = onlyRow(await db.insert(suppliers).values({ orgId: company.org.id, externalId: "A1", name: "Estate A1", country: "MY" }).returning());
    await db.insert(suppliers).values({ orgId: company.org.id, externalId: "A2", name: "Estate A2", country: "TH" });
    const theirs = onlyRow(await db.insert(suppliers).values({ orgId: other.org.id, externalId: "B1", name: "Estate B1", country: "MY" }).returning());
    const harness = apiFetch(db);
    const api = apiClient(harness, await tokenFor(db, company.admin.actor, { shares: "write" }));

    const created = await api.POST("/shares", { body: { toOrgId: union.org.id, scope: ["scores"], countries: ["Malaysia"] } });
    expect(created.response.status).toBe(201);
    expect(created.data).toMatchObject({ direction: "given", partner: { id: union.org.id, type: "union" }, scope: ["identity", "scores"], filter: { countries: ["MY"] }, revokedAt: null, covers: { covered: 1, total: 2 } });
    const shareId = created.data!.id;

    // The page's checks, naming the page's fields: a second share to the same partner, an unknown
    // scope, another company's supplier, a partner that is not one.
    const again = await api.POST("/shares", { body: { toOrgId: union.org.id, scope: [] } });
    expect(again.response.status).toBe(409);
    expect(again.error?.errors?.[0]?.field).toBe("toOrgId");
    for (const [body, field] of [
      [{ toOrgId: inspectorate.org.id, scope: ["everything"] }, "scope"],
      [{ toOrgId: inspectorate.org.id, scope: [], suppliers: [mine.id, theirs.id] }, "suppliers"],
      [{ toOrgId: other.org.id, scope: [] }, "toOrgId"],
      [{ toOrgId: inspectorate.org.id, scope: [], bands: ["pink"] }, "bands"],
    ] as const) {
      const refused = await api.POST("/shares", { body: body as never });
      expect(refused.response.status, field).toBe(400);
      expect(refused.error?.errors?.map((e) => e.field), field).toEqual([field]);
    }
    const unknownField = await api.POST("/shares", { body: { toOrgId: inspectorate.org.id, scope: [], everyone: true } as never });
    expect(unknownField.error?.errors).toEqual([{ field: "everyone", message: "not a field of this operation" }]);

    const listed = await api.GET("/shares");
    expect(listed.data!.data.map((s) => s.id)).toEqual([shareId]);
    // A company has no shared suppliers to read (the shared suppliers page is the partners').
    expect((await api.GET("/shared-suppliers")).response.status).toBe(403);

    // The partner: what is shared with it, without the company's filter.
    const partner = apiClient(harness, await tokenFor(db, union.admin.actor, { shares: "read" }));
    const received = await partner.GET("/shares");
    expect(received.data!.data).toEqual([{ direction: "received", id: shareId, company: { id: company.org.id, name: company.org.name }, scope: ["identity", "scores"], since: expect.any(String) }]);
    // The suppliers shared with it, through the partners' one scoped view: the share's country only,
    // the score (scores scope) but no indicators; in id order, by cursor.
    await db.update(suppliers).set({ riskScore: 61, riskBand: "high", riskConfidence: 0.7 }).where(eq(suppliers.id, mine.id));
    const more = onlyRow(await db.insert(suppliers).values({ orgId: company.org.id, externalId: "A3", name: "Estate A3", country: "MY" }).returning());
    const firstPage = await partner.GET("/shared-suppliers", { params: { query: { limit: 1 } } });
    expect(firstPage.data!.data).toEqual([
      expect.objectContaining({ id: mine.id, name: "Estate A1", externalId: "A1", company: { id: company.org.id, name: company.org.name }, scope: ["identity", "scores"], risk: { score: 61, band: "high", confidence: 0.7, range: null, redFlags: 0 } }),
    ]);
    const secondPage = await partner.GET("/shared-suppliers", { params: { query: { cursor: firstPage.data!.nextCursor! } } });
    expect(secondPage.data).toMatchObject({ data: [{ id: more.id, risk: null }], nextCursor: null });
    // A cursor of another list means nothing here.
    expect((await partner.GET("/shared-suppliers", { params: { query: { cursor: Buffer.from(`g${mine.id}`).toString("base64url") } } })).error!.errors).toEqual([{ field: "cursor", message: "expected the nextCursor of an earlier page" }]);

    // A partner cannot share or revoke (the page's shares.manage): 403.
    expect((await apiClient(harness, await tokenFor(db, union.admin.actor, { shares: "write" })).DELETE("/shares/{shareId}", { params: { path: { shareId } } })).response.status).toBe(403);

    // Another company's share answers exactly as a missing one.
    const theirShare = await apiClient(harness, await tokenFor(db, other.admin.actor, { shares: "write" })).POST("/shares", { body: { toOrgId: union.org.id, scope: [] } });
    const foreign = await api.DELETE("/shares/{shareId}", { params: { path: { shareId: theirShare.data!.id } } });
    const missing = await api.DELETE("/shares/{shareId}", { params: { path: { shareId: 999_999 } } });
    expect(foreign.response.status).toBe(404);
    expect(foreign.error).toEqual(missing.error);

    const revoked = await api.DELETE("/shares/{shareId}", { params: { path: { shareId } } });
    expect(revoked.response.status).toBe(200);
    expect(revoked.data).toMatchObject({ id: shareId, revokedAt: expect.any(String), covers: null });
    expect((await partner.GET("/shares")).data!.data.map((s) => s.id)).toEqual([theirShare.data!.id]);
    // Revoked: the company's suppliers are gone from the partner's view at once.
    expect((await partner.GET("/shared-suppliers")).data!.data.map((s) => s.id)).toEqual([theirs.id]);
    // The same activity-log entries as the page's.
    const log = await db.select({ action: auditLog.action, targetId: auditLog.targetId }).from(auditLog).where(and(eq(auditLog.orgId, company.org.id), eq(auditLog.targetType, "share")));
    expect(log).toEqual([
      { action: "share.created", targetId: String(shareId) },
      { action: "share.revoked", targetId: String(shareId) },
    ]);
  });

  it("revokes a share once: again, at the same moment or later, over the API or on the page, answers as revoked without a second log entry or a new revocation time", async () => {
    const db = createTestDb();
    const company = await makeOrgWithRoles(db, "company");
    const union = await makeOrgWithRoles(db, "union");
    await db.insert(suppliers).values({ orgId: company.org.id, externalId: "A1", name: "Estate A1", country: "MY" });
    const api = apiClient(apiFetch(db), await tokenFor(db, company.admin.actor, { shares: "write" }));
    const revocations = async (id: number) => await db.select({ action: auditLog.action }).from(auditLog).where(and(eq(auditLog.targetType, "share"), eq(auditLog.targetId, String(id)), eq(auditLog.action, "share.revoked")));
    const revokedAt = async (id: number) => onlyRow(await db.select({ at: shares.revokedAt }).from(shares).where(eq(shares.id, id))).at;

    // Two revocations at once (two clients, a retried DELETE): both answer the revoked share, one entry.
    const shareId = (await api.POST("/shares", { body: { toOrgId: union.org.id, scope: [] } })).data!.id;
    const path = { shareId };
    const both = await Promise.all([api.DELETE("/shares/{shareId}", { params: { path } }), api.DELETE("/shares/{shareId}", { params: { path } })]);
    expect(both.map((b) => b.response.status)).toEqual([200, 200]);
    expect(await revocations(shareId)).toHaveLength(1);
    const first = await revokedAt(shareId);
    expect(first).not.toBeNull();
    expect(both.map((b) => b.data!.revokedAt)).toEqual([first!.toISOString(), first!.toISOString()]);

    // Later: the same answer, the time it was revoked kept (the page's revocation, a day on).
    await revokeShare(db, company.admin.actor, shareId, null, first!.getTime() + DAY);
    const again = await api.DELETE("/shares/{shareId}", { params: { path } });
    expect(again.response.status).toBe(200);
    expect(again.data).toEqual(both[0]!.data);
    expect(await revokedAt(shareId)).toEqual(first);
    expect(await revocations(shareId)).toHaveLength(1);

    // The page: a double click on "Revoke" sends the confirmed form twice; both land on the list
    // with the "revoked" message, neither on an error page, and the log says it once.
    const second = (await api.POST("/shares", { body: { toOrgId: union.org.id, scope: [] } })).data!.id;
    const context = await contextFor(db, company.admin.user.id, company.org.id);
    const submit = async () => await responseOf(async () => await sharingPage.action({ request: post("/sharing", { intent: "revoke", shareId: String(second), confirm: "yes" }), context, params: {} }));
    for (const answer of await Promise.all([submit(), submit()])) {
      expect(answer.status).toBe(302);
      expect(answer.headers.get("location")).toBe(`/sharing?revoked=${second}`);
    }
    expect((await submit()).headers.get("location")).toBe(`/sharing?revoked=${second}`);
    expect(await revocations(second)).toHaveLength(1);
  });
});

/** Every required question of the questionnaire answered reassuringly, in JSON. */
const COMPLETE = {
  workforce_migrant: false,
  fees_paid_by_workers: false,
  fees_employer_pays_policy: true,
  documents_held: false,
  contract_language: "own_language",
  contract_terms_as_promised: true,
  wages_paid_in_full_on_time: true,
  wages_largest_deduction: 0,
  wages_loans_to_workers: false,
  hours_weeks_over_60: 0,
  hours_overtime_refusable: true,
  housing_provided: false,
  housing_remote: false,
  resign_without_penalty: true,
  resign_deposit_forfeited: false,
  resign_threatened: false,
  grievance_channel: true,
  grievance_violence_reported: false,
  recruiters_used: false,
  recruiters_agency_employed: false,
};

describe("the questionnaire over the API", () => {
  it("lets the supplier organisation read and answer its site's questionnaire with the page's checks; the company reads the answers once shared", async () => {
    const db = createTestDb();
    const supplier = await makeOrgWithRoles(db, "supplier");
    const otherSupplier = await makeOrgWithRoles(db, "supplier");
    const buyer = await makeOrgWithRoles(db, "company");
    const site = onlyRow(await db.insert(supplierSites).values({ orgId: supplier.org.id, name: "Mekong Garment Factory 2", country: "VN" }).returning());
    const otherSite = onlyRow(await db.insert(supplierSites).values({ orgId: otherSupplier.org.id, name: "Elsewhere Mill", country: "VN" }).returning());
    const record = onlyRow(await db.insert(suppliers).values({ orgId: buyer.org.id, externalId: "MGF2", name: "Mekong Garment", country: "VN", workersTotal: 300 }).returning());
    await db.insert(supplierSiteLinks).values({ siteId: site.id, supplierId: record.id, buyerOrgId: buyer.org.id, claimedBy: supplier.admin.user.id });
    const harness = apiFetch(db);
    const api = apiClient(harness, await tokenFor(db, supplier.admin.actor, { questionnaires: "write" }));
    const path = { siteId: site.id };

    const read = await api.GET("/sites/{siteId}/questionnaire", { params: { path } });
    expect(read.data).toMatchObject({ site: { id: site.id, name: site.name }, status: { state: "none" }, lastSubmission: null, answers: {}, canAnswer: true });
    expect(read.data!.questions.find((q) => q.id === "wages_largest_deduction")).toMatchObject({ type: "number", shown: true });

    // A refused answer names its question and writes nothing, as on the page; so does a question the questionnaire does not ask.
    const refused = await api.PATCH("/sites/{siteId}/questionnaire", { params: { path }, body: { answers: { workforce_migrant: false, wages_largest_deduction: "a lot", documents_held: "perhaps" } } });
    expect(refused.response.status).toBe(400);
    expect(refused.error!.errors!.map((e) => e.field).sort()).toEqual(["answers/documents_held", "answers/wages_largest_deduction"]);
    expect(refused.error!.errors!.find((e) => e.field === "answers/wages_largest_deduction")!.message).toContain("“a lot” is not a number");
    const unknown = await api.PATCH("/sites/{siteId}/questionnaire", { params: { path }, body: { answers: { favourite_colour: "blue" } } });
    expect(unknown.error!.errors).toEqual([{ field: "answers/favourite_colour", message: "not a question of the questionnaire" }]);
    const badRecruiter = await api.PATCH("/sites/{siteId}/questionnaire", { params: { path }, body: { answers: { recruiters_used: true, recruiters_list: [{ name: "One\nTwo, NP", country: "NP" }] } } });
    expect(badRecruiter.error!.errors!.map((e) => e.field)).toEqual(["answers/recruiters_list/0/name"]);
    expect(await db.select().from(questionnaireResponses)).toHaveLength(0);

    // A partial save keeps a draft; submitting with a required question open is refused beside it.
    const saved = await api.PATCH("/sites/{siteId}/questionnaire", { params: { path }, body: { answers: { workforce_migrant: false, wages_largest_deduction: 12.5 } } });
    expect(saved.data).toMatchObject({ submitted: false, answered: expect.any(Number) });
    expect((await api.GET("/sites/{siteId}/questionnaire", { params: { path } })).data).toMatchObject({ status: { state: "draft", answered: saved.data!.answered }, answers: { workforce_migrant: false, wages_largest_deduction: 12.5 } });
    const early = await api.PATCH("/sites/{siteId}/questionnaire", { params: { path }, body: { answers: {}, submit: true } });
    expect(early.response.status).toBe(400);
    expect(early.error!.errors!.map((e) => e.field)).toContain("answers/documents_held");

    // The company: nothing until the supplier shares; then the submitted answers.
    const company = apiClient(harness, await tokenFor(db, buyer.admin.actor, { questionnaires: "read" }));
    expect((await company.GET("/suppliers/{supplierId}/answers", { params: { path: { supplierId: record.id } } })).data).toEqual({ state: "not_shared", sharedSince: null, response: null });
    await shareAnswers(db, supplier.admin.actor, site.id, buyer.org.id, { ip: "203.0.113.9" });
    const submitted = await api.PATCH("/sites/{siteId}/questionnaire", { params: { path }, body: { answers: COMPLETE, submit: true } });
    expect(submitted.data).toMatchObject({ submitted: true });
    const answers = await company.GET("/suppliers/{supplierId}/answers", { params: { path: { supplierId: record.id } } });
    expect(answers.data).toMatchObject({ state: "shared", response: { id: submitted.data!.responseId, current: true } });
    expect(answers.data!.response!.answers).toContainEqual({ questionId: "wages_largest_deduction", section: expect.any(String), type: "number", value: 0 });
    // The submission's logs, as from the page: the supplier's own and the shared buyer's.
    expect((await db.select().from(auditLog).where(eq(auditLog.action, "questionnaire.submitted"))).map((r) => r.orgId).sort()).toEqual([supplier.org.id, buyer.org.id].sort());

    // Another organisation's site, or record, answers as a missing one; a company cannot read a site's questionnaire.
    const foreign = await api.GET("/sites/{siteId}/questionnaire", { params: { path: { siteId: otherSite.id } } });
    const missing = await api.GET("/sites/{siteId}/questionnaire", { params: { path: { siteId: 999_999 } } });
    expect(foreign.response.status).toBe(404);
    expect(foreign.error).toEqual(missing.error);
    const foreignWrite = await api.PATCH("/sites/{siteId}/questionnaire", { params: { path: { siteId: otherSite.id } }, body: { answers: { favourite_colour: "blue" } } });
    expect(foreignWrite.response.status).toBe(404);
    expect((await company.GET("/sites/{siteId}/questionnaire", { params: { path } })).response.status).toBe(403);
  });
});

const base: IntakeInput = {
  categories: ["overtime"],
  since: "2026-09",
  peopleCount: 30,
  description: "We work 14 hours a day and cannot refuse.",
  workplaceText: null,
  country: null,
  consent: ["union", "inspectorate", "company"],
  textToCompany: false,
  contact: "+60 12 000 1111",
  language: "ne",
};
const T0 = Date.UTC(2026, 10, 2, 9);

async function grievanceWorld() {
  const db = createTestDb();
  const company = await makeOrgWithRoles(db, "company");
  const union = await makeOrgWithRoles(db, "union");
  const inspectorate = await makeOrgWithRoles(db, "inspectorate");
  const otherUnion = await makeOrgWithRoles(db, "union");
  await db.update(organisations).set({ jurisdictions: ["MY"] }).where(eq(organisations.id, inspectorate.org.id));
  const large = onlyRow(await db.insert(suppliers).values({ orgId: company.org.id, externalId: "L1", name: "Factory L1", country: "MY", workersTotal: 400 }).returning());
  const small = onlyRow(await db.insert(suppliers).values({ orgId: company.org.id, externalId: "S1", name: "Factory S1", country: "MY", workersTotal: 6 }).returning());
  // A workplace's case reaches the union its company shares with (routing.server.ts).
  await db.insert(shares).values({ fromOrgId: company.org.id, toOrgId: union.org.id, scope: ["identity", "scores"], filter: {} });
  const channelFor = async (supplierId: number) => (await channelByToken(db, (await createChannel(db, company.member.actor, { supplierId, country: null })).token))!;
  // A case reaches the union first; the company when the union forwards it (as the worker allowed).
  const report = async (input: Partial<IntakeInput> = {}, supplierId = large.id) => {
    const r = await submitGrievance(db, { channel: await channelFor(supplierId), input: { ...base, ...input }, ip: "198.51.100.20" }, T0);
    await forwardCase(db, union.member.actor, r.id, "company", T0 + 1000);
    return r;
  };
  return { db, company, union, inspectorate, otherUnion, large, small, report };
}

const accessOf = async (db: Db, grievanceId: number, orgId: number) => (await db.select().from(grievanceAccess).where(and(eq(grievanceAccess.grievanceId, grievanceId), eq(grievanceAccess.orgId, orgId)))).map((a) => a.what);

describe("grievance cases over the API", () => {
  it("gives each party the fields its case page gives it, no files, no contact, no case code; logs the reading; a foreign case is a missing one", async () => {
    const w = await grievanceWorld();
    const r = await w.report();
    const smallCase = await w.report({}, w.small.id);
    const caseCode = onlyRow(await w.db.select().from(grievances).where(eq(grievances.id, r.id))).caseCode;
    const harness = apiFetch(w.db);
    const union = apiClient(harness, await tokenFor(w.db, w.union.admin.actor, { grievances: "read" }));
    const company = apiClient(harness, await tokenFor(w.db, w.company.admin.actor, { grievances: "read" }));
    const path = { grievanceId: r.id };

    const unionCase = await union.GET("/grievances/{grievanceId}", { params: { path } });
    expect(unionCase.data).toMatchObject({ id: r.id, party: "union", description: base.description, peopleCount: 30, hasContact: true, workplace: { supplierId: w.large.id, text: null } });
    const unionText = JSON.stringify(unionCase.data);
    for (const secret of [caseCode, base.contact!, "files", "caseCode", "contact\""]) expect(unionText).not.toContain(secret);

    // The company: the worker did not allow it the worker's words; it never gets the people count,
    // the assignee, the fee case or whether there is a contact. Absent, not null.
    const companyCase = await company.GET("/grievances/{grievanceId}", { params: { path } });
    expect(companyCase.data).toMatchObject({ id: r.id, party: "company", categories: ["overtime"] });
    for (const field of ["description", "peopleCount", "hasContact", "assigneeId", "feeCaseId"]) expect(companyCase.data, field).not.toHaveProperty(field);
    expect(companyCase.data!.workplace).not.toHaveProperty("text");
    const companyText = JSON.stringify(companyCase.data);
    for (const secret of [caseCode, base.contact!, base.description!]) expect(companyText).not.toContain(secret);
    // Where the worker allowed it, the company reads their words, as on the page.
    const allowed = await w.report({ textToCompany: true });
    expect((await company.GET("/grievances/{grievanceId}", { params: { path: { grievanceId: allowed.id } } })).data).toMatchObject({ description: base.description });

    // Every reading is logged on the case, as the page's reading is.
    expect(await accessOf(w.db, r.id, w.union.org.id)).toEqual(["view"]);
    expect(await accessOf(w.db, r.id, w.company.org.id)).toEqual(["view"]);

    // The lists: the company's leaves out its small workplace's case (counts only, on the page); the union's has it.
    expect((await union.GET("/grievances")).data!.data.map((c) => c.id)).toEqual([r.id, smallCase.id, allowed.id]);
    expect((await company.GET("/grievances")).data!.data.map((c) => c.id)).toEqual([r.id, allowed.id]);
    const paged = await union.GET("/grievances", { params: { query: { limit: 2 } } });
    expect(paged.data!.data.map((c) => c.id)).toEqual([r.id, smallCase.id]);
    expect((await union.GET("/grievances", { params: { query: { cursor: paged.data!.nextCursor! } } })).data).toMatchObject({ data: [{ id: allowed.id }], nextCursor: null });
    expect((await union.GET("/grievances", { params: { query: { show: "closed" } } })).data!.data).toEqual([]);
    expect((await union.GET("/grievances", { params: { query: { show: "all" as never } } })).error!.errors).toEqual([{ field: "show", message: "expected open or closed" }]);

    // A small workplace's case, for its company, and a case that never reached the reader: as a missing one.
    const missing = await company.GET("/grievances/{grievanceId}", { params: { path: { grievanceId: 999_999 } } });
    expect(missing.response.status).toBe(404);
    expect((await company.GET("/grievances/{grievanceId}", { params: { path: { grievanceId: smallCase.id } } })).error).toEqual(missing.error);
    const stranger = apiClient(harness, await tokenFor(w.db, w.otherUnion.admin.actor, { grievances: "read" }));
    expect((await stranger.GET("/grievances/{grievanceId}", { params: { path } })).error).toEqual(missing.error);
    expect(await accessOf(w.db, r.id, w.otherUnion.org.id)).toEqual([]);
    // Read-only: a token cannot be given more.
    expect((await union.POST("/grievances" as never, {} as never)).response.status).toBe(405);
  });

  it("pages every case that reached the organisation, each once, in id order, however many there are; the filter and the company's small workplaces decided before the page is cut", async () => {
    const w = await grievanceWorld();
    // 160 cases in one statement (their intake is tested above; here they only need to reach
    // organisations). Created newest-first by id, so that id order and the page's order differ;
    // every fourth reaches only another union; a third are closed; some are urgent.
    const N = 160;
    const rows = Array.from({ length: N }, (_, i) => ({
      caseCode: `G-PAGE${String(i).padStart(7, "0")}`,
      secretHash: "x",
      supplierId: i % 4 === 2 ? w.small.id : w.large.id,
      country: "MY",
      categories: ["overtime"],
      status: i % 3 === 0 ? ("closed" as const) : ("new" as const),
      closedAt: i % 3 === 0 ? new Date(T0) : null,
      urgent: i % 5 === 0,
      createdAt: new Date(T0 - i * 60_000),
    }));
    const ids = (await w.db.insert(grievances).values(rows).returning({ id: grievances.id })).map((r) => r.id);
    const reach = ids.flatMap((grievanceId, i) =>
      i % 4 === 0
        ? [{ grievanceId, orgId: w.otherUnion.org.id, party: "union" as const, reason: "channel" }]
        : [
            { grievanceId, orgId: w.union.org.id, party: "union" as const, reason: "channel" },
            ...(i % 4 === 3 ? [] : [{ grievanceId, orgId: w.company.org.id, party: "company" as const, reason: "forwarded" }]),
          ],
    );
    await w.db.insert(grievanceRecipients).values(reach);
    const expected = (keep: (i: number) => boolean) => ids.filter((_, i) => keep(i)).sort((a, b) => a - b);
    const unionCases = expected((i) => i % 4 !== 0);
    // The company: not the other union's cases, not those it never received, not its small workplace's.
    const companyCases = expected((i) => i % 4 === 1);

    const harness = apiFetch(w.db);
    const walk = async (token: string, limit: number, show?: "open" | "closed") => {
      const client = apiClient(harness, token);
      const seen: number[][] = [];
      let cursor: string | undefined;
      do {
        const page = await client.GET("/grievances", { params: { query: { limit, ...(cursor ? { cursor } : {}), ...(show ? { show } : {}) } } });
        expect(page.response.status).toBe(200);
        seen.push(page.data!.data.map((c) => c.id));
        cursor = page.data!.nextCursor ?? undefined;
      } while (cursor);
      return seen;
    };
    const unionToken = await tokenFor(w.db, w.union.admin.actor, { grievances: "read" });
    const pages = await walk(unionToken, 50);
    expect(pages.map((p) => p.length)).toEqual([50, 50, 20]);
    expect(pages.flat()).toEqual(unionCases);
    // A page is short only at the end, even where the cases it skips (the filter's, the small
    // workplace's, another organisation's) lie between the ones it returns.
    expect(await walk(unionToken, 25, "closed")).toEqual(chunks(unionCases.filter((id) => rows[ids.indexOf(id)]!.status === "closed"), 25));
    expect(await walk(unionToken, 25, "open")).toEqual(chunks(unionCases.filter((id) => rows[ids.indexOf(id)]!.status !== "closed"), 25));
    const companyPages = await walk(await tokenFor(w.db, w.company.admin.actor, { grievances: "read" }), 15);
    expect(companyPages).toEqual(chunks(companyCases, 15));
    expect((await walk(await tokenFor(w.db, w.otherUnion.admin.actor, { grievances: "read" }), 50)).flat()).toEqual(expected((i) => i % 4 === 0));
  });
});

const chunks = (ids: number[], size: number) => Array.from({ length: Math.max(1, Math.ceil(ids.length / size)) }, (_, i) => ids.slice(i * size, (i + 1) * size));

describe("the grievance.escalated webhook event", () => {
  const deliveries = async (db: Db) => (await db.select().from(webhookDeliveries)).map((d) => ({ orgId: d.orgId, type: d.eventType, payload: JSON.parse(d.payload) as { data: Record<string, unknown> } }));

  it("is written with the escalation to each subscribed organisation the case reached, without personal data; not to a small workplace's company", async () => {
    const w = await grievanceWorld();
    const subscribe = async (who: typeof w.company) => await createSubscription(w.db, who.admin.actor, who.org.id, { url: "http://127.0.0.1:9/hook", events: ["grievance.escalated"], allowPrivate: true }, null);
    await subscribe(w.company);
    await subscribe(w.union);
    await subscribe(w.inspectorate);
    await subscribe(w.otherUnion);
    const r = await w.report({ consent: ["union", "inspectorate", "company"] });
    const smallCase = await w.report({}, w.small.id);

    expect((await runGrievanceSweeps(w.db, T0 + 6 * DAY)).escalated).toEqual([]);
    expect(await deliveries(w.db)).toEqual([]);
    expect((await runGrievanceSweeps(w.db, T0 + 8 * DAY)).escalated.sort()).toEqual([r.id, smallCase.id].sort());
    const sent = await deliveries(w.db);
    const to = (id: number) => sent.filter((d) => d.payload.data.grievance && (d.payload.data.grievance as { id: number }).id === id).map((d) => d.orgId).sort();
    // The large workplace's case: everyone it reached (the inspectorate, if not before, now). The
    // small one's: not its company, which sees such cases only as quarterly counts.
    expect(to(r.id)).toEqual([w.company.org.id, w.union.org.id, w.inspectorate.org.id].sort());
    expect(to(smallCase.id)).not.toContain(w.company.org.id);
    expect(sent.map((d) => d.orgId)).not.toContain(w.otherUnion.org.id);
    const one = sent.find((d) => d.orgId === w.union.org.id && (d.payload.data.grievance as { id: number }).id === r.id)!;
    expect(one.type).toBe("grievance.escalated");
    expect(one.payload.data).toMatchObject({ grievance: { id: r.id }, channel: { id: expect.any(Number), intake: "online" }, state: "escalated", escalatedAt: new Date(T0 + 8 * DAY).toISOString() });
    const row = onlyRow(await w.db.select().from(grievances).where(eq(grievances.id, r.id)));
    for (const secret of [row.caseCode, base.contact!, base.description!, "Factory L1"]) expect(JSON.stringify(sent)).not.toContain(secret);
    // Sweeping again escalates nothing and writes nothing more.
    await runGrievanceSweeps(w.db, T0 + 9 * DAY);
    expect(await deliveries(w.db)).toHaveLength(sent.length);
  });

  it("writes nothing when no organisation subscribes to it", async () => {
    const w = await grievanceWorld();
    // A subscriber to another event only.
    await createSubscription(w.db, w.company.admin.actor, w.company.org.id, { url: "http://127.0.0.1:9/hook", events: ["score.band_changed"], allowPrivate: true }, null);
    const r = await w.report();
    expect((await runGrievanceSweeps(w.db, T0 + 8 * DAY)).escalated).toEqual([r.id]);
    expect(await w.db.select().from(webhookDeliveries)).toEqual([]);
  });
});
