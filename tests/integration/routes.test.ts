import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { imports as importsTable, memberships, methodologies } from "#db/schema";
import * as imports from "~/routes/imports._index";
import * as home from "~/routes/_index";
import * as adminOrgs from "~/routes/admin.organisations";
import * as members from "~/routes/orgs.$orgId.members";
import * as suppliersList from "~/routes/suppliers._index";
import * as methodologyAdmin from "~/routes/admin.methodology";
import { seedDemo } from "#db/seed";
import { rawColumn, rawRun } from "#db/client";
import { createTestDb } from "../support/db";
import { makeOrgWithRoles, makeUser } from "../support/factories";
import { contextFor, get, post, responseOf } from "../support/routes";

describe("route guards", () => {
  it("send an unauthenticated visitor to sign-in, remembering the page", async () => {
    const db = createTestDb();
    const res = await responseOf(async () => members.loader({ request: get("/orgs/1/members?tab=x"), context: await contextFor(db, null), params: { orgId: "1" } }));
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/sign-in?redirectTo=%2Forgs%2F1%2Fmembers%3Ftab%3Dx");
  });

  it("answer 404 for another organisation's members page and member actions, and change nothing", async () => {
    const db = createTestDb();
    const a = await makeOrgWithRoles(db, "company");
    const b = await makeOrgWithRoles(db, "union");
    const ctx = await contextFor(db, a.admin.user.id, a.org.id);
    const before = JSON.stringify(await db.select().from(memberships));
    const params = { orgId: String(b.org.id) };
    expect((await responseOf(() => members.loader({ request: get(`/orgs/${b.org.id}/members`), context: ctx, params }))).status).toBe(404);
    const attempts: Record<string, string>[] = [
      { intent: "change-role", userId: String(b.member.user.id), role: "admin" },
      { intent: "remove", userId: String(b.admin.user.id) },
      { intent: "reset-link", userId: String(b.member.user.id) },
      { intent: "invite", email: "spy@example.org", role: "admin" },
    ];
    for (const fields of attempts) {
      const res = await responseOf(() => members.action({ request: post(`/orgs/${b.org.id}/members`, fields), context: ctx, params }));
      expect(res.status, JSON.stringify(fields)).toBe(404);
    }
    // B's ids sent to A's own page are unknown there too.
    const own = { orgId: String(a.org.id) };
    const res = await responseOf(() => members.action({ request: post(`/orgs/${a.org.id}/members`, { intent: "remove", userId: String(b.admin.user.id) }), context: ctx, params: own }));
    expect(res.status).toBe(404);
    expect(JSON.stringify(await db.select().from(memberships))).toBe(before);
  });

  it("answer 403 to a viewer who tries to manage members, and to a company admin on the operator's page", async () => {
    const db = createTestDb();
    const a = await makeOrgWithRoles(db, "company");
    const params = { orgId: String(a.org.id) };
    const viewerCtx = await contextFor(db, a.viewer.user.id, a.org.id);
    const res = await responseOf(() => members.action({ request: post(`/orgs/${a.org.id}/members`, { intent: "remove", userId: String(a.member.user.id) }), context: viewerCtx, params }));
    expect(res.status).toBe(403);
    const adminCtx = await contextFor(db, a.admin.user.id, a.org.id);
    expect((await responseOf(() => adminOrgs.loader({ request: get("/admin/organisations"), context: adminCtx, params: {} }))).status).toBe(403);
  });

  it("keep what was typed and name the field when an invitation is invalid", async () => {
    const db = createTestDb();
    const a = await makeOrgWithRoles(db, "company");
    const ctx = await contextFor(db, a.admin.user.id, a.org.id);
    const result = (await members.action({ request: post(`/orgs/${a.org.id}/members`, { intent: "invite", email: "not-an-email", role: "member" }), context: ctx, params: { orgId: String(a.org.id) } })) as unknown as {
      data: { ok: boolean; errors: Record<string, string>; values: Record<string, string> };
      init: { status: number };
    };
    expect(result.init.status).toBe(400);
    expect(result.data.errors.email).toMatch(/e-mail address/);
    expect(result.data.values.email).toBe("not-an-email");
  });

  it("show a company its own suppliers only, and no supplier list to other organisation types", async () => {
    const db = createTestDb();
    await seedDemo(db);
    const other = await makeOrgWithRoles(db, "company");
    const ctxOther = await contextFor(db, other.admin.user.id, other.org.id);
    const data = (await suppliersList.loader({ request: get("/suppliers"), context: ctxOther, params: {} })) as { total: number };
    expect(data.total).toBe(0);
    const union = await makeOrgWithRoles(db, "union");
    const res = await responseOf(async () => suppliersList.loader({ request: get("/suppliers"), context: await contextFor(db, union.admin.user.id, union.org.id), params: {} }));
    expect(res.status).toBe(403);
  });

  it("give each organisation type its own home page", async () => {
    const db = createTestDb();
    for (const type of ["company", "inspectorate", "union", "regulator"] as const) {
      const o = await makeOrgWithRoles(db, type);
      const data = (await home.loader({ request: get("/"), context: await contextFor(db, o.viewer.user.id, o.org.id), params: {} })) as { kind: string };
      expect(data.kind).toBe(type);
    }
  });
});

