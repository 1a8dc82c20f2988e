/**
 * New reference editions, uploaded by the platform administrator: checked, stored as pending,
 * compared row by row with the active edition, and activated (which rescores everything) or
 * discarded. An edition is never edited or deleted: old scores keep citing the one they used.
 */
import { createHash } from "node:crypto";
import { readFileSync, rmSync } from "node:fs";
import { and, desc, eq } from "drizzle-orm";
import { inTransaction, type Db, firstRow } from "#db/client";
import { REFERENCE_KINDS, referenceSources, users, type ReferenceKind } from "#db/schema";
import { authorize, type Actor } from "~/auth/permissions.server";
import { recordEvent } from "../activity-log/activity-log.server";
import { Invalid, NotFound } from "../errors";
import { createDecoder, detectEncoding, FileRefused } from "../import/encoding.server";
import { previewRescore, startRescore } from "../risk/rescore.server";
import { startPlatformMatching } from "../watchlists/match-runs.server";
import { loadReferenceData } from "./reference-data.server";
import { KIND_SPECS } from "./reference-kinds";
import { parseReferenceCsv, referenceRowsOf, storeReference } from "./sources.server";

export const REFERENCE_MAX_BYTES = 10 * 1024 * 1024;

export async function listReferenceSources(db: Db, actor: Actor) {
  authorize(actor, "reference.manage");
  return await db
      .select({
        id: referenceSources.id,
        kind: referenceSources.kind,
        name: referenceSources.name,
        edition: referenceSources.edition,
        status: referenceSources.status,
        rowCount: referenceSources.rowCount,
        citation: referenceSources.citation,
        fileName: referenceSources.fileName,
        createdAt: referenceSources.createdAt,
        activatedAt: referenceSources.activatedAt,
        loadedBy: users.name,
      })
      .from(referenceSources)
      .leftJoin(users, eq(users.id, referenceSources.loadedBy))
      .orderBy(referenceSources.kind, desc(referenceSources.id));
}

export async function findReferenceSource(db: Db, actor: Actor, id: number) {
  authorize(actor, "reference.manage");
  const source = firstRow(await db.select().from(referenceSources).where(eq(referenceSources.id, id)));
  if (!source) throw new NotFound();
  return source;
}

/** Checks an uploaded table and stores it as a pending edition; the file itself is not kept. */
export async function stageReferenceUpload(db: Db, actor: Actor, input: { kind: string; name: string; edition: string; filePath: string; fileName: string; ip?: string | null }): Promise<number> {
  authorize(actor, "reference.manage");
  try {
    if (!REFERENCE_KINDS.includes(input.kind as ReferenceKind)) throw new Invalid("kind", "admin:reference.errors.kind");
    const kind = input.kind as ReferenceKind;
    const name = input.name.trim();
    const edition = input.edition.trim();
    if (!name || name.length > 120) throw new Invalid("name", "admin:reference.errors.name", { max: 120 });
    if (!edition || edition.length > 40) throw new Invalid("edition", "admin:reference.errors.edition", { max: 40 });
    const bytes = readFileSync(input.filePath);
    if (bytes.length === 0) throw new Invalid("file", "admin:reference.errors.empty");
    let text: string;
    try {
      const detected = detectEncoding(bytes.subarray(0, 64 * 1024));
      const decoder = createDecoder(detected.encoding);
      text = decoder.write(bytes.subarray(detected.bom)) + decoder.end();
    } catch (error) {
      if (error instanceof FileRefused) throw new Invalid("file", error.message, error.values);
      throw error;
    }
    const parsed = parseReferenceCsv(kind, text);
    const id = await storeReference(db, { kind, name, edition, fileName: input.fileName, fileSha256: createHash("sha256").update(bytes).digest("hex"), status: "pending", loadedBy: actor.user.id }, parsed);
    await recordEvent(db, { action: "reference.uploaded", actorUserId: actor.user.id, targetType: "reference_source", targetId: id, ip: input.ip, details: { kind, name, edition, rows: parsed.rows.length } });
    return id;
  } finally {
    rmSync(input.filePath, { force: true });
  }
}

export interface ReferenceDiff {
  against: { id: number; edition: string } | null;
  added: { key: string; data: Record<string, string> }[];
  removed: { key: string; data: Record<string, string> }[];
  changed: { key: string; columns: { column: string; before: string; after: string }[] }[];
}

