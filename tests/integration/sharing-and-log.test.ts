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
import { databaseLocation, openDatabase, firstRow, onlyRow, rawGet } from "#db/client";
import { translateMessage } from "~/i18n/i18n.server";
import { createTestDb } from "../support/db";
import { makeOrgWithRoles, makeUser, actorFor } from "../support/factories";
import { contextFor, get, responseOf } from "../support/routes";

async function world() {
  const db = createTestDb();
  const company = await makeOrgWithRoles(db, "company");
  const union = await makeOrgWithRoles(db, "union");
  const other = await makeOrgWithRoles(db, "company");
  const add = async (externalId: string, country: string, sector: string) => onlyRow(await db.insert(suppliers).values({ orgId: company.org.id, externalId, name: `Supplier ${externalId}`, country, sector }).returning());
  const my = await add("MY1", "MY", "Agriculture");
  const th = await add("TH1", "TH", "Fishing");
  return { db, company, union, other, my, th };
}

const input = (toOrgId: number, over: Partial<Parameters<typeof createShare>[2]> = {}) => ({ toOrgId, scope: ["scores"], countries: "", sectors: "", bands: [], ...over });

describe("sharing", () => {
  it("shares a filtered subset with the chosen scope, effective at once, and revocation ends it at once", async () => {
    const w = await world();
    const id = await createShare(w.db, w.company.admin.actor, input(w.union.org.id, { countries: "Thailand" }), "127.0.0.1");
    expect(firstRow(await w.db.select().from(shares).where(eq(shares.id, id)))).toMatchObject({ scope: ["identity", "scores"], filter: { countries: ["TH"] } });
    expect((await listSharedSuppliers(w.db, w.union.viewer.actor)).rows.map((r) => r.id)).toEqual([w.th.id]);
    expect((await sharedSupplierDetail(w.db, w.union.viewer.actor, w.th.id)).share.companyName).toBe(w.company.org.name);
    await revokeShare(w.db, w.company.admin.actor, id, null);
    expect((await responseOf(async () => await sharedSupplierDetail(w.db, w.union.viewer.actor, w.th.id))).status).toBe(404);
    expect((await sharesFrom(w.db, w.company.admin.actor))[0]!.revokedAt).not.toBeNull();
    expect((await w.db.select().from(auditLog)).map((e) => e.action)).toEqual(["share.created", "share.revoked"]);
  });

  it("refuses bad filters with the field named, and another company's supplier ids", async () => {
    const w = await world();
    const theirs = onlyRow(await w.db.insert(suppliers).values({ orgId: w.other.org.id, externalId: "THEIRS", name: "Theirs" }).returning());
    const attempt = async (over: Partial<Parameters<typeof createShare>[2]>, to = w.union.org.id) => {
      try {
        await createShare(w.db, w.company.admin.actor, input(to, over), null);
        return null;
      } catch (error) {
        // The refusal is a catalog key with values; read here as an English reader sees it.
        const refusal = error as { field?: string; message: string; values?: Record<string, string | number> };
        return refusal.field + ": " + translateMessage("en", refusal.message, refusal.values);
      }
    };
    expect(await attempt({ countries: "Atlantis" })).toMatch(/^countries: "Atlantis" is not a country/);
    expect(await attempt({ bands: ["terrible"] })).toBe('bands: "terrible" is not a risk band.');
    // Another company's supplier is refused without its name (it is not ours to name).
    expect(await attempt({ suppliers: [w.my.id, theirs.id] })).toBe("suppliers: 1 of the chosen suppliers is not among yours (removed or never yours); search again and tick from the list.");
    expect(await attempt({ suppliers: ["MY1"] })).toBe("suppliers: Choose suppliers from the list.");
    expect(await attempt({ scope: ["spend"] })).toBe('scope: "spend" is not something that can be shared.');
    expect(await attempt({}, w.other.org.id)).toBe("toOrgId: Choose the inspectorate, union or regulator to share with.");
    expect(await w.db.select().from(shares)).toHaveLength(0);
  });

  it("only the company's admins manage shares; another company's share answers 404", async () => {
    const w = await world();
    const id = await createShare(w.db, w.company.admin.actor, input(w.union.org.id), null);
    expect((await responseOf(async () => await createShare(w.db, w.company.member.actor, input(w.union.org.id), null))).status).toBe(403);
    expect((await responseOf(async () => await revokeShare(w.db, w.other.admin.actor, id, null))).status).toBe(404);
    expect((await responseOf(async () => await sharesFrom(w.db, w.union.admin.actor))).status).toBe(403);
  });
});