describe("import routes", () => {
  const multipart = (fields: Record<string, string>, file: { name: string; content: string }) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    form.set("file", new Blob([file.content], { type: "text/csv" }), file.name);
    return new Request("http://localhost/imports", { method: "POST", body: form });
  };

  it("refuse a file over the size limit with a clear message, and store nothing", async () => {
    const db = createTestDb();
    const a = await makeOrgWithRoles(db, "company");
    const ctx = await contextFor(db, a.member.user.id, a.org.id);
    const small = { ...ctx, uploads: { dir: "tests/.tmp/uploads-limit", maxBytes: 1000 } };
    const result = (await imports.action({ request: multipart({ kind: "suppliers" }, { name: "big.csv", content: "name,country\n" + "Acme Ltd,MY\n".repeat(200) }), context: small, params: {} })) as unknown as {
      data: { errors: Record<string, string> };
      init: { status: number };
    };
    expect(result.init.status).toBe(413);
    expect(result.data.errors.file).toMatch(/^The file is larger than the 1,000 bytes limit\./);
    expect(await db.select().from(importsTable)).toHaveLength(0);
  });

  it("refuse an upload without a kind or with an empty file beside the field, keeping the chosen kind, and store nothing", async () => {
    const db = createTestDb();
    const a = await makeOrgWithRoles(db, "company");
    const ctx = await contextFor(db, a.member.user.id, a.org.id);
    type Refused = { data: { ok: false; errors: Record<string, string>; values: Record<string, string> }; init: { status: number } };
    const noKind = (await imports.action({ request: multipart({ kind: "spreadsheet" }, { name: "a.csv", content: "name\nAcme\n" }), context: ctx, params: {} })) as unknown as Refused;
    expect(noKind.init.status).toBe(400);
    expect(noKind.data.errors).toEqual({ kind: "Choose whether the file is a supplier list or a recruiter list." });
    const empty = (await imports.action({ request: multipart({ kind: "recruiters" }, { name: "a.csv", content: "" }), context: ctx, params: {} })) as unknown as Refused;
    expect(empty.init.status).toBe(400);
    expect(Object.keys(empty.data.errors)).toEqual(["file"]);
    expect(empty.data.values.kind).toBe("recruiters");
    expect(await db.select().from(importsTable)).toHaveLength(0);
  });

  it("keep the import pages to companies: another organisation type gets 403, a viewer cannot upload", async () => {
    const db = createTestDb();
    const union = await makeOrgWithRoles(db, "union");
    const res = await responseOf(async () => imports.loader({ request: get("/imports"), context: await contextFor(db, union.admin.user.id, union.org.id), params: {} }));
    expect(res.status).toBe(403);
    const company = await makeOrgWithRoles(db, "company");
    const viewer = await responseOf(async () =>
      imports.action({ request: multipart({ kind: "suppliers" }, { name: "a.csv", content: "name\nAcme\n" }), context: await contextFor(db, company.viewer.user.id, company.org.id), params: {} }),
    );
    expect(viewer.status).toBe(403);
  });

  it("say beside an empty import history how many records the company already has (its own, not another's)", async () => {
    const db = createTestDb();
    const a = await makeOrgWithRoles(db, "company");
    const b = await makeOrgWithRoles(db, "company");
    await rawRun(db, `insert into suppliers (org_id, external_id, name) values (?, 'S1', 'One'), (?, 'S2', 'Two'), (?, 'S3', 'Theirs')`, a.org.id, a.org.id, b.org.id);
    const page = (await imports.loader({ request: get("/imports"), context: await contextFor(db, a.viewer.user.id, a.org.id), params: {} })) as { imports: unknown[]; onPlatform: number };
    expect(page.imports).toEqual([]);
    expect(page.onPlatform).toBe(2);
  });
});

