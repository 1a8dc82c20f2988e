/**
 * Time zones (issue 17, item 5): an audit is planned and shown in its workplace's zone, which
 * follows from the country (country-zones.ts), labelled as a place, with the viewer's own zone
 * beside it where the clocks differ. A Malaysian inspectorate auditing a Thai workplace types
 * Bangkok times and sees "09:00–13:00 Bangkok time · 10:00–14:00 Kuala Lumpur time".
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { audits, shares, suppliers } from "#db/schema";
import { timeInZones, windowInZones } from "~/components/audits";
import { listAudits } from "~/domain/audits/audit-views.server";
import { addLocalDays, fromLocal, localDay } from "~/domain/audits/local-time";
import { acceptProposal, generatePlan, pendingProposals, proposalAsForm } from "~/domain/audits/plan.server";
import { rescheduleAudit, scheduleAudit } from "~/domain/audits/scheduling.server";
import { DEFAULT_SETTINGS, updateSettings } from "~/domain/audits/settings.server";
import { COUNTRY_ZONES, workplaceZone } from "~/domain/reference/country-zones";
import { scoreOrganisation } from "~/domain/risk/scoring.server";
import * as auditRoute from "~/routes/audits.$auditId";
import * as editRoute from "~/routes/audits.$auditId_.edit";
import { createTestDb } from "../support/db";
import { makeOrgWithRoles } from "../support/factories";
import { contextFor, get } from "../support/routes";
import { firstRow, onlyRow, rawRun } from "../../db/client";

const KL = "Asia/Kuala_Lumpur";
const BANGKOK = "Asia/Bangkok";
const now = Date.now();
const day = addLocalDays(localDay(now, KL), 10);

async function world() {
  const db = createTestDb();
  const company = await makeOrgWithRoles(db, "company");
  const inspectorate = await makeOrgWithRoles(db, "inspectorate");
  await rawRun(db, `update organisations set jurisdictions = '["MY", "TH"]' where id = ?`, inspectorate.org.id);
  await updateSettings(db, inspectorate.admin.actor, inspectorate.org.id, { ...DEFAULT_SETTINGS, timeZone: KL }, null);
  const thai = onlyRow(await db.insert(suppliers).values({ orgId: company.org.id, externalId: "TH1", name: "Siam Cannery", country: "TH", sector: "Food", products: [], indicators: {} }).returning());
  await scoreOrganisation(db, company.org.id, { cause: "test" });
  await db.insert(shares).values({ fromOrgId: company.org.id, toOrgId: inspectorate.org.id, scope: ["identity", "scores", "indicators", "audits"], filter: {} });
  return { db, company, inspectorate, thai, actor: inspectorate.member.actor };
}

describe("an audit at a Thai workplace, scheduled by a Malaysian inspectorate", () => {
  it("reads the typed times in Bangkok time, round-trips them and shows both zones", async () => {
    const w = await world();
    const id = await scheduleAudit(w.db, w.actor, { supplierId: w.thai.id, type: "announced", startsAt: `${day}T09:00`, endsAt: `${day}T13:00`, leadInspectorId: w.actor.user.id, teamIds: [], notes: "" });
    const stored = firstRow(await w.db.select().from(audits).where(eq(audits.id, id)))!;
    // 09:00 in Bangkok (UTC+7) is 02:00 UTC, 10:00 in Kuala Lumpur (UTC+8).
    expect(stored.startsAt.toISOString()).toBe(`${day}T02:00:00.000Z`);
    expect(stored.startsAt.getTime()).toBe(fromLocal(`${day}T09:00`, BANGKOK));

    // The reschedule form shows the same Bangkok times, and saving them unchanged keeps the instant.
    const ctx = await contextFor(w.db, w.actor.user.id, w.inspectorate.org.id);
    const edit = await editRoute.loader({ request: get(`/audits/${id}/edit`), context: ctx, params: { auditId: String(id) } });
    expect(edit).toMatchObject({ zone: BANGKOK, viewerZone: KL, current: { startsAt: `${day}T09:00`, endsAt: `${day}T13:00` } });
    await rescheduleAudit(w.db, w.actor, id, { startsAt: `${day}T09:00`, endsAt: `${day}T13:00`, leadInspectorId: w.actor.user.id, teamIds: [], reason: "Same time, checked" });
    expect(firstRow(await w.db.select().from(audits).where(eq(audits.id, id)))!.startsAt.getTime()).toBe(stored.startsAt.getTime());

    // The audit page, the list and the company's page: the workplace's zone, labelled; the inspectorate's beside.
    const page = await auditRoute.loader({ request: get(`/audits/${id}`), context: ctx, params: { auditId: String(id) } });
    if (page.side !== "inspectorate") throw new Error("inspectorate page expected");
    expect(page.placeZone).toBe(BANGKOK);
    expect(windowInZones(page.audit.startsAt, page.audit.endsAt, page.placeZone, page.settings.timeZone)).toBe(`${day} 09:00–13:00 Bangkok time · 10:00–14:00 Kuala Lumpur time`);
    const list = await listAudits(w.db, w.actor, { when: "all" });
    expect(list.rows.map((r) => r.placeZone)).toEqual([BANGKOK]);
    const company = await auditRoute.loader({ request: get(`/audits/${id}`), context: await contextFor(w.db, w.company.admin.user.id, w.company.org.id), params: { auditId: String(id) } });
    if (company.side !== "company") throw new Error("company page expected");
    expect(windowInZones(company.audit.startsAt, company.audit.endsAt, company.placeZone)).toBe(`${day} 09:00–13:00 Bangkok time`);
  });

  it("a proposal at the Thai workplace is offered and accepted at the same instant", async () => {
    const w = await world();
    const plan = await generatePlan(w.db, w.inspectorate.admin.actor, { from: day, weeks: 1, type: "announced", dayStarts: "09:00", dayEnds: "17:00" }, { now });
    const [proposal] = await pendingProposals(w.db, w.actor);
    expect(proposal!.startsAt).toBe(plan.proposals[0]!.startsAt);
    const form = await proposalAsForm(w.db, w.actor, proposal!.id);
    // The planner's 09:00 is the inspectorate's working day (Kuala Lumpur): 08:00 in Bangkok.
    expect(form.startsAt.slice(11)).toBe("08:00");
    const auditId = await acceptProposal(w.db, w.actor, proposal!.id, null);
    expect(firstRow(await w.db.select().from(audits).where(eq(audits.id, auditId)))!.startsAt.getTime()).toBe(proposal!.startsAt);
  });
});

describe("the zone table and the labels", () => {
  it("names a real zone for every country, the capital's where a country has several", () => {
    for (const [country, zone] of Object.entries(COUNTRY_ZONES)) expect(() => new Intl.DateTimeFormat("en", { timeZone: zone }), country).not.toThrow();
    expect(workplaceZone("TH", KL)).toBe(BANGKOK);
    expect(workplaceZone("us", KL)).toBe("America/New_York");
    expect(workplaceZone("XX", KL)).toBe(KL);
    expect(workplaceZone(null, KL)).toBe(KL);
  });

  it("shows the viewer's zone only where the clocks differ, with the date when it is another day there", () => {
    const at = fromLocal("2026-12-08T09:00", BANGKOK)!;
    expect(timeInZones(at, BANGKOK, KL)).toBe("2026-12-08 09:00 Bangkok time · 10:00 Kuala Lumpur time");
    expect(timeInZones(at, BANGKOK, BANGKOK)).toBe("2026-12-08 09:00 Bangkok time");
    // Singapore keeps Kuala Lumpur's clock: nothing to add.
    expect(timeInZones(at, "Asia/Singapore", KL)).toBe("2026-12-08 10:00 Singapore time");
    const late = fromLocal("2026-12-08T23:30", BANGKOK)!;
    expect(windowInZones(late, late + 3_600_000, BANGKOK, KL)).toBe("2026-12-08 23:30 – 2026-12-09 00:30 Bangkok time · 2026-12-09 00:30–01:30 Kuala Lumpur time");
  });
});
