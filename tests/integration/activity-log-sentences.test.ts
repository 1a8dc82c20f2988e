/**
 * The activity log page reads as sentences with names (issue 17): the partner a share went to, the
 * regulator a report was submitted to, the member whose role changed; no event code or JSON on the
 * page, while the CSV export keeps both.
 */
import { describe, expect, it } from "vitest";
import { createShare, revokeShare } from "~/domain/sharing/share-management.server";
import { changeRole } from "~/domain/members/members.server";
import * as logPage from "~/routes/activity-log";
import * as logCsv from "~/routes/activity-log[.csv]";
import { createTestDb } from "../support/db";
import { makeOrgWithRoles } from "../support/factories";
import { contextFor, get, responseOf } from "../support/routes";

describe("the activity log in sentences", () => {
  it("names the partner, the member and the actor; the codes stay in the CSV", async () => {
    const db = createTestDb();
    const company = await makeOrgWithRoles(db, "company");
    const union = await makeOrgWithRoles(db, "union");
    const id = await createShare(db, company.admin.actor, { toOrgId: union.org.id, scope: ["scores"], countries: "TH", sectors: "", bands: [] }, "127.0.0.1");
    await revokeShare(db, company.admin.actor, id, null);
    await changeRole(db, company.admin.actor, company.org.id, company.viewer.user.id, "member", null);
    const ctx = await contextFor(db, company.admin.user.id, company.org.id);
    const page = (await logPage.loader({ request: get("/activity-log"), context: ctx, params: {} })) as { rows: { sentence: string }[]; groups: { label: string; actions: { label: string }[] }[] };
    const who = company.admin.user.name;
    expect(page.rows.map((r) => r.sentence)).toEqual([
      `${who} changed the role of ${company.viewer.user.name} from viewer to member.`,
      `${who} revoked a share with ${union.org.name}; they no longer see what it covered.`,
      `${who} shared its suppliers in Thailand with ${union.org.name}, showing identity and location and risk scores and their breakdown.`,
    ]);
    // The page's data carries no code and no raw details; the filter offers names.
    expect(JSON.stringify(page.rows)).not.toMatch(/share\.created|"details"|"action"/);
    expect(page.groups.map((g) => g.label)).toEqual(["Members", "Sharing"]);
    expect(page.groups[1]!.actions.map((a) => a.label)).toEqual(["Share created", "Share revoked"]);
    // The CSV keeps the codes and the details.
    const csv = await (await responseOf(() => logCsv.loader({ request: get("/activity-log.csv"), context: ctx, params: {} }))).text();
    expect(csv).toContain("share.created");
    expect(csv).toContain(`""to"":${union.org.id}`);
  });

  it("reads in the reader's language: German and Thai sentences, filter names and title; the CSV stays in machine form", async () => {
    const db = createTestDb();
    const company = await makeOrgWithRoles(db, "company");
    const union = await makeOrgWithRoles(db, "union");
    await createShare(db, company.admin.actor, { toOrgId: union.org.id, scope: ["scores"], countries: "TH", sectors: "", bands: [] }, "127.0.0.1");
    await changeRole(db, company.admin.actor, company.org.id, company.viewer.user.id, "member", null);
    type Page = { pageTitle: string; rows: { sentence: string }[]; groups: { label: string; actions: { label: string }[] }[] };
    const read = async (lng: string) => (await logPage.loader({ request: get("/activity-log"), context: await contextFor(db, company.admin.user.id, company.org.id, lng), params: {} })) as unknown as Page;
    const who = company.admin.user.name;
    const viewer = company.viewer.user.name;

    const de = await read("de");
    expect(de.pageTitle).toMatch(/^Aktivitätsprotokoll · /);
    expect(de.rows.map((r) => r.sentence)).toEqual([
      `${who} hat die Rolle von ${viewer} von Leserecht zu Mitglied geändert.`,
      `${who} hat die Lieferanten der Organisation in Thailand für ${union.org.name} freigegeben, sichtbar: Identität und Standort und Risikowerte und ihre Aufschlüsselung.`,
    ]);
    expect(de.groups.map((g) => g.label)).toEqual(["Mitglieder", "Freigaben"]);
    expect(de.groups[1]!.actions.map((a) => a.label)).toEqual(["Freigabe erstellt"]);

    const th = await read("th");
    expect(th.pageTitle).toMatch(/^บันทึกกิจกรรม · /);
    expect(th.rows[0]!.sentence).toBe(`${who} เปลี่ยนบทบาทของ ${viewer} จากผู้อ่านเป็นสมาชิก`);
    expect(th.rows[1]!.sentence).toContain("ประเทศ: ไทย");
    expect(th.rows[1]!.sentence).toContain(union.org.name);
    expect(th.groups.map((g) => g.label)).toEqual(["สมาชิก", "การแบ่งปัน"]);

    // The stored entries did not change, and the export is the same file in every language.
    const csv = async (lng: string) => (await (await responseOf(async () => logCsv.loader({ request: get("/activity-log.csv"), context: await contextFor(db, company.admin.user.id, company.org.id, lng), params: {} }))).text()).split("\n")[0];
    expect(await csv("th")).toBe(await csv("en"));
    expect(await csv("de")).toMatch(/^id,time_utc,action,/);
  });
});