describe("methodology admin route", () => {
  it("refuses a definition that is missing, too large, not JSON or a known version: 400 beside the field, what was pasted kept, nothing stored; a bad id is a 404", async () => {
    const db = createTestDb();
    const ctx = await contextFor(db, (await makeUser(db, { platformAdmin: true })).id, null);
    const send = async (fields: Record<string, string>) => {
      const res = await responseOf(() => methodologyAdmin.action({ request: post("/admin/methodology", fields), context: ctx, params: {} }));
      const text = await res.text();
      // A refused form is JSON; a 404 is a plain "Not found", a redirect has no body.
      return { status: res.status, body: (text.startsWith("{") ? JSON.parse(text) : text) as unknown };
    };
    const stored = async () => JSON.stringify(await db.select().from(methodologies));
    const logged = async () => await rawColumn<number>(db, "select count(*) from audit_log where action like 'methodology.%'");
    const before = await stored();

    expect(await send({ intent: "add", definition: "  " })).toMatchObject({ status: 400, body: { errors: { definition: expect.stringMatching(/^Paste the new method's definition/) } } });
    expect(await send({ intent: "add", definition: "x".repeat(512 * 1024 + 1) })).toMatchObject({ status: 400, body: { errors: { definition: "The definition is larger than 512 KB." } } });
    const notJson = await send({ intent: "add", definition: '{"version": "9.9",' });
    expect(notJson).toMatchObject({ status: 400, body: { errors: { definition: expect.stringMatching(/^The file is not valid JSON/) }, values: { intent: "add", definition: '{"version": "9.9",' } } });
    const v1 = readFileSync("fixtures/methodology/v1.json", "utf8");
    expect(await send({ intent: "add", definition: v1 })).toMatchObject({ status: 400, body: { errors: { definition: "Version 1.0 exists already: give the new method a new version number." } } });
    expect(await send({ intent: "publish" })).toMatchObject({ status: 400, body: { errors: { form: "Unknown action." } } });
    const active = (await db.select().from(methodologies)).find((m) => m.status === "active")!;
    expect(await send({ intent: "activate", id: String(active.id) })).toMatchObject({ status: 400, body: { errors: { methodology: expect.stringMatching(/only a draft can be activated/) } } });
    expect((await send({ intent: "activate", id: "abc" })).status).toBe(404);
    expect((await send({ intent: "activate", id: "999999" })).status).toBe(404);
    expect(await stored()).toBe(before);
    expect(await logged()).toEqual([0]);

    // A new version number is stored as a draft.
    const res = await send({ intent: "add", definition: v1.replace('"version": "1.0"', '"version": "9.9"') });
    expect(res.status).toBe(302);
    expect((await db.select().from(methodologies)).filter((m) => m.version === "9.9").map((m) => m.status)).toEqual(["draft"]);
  });
});
