/**
 * Sharing as the company admin manages it, the activity log as admins read it, and the limits on
 * expensive work, on a real SQLite file.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, shares, suppliers } from "#db/schema";
import { resetRateLimits, takeRateLimit, RateLimited } from "~/auth/rate-limit.server";
import { browseLog, logRows } from "~/domain/activity-log/activity-log-view.server";
import { recordEvent } from "~/domain/activity-log/activity-log.server";
import { createShare, revokeShare, sharesFrom } from "~/domain/sharing/share-management.server";
import { sharedSupplierDetail, listSharedSuppliers } from "~/domain/sharing/shared-suppliers.server";
import * as logCsv from "~/routes/activity-log[.csv]";
import * as oldLog from "~/routes/audit-log";
import * as oldLogCsv from "~/routes/audit-log[.csv]";
import { openDatabase } from "#db/client";
import { createTestDb } from "../support/db";
import { makeOrgWithRoles, makeUser, actorFor } from "../support/factories";
import { contextFor, get, responseOf } from "../support/routes";

async function world() {
  const db = createTestDb();
  const company = await makeOrgWithRoles(db, "company");
  const union = await makeOrgWithRoles(db, "union");
  const other = await makeOrgWithRoles(db, "company");
  const add = (externalId: string, country: string, sector: string) => db.insert(suppliers).values({ orgId: company.org.id, externalId, name: `Supplier ${externalId}`, country, sector }).returning().get();
  const my = add("MY1", "MY", "Agriculture");
  const th = add("TH1", "TH", "Fishing");
  return { db, company, union, other, my, th };
}

const input = (toOrgId: number, over: Partial<Parameters<typeof createShare>[2]> = {}) => ({ toOrgId, scope: ["scores"], countries: "", sectors: "", bands: [], supplierIds: "", ...over });

describe("sharing", () => {
  it("shares a filtered subset with the chosen scope, effective at once, and revocation ends it at once", async () => {
    const w = await world();
    const id = createShare(w.db, w.company.admin.actor, input(w.union.org.id, { countries: "Thailand" }), "127.0.0.1");
    expect(w.db.select().from(shares).where(eq(shares.id, id)).get()).toMatchObject({ scope: ["identity", "scores"], filter: { countries: ["TH"] } });
    expect(listSharedSuppliers(w.db, w.union.viewer.actor).rows.map((r) => r.id)).toEqual([w.th.id]);
    expect(sharedSupplierDetail(w.db, w.union.viewer.actor, w.th.id).share.companyName).toBe(w.company.org.name);
    revokeShare(w.db, w.company.admin.actor, id, null);
    expect((await responseOf(() => sharedSupplierDetail(w.db, w.union.viewer.actor, w.th.id))).status).toBe(404);
    expect(sharesFrom(w.db, w.company.admin.actor)[0]!.revokedAt).not.toBeNull();
    expect(w.db.select().from(auditLog).all().map((e) => e.action)).toEqual(["share.created", "share.revoked"]);
  });

  it("refuses bad filters with the field named, and another company's supplier ids", async () => {
    const w = await world();
    w.db.insert(suppliers).values({ orgId: w.other.org.id, externalId: "THEIRS", name: "Theirs" }).run();
    const attempt = (over: Partial<Parameters<typeof createShare>[2]>, to = w.union.org.id) => {
      try {
        createShare(w.db, w.company.admin.actor, input(to, over), null);
        return null;
      } catch (error) {
        return (error as { field?: string; message: string }).field + ": " + (error as Error).message;
      }
    };
    expect(attempt({ countries: "Atlantis" })).toMatch(/^countries: "Atlantis" is not a country/);
    expect(attempt({ bands: ["terrible"] })).toBe('bands: "terrible" is not a risk band.');
    expect(attempt({ supplierIds: "MY1, THEIRS" })).toBe("supplierIds: Not among your suppliers: THEIRS.");
    expect(attempt({ scope: ["spend"] })).toBe('scope: "spend" is not something that can be shared.');
    expect(attempt({}, w.other.org.id)).toBe("toOrgId: Choose the inspectorate, union or regulator to share with.");
    expect(w.db.select().from(shares).all()).toHaveLength(0);
  });

  it("only the company's admins manage shares; another company's share answers 404", async () => {
    const w = await world();
    const id = createShare(w.db, w.company.admin.actor, input(w.union.org.id), null);
    expect((await responseOf(() => createShare(w.db, w.company.member.actor, input(w.union.org.id), null))).status).toBe(403);
    expect((await responseOf(() => revokeShare(w.db, w.other.admin.actor, id, null))).status).toBe(404);
    expect((await responseOf(() => sharesFrom(w.db, w.union.admin.actor))).status).toBe(403);
  });
});

describe("activity log", () => {
  it("shows admins their own organisation's entries only, filtered; the platform administrator sees all", async () => {
    const w = await world();
    recordEvent(w.db, { action: "import.committed", orgId: w.company.org.id, actorUserId: w.company.admin.user.id });
    recordEvent(w.db, { action: "share.created", orgId: w.company.org.id, actorUserId: w.company.admin.user.id });
    recordEvent(w.db, { action: "import.committed", orgId: w.other.org.id, actorUserId: w.other.admin.user.id });
    expect(browseLog(w.db, w.company.admin.actor, {}).rows.map((r) => r.action).sort()).toEqual(["import.committed", "share.created"]);
    expect(browseLog(w.db, w.company.admin.actor, { action: "share." }).rows.map((r) => r.action)).toEqual(["share.created"]);
    expect((await responseOf(() => browseLog(w.db, w.company.member.actor, {}))).status).toBe(403);
    const operator = await makeUser(w.db, { platformAdmin: true });
    const all = browseLog(w.db, actorFor(w.db, operator.id, null), {});
    expect(all.platformWide).toBe(true);
    expect(all.total).toBe(3);
  });

  it("exports CSV with formula-like cells neutralised", async () => {
    const w = await world();
    recordEvent(w.db, { action: "member.invited", orgId: w.company.org.id, actorUserId: w.company.admin.user.id, targetType: "=HYPERLINK(\"http://x\")" });
    const rows = [...logRows(w.db, w.company.admin.actor, {})];
    expect(rows[0]).toEqual(["id", "time_utc", "action", "actor_user_id", "actor_name", "actor_email", "organisation", "target_type", "target_id", "ip", "details"]);
    const res = await responseOf(() => logCsv.loader({ request: get("/activity-log.csv"), context: contextFor(w.db, w.company.admin.user.id, w.company.org.id), params: {} }));
    const text = await res.text();
    expect(text).toContain(`'=HYPERLINK`);
    expect((await responseOf(() => logCsv.loader({ request: get("/activity-log.csv"), context: contextFor(w.db, w.company.viewer.user.id, w.company.org.id), params: {} }))).status).toBe(403);
    // Its old address (before "audit" meant only a labour inspection) redirects, filters kept.
    for (const [route, path] of [[oldLog, "/audit-log?action=share.&page=2"], [oldLogCsv, "/audit-log.csv?action=share."]] as const) {
      const moved = (await route.loader({ request: get(path), context: contextFor(w.db, w.company.admin.user.id, w.company.org.id), params: {} })) as Response;
      expect([moved.status, moved.headers.get("location")]).toEqual([301, path.replace("/audit-log", "/activity-log")]);
    }
  });

  it("is append-only: the database refuses to change or delete an entry", async () => {
    const w = await world();
    recordEvent(w.db, { action: "auth.sign_in", orgId: w.company.org.id });
    expect(() => w.db.update(auditLog).set({ action: "auth.sign_out" }).run()).toThrow();
    expect(() => w.db.delete(auditLog).run()).toThrow();
    expect(w.db.select().from(auditLog).all()).toHaveLength(1);
  });
});

describe("rate limits", () => {
  it("refuse the 31st report in ten minutes for one organisation, not for another, and forget after the window", () => {
    const db = createTestDb();
    const t = 1_000_000;
    for (let i = 0; i < 30; i++) takeRateLimit(db, "reports.issue", 1, t + i);
    expect(() => takeRateLimit(db, "reports.issue", 1, t + 100)).toThrow(RateLimited);
    expect(() => takeRateLimit(db, "reports.issue", 1, t + 100)).toThrow(/30 reports issued in the last 10 minutes/);
    expect(() => takeRateLimit(db, "reports.issue", 2, t + 100)).not.toThrow();
    expect(() => takeRateLimit(db, "reports.issue", 1, t + 10 * 60_000 + 50)).not.toThrow();
    resetRateLimits(db);
    expect(() => takeRateLimit(db, "reports.issue", 1, t + 100)).not.toThrow();
  });

  it("hold across processes: events taken on two connections to one file count together (ADR 020)", () => {
    const db = createTestDb();
    const other = openDatabase(db.$client.name);
    const t = 2_000_000;
    for (let i = 0; i < 20; i++) takeRateLimit(i % 2 ? db : other, "imports.upload", 1, t + i);
    expect(() => takeRateLimit(other, "imports.upload", 1, t + 50)).toThrow(/20 lists uploaded/);
    expect(() => takeRateLimit(db, "imports.upload", 1, t + 50)).toThrow(RateLimited);
    other.$client.close();
  });
});
