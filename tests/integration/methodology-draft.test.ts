/**
 * A methodology version drafted as a form (issue 17, item 16), on the seeded demo: each parameter
 * with its bounds, refusals beside each field, the difference in words, the suppliers whose band
 * would change (computed by the scorer, checked against the scores activation then writes), and
 * the version's page with the first changes and all of them.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { methodologies, suppliers, users } from "#db/schema";
import { seedDemo } from "#db/seed";
import { loadReferenceData } from "~/domain/reference/reference-data.server";
import { activeMethodology, methodologyById } from "~/domain/risk/methodology-store.server";
import { previewRescore, rescoresSettled } from "~/domain/risk/rescore.server";
import * as list from "~/routes/admin.methodology";
import * as draftPage from "~/routes/admin.methodology_.new";
import * as versionPage from "~/routes/admin.methodology_.$versionId";
import { createTestDb } from "../support/db";
import { makeUser } from "../support/factories";
import { contextFor, get, post, responseOf } from "../support/routes";
import { firstRow, rawColumn } from "../../db/client";

type Start = { start: { active: { version: string }; parameters: { key: string; value: number | boolean; min: number; max: number; meaning: string }[]; suggested: { version: string; name: string } } };
type Bands = { scored: number; total: number; up: number; changes: { supplierId: number; supplier: string; company: string; bandBefore: string | null; bandAfter: string; scoreAfter: number }[] };

async function world() {
  const db = createTestDb();
  await seedDemo(db);
  const admin = await makeUser(db, { platformAdmin: true });
  const ctx = await contextFor(db, admin.id, null);
  const start = ((await draftPage.loader({ request: get("/admin/methodology/new"), context: ctx, params: {} })) as Start).start;
  // The form as the page sends it: every parameter at its active value, red flags ticked.
  const form = (changes: Record<string, string | null>) => {
    const body = new URLSearchParams({ version: start.suggested.version, name: start.suggested.name, effective: "2026-12-01", summary: "Raises the high band to 60 (test)." });
    for (const p of start.parameters) {
      if (typeof p.value === "boolean") {
        if (p.value) body.set(p.key, "on");
      } else body.set(p.key, String(p.value));
    }
    for (const [k, v] of Object.entries(changes)) {
      if (v === null) body.delete(k);
      else body.set(k, v);
    }
    return body;
  };
  const send = async (intent: string, changes: Record<string, string | null> = {}) => {
    const body = form(changes);
    body.set("intent", intent);
    const res = await responseOf(() => draftPage.action({ request: new Request("http://localhost/admin/methodology/new", { method: "POST", body }), context: ctx, params: {} }));
    const text = await res.text();
    return { status: res.status, location: res.headers.get("Location"), body: (text.startsWith("{") ? JSON.parse(text) : text) as Record<string, unknown> };
  };
  return { db, ctx, start, send };
}

describe("drafting a methodology version as a form", () => {
  it("offers every band limit, weight and red flag of the active version, each with its meaning and bounds", async () => {
    const w = await world();
    const active = await activeMethodology(w.db);
    expect(w.start.active.version).toBe(active.version);
    const byKey = Object.fromEntries(w.start.parameters.map((p) => [p.key, p]));
    expect(byKey["bands.high"]).toMatchObject({ value: active.methodology.bands.high, min: 1, max: 100 });
    expect(byKey["supplier.country.weight"]).toMatchObject({ value: active.methodology.supplier.country.weight, meaning: active.methodology.supplier.country.rationale });
    const debt = active.methodology.supplier.indicators.findIndex((i) => i.code === "debt_bondage");
    expect(byKey[`supplier.indicators.${debt}.redFlag`]!.value).toBe(true);
    expect(w.start.suggested.version).not.toBe(active.version);
  });

  it("previews the difference in words and the suppliers whose band would change, as the scorer computes them, storing nothing", async () => {
    const w = await world();
    const stored = async () => await rawColumn<number>(w.db, "select count(*) from methodologies");
    const before = await stored();
    const res = await w.send("preview", { "bands.high": "60" });
    expect(res.status).toBe(200);
    const body = res.body as { differences: string[]; bands: Bands; values: Record<string, string> };
    expect(body.differences).toEqual(["Start of the high band: 60 (was 50; up 10)."]);
    expect(body.values["bands.high"]).toBe("60");
    // The same candidate through the activation confirmation's own count agrees.
    const active = await activeMethodology(w.db);
    const candidate = structuredClone(active.methodology);
    candidate.bands.high = 60;
    const counted = await previewRescore(w.db, await loadReferenceData(w.db), candidate);
    expect(body.bands.total).toBe(counted.bandChanged);
    expect(body.bands.total).toBeGreaterThan(0);
    expect(body.bands.scored).toBe(counted.suppliersScored);
    // Raising the high band moves suppliers down only, from high to medium.
    expect(body.bands.up).toBe(0);
    for (const c of body.bands.changes) {
      expect(c).toMatchObject({ bandBefore: "high", bandAfter: "medium" });
      expect(firstRow(await w.db.select({ name: suppliers.name }).from(suppliers).where(eq(suppliers.id, c.supplierId)))!.name).toBe(c.supplier);
    }
    expect(await stored()).toEqual(before);
  });

  it("says nothing changes when nothing was changed", async () => {
    const w = await world();
    const body = (await w.send("preview")).body as { differences: string[]; bands: Bands };
    expect(body.differences).toEqual([]);
    expect(body.bands.total).toBe(0);
  });

  it("refuses out-of-bounds, non-numeric and disordered values beside each field, all at once, keeping the input and storing nothing", async () => {
    const w = await world();
    const res = await w.send("save", { "bands.high": "abc", "supplier.country.weight": "150", "bands.critical": "20", version: w.start.active.version, summary: " " });
    expect(res.status).toBe(400);
    const body = res.body as { errors: Record<string, string>; values: Record<string, string> };
    expect(body.errors["bands.high"]).toBe(`Start of the high band: enter a number from 1 to 100 ("abc" is not a number).`);
    expect(body.errors["supplier.country.weight"]).toBe("Country context: 150 is outside 0–100.");
    expect(body.errors.summary).toMatch(/Say what changed and why/);
    expect(body.values["bands.high"]).toBe("abc");
    const ordered = await w.send("save", { "bands.critical": "45" });
    expect((ordered.body as { errors: Record<string, string> }).errors["bands.critical"]).toBe("The critical band must start above the high band (50).");
    // A version number already used is said beside the version field.
    const taken = await w.send("save", { version: w.start.active.version });
    expect(taken).toMatchObject({ status: 400, body: { errors: { version: `Version ${w.start.active.version} exists already: give the new method a new version number.` } } });
    expect((await w.db.select().from(methodologies)).filter((m) => m.status === "draft")).toEqual([]);
  });

  it("stores the draft, whose page lists the first changes and all on request, and activation gives exactly those bands", async () => {
    const w = await world();
    const debt = w.start.parameters.find((p) => p.key.endsWith(".redFlag") && p.value === false)!;
    const res = await w.send("save", { "bands.high": "60", [debt.key]: "on" });
    expect(res.status).toBe(302);
    const id = Number(/\/admin\/methodology\/(\d+)\?stored=1$/.exec(res.location ?? "")![1]);
    const draft = firstRow(await w.db.select().from(methodologies).where(eq(methodologies.id, id)))!;
    expect(draft).toMatchObject({ status: "draft", version: w.start.suggested.version });
    const stored = await methodologyById(w.db, id);
    expect(stored.bands.high).toBe(60);
    expect(stored.summary).toBe("Raises the high band to 60 (test).");

    const page = async (query = "") => ((await versionPage.loader({ request: get(`/admin/methodology/${id}${query}`), context: w.ctx, params: { versionId: String(id) } })) as { review: { differences: string[]; bands: Bands } }).review;
    const first = await page();
    expect(first.differences).toContain("Start of the high band: 60 (was 50; up 10).");
    expect(first.differences.some((d) => / becomes a red flag\.$/.test(d))).toBe(true);
    const all = await page("?all=1");
    expect(all.bands.changes).toHaveLength(all.bands.total);
    expect(first.bands.changes).toHaveLength(Math.min(25, all.bands.total));

    expect(all.bands.total).toBeGreaterThan(0);
    const activated = await responseOf(() => list.action({ request: post("/admin/methodology", { intent: "activate", id: String(id), confirm: "yes" }), context: w.ctx, params: {} }));
    expect(activated.status).toBe(302);
    await rescoresSettled();
    for (const c of all.bands.changes) {
      const now = firstRow(await w.db.select({ band: suppliers.riskBand, score: suppliers.riskScore }).from(suppliers).where(eq(suppliers.id, c.supplierId)))!;
      expect(now).toEqual({ band: c.bandAfter, score: c.scoreAfter });
    }
  });

  it("is the platform administrator's alone; a missing version is a 404", async () => {
    const w = await world();
    const member = firstRow(await w.db.select().from(users).where(eq(users.email, "compliance@northwind.example")))!;
    const memberCtx = await contextFor(w.db, member.id, Number(await rawColumn<number>(w.db, "select org_id from memberships where user_id = ?", member.id).then((r) => r[0])));
    expect((await responseOf(() => draftPage.loader({ request: get("/admin/methodology/new"), context: memberCtx, params: {} }))).status).toBe(403);
    expect((await responseOf(() => draftPage.action({ request: post("/admin/methodology/new", { intent: "save" }), context: memberCtx, params: {} }))).status).toBe(403);
    const missing = await responseOf(() => versionPage.loader({ request: get("/admin/methodology/999999"), context: w.ctx, params: { versionId: "999999" } }));
    expect(missing.status).toBe(404);
  });
});
