/**
 * A supplier's own answers as scoring inputs of a buyer's record (issue 20 item 2): the latest
 * submission of the site the record is linked to, while the supplier shares it with that buyer and
 * while it is younger than the validity period, turned into observations by the questionnaire's
 * own mapping (engine.ts) and marked "self-reported". The method weighs them below verified
 * evidence (methodology 2.2, decision 031): a red-flag answer counts in full, a reassuring one only
 * in part, and a verified observation of the same indicator replaces it.
 *
 * Read per buyer and for many records at once (a rescore reads a whole list): one query finds the
 * shared sites of the buyer's linked records, one the latest submission of each.
 */
import { rawAll, type Db } from "#db/client";
import type { ObservedIndicator } from "../risk/types";
import { observationsFrom } from "./engine";
import { loadQuestionnaire } from "./registry.server";
import { ANSWER_VALIDITY_DAYS, DAY_MS, SAQ_QUESTIONNAIRE } from "./constants";

const dayOf = (t: number) => new Date(t).toISOString().slice(0, 10);

/** Record id → indicator code → the self-reported observation. Records without a shared, current submission are absent. */
export async function selfReportedObservations(db: Db, buyerOrgId: number, now: number, supplierIds?: readonly number[]): Promise<Map<number, Record<string, ObservedIndicator>>> {
  const only = supplierIds ? `and l.supplier_id in (select value from json_each(?))` : "";
  const since = new Date(now - ANSWER_VALIDITY_DAYS * DAY_MS);
  const rows = await rawAll<{ supplierId: number; version: string; answers: unknown; submittedAt: unknown; responseId: number }>(
    db,
    `select l.supplier_id as "supplierId", r.version, r.answers, r.submitted_at as "submittedAt", r.id as "responseId"
       from supplier_site_links l
       join questionnaire_shares q on q.site_id = l.site_id and q.buyer_org_id = l.buyer_org_id and q.revoked_at is null
       join questionnaire_responses r on r.site_id = l.site_id
      where l.buyer_org_id = ? ${only}
        and r.questionnaire = ? and r.status = 'submitted' and r.submitted_at is not null and r.submitted_at >= ?
      order by l.supplier_id, r.submitted_at desc, r.id desc`,
    buyerOrgId,
    ...(supplierIds ? [JSON.stringify(supplierIds)] : []),
    SAQ_QUESTIONNAIRE,
    since,
  );
  const out = new Map<number, Record<string, ObservedIndicator>>();
  for (const row of rows) {
    // Newest first: the first row of a record is its latest submission (a share counts once however many exist).
    if (out.has(row.supplierId)) continue;
    const answers = (typeof row.answers === "string" ? JSON.parse(row.answers) : row.answers) as Record<string, unknown>;
    const submitted = row.submittedAt instanceof Date ? row.submittedAt.getTime() : Number(row.submittedAt);
    const def = loadQuestionnaire(SAQ_QUESTIONNAIRE, row.version);
    const source = `self-assessment questionnaire ${row.version}, submission ${row.responseId}`;
    const observed: Record<string, ObservedIndicator> = {};
    for (const [code, o] of Object.entries(observationsFrom(def, answers))) observed[code] = { present: o.present, source: `${source}, question ${o.questionId}`, date: dayOf(submitted), basis: "self-reported" };
    out.set(row.supplierId, observed);
  }
  return out;
}
