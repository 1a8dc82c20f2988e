/**
 * The person's choice for each probable duplicate the check found (near-duplicates.ts): merge the
 * two rows into one record, or keep both. Works on the checked import before it is imported: a
 * merge combines the two staged rows into the first one (its values first, the other row's where
 * it has none; products and origin countries combined; indicator and identifier maps joined),
 * removes the second, and recounts what the import will do. Checking the file again starts over.
 */
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { inTransaction, rawAll, rawColumn, rawGet, rawRun, type Db, firstRow } from "#db/client";
import { importIssues, imports, type ImportCounts } from "#db/schema";
import type { Actor } from "~/auth/permissions.server";
import { recordEvent } from "../activity-log/activity-log.server";
import { InputError } from "../errors";
import { findImport } from "./imports.server";
import { decidedMessage, readNearDuplicate, type NearDuplicateState } from "./near-duplicates";
import { COLUMNS, JSON_LISTS, JSON_MAPS, rowHash } from "./prepare.server";

export interface NearDuplicatePair {
  row: number;
  of: number;
  name: string | null;
  state: NearDuplicateState;
}

/** The probable duplicates of an import, in row order, with what was decided. */
export async function nearDuplicatePairs(db: Db, actor: Actor, importId: number): Promise<NearDuplicatePair[]> {
  const imp = await findImport(db, actor, importId);
  return (await db
      .select({ row: importIssues.row, value: importIssues.value, message: importIssues.message })
      .from(importIssues)
      .where(and(eq(importIssues.importId, imp.id), eq(importIssues.severity, "warning")))
      .orderBy(importIssues.row))
    .flatMap((i) => {
      const pair = readNearDuplicate(i.message);
      return pair ? [{ row: i.row, of: pair.of, name: i.value, state: pair.state }] : [];
    });
}

const Decision = z.object({
  row: z.coerce.number({ error: "imports:duplicates.errors.row" }).int().positive("imports:duplicates.errors.row"),
  choice: z.enum(["merge", "keep"], { error: "imports:duplicates.errors.choice" }),
});

/** Items of both lists, the first's first, each once (case and spacing do not make a new product). */
function combineLists(a: unknown, b: unknown): string | null {
  const items: string[] = [];
  const seen = new Set<string>();
  for (const text of [a, b]) {
    if (typeof text !== "string") continue;
    for (const item of JSON.parse(text) as string[]) {
      const key = item.trim().toLowerCase().replace(/\s+/g, " ");
      if (!seen.has(key)) {
        seen.add(key);
        items.push(item);
      }
    }
  }
  return a === null && b === null ? null : JSON.stringify(items);
}

function combineMaps(a: unknown, b: unknown): string | null {
  if (typeof a !== "string" && typeof b !== "string") return null;
  return JSON.stringify({ ...(typeof b === "string" ? (JSON.parse(b) as object) : {}), ...(typeof a === "string" ? (JSON.parse(a) as object) : {}) });
}

type Staged = Record<string, unknown> & { row: number; external_id: string; target_id: number | null; row_hash: string };

/** Records the choice for the probable duplicate on `row`; a merge changes what the import will do. */
export async function decideNearDuplicate(db: Db, actor: Actor, importId: number, input: Record<string, unknown>): Promise<void> {
  const imp = await findImport(db, actor, importId, "suppliers.edit");
  const parsed = Decision.safeParse(input);
  if (!parsed.success) throw new InputError("form", parsed.error.issues[0]!.message);
  const { row, choice } = parsed.data;
  if (imp.status !== "analysed") throw new InputError("form", "imports:duplicates.errors.notChecked");
  // The choice and who made it are recorded together: a merge changes what the import will write.
  await inTransaction(db, async () => {
        await applyChoice(db, imp.id, row, choice, "analysed");
        await recordEvent(db, { action: "import.duplicate_decided", actorUserId: actor.user.id, orgId: imp.orgId, targetType: "import", targetId: imp.id, details: { row, choice } });
      });
}

type Choice = { row: number; choice: "merge" | "keep" };

/**
 * The choices made on an import's probable duplicates. The import checks the file again before
 * committing when another import of the same list was committed meanwhile (run.server.ts); that
 * check starts from scratch, so the choices must be read before it and applied again after it
 * (`reapplyNearDuplicateChoices`), or a merge the person chose is silently undone.
 */
export async function nearDuplicateChoices(db: Db, importId: number): Promise<Choice[]> {
  return (await db
      .select({ row: importIssues.row, message: importIssues.message })
      .from(importIssues)
      .where(and(eq(importIssues.importId, importId), eq(importIssues.severity, "warning"))))
    .flatMap((i): Choice[] => {
      const state = readNearDuplicate(i.message)?.state;
      return state === "merged" ? [{ row: i.row, choice: "merge" }] : state === "kept" ? [{ row: i.row, choice: "keep" }] : [];
    });
}

