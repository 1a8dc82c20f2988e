/**
 * The lists' search through the trigram FTS5 indexes (migration 0015, issue 16 item 5): a term of
 * 3+ characters finds its rows through suppliers_fts / recruiters_fts, a shorter one by LIKE, and
 * either way the rows are exactly the LIKE search's over the folded text (case folded Unicode-wide,
 * İ and ı as i, accents kept; %, _, quotes, *, OR, - as text), only ever the organisation's own. The indexes follow
 * inserts, updates, deletes and imports, and the planner really reads them.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { engineKind, inTransaction, rawAll, rawColumn, rawRun, type Db } from "#db/client";
import { imports, ON_POSTGRES, recruiters, suppliers } from "#db/schema";
import { confirmImport, confirmMapping, createImport } from "~/domain/import/imports.server";
import { runImportPhase } from "~/domain/import/run.server";
import { anyContains, ftsQuery, usesSearchIndex } from "~/domain/list-query.server";
import { listRecruiters } from "~/domain/recruiters/recruiters.server";
import { createShare } from "~/domain/sharing/share-management.server";
import { listSharedSuppliers } from "~/domain/sharing/shared-suppliers.server";
import { listSuppliers } from "~/domain/suppliers/suppliers.server";
import { createTestDb } from "../support/db";
import { makeOrgWithRoles } from "../support/factories";
import { TMP_DIR } from "../support/paths";
import { onlyRow } from "#db/client";
import { firstRow } from "#db/client";

/** Names chosen for what could go wrong: case, accents, Thai, LIKE wildcards, FTS5 query syntax. */
const SUPPLIERS: [externalId: string, name: string][] = [
  ["TH-001", "Thailand Agro Co., Ltd"],
  ["th-002", "THAI UNION FROZEN"],
  ["DE-1", "Müller GmbH"],
  ["DE-2", "MÜLLER Logistik"],
  ["TH-ก1", "บริษัท ไทยเกษตร จำกัด"],
  ["PCT_1", "50% Cotton Mill"],
  ["US-1", "Under_score Textiles"],
  ['Q"1', 'Quote "Best" Foods'],
  ["SF-1", "Star*Fish Ltd"],
  ["OR-1", "Apples OR Pears"],
  ["NEG-1", "Semi-Conductor Fab"],
  ["VN-1", "Nguyễn Seafood"],
  ["TR-1", "Çukurova Tarım"],
  ["BS-1", "Back\\slash Co"],
  ["NR-1", "NEAR(a b) Ltd"],
  ["CO-1", "col:on ^caret (Paren) Foods"],
  ["KV-1", "\u212Aelvin Sign Works"],
];

const TERMS = [
  "a", "th", "TH", "hai", "HAI", "tHaIlAnD", "Agro Co", "o., L", "ü", "Ü", "müller", "MÜLLER", "ller", "ÜLL", "üll",
  "ไทย", "บริษัท", "กษ", "จำกัด", "ก1", "TH-ก", "50%", "%", "0% C", "%%%", "_", "r_s", "Under_", "T_1", "___",
  '"', '""', '"Best"', 'e "B', 'Q"1', "*", "r*F", "Star*", "Sta*", "***", "OR", "s OR P", "OR-1", "or p",
  "-", "Semi-", "-Conductor", "NEG-", "NEAR(a b)", "NEAR", "col:on", "^caret", "(Paren)", "\\", "k\\s", "\\sl",
  "Nguyễn", "nguyễn", "NGUYỄN", "ễn S", "Tarım", "TARIM", "çuk", "Çuk", "kelvin", "Kelvin", "\u212Aelvin",
  "TH-", "th-00", "zzz", "Ltd", "ltd", "Co", "  hai  ", "Foods",
];

