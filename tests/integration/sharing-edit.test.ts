/**
 * Issue 17, item 11: a share is picked from lists, checked before saving (the count the partner's
 * view will show, from the same condition), one per partner, changed in place with the change
 * logged in words, and narrowing takes effect for the partner at once. Through the real route,
 * on a real database.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, shares, suppliers } from "#db/schema";
import { browseLog } from "~/domain/activity-log/activity-log-view.server";
import { countSharedSuppliers, sharedSupplierDetail } from "~/domain/sharing/shared-suppliers.server";
import * as sharingPage from "~/routes/sharing";
import { createTestDb } from "../support/db";
import { makeOrgWithRoles } from "../support/factories";
import { contextFor, get, responseOf } from "../support/routes";
import { onlyRow } from "../../db/client";

async function world() {
  const db = createTestDb();
  const company = await makeOrgWithRoles(db, "company");
  const union = await makeOrgWithRoles(db, "union");
  const other = await makeOrgWithRoles(db, "company");
  const add = async (orgId: number, externalId: string, name: string, country: string, sector: string) => onlyRow(await db.insert(suppliers).values({ orgId, externalId, name, country, sector }).returning());
  const kebun = await add(company.org.id, "MY1", "Kebun Sawit Sdn Bhd", "MY", "Agriculture");
  const ladang = await add(company.org.id, "MY2", "Ladang Minyak Sdn Bhd", "MY", "Agriculture");
  const andaman = await add(company.org.id, "TH1", "Andaman Fishing Ltd", "TH", "Fishing");
  const theirs = await add(other.org.id, "X1", "Kebun Rival Plantation", "MY", "Agriculture");
  const ctx = await contextFor(db, company.admin.user.id, company.org.id);
  const otherCtx = await contextFor(db, other.admin.user.id, other.org.id);
  return { db, company, union, other, kebun, ladang, andaman, theirs, ctx, otherCtx };
}
type World = Awaited<ReturnType<typeof world>>;

/** A browser's POST of the share form: repeated names for ticked boxes. */
function postForm(fields: [string, string][]): Request {
  return new Request("http://localhost/sharing", { method: "POST", body: new URLSearchParams(fields) });
}
const shareForm = (w: World, over: { edit?: number; to?: number; scope?: string[]; countries?: string[]; sectors?: string[]; suppliers?: number[]; intent?: string } = {}): [string, string][] => [
  ["intent", over.intent ?? "save"],
  ...(over.edit ? [["edit", String(over.edit)] as [string, string]] : []),
  ["toOrgId", String(over.to ?? w.union.org.id)],
  ...(over.scope ?? ["identity", "scores"]).map((s) => ["scope", s] as [string, string]),
  ...(over.countries ?? []).map((c) => ["countries", c] as [string, string]),
  ...(over.sectors ?? []).map((c) => ["sectors", c] as [string, string]),
  ...(over.suppliers ?? []).map((c) => ["suppliers", String(c)] as [string, string]),
];
const send = async (w: World, fields: [string, string][], ctx = w.ctx) => await responseOf(() => sharingPage.action({ request: postForm(fields), context: ctx, params: {} }));
const load = async (w: World, query: string, ctx = w.ctx) => await responseOf(() => sharingPage.loader({ request: get(`/sharing${query}`), context: ctx, params: {} }));
type Page = Awaited<ReturnType<typeof sharingPage.loader>>;
const page = async (w: World, query: string) => {
  const response = await load(w, query);
  expect(response.status).toBe(200);
  return (await response.json()) as Page;
};
const sharesOf = async (w: World) => await w.db.select().from(shares).where(eq(shares.fromOrgId, w.company.org.id)).orderBy(shares.id);

