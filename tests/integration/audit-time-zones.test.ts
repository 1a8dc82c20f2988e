/**
 * Time zones (issue 17, item 5): an audit is planned and shown in its workplace's zone, which
 * follows from the country (country-zones.ts), labelled as a place, with the viewer's own zone
 * beside it where the clocks differ. A Malaysian inspectorate auditing a Thai workplace types
 * Bangkok times and sees "09:00–13:00 Bangkok time · 10:00–14:00 Kuala Lumpur time".
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { audits, shares, suppliers } from "#db/schema";
import { placeTime, timeInZones, windowInZones } from "~/components/audits";
import { calendar, createFeed } from "~/domain/audits/calendar.server";
import { priorityQueue } from "~/domain/audits/queue.server";
import { companySupplierAudits } from "~/domain/audits/visibility.server";
import * as feedRoute from "~/routes/calendar.$feed";
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
import { contextFor, get, responseOf } from "../support/routes";
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

  it("the calendar, the priority queue, the ICS feed and the company's supplier page give the Bangkok time, labelled", async () => {
    const w = await world();
    const id = await scheduleAudit(w.db, w.actor, { supplierId: w.thai.id, type: "announced", startsAt: `${day}T09:00`, endsAt: `${day}T13:00`, leadInspectorId: w.actor.user.id, teamIds: [], notes: "" });

    // The calendar's grid stays in Kuala Lumpur time (the entry sits on its Kuala Lumpur day); the entry adds Bangkok's clock.
    const cal = await calendar(w.db, w.actor, { view: "week", date: day, inspectorId: null });
    expect(cal.zone).toBe(KL);
    const [entry] = cal.entries;
    expect(entry).toMatchObject({ id, placeZone: BANGKOK });
    expect(placeTime(entry!.startsAt, entry!.placeZone, cal.zone)).toBe("09:00 Bangkok time");
    // A workplace on the viewer's clock adds nothing; one where it is already another day says the date.
    expect(placeTime(entry!.startsAt, KL, KL)).toBeNull();
    const lateKl = fromLocal(`${day}T00:30`, KL)!;
    expect(placeTime(lateKl, BANGKOK, KL)).toBe(`${addLocalDays(day, -1)} 23:30 Bangkok time`);

    // The priority queue's "next audit".
    const row = (await priorityQueue(w.db, w.actor)).find((r) => r.supplierId === w.thai.id)!;
    expect(row.nextAudit).toMatchObject({ id, placeZone: BANGKOK });
    expect(timeInZones(row.nextAudit!.startsAt, row.nextAudit!.placeZone, KL)).toBe(`${day} 09:00 Bangkok time · 10:00 Kuala Lumpur time`);

    // The company's supplier page: the place's time only (the company keeps no zone of its own).
    const [seen] = await companySupplierAudits(w.db, w.company.admin.actor, w.company.org.id, w.thai.id);
    expect(seen).toMatchObject({ id, placeZone: BANGKOK });
    expect(windowInZones(seen!.startsAt, seen!.endsAt, seen!.placeZone)).toBe(`${day} 09:00–13:00 Bangkok time`);

    // The ICS feed: instants in UTC, the local time and zone in the description (lines unfolded, RFC 5545 §3.1).
    const token = await createFeed(w.db, w.actor, null);
    const res = await responseOf(async () => feedRoute.loader({ request: get(`/calendar/${token}.ics`), context: await contextFor(w.db, null), params: { feed: `${token}.ics` } }));
    const ics = (await res.text()).replace(/\r\n[ \t]/g, "");
    expect(ics).toContain(`DTSTART:${day.replace(/-/g, "")}T020000Z`);
    expect(ics).toContain(`DESCRIPTION:${day} 09:00–13:00 Bangkok time · 10:00–14:00 Kuala Lumpur time\\n`);
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
