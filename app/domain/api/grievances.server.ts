/**
 * Grievance cases over the API (decisions 028 and 037): read through the case pages' own scoped
 * readings, `casesFor` and `caseFor`, so the API cannot show a case that did not reach the
 * organisation (404, as a missing one) nor a field the page withholds; `caseFor` logs the reading
 * on the case (grievance_access "view"), as the page's reading is.
 *
 * Which fields each part in the case gets (the page decides, in `caseFor`):
 * - union and inspectorate: everything the case page shows, except the files (never over the API)
 *   and the worker's contact (only revealed on the page, one logged reveal at a time; here only
 *   whether there is one, `hasContact`).
 * - company: no `peopleCount`, `assigneeId`, `feeCaseId`, `hasContact`, and no `description` or
 *   `workplace.text` unless the worker allowed the company to read their words; timeline bodies the
 *   worker wrote are null without that, and other organisations' people are not named. These keys
 *   are left out of a company's answer, not sent as null, so that "withheld" never reads as "empty".
 * No party ever gets the case code (half of the worker's key).
 */
import type { z } from "zod";
import type { Db } from "#db/client";
import type { Actor } from "~/auth/permissions.server";
import { caseFor, casesFor } from "../grievances/views.server";
import { decodeCursor, DEFAULT_LIMIT, iso, pageFrom, CURSOR } from "./paging.server";
import type { GrievancePageSchema, GrievanceSchema, ListGrievancesQuery } from "./operations";

export async function apiListGrievances(db: Db, actor: Actor, query: z.output<typeof ListGrievancesQuery>): Promise<z.output<typeof GrievancePageSchema>> {
  const limit = query.limit ?? DEFAULT_LIMIT;
  const afterId = query.cursor ? decodeCursor(CURSOR.grievances, query.cursor) : 0;
  // One keyset page of the case list's own scoped reading, the filter applied in its query: one
  // row more than the page tells whether another page follows, however many cases there are.
  const rows = await casesFor(db, actor, { page: { afterId, limit: limit + 1 }, show: query.show });
  return pageFrom(CURSOR.grievances, rows, limit, (c) => ({
    id: c.id,
    status: c.status,
    urgent: c.urgent,
    severity: c.severity,
    categories: c.categories,
    workplaceName: c.workplaceName,
    country: c.country,
    party: c.party,
    isLead: c.isLead,
    dueAt: iso(c.dueAt),
    escalatedAt: iso(c.escalatedAt),
    finding: c.finding,
    createdAt: iso(c.createdAt)!,
  }));
}

export async function apiGrievance(db: Db, actor: Actor, grievanceId: number): Promise<z.output<typeof GrievanceSchema>> {
  const v = await caseFor(db, actor, grievanceId);
  const company = v.party === "company";
  // caseFor nulls both for a company the worker did not allow to read their words: then left out.
  const wordsAllowed = !company || v.description !== null || v.workplace.text !== null;
  return {
    id: v.id,
    party: v.party,
    isLead: v.isLead,
    status: v.status,
    urgent: v.urgent,
    severity: v.severity,
    categories: v.categories,
    indicators: v.indicators,
    since: v.since,
    intake: v.intake,
    language: v.language,
    consent: v.consent,
    workplace: { supplierId: v.workplace.supplierId, name: v.workplace.name, country: v.workplace.country, small: v.workplace.small, ...(wordsAllowed ? { text: v.workplace.text } : {}) },
    ...(wordsAllowed ? { description: v.description } : {}),
    ...(company ? {} : { peopleCount: v.peopleCount, hasContact: v.hasContact, assigneeId: v.assigneeId, feeCaseId: v.feeCaseId }),
    recipients: v.recipients.map((r) => ({ ...r, createdAt: iso(r.createdAt)! })),
    // The events' `data` stays on the page: it holds what each kind of event needs to be shown, not a shape to promise.
    timeline: v.timeline.map((e) => ({ id: e.id, type: e.type, audience: e.audience, orgName: e.orgName, party: e.party, userName: e.userName, body: e.body, createdAt: iso(e.createdAt)! })),
    leadOrgId: v.leadOrgId,
    dueAt: iso(v.dueAt),
    escalatedAt: iso(v.escalatedAt),
    finding: v.finding,
    remedy: v.remedy,
    workerRating: v.workerRating,
    closedAt: iso(v.closedAt),
    createdAt: iso(v.createdAt)!,
  };
}