describe("the share form's lists", () => {
  it("lists the countries and sectors of the company's own suppliers by name with counts, and finds its suppliers by name only", async () => {
    const w = await world();
    const p = await page(w, "?intent=search&q=kebun&toOrgId=&suppliers=" + w.ladang.id);
    expect(p.choices.countries).toEqual([
      { code: "MY", name: "Malaysia", n: 2 },
      { code: "TH", name: "Thailand", n: 1 },
    ]);
    expect(p.choices.sectors).toEqual([
      { name: "Agriculture", n: 2 },
      { name: "Fishing", n: 1 },
    ]);
    // The search finds ours, never another company's "Kebun Rival Plantation"; what was ticked stays ticked.
    expect(p.choices.results.map((s) => s.name)).toEqual(["Kebun Sawit Sdn Bhd"]);
    expect(p.choices.chosen.map((s) => s.name)).toEqual(["Ladang Minyak Sdn Bhd"]);
    expect(p.draft.suppliers).toEqual([String(w.ladang.id)]);
    // Another company's supplier id in the URL names nothing.
    expect((await page(w, `?intent=search&q=&suppliers=${w.theirs.id}`)).choices.chosen).toEqual([]);
  });
});

describe("checking what a share covers, before saving", () => {
  it("counts through the partner's own view, names a few, keeps the input and saves nothing", async () => {
    const w = await world();
    const p = await page(w, `?intent=check&toOrgId=${w.union.org.id}&scope=identity&scope=scores&countries=MY&q=`);
    expect(p.check).toMatchObject({ partner: w.union.org.name, covered: 2, total: 3, sample: ["Kebun Sawit Sdn Bhd", "Ladang Minyak Sdn Bhd"], scope: ["identity", "scores"], existingShareId: null });
    expect(p.draft).toMatchObject({ toOrgId: String(w.union.org.id), countries: ["MY"], scope: ["identity", "scores"] });
    expect(await sharesOf(w)).toEqual([]);
    // Saved, the partner's view shows exactly the count the check gave.
    expect((await send(w, shareForm(w, { countries: ["MY"] }))).status).toBe(302);
    expect(await countSharedSuppliers(w.db, w.union.org.id)).toBe(2);
    // A bad value is refused beside its field by the check as by saving.
    const bad = await page(w, `?intent=check&toOrgId=${w.union.org.id}&countries=Atlantis`);
    expect(bad.check).toBeNull();
    expect(bad.checkErrors).toEqual({ countries: expect.stringContaining('"Atlantis" is not a country code or name we know') });
    expect(bad.draft.countries).toEqual(["Atlantis"]);
  });

  it("says what saving did, computed from the share as it is", async () => {
    const w = await world();
    const saved = await send(w, shareForm(w, { countries: ["MY"], sectors: ["Agriculture"] }));
    const [share] = await sharesOf(w);
    expect(saved.headers.get("location")).toBe(`/sharing?shared=${share!.id}`);
    expect((await page(w, `?shared=${share!.id}`)).done).toBe(`Shared 2 suppliers with ${w.union.org.name}: identity and location; risk scores and their breakdown.`);
    // Another company's share id answers 404, as a missing one does.
    expect((await load(w, `?shared=${share!.id}`, w.otherCtx)).status).toBe(404);
  });
});

