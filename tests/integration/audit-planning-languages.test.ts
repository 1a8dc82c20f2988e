/**
 * The inspectorate's planning pages in the reader's language (issue 18): the availability, plan
 * and settings forms refuse in German and Thai (the domain's refusals and the schemas' messages
 * travel as "audits:" keys), the plan page says the planner's stored reasons in the reader's
 * language (English rows written before keep their words), and the calendar feed speaks its
 * owner's saved language. The language comes from the request, as server.ts decides it.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditProposals, organisations, users } from "#db/schema";
import { seedDemo } from "#db/seed";
import { createFeed, feedCalendar } from "~/domain/audits/calendar.server";
import { addLocalDays, localDay } from "~/domain/audits/local-time";
import { generatePlan, nextMonday } from "~/domain/audits/plan.server";
import { resolveLocale } from "~/i18n/locale.server";
import * as availabilityPage from "~/routes/audits.availability";
import * as calendarPage from "~/routes/audits.calendar";
import * as planPage from "~/routes/audits.plan";
import * as settingsPage from "~/routes/audits.settings";
import { firstRow } from "../../db/client";
import { createTestDb } from "../support/db";
import { actorFor } from "../support/factories";
import { contextFor, responseOf } from "../support/routes";

const ZONE = "Asia/Kuala_Lumpur";
const now = Date.now();

async function demo() {
  const db = createTestDb();
  await seedDemo(db);
  const inspector = firstRow(await db.select().from(users).where(eq(users.email, "inspector@inspectorate.example")))!;
  const org = firstRow(await db.select().from(organisations).where(eq(organisations.type, "inspectorate")))!;
  return { db, inspector, org, actor: await actorFor(db, inspector.id, org.id) };
}

/** A request as a browser sends it, and the context server.ts would give it (its language from Accept-Language). */
async function asked(w: Awaited<ReturnType<typeof demo>>, path: string, language: string, form?: Record<string, string>) {
  const headers = { "accept-language": language };
  const request = new Request(`http://localhost${path}`, form ? { method: "POST", body: new URLSearchParams(form), headers } : { headers });
  const context = await contextFor(w.db, w.inspector.id, w.org.id, await resolveLocale(request, null));
  return { request, context, params: {} };
}

type Refused = { errors: Record<string, string> };
const refusal = async (fn: () => unknown) => {
  const response = await responseOf(fn);
  expect(response.status).toBe(400);
  return ((await response.json()) as Refused).errors;
};