/** Applies choices read by `nearDuplicateChoices` to the import's new check (inside the import job: no actor). */
export async function reapplyNearDuplicateChoices(db: Db, importId: number, choices: Choice[]): Promise<void> {
  for (const { row, choice } of choices) {
    try {
      await applyChoice(db, importId, row, choice, null);
    } catch (error) {
      // The same file gives the same pairs; a pair that is gone has nothing left to decide.
      if (!(error instanceof InputError)) throw error;
    }
  }
}

async function applyChoice(db: Db, importId: number, row: number, choice: "merge" | "keep", status: "analysed" | null): Promise<void> {
  const imp = firstRow(await db.select().from(imports).where(eq(imports.id, importId)));
  if (!imp) throw new Error(`import ${importId} does not exist`);
  const issue = (await db
      .select()
      .from(importIssues)
      .where(and(eq(importIssues.importId, imp.id), eq(importIssues.row, row), eq(importIssues.severity, "warning"))))
    .map((i) => ({ ...i, pair: readNearDuplicate(i.message) }))
    .find((i) => i.pair);
  if (!issue?.pair) throw new InputError("form", "imports:duplicates.errors.notDuplicate", { row });
  const { of, state } = issue.pair;
  if (state === "merged") throw new InputError("form", "imports:duplicates.errors.alreadyMerged", { row, of });

  if (choice === "keep") {
    await db.update(importIssues).set({ message: decidedMessage(issue.message, "kept", of) }).where(eq(importIssues.id, issue.id));
    return;
  }

  const staging = imp.kind === "suppliers" ? "staged_suppliers" : "staged_recruiters";
  const cols = COLUMNS[imp.kind].map(([, c]) => c);
  await inTransaction(db, async () => {
        // Checked again inside the transaction: an import confirmed meanwhile is not changed under it.
        if (status && firstRow(await db.select({ status: imports.status }).from(imports).where(eq(imports.id, imp.id)))?.status !== status) {
          throw new InputError("form", "imports:duplicates.errors.importing");
        }
        const read = (r: number) => rawGet<Staged>(db, `select * from ${staging} where import_id = ? and row = ?`, imp.id, r);
        const first = await read(of);
        const second = await read(row);
        if (!first || !second) throw new InputError("form", "imports:duplicates.errors.mergedAway", { row: first ? row : of });
        const values = cols.map((c) =>
          JSON_LISTS.has(c) ? combineLists(first[c], second[c]) : JSON_MAPS.has(c) ? combineMaps(first[c], second[c]) : (first[c] ?? second[c] ?? null),
        );
        // Like the analysis's merge of rows with the same id: the hash covers both rows, so that the
        // same file merged the same way again is "unchanged".
        const hash = rowHash([first.row_hash, ...(cols.map((c) => second[c] ?? null) as (string | number | null)[])]);
        const targetHash = first.target_id === null ? null : ((await rawColumn<string | null>(db, `select row_hash from ${imp.kind} where id = ?`, first.target_id))[0] ?? null);
        const verdict = first.target_id === null ? "new" : targetHash === hash ? "unchanged" : "updated";
        await rawRun(db, `update ${staging} set ${cols.map((c) => `${c} = ?`).join(", ")}, row_hash = ?, verdict = ? where import_id = ? and row = ?`, ...values, hash, verdict, imp.id, of);
        await rawRun(db, `delete from ${staging} where import_id = ? and row = ?`, imp.id, row);
        // What pointed at the second row's id now points at the merged record.
        await rawRun(db, `update staged_links set external_id = ? where import_id = ? and external_id = ?`, first.external_id, imp.id, second.external_id);
        if (imp.kind === "suppliers") {
          await rawRun(db, `update staged_suppliers set parent_external_id = ? where import_id = ? and parent_external_id = ?`, first.external_id, imp.id, second.external_id);
        }
        await db.update(importIssues).set({ message: decidedMessage(issue.message, "merged", of) }).where(eq(importIssues.id, issue.id));
        const counts: ImportCounts = { ...(imp.counts ?? { rows: 0, valid: 0, invalid: 0, new: 0, updated: 0, unchanged: 0, duplicates: 0, warnings: 0 }), new: 0, updated: 0, unchanged: 0 };
        counts.duplicates++;
        for (const { verdict: v, n } of await rawAll<{ verdict: "new" | "updated" | "unchanged"; n: number }>(db, `select verdict, count(*) as n from ${staging} where import_id = ? group by verdict`, imp.id)) {
          counts[v] = n;
        }
        await db.update(imports).set({ counts }).where(eq(imports.id, imp.id));
      });
}