/** Row-by-row comparison of an edition with the active edition of the same table. */
export async function diffReference(db: Db, actor: Actor, id: number): Promise<ReferenceDiff> {
  const source = await findReferenceSource(db, actor, id);
  const active = firstRow(await db
      .select({ id: referenceSources.id, edition: referenceSources.edition })
      .from(referenceSources)
      .where(and(eq(referenceSources.kind, source.kind), eq(referenceSources.name, source.name), eq(referenceSources.status, "active"))));
  const next = await referenceRowsOf(db, id);
  const before = active && active.id !== id ? await referenceRowsOf(db, active.id) : new Map<string, Record<string, string>>();
  const diff: ReferenceDiff = { against: active && active.id !== id ? active : null, added: [], removed: [], changed: [] };
  for (const [key, data] of next) {
    const old = before.get(key);
    if (!old) diff.added.push({ key, data });
    else {
      const columns = [...new Set([...Object.keys(old), ...Object.keys(data)])].filter((c) => (old[c] ?? "") !== (data[c] ?? "")).map((c) => ({ column: c, before: old[c] ?? "", after: data[c] ?? "" }));
      if (columns.length) diff.changed.push({ key, columns });
    }
  }
  for (const [key, data] of before) if (!next.has(key)) diff.removed.push({ key, data });
  return diff;
}

/** What activating the edition would do to current supplier scores (aggregated only). */
export async function referenceImpact(db: Db, actor: Actor, id: number) {
  await findReferenceSource(db, actor, id);
  return await previewRescore(db, await loadReferenceData(db, { replace: id }));
}

const NOT_PENDING = {
  activate: { active: "admin:reference.errors.cannotActivate.active", superseded: "admin:reference.errors.cannotActivate.superseded", discarded: "admin:reference.errors.cannotActivate.discarded" },
  discard: { active: "admin:reference.errors.cannotDiscard.active", superseded: "admin:reference.errors.cannotDiscard.superseded", discarded: "admin:reference.errors.cannotDiscard.discarded" },
} as const;

/** Only a pending edition can be activated or discarded: what the others are, said. */
const notPending = (status: string, what: "activate" | "discard") => new Invalid("status", NOT_PENDING[what][status as keyof (typeof NOT_PENDING)["activate"]] ?? NOT_PENDING[what].superseded);

/** What activating would do, for the confirmation; refuses an edition that could not be activated. Changes nothing. */
export async function referenceActivationPreview(db: Db, actor: Actor, id: number) {
  const source = await findReferenceSource(db, actor, id);
  if (source.status !== "pending") throw notPending(source.status, "activate");
  return { name: source.name, edition: source.edition, watchlist: source.kind === "watchlist", ...(await referenceImpact(db, actor, id)) };
}

/** Makes a pending edition the active one of its table, then rescores everything. */
export async function activateReference(db: Db, actor: Actor, id: number, ip?: string | null): Promise<number> {
  const source = await findReferenceSource(db, actor, id);
  if (source.status !== "pending") throw notPending(source.status, "activate");
  await inTransaction(db, async () => {
        await db.update(referenceSources).set({ status: "superseded" }).where(and(eq(referenceSources.kind, source.kind), eq(referenceSources.name, source.name), eq(referenceSources.status, "active")));
        await db.update(referenceSources).set({ status: "active", activatedAt: new Date() }).where(eq(referenceSources.id, id));
        await recordEvent(db, { action: "reference.activated", actorUserId: actor.user.id, targetType: "reference_source", targetId: id, ip, details: { kind: source.kind, name: source.name, edition: source.edition } });
      });
  // A new watchlist edition is matched against every company's names (candidates for review), in a worker.
  if (source.kind === "watchlist") await startPlatformMatching(db, actor.user.name);
  return await startRescore(db, { cause: { key: "risk:cause.referenceEdition", values: { source: source.name, edition: source.edition } }, userId: actor.user.id });
}

export async function discardReference(db: Db, actor: Actor, id: number, ip?: string | null): Promise<void> {
  const source = await findReferenceSource(db, actor, id);
  if (source.status !== "pending") throw notPending(source.status, "discard");
  await db.update(referenceSources).set({ status: "discarded" }).where(eq(referenceSources.id, id));
  await recordEvent(db, { action: "reference.discarded", actorUserId: actor.user.id, targetType: "reference_source", targetId: id, ip, details: { kind: source.kind, name: source.name, edition: source.edition } });
}

export const KIND_LABELS: Record<ReferenceKind, string> = Object.fromEntries(REFERENCE_KINDS.map((k) => [k, KIND_SPECS[k].label])) as Record<ReferenceKind, string>;