describe("the planning pages in the reader's language", () => {
  it("refuse an unavailability in German and Thai, English as before", async () => {
    const w = await demo();
    const today = localDay(now, ZONE);
    const backwards = { startsOn: addLocalDays(today, 5), endsOn: addLocalDays(today, 2), reason: "Urlaub" };
    expect((await refusal(async () => availabilityPage.action(await asked(w, "/audits/availability", "de-DE,de;q=0.9", backwards)))).endsOn).toBe("Der letzte Tag darf nicht vor dem ersten liegen.");
    expect((await refusal(async () => availabilityPage.action(await asked(w, "/audits/availability", "th", backwards)))).endsOn).toBe("วันสุดท้ายต้องไม่อยู่ก่อนวันแรก");
    expect((await refusal(async () => availabilityPage.action(await asked(w, "/audits/availability", "en-GB", backwards)))).endsOn).toBe("The last day cannot be before the first.");
    const noReason = { startsOn: addLocalDays(today, 2), endsOn: addLocalDays(today, 3), reason: " " };
    expect((await refusal(async () => availabilityPage.action(await asked(w, "/audits/availability", "th", noReason)))).reason).toBe("โปรดระบุเหตุผล (ลาพักผ่อน ฝึกอบรม ไปศาล…) เฉพาะหน่วยงานตรวจแรงงานเท่านั้นที่เห็น");
  });

  it("refuse a plan request in German and Thai, from the schema and from the domain", async () => {
    const w = await demo();
    const form = { intent: "generate", from: nextMonday(now, ZONE), weeks: "20", type: "announced", dayStarts: "09:00", dayEnds: "17:00" };
    expect((await refusal(async () => planPage.action(await asked(w, "/audits/plan", "de", form)))).weeks).toBe("Planen Sie 1 bis 12 Wochen.");
    expect((await refusal(async () => planPage.action(await asked(w, "/audits/plan", "th", { ...form, weeks: "2", dayEnds: "08:00" })))).dayEnds).toBe("เวลาเลิกงานต้องอยู่หลังเวลาเริ่มงาน (HH:MM)");
    expect((await refusal(async () => planPage.action(await asked(w, "/audits/plan", "de", { ...form, weeks: "zwei" })))).weeks).toBe("Geben Sie eine Anzahl von Wochen ein.");
    expect((await refusal(async () => planPage.action(await asked(w, "/audits/plan", "de", { intent: "launch" })))).form).toBe("Unbekannte Anfrage.");
    const rules = { timeZone: "Mars/Olympus", maxAuditsPerInspectorPerDay: "9", minDaysBetweenAudits: "180", criticalDueDays: "30", majorDueDays: "60", minorDueDays: "800" };
    // The demo inspector is the inspectorate's admin: the rules' form refuses in Thai.
    const errors = await refusal(async () => settingsPage.action(await asked(w, "/audits/settings", "th-TH,th;q=0.9", rules)));
    expect(errors.timeZone).toBe("โปรดระบุเขตเวลา เช่น Asia/Bangkok หรือ Asia/Kuala_Lumpur");
    expect(errors.maxAuditsPerInspectorPerDay).toBe("ไม่เกิน 8 ครั้งต่อวัน");
    expect(errors.minorDueDays).toBe("ไม่เกิน 730 วัน");
  });

  it("say the planner's reasons in German, and an English row written before as it stands", async () => {
    const w = await demo();
    await generatePlan(w.db, w.actor, { from: nextMonday(now, ZONE), weeks: 4, type: "announced", dayStarts: "09:00", dayEnds: "17:00" }, { now });
    type PlanData = { title: string; proposals: { supplierName: string; reason: string }[]; plan: { unplaced: { name: string; reason: string }[] } };
    const page = async (language: string) => (await planPage.loader(await asked(w, "/audits/plan", language))) as unknown as PlanData;
    const de = await page("de");
    expect(de.title).toMatch(/^Planung · Prüfungen · /);
    const ladang = de.proposals.find((p) => p.supplierName === "Ladang Minyak Sejahtera Sdn Bhd")!;
    expect(ladang.reason).toMatch(/^Rang 4, Priorität [\d,.]+: .*\. Nachprüfung vor Ablauf des Mindestabstands \(180 Tage\): Abhilfemaßnahme überfällig seit \d{2}\.\d{2}\.\d{4}: Cap shifts at 12 hours/);
    expect(de.plan.unplaced.map((u) => u.reason)).toEqual([expect.stringMatching(/^Bereits geplant: Prüfung Nr\. \d+ am \d{2}\.\d{2}\.\d{4}\.$/), expect.stringMatching(/^Bereits geplant: Prüfung Nr\. \d+ am /)]);
    const en = await page("en");
    expect(en.proposals.find((p) => p.supplierName === "Ladang Minyak Sejahtera Sdn Bhd")!.reason).toMatch(/^Rank 4, priority [\d.]+: .*\. Follow-up inside the 180-day interval: corrective action overdue since/);
    const th = await page("th");
    expect(th.proposals[0]!.reason).toMatch(/^ลำดับที่ \d+ ความสำคัญ /);

    // A proposal stored before issue 18 holds an English sentence: every language shows it as written.
    const first = (await w.db.select().from(auditProposals).where(eq(auditProposals.status, "pending")))[0]!;
    await w.db.update(auditProposals).set({ reason: "Rank 1, priority 99: never audited +20" }).where(eq(auditProposals.id, first.id));
    const old = await page("de");
    expect(old.proposals.map((p) => p.reason)).toContain("Rank 1, priority 99: never audited +20");
  });

  it("name the calendar's month in the reader's language and write the feed in its owner's language", async () => {
    const w = await demo();
    type CalendarData = { title: string };
    const cal = (await calendarPage.loader(await asked(w, "/audits/calendar?date=2026-12-02", "th"))) as unknown as CalendarData;
    expect(cal.title).toMatch(/^ปฏิทิน · การตรวจสอบ · /);
    await w.db.update(users).set({ locale: "de" }).where(eq(users.id, w.inspector.id));
    const token = await createFeed(w.db, w.actor, null);
    const ics = (await feedCalendar(w.db, token, "http://localhost"))!;
    expect(ics).toContain("SUMMARY:Unangekündigte Prüfung: Kebun Sawit Harapan Sdn Bhd");
    expect(ics).toContain("Checkliste: 16 Indikatoren.");
    await w.db.update(users).set({ locale: null }).where(eq(users.id, w.inspector.id));
    expect(await feedCalendar(w.db, token, "http://localhost")).toContain("SUMMARY:Unannounced audit: Kebun Sawit Harapan Sdn Bhd");
  });
});
