/**
 * One supplier or recruiter created or changed outside a list (issue 22: the API's POST and PATCH;
 * decision 037). The record is checked by the import's own row preparation (`rowPreparer`): the
 * same field types, countries, shares, lengths and messages as a row of a CSV, the same name key,
 * derived id and row hash, so that a later import of the same record finds it "unchanged" and a
 * record without an id of the company's is recognised by name and country as an import would.
 *
 * Where one record differs from a list:
 * - an existing record is never overwritten by a create: its id (or, without one, its name, country
 *   and address) answers a conflict naming the record to change instead;
 * - a change says what it means field by field: an absent field stays as it is, `null` clears it
 *   (JSON merge patch, RFC 7396), unlike a list's empty cell, which never erases what is known.
 *   The name and the company's id cannot be cleared; links to recruiters (or suppliers) are only
 *   added, as by a list: a recruiter that serves a supplier is not unlinked by a system's write;
 * - the activity log says who created or changed which fields (before and after), and the record
 *   is compared with the watchlists and scored at once (only it, and the records its score moves).
 */
import { and, eq, inArray, type SQL } from "drizzle-orm";
import { engineError, firstRow, inTransaction, onlyRow, type Db } from "#db/client";
import { recruiters, supplierRecruiters, suppliers, type ImportKind } from "#db/schema";
import { authorize, type Actor } from "~/auth/permissions.server";
import { recordEvent } from "../activity-log/activity-log.server";
import { Conflict, Invalid, NotFound } from "../errors";
import { normaliseAddress } from "../import/dedupe";
import { fieldsFor } from "../import/fields";
import { storedMessage } from "../import/messages";
import { COLUMNS, JSON_LISTS, JSON_MAPS, rowHash, rowPreparer, type PreparedRow } from "../import/prepare.server";
import { recogniser } from "../import/process.server";
import type { RowIssue } from "../import/rows";
import { storedText } from "../import/stored-text.server";
import { scoreOrganisation } from "../risk/scoring.server";
import { matchOrganisation } from "../watchlists/watchlists.server";

/** A field's value as JSON gives it (the API's row shape, operations.suppliers.ts). */
export type Cell = string | number | boolean | string[] | null | undefined;
export type RecordFields = Record<string, Cell>;

/** A remark on a record that was written anyway (a product the method does not know, a link to nothing). */
export interface RecordWarning {
  field: string | null;
  message: string;
}

export interface RecordWrite {
  id: number;
  /** The fields whose value changed (all given ones on a create). */
  changed: string[];
  warnings: RecordWarning[];
}

interface WriteOptions {
  ip?: string | null;
  /** Who wrote it, as the activity log and the score's sources say (the API token's name). */
  via: string;
  now?: Date;
}

/** A JSON value as the CSV cell the import reads it from: lists joined by ";", yes/no, empty for null. */
export function cellOf(value: Cell): string {
  if (value === null || value === undefined) return "";
  if (Array.isArray(value)) return value.join(";");
  if (typeof value === "boolean") return value ? "yes" : "no";
  return String(value);
}

const tableOf = (kind: ImportKind) => (kind === "suppliers" ? suppliers : recruiters);
const singular = (kind: ImportKind) => (kind === "suppliers" ? "supplier" : "recruiter");
/** Said in English: the API's language (decision 037), as the bulk import's issues. */
const english = (issue: RowIssue): RecordWarning => ({ field: issue.column, message: storedText("en", issue.message) });

/**
 * The given fields through the import's row preparation: the row, or every refused field at once
 * (a 400 naming each). `headers` are the template's keys, in its order, of the fields given.
 */
