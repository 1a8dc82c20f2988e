/**
 * The workplaces an inspectorate may plan audits for: suppliers that companies shared with it
 * (active shares) located in its jurisdiction (its countries). Everything else answers 404.
 *
 * Workplaces are read through the one scoped view of shared suppliers (sharedSupplierView), so
 * the queue, the schedule form and the audits see a score only when a share includes scores.
 * An audit keeps a snapshot of its workplace (auditWorkplace below) for when the share ends.
 */
import { eq } from "drizzle-orm";
import type { Db } from "#db/client";
import { audits, organisations } from "#db/schema";
import { authorize, type Actor } from "~/auth/permissions.server";
import { sharedSupplier, sharedSupplierSummaries, sharedSupplierView, type SharedScoreFields, type SharedSupplierSummary, type SharedSupplierView } from "../sharing/shared-suppliers.server";
import { NotFound } from "../errors";
import { firstRow } from "#db/client";

export type Workplace = SharedSupplierView;

export async function jurisdictionsOf(db: Db, inspectorateId: number): Promise<string[]> {
  return firstRow(await db.select({ jurisdictions: organisations.jurisdictions }).from(organisations).where(eq(organisations.id, inspectorateId)))?.jurisdictions ?? [];
}

/** The inspectorate's workplaces (shared with it, in its jurisdiction), highest shared risk first. */
export async function workplaces(db: Db, actor: Actor, query: { ids?: number[]; q?: string; limit?: number } = {}): Promise<Workplace[]> {
  const orgId = actor.membership?.orgId ?? -1;
  authorize(actor, "audits.view", { orgId });
  const countries = await jurisdictionsOf(db, orgId);
  return countries.length ? await sharedSupplierView(db, orgId, { ...query, countries }) : [];
}

/** Every workplace, summary fields only and unordered: the queue reads them all and ranks them itself. */
export async function allWorkplaces(db: Db, actor: Actor, query: { q?: string } = {}): Promise<SharedSupplierSummary[]> {
  const orgId = actor.membership?.orgId ?? -1;
  authorize(actor, "audits.view", { orgId });
  const countries = await jurisdictionsOf(db, orgId);
  return countries.length ? await sharedSupplierSummaries(db, orgId, { ...query, countries, ordered: false }) : [];
}

/** One workplace the inspectorate may audit, or a 404. */
export async function requireWorkplace(db: Db, actor: Actor, supplierId: number): Promise<Workplace> {
  const row = (await workplaces(db, actor, { ids: [supplierId] }))[0];
  if (!row) throw new NotFound();
  return row;
}

/** Workplaces matching a search, for the schedule form's picker (highest shared risk first). */
export async function searchWorkplaces(db: Db, actor: Actor, q: string, limit = 20): Promise<Workplace[]> {
  return await workplaces(db, actor, { q: q.trim().slice(0, 100), limit });
}

/* ------------------------------------ the audit's snapshot ------------------------------------ */

/** The audit columns that hold the workplace as the inspectorate saw it (db/schema.ts). */
export function snapshotOf(view: SharedSupplierView, now: number) {
  return {
    workplaceName: view.name,
    workplaceExternalId: view.externalId,
    workplaceCountry: view.country,
    workplaceSector: view.sector,
    workplaceAddress: view.address,
    workplaceCompany: view.companyName,
    // The view leaves these null without the scores scope: a score never seen is never kept.
    workplaceScore: view.riskScore,
    workplaceBand: view.riskBand,
    workplaceSnapshotAt: new Date(now),
  };
}

/**
 * Refreshes the audit's snapshot from the scoped view while the supplier is still shared with the
 * inspectorate; after a revocation it leaves the snapshot as it stood (nothing live is copied).
 */
export async function refreshWorkplaceSnapshot(db: Db, audit: { id: number; orgId: number; supplierId: number }, now = Date.now()): Promise<void> {
  const view = await sharedSupplier(db, audit.orgId, audit.supplierId);
  if (view) await db.update(audits).set(snapshotOf(view, now)).where(eq(audits.id, audit.id));
}

/**
 * Lists of audits (list, calendar, feed) carry each audit's snapshot; this gives the live, scoped
 * view of those suppliers still shared with the inspectorate, to show current data where allowed.
 */
export async function stillShared(db: Db, orgId: number, supplierIds: number[]): Promise<Map<number, SharedSupplierView>> {
  const ids = [...new Set(supplierIds)];
  return new Map((await sharedSupplierView(db, orgId, { ids })).map((v) => [v.id, v]));
}

/** SQL (over alias `a` = audits) for the name an audit's snapshot gives its workplace. */
export const SNAPSHOT_NAME = `coalesce(a.workplace_name, 'Workplace of audit #' || a.id)`;

/**
 * The workplace as an audit shows it: live (within scope) while shared, else the audit's snapshot.
 * Score fields: live, as the share allows; from a snapshot, scoreShared means a score was kept (the
 * share included scores then), and range and confidence are null (a snapshot keeps neither).
 */
export interface AuditWorkplace extends SharedScoreFields {
  supplierName: string;
  externalId: string | null;
  country: string | null;
  sector: string | null;
  address: string | null;
  companyName: string;
  /** True while a company shares the supplier with the inspectorate. */
  shared: boolean;
  /** For a snapshot: when it was taken (ms); null for live data. */
  asOf: number | null;
}

export async function auditWorkplace(db: Db, audit: { id: number; orgId: number; supplierId: number }): Promise<AuditWorkplace> {
  const view = await sharedSupplier(db, audit.orgId, audit.supplierId);
  if (view) {
    return { supplierName: view.name, externalId: view.externalId, country: view.country, sector: view.sector, address: view.address, companyName: view.companyName, scoreShared: view.scoreShared, riskScore: view.riskScore, riskBand: view.riskBand, riskScoreLow: view.riskScoreLow, riskScoreHigh: view.riskScoreHigh, riskConfidence: view.riskConfidence, shared: true, asOf: null };
  }
  const a = firstRow(await db.select().from(audits).where(eq(audits.id, audit.id)))!;
  return {
    supplierName: a.workplaceName ?? `Workplace of audit #${a.id}`, // as SNAPSHOT_NAME
    externalId: a.workplaceExternalId,
    country: a.workplaceCountry,
    sector: a.workplaceSector,
    address: a.workplaceAddress,
    companyName: a.workplaceCompany ?? "—",
    scoreShared: a.workplaceScore !== null,
    riskScore: a.workplaceScore,
    riskBand: a.workplaceBand,
    riskScoreLow: null,
    riskScoreHigh: null,
    riskConfidence: null,
    shared: false,
    asOf: a.workplaceSnapshotAt?.getTime() ?? null,
  };
}
