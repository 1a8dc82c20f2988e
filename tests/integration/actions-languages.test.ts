/**
 * Corrective actions, findings and interview counts in the reader's language (issue 18): the
 * domain refuses with "actions:" catalog keys and values, never English; the action contract
 * answers them in the request's language, the indicator's name and the severity nested from their
 * own catalogs. English readers get the sentences they always had.
 */
import { describe, expect, it } from "vitest";
import * as actionRoute from "~/routes/actions.$actionId";
import * as actionsList from "~/routes/actions._index";
import * as findingsRoute from "~/routes/audits.$auditId_.findings";
import { demoAuditWorld } from "../support/demo";
import { contextFor, get, responseOf } from "../support/routes";
import { rawGet } from "../../db/client";

async function world() {
  const { db, inspectorateId, companyId, inspectorId, companyUserId, auditId } = await demoAuditWorld();
  const actionId = (await rawGet<{ id: number }>(db, `select id from corrective_actions where company_org_id = ? and status in ('open', 'in_progress') order by id`, companyId))!.id;
  const multipart = (url: string, fields: Record<string, string>) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    return new Request(`http://localhost${url}`, { method: "POST", body: form });
  };
  const errorsOf = async (response: Response) => {
    expect(response.status).toBe(400);
    return ((await response.json()) as { errors: Record<string, string> }).errors;
  };
  const answer = async (lng: string, fields: Record<string, string>) =>
    errorsOf(await responseOf(async () => actionRoute.action({ request: multipart(`/actions/${actionId}`, fields), context: await contextFor(db, companyUserId, companyId, lng), params: { actionId: String(actionId) } })));
  const record = async (lng: string, fields: Record<string, string>) =>
    errorsOf(await responseOf(async () => findingsRoute.action({ request: multipart(`/audits/${auditId}/findings`, fields), context: await contextFor(db, inspectorId, inspectorateId, lng), params: { auditId: String(auditId) } })));
  return { db, auditId, actionId, answer, record, inspectorId, inspectorateId, companyUserId, companyId };
}

describe("corrective actions and findings in the reader's language", () => {
  it("refuse the company's answer in German and in Thai, and in English as before", async () => {
    const w = await world();
    const empty = { status: "submitted", response: "  " };
    expect((await w.answer("de", empty)).response).toBe("Geben Sie an, was zur Behebung des Problems getan wurde.");
    expect((await w.answer("th", empty)).response).toBe("โปรดระบุสิ่งที่ได้ดำเนินการเพื่อแก้ไขปัญหา");
    expect((await w.answer("en", empty)).response).toBe("Enter what was done to fix the problem.");
    const wrongStatus = { status: "closed", response: "x" };
    expect((await w.answer("de", wrongStatus)).status).toBe("Wählen Sie „In Bearbeitung“ oder „Zur Prüfung eingereicht“.");
    expect((await w.answer("en", { status: "in_progress", response: "x".repeat(5001) })).response).toBe("An update may be up to 5000 characters (this has 5001).");
  });

  it("refuse a finding in German and in Thai, naming the indicator and the severity in that language", async () => {
    const w = await world();
    const major = { "result.deception": "major", "description.deception": "", "workers.deception": "" };
    expect((await w.record("de", major))["description.deception"]).toBe(
      "Täuschung: Beschreiben Sie, was festgestellt wurde (eine Feststellung mit dem Ergebnis „schwerwiegend“ braucht eine Beschreibung).",
    );
    expect((await w.record("th", major))["description.deception"]).toBe("การหลอกลวง: โปรดอธิบายสิ่งที่พบ (ข้อค้นพบระดับร้ายแรงต้องมีคำอธิบาย)");
    expect((await w.record("en", major))["description.deception"]).toBe("Deception: describe what was found (a major finding needs a description).");
    // A recruitment indicator comes from its own group of the catalog.
    const fees = { "result.worker_paid_fees": "minor", "description.worker_paid_fees": "Fees", "workers.worker_paid_fees": "many" };
    expect((await w.record("fr", fees))["workers.worker_paid_fees"]).toBe("Frais de recrutement payés par les travailleurs : le nombre de travailleurs interrogés doit être un nombre entier de 0 à 999999 (saisi : « many »).");
    // The interview grid's cell, by its group's name.
    const cell = { "interviews.woman.migrant": "-1", "interviews.woman.national": "", "interviews.man.migrant": "", "interviews.man.national": "", "interviews.other.migrant": "", "interviews.other.national": "" };
    expect((await w.record("th", cell))["interviews.woman.migrant"]).toBe('หญิง แรงงานข้ามชาติ: โปรดกรอกจำนวนคนเป็นจำนวนเต็มตั้งแต่ 0 ถึง 99999 (ที่กรอกไว้: "-1") หรือเว้นว่างไว้หากไม่ได้บันทึก');
    expect((await w.record("de", cell))["interviews.woman.migrant"]).toMatch(/^Frauen, Arbeitsmigrantinnen: Geben Sie eine ganze Zahl/);
  });

  it("title the pages in the reader's language", async () => {
    const w = await world();
    const list = (await actionsList.loader({ request: get("/actions"), context: await contextFor(w.db, w.companyUserId, w.companyId, "de"), params: {} })) as unknown as { pageTitle: string };
    expect(list.pageTitle).toMatch(/^Abhilfemaßnahmen · /);
    const one = (await actionRoute.loader({ request: get(`/actions/${w.actionId}`), context: await contextFor(w.db, w.companyUserId, w.companyId, "th"), params: { actionId: String(w.actionId) } })) as unknown as { pageTitle: string };
    expect(one.pageTitle).toMatch(new RegExp(`^มาตรการแก้ไข #${w.actionId} · `));
    const findings = (await findingsRoute.loader({ request: get(`/audits/${w.auditId}/findings`), context: await contextFor(w.db, w.inspectorId, w.inspectorateId, "fr"), params: { auditId: String(w.auditId) } })) as unknown as { pageTitle: string };
    expect(findings.pageTitle).toMatch(new RegExp(`^Constats de l’audit nº ${w.auditId} · `));
  });
});