async function prepare(db: Db, kind: ImportKind, fields: RecordFields): Promise<{ row: PreparedRow; headers: string[]; warnings: RecordWarning[] }> {
  const headers = fieldsFor(kind)
    .map((f) => f.key)
    .filter((key) => fields[key] !== undefined && fields[key] !== null);
  const issues: RowIssue[] = [];
  const { prepare: prepareOne } = rowPreparer({ kind, headers, mapping: headers, recognise: kind === "suppliers" ? await recogniser(db) : undefined });
  const row = prepareOne(
    headers.map((key) => cellOf(fields[key])),
    1,
    issues,
  );
  const refused = issues.filter((i) => i.severity === "error").map((i) => new Invalid(i.column ?? "body", storedText("en", i.message)));
  const all = Invalid.all(refused);
  if (all || !row) throw all ?? new Invalid("body", "api:invalid.unknownField");
  return { row, headers, warnings: issues.map(english) };
}

/** The prepared row's values by field key, typed as the table stores them (lists and maps parsed, yes/no a boolean). */
function typedValues(kind: ImportKind, values: PreparedRow["values"]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  COLUMNS[kind].forEach(([field, column], i) => {
    const v = values[i];
    out[field] = v === null || v === undefined ? null : JSON_LISTS.has(column) || JSON_MAPS.has(column) ? JSON.parse(String(v)) : column === "fees_charged_to_workers" ? v === 1 : v;
  });
  return out;
}

/** A stored record as the import's row (the inverse of typedValues): what its hash is taken over. */
function rowValues(kind: ImportKind, record: Record<string, unknown>): PreparedRow["values"] {
  return COLUMNS[kind].map(([field, column]) => {
    const v = record[field];
    if (v === null || v === undefined) return null;
    if (JSON_LISTS.has(column) || JSON_MAPS.has(column)) return Object.keys(v as object).length === 0 ? null : JSON.stringify(v);
    if (typeof v === "boolean") return v ? 1 : 0;
    return v as string | number;
  });
}

/** A NOT NULL column's value for "nothing known": an empty list or map, an unknown licence. */
function orEmpty(field: string, value: unknown): unknown {
  if (value !== null) return value;
  if (field === "products" || field === "originCountries") return [];
  if (field === "identifiers" || field === "indicators") return {};
  if (field === "licenceStatus") return "unknown";
  return null;
}

function isUniqueViolation(error: unknown): boolean {
  const code = (engineError(error) as { code?: unknown } | null)?.code;
  return code === "SQLITE_CONSTRAINT_UNIQUE" || code === "23505";
}

/** The record of the organisation with this id of the company's, if any. */
async function byExternalId(db: Db, kind: ImportKind, orgId: number, externalId: string): Promise<number | null> {
  const table = tableOf(kind);
  return firstRow(await db.select({ id: table.id }).from(table).where(and(eq(table.orgId, orgId), eq(table.externalId, externalId))).limit(1))?.id ?? null;
}

/**
 * The recruiters (for a supplier) or suppliers (for a recruiter) the record names by the company's
 * ids, and a warning for each that is not on the platform, as an import says it.
 */
async function linkTargets(db: Db, kind: ImportKind, orgId: number, refs: readonly string[]): Promise<{ ids: number[]; warnings: RecordWarning[] }> {
  if (refs.length === 0) return { ids: [], warnings: [] };
  const other = kind === "suppliers" ? recruiters : suppliers;
  const found = await db.select({ id: other.id, externalId: other.externalId }).from(other).where(and(eq(other.orgId, orgId), inArray(other.externalId, [...refs])));
  const missing = refs.filter((ref) => !found.some((f) => f.externalId === ref));
  const warnings = missing.map((ref) => english({ row: 1, severity: "warning", column: "links", value: ref, message: storedMessage(`imports:problem.linkMissing.${kind}`, { ref }) }));
  return { ids: found.map((f) => f.id), warnings };
}

async function writeLinks(db: Db, kind: ImportKind, id: number, others: readonly number[]): Promise<void> {
  for (const other of others) {
    const [supplierId, recruiterId] = kind === "suppliers" ? [id, other] : [other, id];
    await db.insert(supplierRecruiters).values({ supplierId, recruiterId, originCountry: "" }).onConflictDoNothing();
  }
}

/**
 * A supplier's parent by the company's id, and its children that name it: the links an import's
 * commit resolves for the whole list, here for the one record. A parent not on the platform is said.
 */