async function world() {
  const db = createTestDb();
  const a = await makeOrgWithRoles(db, "company");
  const b = await makeOrgWithRoles(db, "company");
  for (const [externalId, name] of SUPPLIERS) await db.insert(suppliers).values({ orgId: a.org.id, externalId, name, country: "MY" });
  // Another organisation with the same names and more: never in a's results.
  for (const [externalId, name] of [...SUPPLIERS, ["X-9", "Secret Thai Estate"] as const]) await db.insert(suppliers).values({ orgId: b.org.id, externalId, name, country: "MY" });
  return { db, a, b };
}

/** Today's search, for reference: the org's rows where name or external id is LIKE '%q%' (escaped). */
async function likeIds(db: Db, orgId: number, q: string): Promise<number[]> {
  const term = q.trim();
  return (await db
      .select({ id: suppliers.id })
      .from(suppliers)
      .where(and(eq(suppliers.orgId, orgId), term ? anyContains(term, suppliers.name, suppliers.externalId) : undefined)))
    .map((r) => r.id)
    .sort((x, y) => x - y);
}

const listedIds = async (db: Db, actor: Parameters<typeof listSuppliers>[1], orgId: number, q: string) =>
  (await listSuppliers(db, actor, orgId, { q }))
    .rows.map((r) => r.id)
    .sort((x, y) => x - y);

/*
 * The FTS5 indexes are SQLite's: on PostgreSQL the searched columns carry trigram GIN indexes that
 * the server itself keeps in step, so the checks of the index's own content below are SQLite's
 * only (the search results, checked everywhere, are the same on both engines).
 */

/** What the FTS index alone finds for q (all organisations), by rowid; on PostgreSQL, undefined (no such index). */
const ftsIds = async (db: Db, table: "suppliers_fts" | "recruiters_fts", q: string): Promise<number[] | undefined> =>
  engineKind(db) === "sqlite" ? await rawColumn<number>(db, `select rowid from ${table} where ${table} match ? order by rowid`, ftsQuery(q)) : undefined;

/** Expects the FTS index's candidates for q to be `ids` (SQLite; nothing to check on PostgreSQL). */
async function expectFtsIds(db: Db, table: "suppliers_fts" | "recruiters_fts", q: string, ids: number[]) {
  const found = await ftsIds(db, table, q);
  if (found) expect(found).toEqual(ids);
}

/** FTS5's own check of an external-content index against its table (throws when out of step); SQLite only. */
const integrityCheck = async (db: Db, table: "suppliers_fts" | "recruiters_fts") => {
  if (engineKind(db) === "sqlite") await rawRun(db, `insert into ${table} (${table}, rank) values ('integrity-check', 1)`);
};

const namesOf = async (db: Db, ids: number[]) => {
  const names: string[] = [];
  for (const id of ids) names.push(firstRow(await db.select({ name: suppliers.name }).from(suppliers).where(eq(suppliers.id, id)))!.name);
  return names.sort();
};

