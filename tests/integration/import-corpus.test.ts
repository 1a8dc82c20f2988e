/**
 * Runs every file of fixtures/import-corpus through the real import code (upload checks, mapping
 * proposal, analysis, and for some files the commit) and checks the outcome listed for it in
 * cases.json: the refusal message, the mapping problem, or the counts, row issues and values.
 * See fixtures/import-corpus/README.md for the format.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import type { Db } from "#db/client";
import { auditLog, imports } from "#db/schema";
import { InputError } from "~/domain/errors";
import { errorReport } from "~/domain/import/error-report.server";
import { confirmMapping, createImport } from "~/domain/import/imports.server";
import { mappingProblems } from "~/domain/import/mapping";
import { runImportPhase } from "~/domain/import/run.server";
import { storedText } from "~/domain/import/stored-text.server";
import { FileRefused } from "~/domain/import/encoding.server";
import { translateMessage } from "~/i18n/i18n.server";
import { generatedFiles } from "../../fixtures/import-corpus/generate";
import { createTestDb } from "../support/db";
import { makeOrgWithRoles } from "../support/factories";
import { TMP_DIR } from "../support/paths";
import { firstRow, rawAll, rawColumn, rawGet } from "#db/client";

const CORPUS = path.resolve("fixtures/import-corpus");
/** Files of the folder that are not cases. */
const NOT_CASES = new Set(["README.md", "cases.json", "generate.ts", ".gitattributes"]);

const common = {
  file: z.string().min(1),
  kind: z.enum(["suppliers", "recruiters"]),
  covers: z.string().min(1),
  note: z.string().optional(),
  detected: z
    .object({ encoding: z.string().optional(), delimiter: z.string().optional(), headers: z.array(z.string()).optional() })
    .strict()
    .optional(),
};
const countKey = z.enum(["rows", "valid", "invalid", "new", "updated", "unchanged", "duplicates", "warnings"]);
const Case = z.discriminatedUnion("expect", [
  z.object({ ...common, expect: z.literal("refused"), message: z.string().min(1) }).strict(),
  z.object({ ...common, expect: z.literal("mapping"), message: z.string().min(1) }).strict(),
  z.object({ ...common, expect: z.literal("check-fails"), message: z.string().min(1) }).strict(),
  z
    .object({
      ...common,
      expect: z.literal("analysed"),
      counts: z.partialRecord(countKey, z.number().int().nonnegative()),
      issues: z.array(z.object({ row: z.number().int().min(2), column: z.string().nullable(), contains: z.string().min(1), severity: z.enum(["error", "warning"]).optional() }).strict()),
      /** Every warning on the header row (row 1, e.g. no column for the country); not checked when absent. */
      headerIssues: z.array(z.object({ contains: z.string().min(1) }).strict()).optional(),
      staged: z.array(z.object({ row: z.number().int().min(2), values: z.record(z.string(), z.unknown()) }).strict()).optional(),
      committed: z.object({ names: z.array(z.string()) }).strict().optional(),
      errorReport: z.object({ contains: z.array(z.string()), lacks: z.array(z.string()) }).strict().optional(),
    })
    .strict(),
]);
type Case = z.infer<typeof Case>;

const cases: Case[] = z.array(Case).parse(JSON.parse(readFileSync(path.join(CORPUS, "cases.json"), "utf8")));

/** Staging columns holding JSON text; compared as values. */
const JSON_COLUMNS = new Set(["products", "origin_countries", "identifiers", "indicators"]);