async function resolveParent(db: Db, orgId: number, id: number, externalId: string, parent: string | null): Promise<RecordWarning[]> {
  const parentId = parent === null ? null : await byExternalId(db, "suppliers", orgId, parent);
  await db.update(suppliers).set({ parentId }).where(eq(suppliers.id, id));
  await db.update(suppliers).set({ parentId: id }).where(and(eq(suppliers.orgId, orgId), eq(suppliers.parentExternalId, externalId)));
  if (parent === null || parentId !== null) return [];
  return [english({ row: 1, severity: "warning", column: "parentExternalId", value: parent, message: storedMessage("imports:problem.parentMissing", { ref: parent }) })];
}

/**
 * Who said each indicator: one given over the API keeps who sent it (as a person's recording on the
 * indicators page does, and unlike a list's, which the import attributes to the list); one cleared
 * loses its source with its value; the others keep theirs.
 */
function indicatorSourcesAfter(current: unknown, fields: RecordFields, indicators: unknown, actor: Actor, via: string, now: Date): Record<string, { source: string; date: string }> {
  const date = now.toISOString().slice(0, 10);
  const sources = { ...((current ?? {}) as Record<string, { source: string; date: string }>) };
  for (const [key, value] of Object.entries(fields)) {
    if (!key.startsWith("indicator:") || value === undefined) continue;
    const code = key.slice("indicator:".length);
    if (value === null) delete sources[code];
    else sources[code] = { source: `sent by ${actor.user.name} through the API (${via})`, date };
  }
  const known = (indicators ?? {}) as Record<string, unknown>;
  for (const code of Object.keys(sources)) if (!(code in known)) delete sources[code];
  return sources;
}

/** The records already linked to this one (recruiters of a supplier, suppliers of a recruiter). */
async function linkedIds(db: Db, kind: ImportKind, id: number): Promise<Set<number>> {
  const [own, other] = kind === "suppliers" ? [supplierRecruiters.supplierId, supplierRecruiters.recruiterId] : [supplierRecruiters.recruiterId, supplierRecruiters.supplierId];
  return new Set((await db.select({ id: other }).from(supplierRecruiters).where(eq(own, id))).map((r) => r.id));
}

/** After a write: the record's name against the watchlists, then its score and the scores it moves. */
async function afterWrite(db: Db, kind: ImportKind, orgId: number, id: number, linked: readonly number[], cause: string, nameChanged: boolean): Promise<void> {
  if (nameChanged) await matchOrganisation(db, orgId, { only: { type: singular(kind), id } });
  if (kind === "suppliers") await scoreOrganisation(db, orgId, { supplierIds: [id], cause });
  else {
    // A recruiter's facts (fees, licence) count in the scores of the suppliers it serves.
    const served = (await db.select({ id: supplierRecruiters.supplierId }).from(supplierRecruiters).where(eq(supplierRecruiters.recruiterId, id))).map((r) => r.id);
    await scoreOrganisation(db, orgId, { supplierIds: [...new Set([...served, ...linked])], recruiterIds: [id], cause });
  }
}