describe("name search through the trigram index", () => {
  it("finds exactly what LIKE finds, for every kind of term, and only the organisation's own rows", async () => {
    const { db, a, b } = await world();
    for (const q of TERMS) {
      const expected = await likeIds(db, a.org.id, q);
      expect(await listedIds(db, a.member.actor, a.org.id, q), `search ${JSON.stringify(q)}`).toEqual(expected);
      // The index's candidates include every LIKE match (it may hold more: other orgs, Unicode case folding).
      const candidates = usesSearchIndex(q.trim()) ? await ftsIds(db, "suppliers_fts", q.trim()) : undefined;
      if (candidates) expect(candidates).toEqual(expect.arrayContaining(expected));
    }
    // The query sent to FTS5: each trigram one quoted string, so none of the person's text is syntax.
    expect(ftsQuery('a"b*c OR')).toBe('"a""b" AND """b*" AND "b*c" AND "*c " AND "c o" AND " or"');
    // Trigrams with a letter the index folds otherwise (i, k, cased letters beyond ASCII) are left to the LIKE.
    expect(ftsQuery("İstanbul")).toBe('"sta" AND "tan" AND "anb" AND "nbu" AND "bul"');
    expect(ftsQuery("aaaa")).toBe('"aaa"');
    // The longest term the box takes (200 characters) works, and finds the one row holding it.
    const long = "Ω".repeat(10) + "x".repeat(190);
    await db.insert(suppliers).values({ orgId: a.org.id, externalId: "LONG-1", name: `Long ${long} name` });
    expect(await namesOf(db, await listedIds(db, a.member.actor, a.org.id, long))).toEqual([`Long ${long} name`]);
    // Spot checks of the meaning, written out.
    expect(await namesOf(db, await listedIds(db, a.member.actor, a.org.id, "hai"))).toEqual(["THAI UNION FROZEN", "Thailand Agro Co., Ltd"]);
    // Case folded Unicode-wide (decision 027): ü finds Ü, the Kelvin sign is a K; accents are kept.
    expect(await namesOf(db, await listedIds(db, a.member.actor, a.org.id, "müller"))).toEqual(["MÜLLER Logistik", "Müller GmbH"]);
    expect(await namesOf(db, await listedIds(db, a.member.actor, a.org.id, "MÜLLER"))).toEqual(["MÜLLER Logistik", "Müller GmbH"]);
    expect(await namesOf(db, await listedIds(db, a.member.actor, a.org.id, "muller"))).toEqual([]);
    expect(await namesOf(db, await listedIds(db, a.member.actor, a.org.id, "kelvin"))).toEqual(["\u212Aelvin Sign Works"]);
    expect(await namesOf(db, await listedIds(db, a.member.actor, a.org.id, "TARIM"))).toEqual(["Çukurova Tarım"]);
    expect(await namesOf(db, await listedIds(db, a.member.actor, a.org.id, "ไทย"))).toEqual(["บริษัท ไทยเกษตร จำกัด"]);
    expect(await namesOf(db, await listedIds(db, a.member.actor, a.org.id, "50%"))).toEqual(["50% Cotton Mill"]);
    expect(await namesOf(db, await listedIds(db, a.member.actor, a.org.id, "r_s"))).toEqual(["Under_score Textiles"]);
    expect(await namesOf(db, await listedIds(db, a.member.actor, a.org.id, '"Best"'))).toEqual(['Quote "Best" Foods']);
    expect(await namesOf(db, await listedIds(db, a.member.actor, a.org.id, "Star*"))).toEqual(["Star*Fish Ltd"]);
    expect(await namesOf(db, await listedIds(db, a.member.actor, a.org.id, "s OR P"))).toEqual(["Apples OR Pears"]);
    expect(await namesOf(db, await listedIds(db, a.member.actor, a.org.id, "-Conductor"))).toEqual(["Semi-Conductor Fab"]);
    expect(await namesOf(db, await listedIds(db, a.member.actor, a.org.id, "NEAR(a b)"))).toEqual(["NEAR(a b) Ltd"]);
    // b's own rows for b, with its extra supplier, and the index rows of both organisations never leak.
    expect(await namesOf(db, await listedIds(db, b.member.actor, b.org.id, "Thai"))).toEqual(["Secret Thai Estate", "THAI UNION FROZEN", "Thailand Agro Co., Ltd"]);
    expect((await listSuppliers(db, a.member.actor, a.org.id, { q: "Secret Thai" })).total).toBe(0);
    // With other filters and sorts (the "seek" plan, a name sort, a band filter) the search means the same.
    expect((await listSuppliers(db, a.member.actor, a.org.id, { q: "hai", country: "MY", sort: "name" })).rows.map((r) => r.name).sort()).toEqual(["THAI UNION FROZEN", "Thailand Agro Co., Ltd"]);
    expect((await listSuppliers(db, a.member.actor, a.org.id, { q: "hai", bands: ["none"] })).total).toBe(2);
    expect((await listSuppliers(db, a.member.actor, a.org.id, { q: "hai", country: "TH" })).total).toBe(0);
  });

  it("searches recruiters by name, external id and licence number alike, within the organisation", async () => {
    const { db, a, b } = await world();
    const add = async (orgId: number, externalId: string, name: string, licenceNumber: string | null) => onlyRow(await db.insert(recruiters).values({ orgId, externalId, name, licenceNumber }).returning()).id;
    const r1 = await add(a.org.id, "R-1", "Kathmandu Manpower Pvt", "LIC-2024/77");
    const r2 = await add(a.org.id, "R-2", "Dhaka 50% Overseas", null);
    const r3 = await add(a.org.id, "r_3", "Jakarta Tenaga \"Kerja\"", "lic-100");
    await add(b.org.id, "R-1", "Kathmandu Manpower Pvt", "LIC-2024/77");
    const find = async (q: string) =>
      (await listRecruiters(db, a.member.actor, a.org.id, { q }))
        .rows.map((r) => r.id)
        .sort((x, y) => x - y);
    const like = async (q: string) =>
      (await db
                .select({ id: recruiters.id })
                .from(recruiters)
                .where(and(eq(recruiters.orgId, a.org.id), anyContains(q, recruiters.name, recruiters.externalId, recruiters.licenceNumber))))
        .map((r) => r.id)
        .sort((x, y) => x - y);
    for (const q of ["ka", "kathmandu", "KATH", "lic-", "LIC-2024/7", "2024/77", "50%", "_3", "r_3", '"Kerja"', "a K", "R-", "zzz", "OR", "Pvt*"]) {
      expect(await find(q), `recruiter search ${JSON.stringify(q)}`).toEqual(await like(q));
    }
    expect(await find("lic-")).toEqual([r1, r3]);
    expect(await find("50%")).toEqual([r2]);
    expect(await find("2024/77")).toEqual([r1]);
    // Updating the licence number (a searched column) moves the row in the index.
    await db.update(recruiters).set({ licenceNumber: "NEW-9" }).where(eq(recruiters.id, r1));
    expect(await find("2024/77")).toEqual([]);
    expect(await find("new-9")).toEqual([r1]);
    await integrityCheck(db, "recruiters_fts");
  });

  it("keeps partners' search to the names shared with them, through the index", async () => {
    const { db, a } = await world();
    const inspectorate = await makeOrgWithRoles(db, "inspectorate");
    await createShare(db, a.admin.actor, { toOrgId: inspectorate.org.id, scope: ["identity"], countries: "MY", sectors: "", bands: [] }, null);
    const shared = async (q: string) => (await listSharedSuppliers(db, inspectorate.member.actor, { q })).rows.map((r) => r.name).sort();
    for (const q of ["hai", "Ü", "ller", "50%", "r_s", '"Best"', "Star*", "s OR P", "th", "zzz", "Secret"]) {
      const expected = await namesOf(db, await likeIds(db, a.org.id, q));
      expect(await shared(q), `shared search ${JSON.stringify(q)}`).toEqual(expected);
    }
    expect(await shared("hai")).toEqual(["THAI UNION FROZEN", "Thailand Agro Co., Ltd"]);
  });

  it("follows inserts, updates of the searched columns, and deletes", async () => {
    const { db, a } = await world();
    const find = async (q: string) => namesOf(db, await listedIds(db, a.member.actor, a.org.id, q));
    const added = onlyRow(await db.insert(suppliers).values({ orgId: a.org.id, externalId: "NEW-1", name: "Mekong Prawn Farm", country: "VN" }).returning());
    expect(await find("prawn")).toEqual(["Mekong Prawn Farm"]);
    await expectFtsIds(db, "suppliers_fts", "prawn", [added.id]);

    await db.update(suppliers).set({ name: "Mekong Shrimp Farm" }).where(eq(suppliers.id, added.id));
    expect(await find("prawn")).toEqual([]);
    await expectFtsIds(db, "suppliers_fts", "prawn", []); // the old text left the index, not just the results
    expect(await find("shrimp")).toEqual(["Mekong Shrimp Farm"]);

    await db.update(suppliers).set({ externalId: "VN-NEW-77" }).where(eq(suppliers.id, added.id));
    expect(await find("NEW-77")).toEqual(["Mekong Shrimp Farm"]);
    await expectFtsIds(db, "suppliers_fts", "NEW-1", []);

    // An update of other columns (scores, country) and a no-op rewrite of the name leave it found.
    await db.update(suppliers).set({ country: "TH", riskScore: 42, name: sql`${suppliers.name}` }).where(eq(suppliers.id, added.id));
    expect(await find("shrimp")).toEqual(["Mekong Shrimp Farm"]);
    await integrityCheck(db, "suppliers_fts");

    await db.delete(suppliers).where(eq(suppliers.id, added.id));
    expect(await find("shrimp")).toEqual([]);
    await expectFtsIds(db, "suppliers_fts", "shrimp", []);
    await integrityCheck(db, "suppliers_fts");
  });

  it("follows an import: new rows found, renamed rows found by their new name only", async () => {
    const db = createTestDb();
    const { org, member } = await makeOrgWithRoles(db, "company");
    const dir = path.join(TMP_DIR, `name-search-${process.pid}-${Date.now()}`);
    mkdirSync(dir, { recursive: true });
    let n = 0;
    const importList = async (content: string) => {
      const tempPath = path.join(dir, `list-${n++}.csv.upload`);
      writeFileSync(tempPath, content);
      const id = await createImport(db, member.actor, org.id, { kind: "suppliers", tempPath, fileName: "list.csv", uploadsDir: path.join(dir, "uploads") }, null);
      const imp = (await db.select().from(imports)).find((i) => i.id === id)!;
      await confirmMapping(db, member.actor, id, imp.mapping);
      await runImportPhase(db, id, "analyse");
      await confirmImport(db, member.actor, id);
      await runImportPhase(db, id, "commit");
    };
    const find = async (q: string) => (await listSuppliers(db, member.actor, org.id, { q })).rows.map((r) => r.name).sort();
    await importList(["external_id,name,country", "A-1,Kebun Harapan Sdn Bhd,MY", "A-2,Nguyễn Seafood,VN", "A-3,Golden Field Ltd,TH"].join("\r\n"));
    expect(await find("harapan")).toEqual(["Kebun Harapan Sdn Bhd"]);
    expect(await find("Nguyễn")).toEqual(["Nguyễn Seafood"]);
    expect(await find("A-")).toEqual(["Golden Field Ltd", "Kebun Harapan Sdn Bhd", "Nguyễn Seafood"]);
    // The same list with one supplier renamed and one added: the update path of the commit.
    await importList(["external_id,name,country", "A-1,Kebun Sejahtera Sdn Bhd,MY", "A-2,Nguyễn Seafood,VN", "A-3,Golden Field Ltd,TH", "A-4,Andaman Fisheries,TH"].join("\r\n"));
    expect(await find("harapan")).toEqual([]);
    expect(await find("sejahtera")).toEqual(["Kebun Sejahtera Sdn Bhd"]);
    expect(await find("andaman")).toEqual(["Andaman Fisheries"]);
    await expectFtsIds(db, "suppliers_fts", "harapan", []);
    await integrityCheck(db, "suppliers_fts");
  });

  it.skipIf(ON_POSTGRES)("is read through the index for 3+ characters, by LIKE alone below, and by a scan for a term most rows hold", async () => {
    const { db, a } = await world();
    // The statements listSuppliers prepares, explained with their parameters left null (the plan does not depend on them).
    const seen: string[] = [];
    const client = db.$client;
    const prepare = client.prepare.bind(client);
    client.prepare = ((source: string) => {
      seen.push(source);
      return prepare(source);
    }) as typeof client.prepare;
    const plans = async (q: string, options: Parameters<typeof listSuppliers>[3] = {}) => {
      seen.length = 0;
      await listSuppliers(db, a.member.actor, a.org.id, { q, ...options });
      return seen
        .filter((s) => / like /.test(s))
        .map((s) => (prepare(`explain query plan ${s}`).all(...Array.from(s.match(/\?/g) ?? [], () => null)) as { detail: string }[]).map((r) => r.detail).join(" | "));
    };
    try {
      for (const options of [{}, { sort: "name" as const }, { sort: "workers" as const }, { bands: ["none" as const] }]) {
        const explained = await plans("hailand", options);
        expect(explained.length).toBeGreaterThan(0);
        // Driven by the index's ids: suppliers read by primary key from the FTS5 table's list.
        for (const plan of explained) expect(plan).toMatch(/SEARCH suppliers USING INTEGER PRIMARY KEY \(rowid=\?\).*SCAN suppliers_fts VIRTUAL TABLE/);
      }
      for (const plan of (await plans("Thai", { country: "MY" }))) expect(plan).toContain("suppliers_fts VIRTUAL TABLE");
      for (const plan of (await plans("th"))) expect(plan).not.toContain("suppliers_fts");
      // A term most of the organisation's rows hold: reading the index's ids one by one would be
      // slower than the scan, which is used instead (and finds the same rows).
      db.$client
        .prepare(`with recursive n(i) as (select 1 union all select i + 1 from n where i < 2400) insert into suppliers (org_id, external_id, name) select ?, 'BULK-' || i, 'Bulk Estate ' || i from n`)
        .run(a.org.id);
      for (const plan of (await plans("BULK-"))) expect(plan).not.toContain("suppliers_fts");
      expect((await listSuppliers(db, a.member.actor, a.org.id, { q: "BULK-" })).total).toBe(2400);
      for (const plan of (await plans("BULK-123"))) expect(plan).toContain("suppliers_fts VIRTUAL TABLE");
      expect((await listSuppliers(db, a.member.actor, a.org.id, { q: "bulk-123" })).rows.map((r) => r.name).sort()).toEqual(["Bulk Estate 123", "Bulk Estate 1230", "Bulk Estate 1231", "Bulk Estate 1232", "Bulk Estate 1233", "Bulk Estate 1234", "Bulk Estate 1235", "Bulk Estate 1236", "Bulk Estate 1237", "Bulk Estate 1238", "Bulk Estate 1239"]);
    } finally {
      client.prepare = prepare;
    }
  });

  it.skipIf(ON_POSTGRES)("has its triggers (a later migration rebuilding suppliers or recruiters must create them again)", () => {
    const db = createTestDb();
    const triggers = db.$client.prepare(`select name from sqlite_master where type = 'trigger' and name like '%\\_fts\\_%' escape '\\' order by name`).pluck().all();
    expect(triggers).toEqual(["recruiters_fts_delete", "recruiters_fts_insert", "recruiters_fts_update", "suppliers_fts_delete", "suppliers_fts_insert", "suppliers_fts_update"]);
  });

  it.runIf(ON_POSTGRES)("on PostgreSQL, has trigram indexes on the searched columns, and the search can be read through them", async () => {
    const { db, a } = await world();
    const indexes = await rawColumn<string>(db, `select indexname from pg_indexes where indexname like '%\\_trgm' escape '\\' order by indexname`);
    expect(indexes).toEqual(["recruiters_external_id_trgm", "recruiters_licence_number_trgm", "recruiters_name_trgm", "suppliers_external_id_trgm", "suppliers_name_trgm"]);
    // A few rows make a scan the cheaper plan; with scans priced out, the search's own condition
    // (ILIKE and its ASCII re-check, without the organisation's index to start from) is answered
    // from the trigram indexes.
    const built = db.select({ id: suppliers.id }).from(suppliers).where(anyContains("hailand", suppliers.name, suppliers.externalId)).toSQL();
    expect((await listSuppliers(db, a.member.actor, a.org.id, { q: "hailand" })).rows.map((r) => r.name)).toEqual(["Thailand Agro Co., Ltd"]);
    const plan = await inTransaction(db, async () => {
      await rawAll(db, `set local enable_seqscan = off`);
      return (await rawColumn<string>(db, `explain ${built.sql}`, ...built.params)).join("\n");
    });
    expect(plan).toContain("suppliers_name_trgm");
    expect(plan).toContain("suppliers_external_id_trgm");
  });
});