let sequence = 0;
const workDirs: string[] = [];
afterEach(() => {
  for (const dir of workDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh database and organisation, and the corpus file copied where createImport may move or delete it. */
async function setUp(c: Case) {
  const db = createTestDb();
  const { org, admin } = await makeOrgWithRoles(db, "company");
  const work = path.join(TMP_DIR, `import-corpus-${process.pid}-${Date.now()}-${sequence++}`);
  workDirs.push(work);
  mkdirSync(work, { recursive: true });
  const tempPath = path.join(work, `upload-${c.file}`);
  copyFileSync(path.join(CORPUS, c.file), tempPath);
  const upload = () => createImport(db, admin.actor, org.id, { kind: c.kind, fileName: c.file, tempPath, uploadsDir: path.join(work, "uploads") }, null);
  return { db, org, admin, tempPath, upload };
}

async function importRow(db: Db, id: number) {
  const row = firstRow(await db.select().from(imports).where(eq(imports.id, id)));
  if (!row) throw new Error(`import ${id} is missing`);
  return row;
}

function checkDetected(c: Case, imp: Awaited<ReturnType<typeof importRow>>) {
  if (!c.detected) return;
  const actual = { encoding: imp.encoding, delimiter: imp.delimiter, headers: imp.headers };
  expect(actual).toMatchObject(c.detected);
}

interface StoredIssue {
  row: number;
  severity: string;
  column: string | null;
  value: string | null;
  message: string;
}

describe("import corpus", () => {
  it("has an entry in cases.json for every file of the folder, and a file for every entry", () => {
    const files = readdirSync(CORPUS).filter((f) => !NOT_CASES.has(f));
    expect(cases.map((c) => c.file).sort()).toEqual(files.sort());
    expect(new Set(cases.map((c) => c.file)).size).toBe(cases.length);
    expect(cases.length).toBeGreaterThanOrEqual(32);
  });

  it("holds the generated files byte for byte as generate.ts writes them", () => {
    const changed = Object.entries(generatedFiles())
      .filter(([name, bytes]) => !existsSync(path.join(CORPUS, name)) || !readFileSync(path.join(CORPUS, name)).equals(bytes))
      .map(([name]) => name);
    // If this fails, run: node --import tsx fixtures/import-corpus/generate.ts
    expect(changed).toEqual([]);
  });

  it.each(cases.map((c) => [`${c.file}: ${c.covers}`, c] as const))("%s", async (_title, c) => {
    const { db, org, admin, tempPath, upload } = await setUp(c);

    if (c.expect === "refused") {
      const error = await upload().then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).field).toBe("file");
      // The refusal is a catalog key with values; cases.json holds the English an English reader sees.
      expect(translateMessage("en", (error as InputError).message, (error as InputError).values)).toContain(c.message);
      // Nothing recorded, and the uploaded file is gone.
      expect(await db.select().from(imports)).toEqual([]);
      expect(await db.select().from(auditLog).where(eq(auditLog.action, "import.uploaded"))).toEqual([]);
      expect(existsSync(tempPath)).toBe(false);
      return;
    }

    const id = await upload();
    expect(existsSync(tempPath)).toBe(false);
    const uploaded = await importRow(db, id);
    expect(uploaded).toMatchObject({ orgId: org.id, kind: c.kind, status: "uploaded" });
    checkDetected(c, uploaded);

    if (c.expect === "mapping") {
      const problems = mappingProblems(uploaded.mapping, c.kind, uploaded.headers);
      expect(problems.map((p) => translateMessage("en", p.key, p.values)).join(" ")).toContain(c.message);
      // Confirming the proposed mapping as it is refuses with the same message.
      let refusal: unknown = null;
      try {
        await confirmMapping(db, admin.actor, id, uploaded.mapping);
      } catch (error) {
        refusal = error;
      }
      expect(refusal).toBeInstanceOf(InputError);
      expect((refusal as InputError).field).toBe("mapping");
      expect(translateMessage("en", (refusal as InputError).message, (refusal as InputError).values)).toContain(c.message);
      expect((await importRow(db, id)).status).toBe("uploaded");
      return;
    }

    // The proposed mapping must be usable as it is.
    expect(mappingProblems(uploaded.mapping, c.kind, uploaded.headers)).toEqual([]);
    if (c.expect === "check-fails") {
      const thrown = await runImportPhase(db, id, "analyse").then(
        () => null,
        (e: unknown) => e,
      );
      expect(thrown).toBeInstanceOf(FileRefused);
      expect(translateMessage("en", (thrown as FileRefused).message, (thrown as FileRefused).values)).toContain(c.message);
      const failed = await importRow(db, id);
      expect(failed.status).toBe("uploaded");
      // Stored as a catalog key with the error's own words (issue 18), read in the reader's language.
      expect(storedText("en", failed.failure!)).toContain(c.message);
      expect(await rawColumn(db, "select count(*) from staged_suppliers where import_id = ?", id)).toEqual([0]);
      return;
    }
    const counts = await runImportPhase(db, id, "analyse");
    expect(counts).toMatchObject(c.counts);
    const analysed = await importRow(db, id);
    expect(analysed.status).toBe("analysed");
    expect(analysed.counts).toEqual(counts);

    // Stored as catalog keys and values (issue 18): compared as an English reader reads them.
    const stored = (await rawAll<StoredIssue>(db, `select row, severity, "column" as "column", value, message from import_issues where import_id = ? order by row, id`, id)).map((i) => ({ ...i, message: storedText("en", i.message) }));
    const header = stored.filter((i) => i.row === 1);
    if (c.headerIssues) {
      expect(header.map((i) => i.message)).toEqual(c.headerIssues.map((want) => expect.stringContaining(want.contains)));
      expect(header.every((i) => i.severity === "warning")).toBe(true);
    }
    const unmatched = stored.filter((i) => i.row !== 1);
    const missing = c.issues.filter((want) => {
      const i = unmatched.findIndex(
        (got) => got.row === want.row && got.column === want.column && got.message.includes(want.contains) && (!want.severity || got.severity === want.severity),
      );
      if (i === -1) return true;
      unmatched.splice(i, 1);
      return false;
    });
    expect({ missing, unexpected: unmatched }).toEqual({ missing: [], unexpected: [] });

    const staging = c.kind === "suppliers" ? "staged_suppliers" : "staged_recruiters";
    for (const { row, values } of c.staged ?? []) {
      const staged = await rawGet<Record<string, unknown>>(db, `select * from ${staging} where import_id = ? and row = ?`, id, row);
      expect(staged, `staged row ${row}`).toBeDefined();
      for (const [column, want] of Object.entries(values)) {
        const raw = staged![column];
        const got = JSON_COLUMNS.has(column) && typeof raw === "string" ? (JSON.parse(raw) as unknown) : raw;
        expect(got, `row ${row}, ${column}`).toEqual(want);
      }
    }

    if (c.errorReport) {
      const report = await new Response((await errorReport(db, admin.actor, id)).body).text();
      for (const text of c.errorReport.contains) expect(report).toContain(text);
      for (const text of c.errorReport.lacks) expect(report).not.toContain(text);
    }

    if (c.committed) {
      await runImportPhase(db, id, "commit");
      expect((await importRow(db, id)).status).toBe("imported");
      const names = await rawColumn<string>(db, `select name from ${c.kind} where org_id = ? order by id`, org.id);
      expect(names).toEqual(c.committed.names);
    }
  });
});