export async function createRecord(db: Db, actor: Actor, orgId: number, kind: ImportKind, fields: RecordFields, options: WriteOptions): Promise<RecordWrite> {
  authorize(actor, "suppliers.edit", { orgId });
  const now = options.now ?? new Date();
  const { row, headers, warnings } = await prepare(db, kind, fields);
  const table = tableOf(kind);
  if (!row.given) {
    // No id of the company's: the same name in the same country (and address, when both have one)
    // is the record an import would update.
    const same =
      kind === "suppliers"
        ? (await db.select({ id: suppliers.id, address: suppliers.address }).from(suppliers).where(and(eq(suppliers.orgId, orgId), eq(suppliers.nameKey, row.key))).limit(5)).find(
            (c) => !row.address || !c.address || normaliseAddress(c.address) === row.address,
          )
        : firstRow(await db.select({ id: recruiters.id }).from(recruiters).where(and(eq(recruiters.orgId, orgId), eq(recruiters.nameKey, row.key))).limit(1));
    // Its derived id (made of the name key and address) taken is the same record too.
    const sameId = same?.id ?? (await byExternalId(db, kind, orgId, row.externalId));
    if (sameId !== null) throw new Conflict("name", `imports:record.sameName.${kind}`, { id: sameId });
  } else {
    const taken = await byExternalId(db, kind, orgId, row.externalId);
    if (taken !== null) throw new Conflict("externalId", `imports:record.taken.${kind}`, { externalId: row.externalId, id: taken });
  }
  const links = await linkTargets(db, kind, orgId, row.links ?? []);
  const values = typedValues(kind, row.values);
  const record = Object.fromEntries(Object.entries(values).map(([field, v]) => [field, orEmpty(field, v)]));
  let id: number;
  let parentWarnings: RecordWarning[] = [];
  try {
    id = await inTransaction(db, async () => {
      const inserted = onlyRow(
        await db
          .insert(table)
          .values({
            ...(record as object),
            ...(kind === "suppliers" ? { indicatorSources: indicatorSourcesAfter({}, fields, values.indicators, actor, options.via, now) } : {}),
            orgId,
            externalId: row.externalId,
            nameKey: row.key,
            rowHash: row.hash,
            createdAt: now,
            updatedAt: now,
          } as typeof suppliers.$inferInsert & typeof recruiters.$inferInsert)
          .returning({ id: table.id }),
      ).id;
      await writeLinks(db, kind, inserted, links.ids);
      if (kind === "suppliers") parentWarnings = await resolveParent(db, orgId, inserted, row.externalId, row.parent);
      await recordEvent(
        db,
        { action: `${singular(kind)}.created`, actorUserId: actor.user.id, orgId, targetType: singular(kind), targetId: inserted, ip: options.ip ?? null, details: { name: String(values.name), externalId: row.externalId, fields: headers, via: options.via } },
        now.getTime(),
      );
      return inserted;
    });
  } catch (error) {
    // Another request created the same id between the check and the insert.
    if (isUniqueViolation(error)) throw new Conflict("externalId", `imports:record.taken.${kind}`, { externalId: row.externalId, id: (await byExternalId(db, kind, orgId, row.externalId)) ?? 0 });
    throw error;
  }
  await afterWrite(db, kind, orgId, id, links.ids, `${singular(kind)} created through the API (${options.via})`, true);
  return { id, changed: headers, warnings: [...warnings, ...links.warnings, ...parentWarnings] };
}

/** Fields that cannot be cleared, and why (a catalog key of the API's field messages). */
const NOT_CLEARABLE: Record<string, string> = {
  name: "api:invalid.required",
  externalId: "api:invalid.required",
  city: "api:invalid.addressPart",
  postcode: "api:invalid.addressPart",
  links: "api:invalid.linksAdded",
};