describe("one share per partner", () => {
  it("refuses a second share to the same partner beside the partner field, with the form kept and nothing written", async () => {
    const w = await world();
    await send(w, shareForm(w, { countries: ["MY"] }));
    const before = await sharesOf(w);
    const refused = await send(w, shareForm(w, { countries: ["TH"] }));
    expect(refused.status).toBe(409);
    const body = (await refused.json()) as { errors: Record<string, string>; lists: Record<string, string[]> };
    expect(body.errors).toEqual({ toOrgId: `You already share with ${w.union.org.name}. Change that share instead of adding a second one.` });
    expect(body.lists.countries).toEqual(["TH"]);
    expect(await sharesOf(w)).toEqual(before);
    // The check says so before saving, with the share to change.
    expect((await page(w, `?intent=check&toOrgId=${w.union.org.id}&countries=TH`)).check?.existingShareId).toBe(before[0]!.id);
  });

  it("changes a share in place; narrowing ends the partner's access at once; the log says before and after", async () => {
    const w = await world();
    await send(w, shareForm(w, { countries: ["MY", "TH"] }));
    const [share] = await sharesOf(w);
    expect((await sharedSupplierDetail(w.db, w.union.viewer.actor, w.andaman.id)).supplier.name).toBe("Andaman Fishing Ltd");
    const editing = await page(w, `?edit=${share!.id}`);
    expect(editing.draft).toMatchObject({ edit: String(share!.id), countries: ["MY", "TH"], scope: ["identity", "scores"] });
    const changed = await send(w, shareForm(w, { edit: share!.id, countries: ["MY"], scope: ["identity"] }));
    expect(changed.headers.get("location")).toBe(`/sharing?changed=${share!.id}`);
    // Still one share, the same row, narrowed.
    expect((await sharesOf(w)).map((s) => [s.id, s.scope, s.filter, s.revokedAt])).toEqual([[share!.id, ["identity"], { countries: ["MY"] }, null]]);
    expect((await responseOf(() => sharedSupplierDetail(w.db, w.union.viewer.actor, w.andaman.id))).status).toBe(404);
    expect((await sharedSupplierDetail(w.db, w.union.viewer.actor, w.kebun.id)).score).toBeNull();
    expect((await page(w, `?changed=${share!.id}`)).done).toBe(`Changed the share with ${w.union.org.name}: it now covers 2 of your 3 suppliers, showing identity and location.`);
    const log = await browseLog(w.db, w.company.admin.actor, { action: "share.changed" });
    expect(log.rows.map((r) => r.sentence)).toEqual([
      `${w.company.admin.user.name} changed the share with ${w.union.org.name}: from its suppliers in Malaysia and Thailand, showing identity and location and risk scores and their breakdown, to its suppliers in Malaysia, showing identity and location.`,
    ]);
    // Saving it again unchanged writes nothing and says so.
    expect((await send(w, shareForm(w, { edit: share!.id, countries: ["MY"], scope: ["identity"] }))).headers.get("location")).toBe(`/sharing?unchanged=${share!.id}`);
    expect((await w.db.select().from(auditLog).where(eq(auditLog.action, "share.changed"))).length).toBe(1);
  });

  it("a share is changed only by its owner: another company's or a missing id answers 404, a member 403, a revoked share is refused", async () => {
    const w = await world();
    await send(w, shareForm(w, { countries: ["MY"] }));
    const [share] = await sharesOf(w);
    const before = await sharesOf(w);
    expect((await load(w, `?edit=${share!.id}`, w.otherCtx)).status).toBe(404);
    expect((await load(w, `?edit=999999`)).status).toBe(404);
    expect((await load(w, `?edit=abc`)).status).toBe(404);
    expect((await send(w, shareForm(w, { edit: share!.id, countries: [] }), w.otherCtx)).status).toBe(404);
    expect((await send(w, shareForm(w, { edit: share!.id, countries: [], intent: "check" }), w.otherCtx)).status).toBe(404);
    expect((await send(w, shareForm(w, { edit: share!.id, countries: [] }), await contextFor(w.db, w.company.member.user.id, w.company.org.id))).status).toBe(403);
    expect(await sharesOf(w)).toEqual(before);
    await send(w, [["intent", "revoke"], ["shareId", String(share!.id)], ["confirm", "yes"]]);
    const refused = await send(w, shareForm(w, { edit: share!.id, countries: [] }));
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { errors: Record<string, string> }).errors.form).toMatch(/was revoked and cannot be changed/);
    expect((await sharesOf(w))[0]!.filter).toEqual({ countries: ["MY"] });
    // With that share revoked, a new share to the partner is allowed again.
    expect((await send(w, shareForm(w, { countries: ["TH"] }))).status).toBe(302);
  });

  it("shows parallel shares that older data holds, unchanged, so that the owner can change or revoke them", async () => {
    const w = await world();
    for (const filter of [{ countries: ["MY"] }, { supplierIds: [w.andaman.id] }]) await w.db.insert(shares).values({ fromOrgId: w.company.org.id, toOrgId: w.union.org.id, scope: ["identity"], filter });
    const p = await page(w, "");
    expect(p.shares.map((s) => [s.parallel, s.filterText, s.covers?.covered])).toEqual([
      [2, "suppliers 1 chosen supplier", 1],
      [2, "suppliers in Malaysia", 2],
    ]);
    // Changing one leaves the other as it was.
    const [first, second] = await sharesOf(w);
    await send(w, shareForm(w, { edit: first!.id, countries: ["MY", "TH"], scope: ["identity"] }));
    expect((await sharesOf(w)).map((s) => s.filter)).toEqual([{ countries: ["MY", "TH"] }, second!.filter]);
  });
});
