import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as schema from "#db/schema";
import { DEMO_LOGINS, seedDemo } from "#db/seed";
import type { Actor } from "~/auth/permissions.server";
import { attemptSignIn } from "~/auth/sign-in.server";
import { workerPaidFeeSuppliers } from "~/domain/fees/fees.server";
import { createTestDb } from "../support/db";

const TABLES = ["organisations", "users", "memberships", "suppliers", "recruiters", "supplierRecruiters", "audits", "findings", "correctiveActions", "inspectorAvailability", "feeCases", "feeInstalments", "supplierSites", "supplierSiteLinks", "siteIdentityChanges"] as const;

describe("demo seed", () => {
  it("is idempotent: a second run changes nothing", async () => {
    const db = createTestDb();
    await seedDemo(db);
    const snapshot = async () => {
      const tables: unknown[] = [];
      // Each table's rows in a fixed order: an engine returns rows without ORDER BY in its own
      // physical order, which on PostgreSQL moves a row that was updated, even to the same values.
      for (const t of TABLES) tables.push((await db.select().from(schema[t])).map((row) => JSON.stringify(row)).sort());
      return JSON.stringify(tables, null, 1);
    };
    const first = await snapshot();
    await seedDemo(db);
    expect(await snapshot()).toBe(first);
    expect((await db.select().from(schema.organisations)).map((o) => o.type).sort()).toEqual(["company", "inspectorate", "regulator", "supplier", "union"]);
    expect((await db.select().from(schema.suppliers)).length).toBeGreaterThanOrEqual(20);
  });

  it("keeps names in every script intact", async () => {
    const db = createTestDb();
    await seedDemo(db);
    const names = (await db.select({ name: schema.suppliers.name }).from(schema.suppliers)).map((r) => r.name);
    expect(names).toContain("Công ty TNHH Thủy sản Nguyễn");
    expect(names).toContain("Łódź Food Logistics Sp. z o.o.");
    expect(names).toContain("Малое предприятие «Северный лес»");
  });

  it("gives the inspectorate audits to show, the unannounced one still ahead", async () => {
    const db = createTestDb();
    await seedDemo(db);
    const audits = await db.select().from(schema.audits);
    expect(audits.map((a) => [a.type, a.status])).toEqual([
      ["announced", "completed"],
      ["announced", "confirmed"],
      ["unannounced", "planned"],
    ]);
    expect(audits[2]!.startsAt.getTime()).toBeGreaterThan(Date.now());
    expect((await db.select().from(schema.correctiveActions)).map((a) => a.status)).toEqual(["open", "open"]);
  });

  it("gives the demo company a recruitment-fee case on a supplier whose workers paid fees, with a plan and one instalment paid with its receipt", async () => {
    const db = createTestDb();
    await seedDemo(db);
    const fee = (await db.select().from(schema.feeCases))[0]!;
    expect((await db.select().from(schema.feeCases)).length).toBe(1);
    const supplier = (await db.select().from(schema.suppliers)).find((s) => s.id === fee.supplierId)!;
    expect(supplier.indicators.worker_paid_fees).toBe(true);
    expect(fee.planAgreedOn).not.toBeNull();
    const instalments = (await db.select().from(schema.feeInstalments)).sort((a, b) => a.dueOn.localeCompare(b.dueOn));
    expect(instalments.map((i) => i.paidOn !== null)).toEqual([true, false]);
    // Not overdue on the day of the seed; the receipt is a stored file whose hash is on record.
    expect(instalments[1]!.dueOn > new Date().toISOString().slice(0, 10)).toBe(true);
    expect(createHash("sha256").update(readFileSync(instalments[0]!.proofPath!)).digest("hex")).toBe(instalments[0]!.proofSha256);
    // The company home counts the other suppliers with worker-paid fees and no case.
    const company = (await db.select().from(schema.organisations)).find((o) => o.type === "company")!;
    const admin = (await db.select().from(schema.memberships)).find((m) => m.orgId === company.id)!;
    const actor = { user: { id: admin.userId, isPlatformAdmin: false }, membership: { orgId: company.id, orgType: "company", role: "admin", orgName: company.name } } as unknown as Actor;
    expect(await workerPaidFeeSuppliers(db, actor)).toEqual({ suppliers: 8, withoutCase: 7 });
  });

  it("gives every demo login a working password", async () => {
    const db = createTestDb();
    await seedDemo(db);
    expect(DEMO_LOGINS).toHaveLength(7);
    for (const login of DEMO_LOGINS) {
      expect(await attemptSignIn(db, { email: login.email, password: login.password, ip: "127.0.0.1" }), login.email).toMatchObject({ ok: true });
    }
  });
});

describe("the demo supplier (issue 20)", () => {
  it("holds one workplace claimed from a Northwind record, with a corrections history both sides read", async () => {
    const { eq } = await import("drizzle-orm");
    const { siteView } = await import("~/domain/supplier-portal/sites.server");
    const { buyerPortalView } = await import("~/domain/supplier-portal/invitations.server");
    const { actorFor } = await import("../support/factories");
    const db = createTestDb();
    await seedDemo(db);
    await seedDemo(db);
    const org = (await db.select().from(schema.organisations).where(eq(schema.organisations.name, "Mekong Garment Co.")))[0]!;
    expect(org.type).toBe("supplier");
    const sites = await db.select().from(schema.supplierSites).where(eq(schema.supplierSites.orgId, org.id));
    expect(sites).toHaveLength(1);
    const admin = (await db.select().from(schema.users).where(eq(schema.users.email, "supplier@mekong.example")))[0]!;
    const view = await siteView(db, await actorFor(db, admin.id, org.id), sites[0]!.id);
    expect(view.buyers.map((b) => b.name)).toEqual(["Northwind Fresh Foods GmbH"]);
    expect(view.site.identifiers.os_id).toBe("CN2019303BQ3FZP");
    expect(view.history.map((h) => h.field).sort()).toEqual(["address", "identifier:os_id"]);
    const link = (await db.select().from(schema.supplierSiteLinks).where(eq(schema.supplierSiteLinks.siteId, sites[0]!.id)))[0]!;
    const buyer = (await db.select().from(schema.users).where(eq(schema.users.email, "compliance@northwind.example")))[0]!;
    const portal = await buyerPortalView(db, await actorFor(db, buyer.id, link.buyerOrgId), link.buyerOrgId, link.supplierId);
    expect(portal.claim?.orgName).toBe("Mekong Garment Co.");
    expect(portal.history).toHaveLength(2);
  });
});
