/**
 * The regulator's home: the reports companies submitted to it, and those nobody of the regulator
 * has opened yet (no download recorded by the organisation: the platform has no other review mark).
 */
import { rawAll, type Db } from "#db/client";
import { type Actor } from "~/auth/permissions.server";
import { receivedReports } from "../reports/reports.server";

const LATEST = 5;

export async function regulatorHome(db: Db, actor: Actor) {
  // receivedReports authorises (regulator.portal, own organisation) before reading.
  const { rows, companies } = await receivedReports(db, actor, {});
  const orgId = actor.membership!.orgId;
  const opened = new Set(
    await rawAll<{ id: string }>(db, `select distinct d.report_id as id from report_downloads d join reports r on r.id = d.report_id where r.submitted_to = ? and d.org_id = ?`, orgId, orgId).then((r) => r.map((x) => x.id)),
  );
  const unopened = rows.filter((r) => !opened.has(r.id));
  const line = (r: (typeof rows)[number]) => ({ id: r.id, title: r.title, issuer: r.issuer, submittedAt: r.submittedAt, superseded: r.supersededBy !== null, opened: opened.has(r.id) });
  return {
    received: rows.length,
    companies: companies.length,
    current: rows.filter((r) => !r.supersededBy).length,
    awaitingReview: { total: unopened.length, latest: unopened.slice(0, LATEST).map(line) },
    latest: rows.slice(0, LATEST).map(line),
  };
}

export type RegulatorHomeData = Awaited<ReturnType<typeof regulatorHome>>;
