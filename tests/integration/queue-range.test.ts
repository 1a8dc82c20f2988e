/**
 * The inspectorate's priority queue reads the stored range and confidence (methodology 2): a
 * workplace known only by its context, whose range reaches a worse band, carries the uncertainty
 * part; the part follows the stored score exactly; a share without scores gives neither the range
 * nor the part.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { suppliers } from "#db/schema";
import { PRIORITY_RULES } from "~/domain/audits/priority";
import { INDICATOR_CODES } from "~/domain/indicators";
import { recordSupplierIndicators } from "~/domain/suppliers/supplier-indicators.server";
import { priorityQueue } from "~/domain/audits/queue.server";
import { activeMethodology } from "~/domain/risk/methodology-store.server";
import { scoreOrganisation } from "~/domain/risk/scoring.server";
import { createShare } from "~/domain/sharing/share-management.server";
import * as queueRoute from "~/routes/audits.queue";
import { createTestDb } from "../support/db";
import { makeOrgWithRoles } from "../support/factories";
import { contextFor, get } from "../support/routes";
import { firstRow, onlyRow, rawRun } from "../../db/client";

async function world(scope: ("identity" | "scores")[]) {
  const db = createTestDb();
  const company = await makeOrgWithRoles(db, "company");
  const inspectorate = await makeOrgWithRoles(db, "inspectorate");
  await rawRun(db, `update organisations set jurisdictions = '["MY"]' where id = ?`, inspectorate.org.id);
  const add = async (externalId: string, over: Partial<typeof suppliers.$inferInsert> = {}) =>
    onlyRow(await db.insert(suppliers).values({ orgId: company.org.id, externalId, name: `Workplace ${externalId}`, country: "MY", sector: "Manufacturing", products: ["Rubber gloves"], ...over }).returning());
  // Nothing observed: a wide range. Everything observed absent: a narrow one.
  const thin = await add("MY1");
  const known = await add("MY2");
  await scoreOrganisation(db, company.org.id, { cause: "test" });
  await recordSupplierIndicators(db, company.admin.actor, company.org.id, known.id, { values: Object.fromEntries(INDICATOR_CODES.map((c) => [c, "no"])), note: "test: every indicator checked" });
  await createShare(db, company.admin.actor, { toOrgId: inspectorate.org.id, scope, countries: "MY", sectors: "", bands: [] }, null);
  return { db, company, inspectorate, thin, known };
}

describe("priority queue and the score's range", () => {
  it("a workplace whose range reaches a worse band carries the uncertainty part computed from its stored range", async () => {
    const w = await world(["identity", "scores"]);
    const stored = firstRow(await w.db.select().from(suppliers).where(eq(suppliers.id, w.thin.id)))!;
    const { bands } = (await activeMethodology(w.db)).methodology;
    expect(stored.riskScoreHigh).not.toBeNull();
    const queue = await priorityQueue(w.db, w.inspectorate.member.actor);
    const row = queue.find((r) => r.supplierId === w.thin.id)!;
    expect(row).toMatchObject({ riskScore: stored.riskScore, riskScoreLow: stored.riskScoreLow, riskScoreHigh: stored.riskScoreHigh, riskConfidence: stored.riskConfidence });
    const reaches = stored.riskScoreHigh! >= bands.critical ? "critical" : stored.riskScoreHigh! >= bands.high ? "high" : null;
    const own = stored.riskScore! >= bands.critical ? "critical" : stored.riskScore! >= bands.high ? "high" : null;
    const part = row.reasons.find((r) => r.label.startsWith("range reaches"));
    // The fixture is chosen so that the thin record's range reaches a worse band (otherwise the test would prove little).
    expect(reaches).not.toBeNull();
    expect(reaches).not.toBe(own);
    expect(part).toEqual({
      label: `range reaches ${reaches} (${stored.riskScoreHigh!.toFixed(1)}) with ${Math.round(stored.riskConfidence! * 100)} % observed: an audit would narrow it`,
      points: Math.round(Math.min(PRIORITY_RULES.maxRange, (stored.riskScoreHigh! - stored.riskScore!) * PRIORITY_RULES.rangePointsPerScorePoint) * 10) / 10,
    });
    expect(row.priority).toBe(Math.round(row.reasons.reduce((t, r) => t + r.points, 0) * 10) / 10);
    // The same workplace with every indicator observed absent has a narrower range, and no more uncertainty points.
    const knownRow = queue.find((r) => r.supplierId === w.known.id)!;
    const knownPart = knownRow.reasons.find((r) => r.label.startsWith("range reaches"));
    expect(knownRow.riskScoreHigh! - knownRow.riskScoreLow!).toBeLessThan(row.riskScoreHigh! - row.riskScoreLow!);
    expect(knownPart?.points ?? 0).toBeLessThan(part!.points);

    // The page shows the range and confidence beside the score, and the part among the reasons.
    const data = (await queueRoute.loader({ request: get("/audits/queue"), context: await contextFor(w.db, w.inspectorate.member.user.id, w.inspectorate.org.id), params: {} })) as Awaited<ReturnType<typeof queueRoute.loader>>;
    const pageRow = data.rows.find((r) => r.supplierId === w.thin.id)!;
    expect(pageRow.reasons).toContainEqual(part);
    expect(pageRow.riskScoreHigh).toBe(stored.riskScoreHigh);
  });

  it("a share without scores gives neither the range nor the part", async () => {
    const w = await world(["identity"]);
    const row = (await priorityQueue(w.db, w.inspectorate.member.actor)).find((r) => r.supplierId === w.thin.id)!;
    expect(row).toMatchObject({ scoreShared: false, riskScore: null, riskScoreLow: null, riskScoreHigh: null, riskConfidence: null });
    expect(row.reasons.map((r) => r.label)).toEqual(["risk score not shared with you (counted as 50)", "never audited"]);
  });
});
