/**
 * Which suppliers a candidate method would move to another band (issue 17, item 16): every
 * company's suppliers scored with the candidate by the real scorer, on the current inputs and
 * reference data, against the score each holds now. Computing it costs one scoring pass (as the
 * activation confirmation's counts do); what is sent to the page is bounded by `limit`, with the
 * total, so that a platform with many changes is still a page that loads.
 *
 * The platform administrator sees supplier and company names here (and only here): the method is
 * theirs to change, and activating it without seeing whom it moves would be deciding blind.
 * docs/permissions.md says so under reference.manage.
 */
import { eq } from "drizzle-orm";
import { firstRow, rawAll, type Db } from "#db/client";
import { methodologies } from "#db/schema";
import { authorize, type Actor } from "~/auth/permissions.server";
import { loadReferenceData } from "../reference/reference-data.server";
import { NotFound } from "../errors";
import { buildDraft, describeDifferences, draftParameters, type DraftHeader } from "./methodology-draft";
import type { Methodology } from "./methodology";
import { activeMethodology, methodologyById } from "./methodology-store.server";
import { scoreSupplier } from "./score-supplier";
import { scoredOrganisations, supplierInputs } from "./scoring-inputs.server";
import { BANDS } from "./types";

export interface BandChange {
  supplierId: number;
  supplier: string;
  company: string;
  scoreBefore: number | null;
  bandBefore: string | null;
  scoreAfter: number;
  bandAfter: string;
}

export interface BandChanges {
  /** Suppliers scored with the candidate. */
  scored: number;
  /** How many would change band (all of them, whatever `limit`). */
  total: number;
  /** How many of those would move up a band (a supplier never scored counts as moving up). */
  up: number;
  /** The first `limit` changes, the largest moves first. */
  changes: BandChange[];
}

const rank = (band: string | null) => (band === null ? -1 : BANDS.indexOf(band as (typeof BANDS)[number]));

/** Suppliers whose band `candidate` would change, computed by the scorer; the first `limit` named. */
export async function bandChanges(db: Db, actor: Actor, candidate: Methodology, limit: number): Promise<BandChanges> {
  authorize(actor, "reference.manage");
  const reference = await loadReferenceData(db);
  const moved: Omit<BandChange, "supplier" | "company">[] = [];
  let scored = 0;
  for (const orgId of await scoredOrganisations(db)) {
    for await (const page of await supplierInputs(db, orgId)) {
      for (const s of page) {
        scored++;
        const after = scoreSupplier(s.inputs, candidate, reference);
        if (after.band !== s.currentBand) moved.push({ supplierId: s.id, scoreBefore: s.currentScore, bandBefore: s.currentBand, scoreAfter: after.score, bandAfter: after.band });
      }
    }
  }
  // Largest moves first (two bands before one), then by the new score, then by id (stable).
  moved.sort((a, b) => Math.abs(rank(b.bandAfter) - rank(b.bandBefore)) - Math.abs(rank(a.bandAfter) - rank(a.bandBefore)) || b.scoreAfter - a.scoreAfter || a.supplierId - b.supplierId);
  const shown = moved.slice(0, Math.max(0, limit));
  const names = new Map<number, { supplier: string; company: string }>();
  if (shown.length) {
    const rows = await rawAll<{ id: number; supplier: string; company: string }>(
      db,
      `select s.id, s.name as supplier, o.name as company from suppliers s join organisations o on o.id = s.org_id where s.id in (select value from json_each(?))`,
      JSON.stringify(shown.map((c) => c.supplierId)),
    );
    for (const r of rows) names.set(Number(r.id), { supplier: r.supplier, company: r.company });
  }
  return {
    scored,
    total: moved.length,
    up: moved.filter((c) => rank(c.bandAfter) > rank(c.bandBefore)).length,
    changes: shown.map((c) => ({ ...c, ...(names.get(c.supplierId) ?? { supplier: `supplier ${c.supplierId}`, company: "" }) })),
  };
}

/** A stored version against the active one: what differs, in words, and whom it moves. */
export async function versionReview(db: Db, actor: Actor, id: number, limit: number) {
  authorize(actor, "reference.manage");
  const row = firstRow(await db.select({ id: methodologies.id, version: methodologies.version, name: methodologies.name, status: methodologies.status, createdAt: methodologies.createdAt }).from(methodologies).where(eq(methodologies.id, id)));
  if (!row) throw new NotFound();
  const active = await activeMethodology(db);
  const methodology = await methodologyById(db, id);
  return {
    ...row,
    createdAt: row.createdAt.getTime(),
    summary: methodology.summary,
    effective: methodology.effective,
    active: { id: active.id, version: active.version },
    differences: row.id === active.id ? [] : describeDifferences(active.methodology, methodology),
    // Only a draft can be activated: for the others the list would answer no question.
    bands: row.status === "draft" ? await bandChanges(db, actor, methodology, limit) : null,
  };
}

/** The form's starting point: the active version's parameters and a free version number after it. */
export async function draftStart(db: Db, actor: Actor) {
  authorize(actor, "reference.manage");
  const active = await activeMethodology(db);
  const taken = new Set((await rawAll<{ version: string }>(db, `select version from methodologies`)).map((r) => r.version));
  const [major, minor] = active.version.split(/[.-]/).map(Number);
  let next = `${major}.${(minor ?? 0) + 1}`;
  for (let i = (minor ?? 0) + 2; taken.has(next); i++) next = `${major}.${i}`;
  return { active: { id: active.id, version: active.version, name: active.methodology.name }, parameters: draftParameters(active.methodology), suggested: { version: next, name: active.methodology.name.replace(active.version, next) } };
}

/** The form's values on the active version, checked; with what differs in words when they pass. */
export async function draftFromForm(db: Db, actor: Actor, header: DraftHeader, values: Record<string, string | undefined>) {
  authorize(actor, "reference.manage");
  const active = await activeMethodology(db);
  const built = buildDraft(active.methodology, header, values);
  return built.ok ? { ...built, differences: describeDifferences(active.methodology, built.methodology) } : built;
}