export async function updateRecord(db: Db, actor: Actor, orgId: number, kind: ImportKind, id: number, patch: RecordFields, options: WriteOptions): Promise<RecordWrite> {
  authorize(actor, "suppliers.edit", { orgId });
  const now = options.now ?? new Date();
  const table = tableOf(kind);
  const current = firstRow(await db.select().from(table).where(and(eq(table.id, id), eq(table.orgId, orgId)) as SQL)) as (Record<string, unknown> & { name: string; country: string | null; externalId: string }) | undefined;
  if (!current) throw new NotFound();
  if (kind === "suppliers" && current.mergedIntoId) throw new Conflict("form", "imports:record.merged", { id: Number(current.mergedIntoId) });
  // An empty or blank text is no value: as null (a list's empty cell reads the same).
  const cleared = Object.keys(patch).filter((key) => patch[key] === null || (typeof patch[key] === "string" && patch[key].trim() === ""));
  const unclearable = Invalid.all(cleared.filter((key) => NOT_CLEARABLE[key]).map((key) => new Invalid(key, NOT_CLEARABLE[key]!)));
  if (unclearable) throw unclearable;
  // The name and country make the record's name key: the current ones stand in for those not given.
  const given: RecordFields = { ...patch, name: patch.name ?? current.name, country: patch.country === undefined ? current.country : patch.country };
  const { row, warnings } = await prepare(db, kind, given);
  const prepared = typedValues(kind, row.values);
  const next: Record<string, unknown> = {};
  for (const [field] of COLUMNS[kind]) {
    const fromPatch = field === "address" ? ["address", "city", "postcode"].some((k) => patch[k] !== undefined) : patch[field] !== undefined;
    next[field] = fromPatch ? prepared[field] : current[field];
  }
  if (kind === "suppliers") {
    // Indicators and identifiers are maps: the ones given are set, `null` forgets one (unknown again).
    for (const [map, prefix] of [["indicators", "indicator:"], ["identifiers", "identifier:"]] as const) {
      const merged: Record<string, unknown> = { ...((current[map] as Record<string, unknown>) ?? {}) };
      for (const [key, value] of Object.entries(patch)) {
        if (!key.startsWith(prefix) || value === undefined) continue;
        if (value === null) delete merged[key.slice(prefix.length)];
        else merged[key.slice(prefix.length)] = ((prepared[map] as Record<string, unknown> | null) ?? {})[key.slice(prefix.length)];
      }
      next[map] = merged;
    }
  }
  const externalId = patch.externalId === undefined ? current.externalId : row.externalId;
  const changed: Record<string, { before: unknown; after: unknown }> = {};
  for (const [field] of COLUMNS[kind]) {
    const before = orEmpty(field, current[field] ?? null);
    const after = orEmpty(field, next[field] ?? null);
    if (JSON.stringify(before) !== JSON.stringify(after)) changed[field] = { before, after };
  }
  if (externalId !== current.externalId) changed.externalId = { before: current.externalId, after: externalId };
  const links = await linkTargets(db, kind, orgId, row.links ?? []);
  const linked = await linkedIds(db, kind, id);
  const newLinks = links.ids.filter((other) => !linked.has(other));
  if (Object.keys(changed).length === 0 && newLinks.length === 0) return { id, changed: [], warnings: [...warnings, ...links.warnings] };
  if (externalId !== current.externalId) {
    const taken = await byExternalId(db, kind, orgId, externalId);
    if (taken !== null) throw new Conflict("externalId", `imports:record.taken.${kind}`, { externalId, id: taken });
  }
  let parentWarnings: RecordWarning[] = [];
  try {
    await inTransaction(db, async () => {
      const sources = kind === "suppliers" ? indicatorSourcesAfter(current.indicatorSources, patch, next.indicators, actor, options.via, now) : undefined;
      await db
        .update(table)
        .set({
          ...(Object.fromEntries(Object.keys(changed).filter((f) => f !== "externalId").map((f) => [f, orEmpty(f, next[f] ?? null)])) as object),
          ...(sources ? { indicatorSources: sources } : {}),
          externalId,
          nameKey: row.key,
          // The record as a list with every column would give it: the same list again is "unchanged".
          rowHash: rowHash(rowValues(kind, next)),
          updatedAt: now,
        } as Partial<typeof suppliers.$inferInsert & typeof recruiters.$inferInsert>)
        .where(eq(table.id, id));
      await writeLinks(db, kind, id, newLinks);
      if (kind === "suppliers" && ("parentExternalId" in changed || "externalId" in changed)) parentWarnings = await resolveParent(db, orgId, id, externalId, (next.parentExternalId as string | null) ?? null);
      await recordEvent(
        db,
        { action: `${singular(kind)}.updated`, actorUserId: actor.user.id, orgId, targetType: singular(kind), targetId: id, ip: options.ip ?? null, details: { name: String(next.name), changed, ...(newLinks.length ? { linked: newLinks } : {}), via: options.via } },
        now.getTime(),
      );
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new Conflict("externalId", `imports:record.taken.${kind}`, { externalId, id: (await byExternalId(db, kind, orgId, externalId)) ?? 0 });
    throw error;
  }
  await afterWrite(db, kind, orgId, id, newLinks, `${singular(kind)} changed through the API (${options.via})`, "name" in changed || "country" in changed);
  return { id, changed: Object.keys(changed), warnings: [...warnings, ...links.warnings, ...parentWarnings] };
}