describe("activity log", () => {
  it("shows admins their own organisation's entries only, filtered; the platform administrator sees all", async () => {
    const w = await world();
    await recordEvent(w.db, { action: "import.committed", orgId: w.company.org.id, actorUserId: w.company.admin.user.id });
    await recordEvent(w.db, { action: "share.created", orgId: w.company.org.id, actorUserId: w.company.admin.user.id });
    await recordEvent(w.db, { action: "import.committed", orgId: w.other.org.id, actorUserId: w.other.admin.user.id });
    expect((await browseLog(w.db, w.company.admin.actor, {})).rows.map((r) => r.action).sort()).toEqual(["import.committed", "share.created"]);
    expect((await browseLog(w.db, w.company.admin.actor, { action: "share." })).rows.map((r) => r.action)).toEqual(["share.created"]);
    expect((await responseOf(async () => await browseLog(w.db, w.company.member.actor, {}))).status).toBe(403);
    const operator = await makeUser(w.db, { platformAdmin: true });
    const all = await browseLog(w.db, await actorFor(w.db, operator.id, null), {});
    expect(all.platformWide).toBe(true);
    expect(all.total).toBe(3);
  });

  it("exports CSV with formula-like cells neutralised", async () => {
    const w = await world();
    await recordEvent(w.db, { action: "member.invited", orgId: w.company.org.id, actorUserId: w.company.admin.user.id, targetType: "=HYPERLINK(\"http://x\")" });
    const rows: string[][] = [];
    for await (const row of logRows(w.db, w.company.admin.actor, {})) rows.push(row);
    expect(rows[0]).toEqual(["id", "time_utc", "action", "actor_user_id", "actor_name", "actor_email", "organisation", "target_type", "target_id", "ip", "details"]);
    const res = await responseOf(async () => logCsv.loader({ request: get("/activity-log.csv"), context: await contextFor(w.db, w.company.admin.user.id, w.company.org.id), params: {} }));
    const text = await res.text();
    expect(text).toContain(`'=HYPERLINK`);
    expect((await responseOf(async () => logCsv.loader({ request: get("/activity-log.csv"), context: await contextFor(w.db, w.company.viewer.user.id, w.company.org.id), params: {} }))).status).toBe(403);
    // Its old address (before "audit" meant only a labour inspection) redirects, filters kept.
    for (const [route, path] of [[oldLog, "/audit-log?action=share.&page=2"], [oldLogCsv, "/audit-log.csv?action=share."]] as const) {
      const moved = (await route.loader({ request: get(path), context: await contextFor(w.db, w.company.admin.user.id, w.company.org.id), params: {} })) as Response;
      expect([moved.status, moved.headers.get("location")]).toEqual([301, path.replace("/audit-log", "/activity-log")]);
    }
  });

  it("is append-only: the database refuses to change or delete an entry", async () => {
    const w = await world();
    await recordEvent(w.db, { action: "auth.sign_in", orgId: w.company.org.id });
    await expect(async () => await w.db.update(auditLog).set({ action: "auth.sign_out" })).rejects.toThrow();
    await expect(async () => await w.db.delete(auditLog)).rejects.toThrow();
    expect(await w.db.select().from(auditLog)).toHaveLength(1);
  });
});

describe("rate limits", () => {
  const refusalOf = async (taking: Promise<void>): Promise<RateLimited> => {
    const error = await taking.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RateLimited);
    return error as RateLimited;
  };
  it("refuse the 31st report in ten minutes for one organisation, not for another, and forget after the window", async () => {
    const db = createTestDb();
    const t = 1_000_000;
    for (let i = 0; i < 30; i++) await takeRateLimit(db, "reports.issue", 1, t + i);
    await expect(async () => await takeRateLimit(db, "reports.issue", 1, t + 100)).rejects.toThrow(RateLimited);
    const refused = await refusalOf(takeRateLimit(db, "reports.issue", 1, t + 100));
    // A catalog key with the numbers, said in the reader's language where it is shown.
    expect(translateMessage("en", refused.message, refused.values)).toBe("Your organisation has 30 reports issued in the last 10 minutes, the most allowed; try again in 10 minutes.");
    expect(translateMessage("de", refused.message, refused.values)).toBe("Ihre Organisation hat in den letzten 10 Minuten 30 Berichte ausgestellt, so viele wie erlaubt; versuchen Sie es in 10 Minuten erneut.");
    expect(refused.retryAfterSeconds).toBe(600);
    await takeRateLimit(db, "reports.issue", 2, t + 100);
    await takeRateLimit(db, "reports.issue", 1, t + 10 * 60_000 + 50);
    await resetRateLimits(db);
    await takeRateLimit(db, "reports.issue", 1, t + 100);
  });

  it("hold across processes: events taken on two connections to one file count together (ADR 020)", async () => {
    const db = createTestDb();
    await rawGet(db, "select 1"); // on PostgreSQL, the database exists once a first query returns
    const other = openDatabase(databaseLocation(db));
    const t = 2_000_000;
    for (let i = 0; i < 20; i++) await takeRateLimit(i % 2 ? db : other, "imports.upload", 1, t + i);
    const refused = await refusalOf(takeRateLimit(other, "imports.upload", 1, t + 50));
    expect(translateMessage("en", refused.message, refused.values)).toMatch(/20 lists uploaded/);
    await expect(async () => await takeRateLimit(db, "imports.upload", 1, t + 50)).rejects.toThrow(RateLimited);
    other.close();
  });
});
