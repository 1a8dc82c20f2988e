/**
 * The stored methodology versions. Version 1.0 ships as data (fixtures/methodology/v1.json) and
 * is written to the database on first start; later versions are new rows, never edits, so that
 * every stored score can name the exact method that produced it.
 */
import { desc, eq } from "drizzle-orm";
import { inTransaction, type Db, firstRow, onlyRow } from "#db/client";
import { methodologies } from "#db/schema";
import { authorize, type Actor } from "~/auth/permissions.server";
import { recordEvent } from "../activity-log/activity-log.server";
import { InputError, Invalid, NotFound } from "../errors";
import { startRescore } from "./rescore-queue.server";
import { expandFactors } from "./stored-factors";
import type { Factor } from "./types";
import { loadMethodologyFile, SHIPPED_METHODOLOGY_FILES } from "./default-methodology.server";
import { parseMethodology, type Methodology } from "./methodology";
import { invalidMethodMessage, type DraftMessage } from "./methodology-draft";

export interface ActiveMethodology {
  id: number;
  version: string;
  methodology: Methodology;
}

/**
 * A new database gets every shipped version, the newest active and the older ones retired (so that
 * their scores can be recomputed). A database that already has versions is left alone: a newer
 * shipped version is added as a draft, which the platform administrator activates (and rescores).
 */
export async function ensureDefaultMethodology(db: Db): Promise<void> {
  const fresh = !firstRow(await db.select({ id: methodologies.id }).from(methodologies).limit(1));
  const shipped = SHIPPED_METHODOLOGY_FILES.map(loadMethodologyFile);
  await inTransaction(db, async () => {
    for (const [i, methodology] of shipped.entries()) {
      if (firstRow(await db.select({ id: methodologies.id }).from(methodologies).where(eq(methodologies.version, methodology.version)))) continue;
      const last = i === shipped.length - 1;
      const status = fresh ? (last ? "active" : "retired") : "draft";
      await db
        .insert(methodologies)
        .values({ version: methodology.version, name: methodology.name, definition: methodology as unknown as Record<string, unknown>, status, activatedAt: fresh && last ? new Date() : null });
    }
  });
}

/**
 * A pasted definition the schema refused. Its message is a catalog key; the schema's issues
 * (`message.issues`) are data that the page lists in the reader's language (methodology-text.ts).
 */
export class DefinitionInvalid extends Invalid {
  override name = "DefinitionInvalid";
  constructor(readonly draft: DraftMessage) {
    super("definition", draft.key, draft.values);
  }
}

let cached: ActiveMethodology | null = null;

/** The active method, parsed once per version (a methodology row never changes). */
export async function activeMethodology(db: Db): Promise<ActiveMethodology> {
  const row = firstRow(await db.select({ id: methodologies.id }).from(methodologies).where(eq(methodologies.status, "active")));
  if (!row) throw new Error("No active risk methodology: the database was not prepared (run `npm run db:migrate`).");
  if (cached?.id === row.id) return cached;
  const full = firstRow(await db.select().from(methodologies).where(eq(methodologies.id, row.id)))!;
  cached = { id: full.id, version: full.version, methodology: parseMethodology(full.definition) };
  return cached;
}

export async function listMethodologies(db: Db, actor: Actor) {
  authorize(actor, "methodology.view");
  return await db
      .select({ id: methodologies.id, version: methodologies.version, name: methodologies.name, status: methodologies.status, createdAt: methodologies.createdAt, activatedAt: methodologies.activatedAt })
      .from(methodologies)
      .orderBy(desc(methodologies.id));
}

/** Stores a new version as a draft after checking it; the text is JSON as in fixtures/methodology. */
export async function addMethodologyVersion(db: Db, actor: Actor, json: string, ip?: string | null) {
  authorize(actor, "reference.manage");
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (error) {
    // The parser's own words say where the JSON breaks (technical, as the definition itself is).
    throw new InputError("definition", "admin:methodology.errors.notJson", { detail: error instanceof Error ? error.message : String(error) });
  }
  let methodology: Methodology;
  try {
    methodology = parseMethodology(raw);
  } catch (error) {
    throw new DefinitionInvalid(invalidMethodMessage(error));
  }
  return await storeDraftVersion(db, actor, methodology, ip, "definition");
}

/** Stores a checked method as a draft; `field` is where a clash of version numbers is said. */
export async function storeDraftVersion(db: Db, actor: Actor, methodology: Methodology, ip: string | null | undefined, field = "version") {
  authorize(actor, "reference.manage");
  if (firstRow(await db.select({ id: methodologies.id }).from(methodologies).where(eq(methodologies.version, methodology.version)))) {
    throw new InputError(field, "admin:methodology.errors.versionTaken", { version: methodology.version });
  }
  const row = onlyRow(await db
      .insert(methodologies)
      .values({ version: methodology.version, name: methodology.name, definition: methodology as unknown as Record<string, unknown>, status: "draft", createdBy: actor.user.id })
      .returning({ id: methodologies.id }));
  await recordEvent(db, { action: "methodology.added", actorUserId: actor.user.id, targetType: "methodology", targetId: row.id, ip, details: { version: methodology.version } });
  return row.id;
}

/** Makes a draft the active method (the previous one retired) and rescores everything with it. */
export async function activateMethodology(db: Db, actor: Actor, id: number, ip?: string | null): Promise<number> {
  authorize(actor, "reference.manage");
  const target = firstRow(await db.select().from(methodologies).where(eq(methodologies.id, id)));
  if (!target) throw new NotFound();
  if (target.status !== "draft") throw new InputError("methodology", target.status === "active" ? "admin:methodology.errors.alreadyActive" : "admin:methodology.errors.retired", { version: target.version });
  await inTransaction(db, async () => {
        await db.update(methodologies).set({ status: "retired" }).where(eq(methodologies.status, "active"));
        await db.update(methodologies).set({ status: "active", activatedAt: new Date() }).where(eq(methodologies.id, id));
        await recordEvent(db, { action: "methodology.activated", actorUserId: actor.user.id, targetType: "methodology", targetId: id, ip, details: { version: target.version } });
      });
  return await startRescore(db, { cause: { key: "risk:cause.methodology", values: { version: target.version } }, userId: actor.user.id });
}

const parsedById = new Map<number, Methodology>();

/** Any stored version, parsed once (versions never change). */
export async function methodologyById(db: Db, id: number): Promise<Methodology> {
  let m = parsedById.get(id);
  if (!m) {
    const row = firstRow(await db.select({ definition: methodologies.definition }).from(methodologies).where(eq(methodologies.id, id)));
    if (!row) throw new Error(`methodology ${id} does not exist`);
    m = parseMethodology(row.definition);
    parsedById.set(id, m);
  }
  return m;
}

/** A stored breakdown, restored in full with the methodology version that produced it. */
export async function readFactors(db: Db, methodologyId: number, entity: "supplier" | "recruiter", json: string): Promise<Factor[]> {
  return expandFactors(JSON.parse(json) as unknown[], await methodologyById(db, methodologyId), entity);
}
