/**
 * A company admin shares all its suppliers, or a filtered subset, with a partner organisation
 * (inspectorate, union or regulator), choosing what the partner sees. Shares take effect at once
 * and end at once when revoked: every partner query reads the active shares (sharing.server.ts).
 * Commercial fields and workers' personal data are never part of any scope: the platform does
 * not share them at all.
 *
 * One active share per partner (issue 17, item 11): a second share to the same partner is refused
 * with a pointer to the existing one, which is edited in place. Refused rather than merged into
 * the existing share on purpose: a filter cannot express "MY, or the Fishing sector" (its parts
 * narrow each other), so a silent merge would either widen or narrow what the partner already
 * sees without the owner having seen the result. Parallel shares that older data may hold are
 * left as they are and shown to the owner (`sharesFrom` marks them), to edit or revoke.
 */
import { and, asc, count, desc, eq, inArray, isNull, ne } from "drizzle-orm";
import { inTransaction, rawAll, rawGet, type Db } from "#db/client";
import { organisations, shares, suppliers, users } from "#db/schema";
import { authorize, type Actor } from "~/auth/permissions.server";
import { recordEvent } from "../activity-log/activity-log.server";
import { Conflict, Invalid, NotFound } from "../errors";
import { searchCondition } from "../list-query.server";
import { countryName, resolveCountry } from "../reference/countries.server";
import { BANDS } from "../risk/types";
import { SHARE_SCOPES, shareCondition, type ActiveShare, type ShareFilter, type ShareScope } from "./sharing.server";
import { firstRow } from "#db/client";
import { onlyRow } from "#db/client";

export const SCOPE_LABELS: Record<ShareScope, string> = {
  identity: "Identity and location",
  scores: "Risk scores and their breakdown",
  indicators: "Observed indicators (evidence about working conditions)",
  audits: "Audits and corrective actions",
  recruiters: "Labour recruiters and corridors",
};

const ownOrg = (actor: Actor) => {
  const orgId = actor.membership?.orgId ?? -1;
  authorize(actor, "shares.manage", { orgId });
  return orgId;
};

export async function partnerOrganisations(db: Db, actor: Actor) {
  ownOrg(actor);
  return await db.select({ id: organisations.id, name: organisations.name, type: organisations.type }).from(organisations).where(and(ne(organisations.type, "company"), isNull(organisations.deactivatedAt))).orderBy(organisations.type, organisations.name);
}

/** The share as a filter over the company's suppliers: the one condition the partner's view applies (shareCondition). */
const asActive = (orgId: number, id: number, scope: ShareScope[], filter: ShareFilter): ActiveShare => ({ id, fromOrgId: orgId, companyName: "", since: new Date(0), scope, filter });

/** What a share covers, read through shareCondition (the filter the partner's view reads through, never a copy of it). */
export interface Coverage {
  covered: number;
  /** All of the company's suppliers. */
  total: number;
  /** The first few covered suppliers by name, to recognise the selection. */
  sample: string[];
}

const SAMPLE_SIZE = 5;

async function coverage(db: Db, orgId: number, filter: ShareFilter): Promise<Coverage> {
  const condition = shareCondition(asActive(orgId, 0, ["identity"], filter));
  const covered = Number((await rawGet<{ n: number }>(db, `select count(*) as n from suppliers s where ${condition.sql}`, ...condition.params))?.n ?? 0);
  const total = Number(firstRow(await db.select({ n: count() }).from(suppliers).where(and(eq(suppliers.orgId, orgId), isNull(suppliers.mergedIntoId))))?.n ?? 0);
  const sample = (await rawAll<{ name: string }>(db, `select s.name from suppliers s where ${condition.sql} order by s.name, s.id limit ${SAMPLE_SIZE}`, ...condition.params)).map((r) => r.name);
  return { covered, total, sample };
}

/** A share's filter in words, with names: "suppliers in Malaysia, Thailand; sector Fishing; high or critical risk; 3 chosen suppliers". */
export function describeFilter(filter: ShareFilter): string {
  const parts = [
    filter.countries?.length ? `in ${filter.countries.map(countryName).join(", ")}` : "",
    filter.sectors?.length ? `sector${filter.sectors.length === 1 ? "" : "s"} ${filter.sectors.join(", ")}` : "",
    filter.bands?.length ? `${filter.bands.join(" or ")} risk` : "",
    filter.supplierIds?.length ? `${filter.supplierIds.length} chosen supplier${filter.supplierIds.length === 1 ? "" : "s"}` : "",
  ].filter(Boolean);
  return parts.length ? `suppliers ${parts.join("; ")}` : "all suppliers";
}

export async function sharesFrom(db: Db, actor: Actor) {
  const orgId = ownOrg(actor);
  const rows = (await db
      .select({ id: shares.id, toOrgId: shares.toOrgId, to: organisations.name, toType: organisations.type, scope: shares.scope, filter: shares.filter, createdAt: shares.createdAt, revokedAt: shares.revokedAt, by: users.name })
      .from(shares)
      .innerJoin(organisations, eq(organisations.id, shares.toOrgId))
      .leftJoin(users, eq(users.id, shares.createdBy))
      .where(eq(shares.fromOrgId, orgId))
      .orderBy(desc(shares.createdAt), desc(shares.id)))
    .map((s) => ({ ...s, scope: s.scope as ShareScope[], filter: s.filter as ShareFilter, createdAt: s.createdAt.getTime(), revokedAt: s.revokedAt?.getTime() ?? null }));
  // Older data may hold several active shares to one partner (before one-per-partner): each is
  // marked with how many there are, so that the page can ask the owner to merge or revoke.
  const activePer = new Map<number, number>();
  for (const s of rows) if (s.revokedAt === null) activePer.set(s.toOrgId, (activePer.get(s.toOrgId) ?? 0) + 1);
  const result = [];
  for (const s of rows) {
    result.push({
      ...s,
      filterText: describeFilter(s.filter),
      parallel: s.revokedAt === null ? (activePer.get(s.toOrgId) ?? 1) : 0,
      // Only active shares cover anything; a handful per company, one count each.
      covers: s.revokedAt === null ? await coverage(db, orgId, s.filter) : null,
    });
  }
  return result;
}

export interface ShareInput {
  toOrgId: number;
  scope: string[];
  /** Alpha-2 codes or names: ticked (a list) or typed ("MY, TH"). */
  countries?: string | string[];
  /** Sector names as in the supplier list: ticked (a list, each kept whole) or typed (comma-separated). */
  sectors?: string | string[];
  bands?: string[];
  /** The company's own supplier ids, as ticked in the list. */
  suppliers?: (string | number)[];
}

const splitList = (text: string) => text.split(/[,;\n]/).map((s) => s.trim()).filter(Boolean);
const items = (value: string | string[] | undefined) => (Array.isArray(value) ? value.map((s) => s.trim()).filter(Boolean) : splitList(value ?? ""));
const MAX_CHOSEN = 5000;

/** Checks a share's scope and filter against the company's own data; refuses naming the field. */
async function resolveShare(db: Db, orgId: number, input: ShareInput): Promise<{ scope: ShareScope[]; filter: ShareFilter }> {
  const unknown = input.scope.find((s) => !(SHARE_SCOPES as readonly string[]).includes(s));
  if (unknown) throw new Invalid("scope", "sharing:validation.unknownScope", { scope: unknown });
  // Identity always: a partner cannot act on a supplier it cannot name. Kept in the scopes' order.
  const scope = SHARE_SCOPES.filter((s) => s === "identity" || input.scope.includes(s));
  const filter: ShareFilter = {};
  const countries: string[] = [];
  // Split even when ticked: a code never holds a comma, and a typed list ("MY, TH") still reads.
  for (const part of items(input.countries).flatMap(splitList)) {
    const match = resolveCountry(part);
    // The suggestion as its code: the catalog's `country` format names it in the reader's language.
    if (!match.ok) throw match.suggestion
        ? new Invalid("countries", "sharing:validation.unknownCountrySuggestion", { value: part, suggestion: match.suggestion.alpha2 })
        : new Invalid("countries", "sharing:validation.unknownCountry", { value: part });
    if (!countries.includes(match.code)) countries.push(match.code);
  }
  if (countries.length) filter.countries = countries.sort();
  const sectors = [...new Set(items(input.sectors))];
  if (sectors.some((s) => s.length > 100)) throw new Invalid("sectors", "sharing:validation.sectorTooLong", { max: 100 });
  if (sectors.length) filter.sectors = sectors.sort();
  const bands = [...new Set(input.bands ?? [])];
  const badBand = bands.find((b) => !(BANDS as readonly string[]).includes(b));
  if (badBand) throw new Invalid("bands", "sharing:validation.unknownBand", { band: badBand });
  if (bands.length) filter.bands = BANDS.filter((b) => bands.includes(b));
  const chosen = [...new Set((input.suppliers ?? []).map(String))];
  if (chosen.length > MAX_CHOSEN) throw new Invalid("suppliers", "sharing:validation.tooManyChosen", { max: MAX_CHOSEN });
  if (chosen.some((c) => !/^\d{1,15}$/.test(c))) throw new Invalid("suppliers", "sharing:validation.chooseSuppliers");
  if (chosen.length) {
    const ids = chosen.map(Number);
    const found = (await db.select({ id: suppliers.id }).from(suppliers).where(and(eq(suppliers.orgId, orgId), inArray(suppliers.id, ids)))).map((f) => f.id);
    // Not named: an id that is not ours may be another company's supplier.
    const missing = ids.length - found.length;
    if (missing) throw new Invalid("suppliers", "sharing:validation.notYours", { count: missing });
    filter.supplierIds = found.sort((a, b) => a - b);
  }
  return { scope, filter };
}

async function partnerOf(db: Db, actor: Actor, toOrgId: number) {
  const partner = (await partnerOrganisations(db, actor)).find((p) => p.id === toOrgId);
  if (!partner) throw new Invalid("toOrgId", "sharing:validation.choosePartner");
  return partner;
}

const activeShareTo = async (db: Db, orgId: number, toOrgId: number, except?: number) =>
  firstRow(await db.select({ id: shares.id }).from(shares).where(and(eq(shares.fromOrgId, orgId), eq(shares.toOrgId, toOrgId), isNull(shares.revokedAt), ...(except ? [ne(shares.id, except)] : []))).orderBy(asc(shares.id)));

/** The share being edited (the owner's only: another organisation's id answers 404 like a missing one). */
export async function shareForEditing(db: Db, actor: Actor, shareId: number) {
  const orgId = ownOrg(actor);
  const share = firstRow(
    await db
      .select({ id: shares.id, toOrgId: shares.toOrgId, partner: organisations.name, partnerType: organisations.type, scope: shares.scope, filter: shares.filter, revokedAt: shares.revokedAt })
      .from(shares)
      .innerJoin(organisations, eq(organisations.id, shares.toOrgId))
      .where(and(eq(shares.id, shareId), eq(shares.fromOrgId, orgId))),
  );
  if (!share) throw new NotFound();
  return { ...share, scope: share.scope as ShareScope[], filter: share.filter as ShareFilter, revokedAt: share.revokedAt?.getTime() ?? null };
}

export interface SharePreview extends Coverage {
  partner: string;
  scope: ShareScope[];
  /** The partner's active share, when this would be a second one (creating is refused then). */
  existingShareId: number | null;
}

/** What saving the form would share, without saving: checked exactly as saving checks it. */
export async function previewShare(db: Db, actor: Actor, input: ShareInput, editingId: number | null = null): Promise<SharePreview> {
  const orgId = ownOrg(actor);
  const editing = editingId === null ? null : await shareForEditing(db, actor, editingId);
  const partner = editing ? { id: editing.toOrgId, name: editing.partner } : await partnerOf(db, actor, input.toOrgId);
  const { scope, filter } = await resolveShare(db, orgId, input);
  const existing = editing ? null : await activeShareTo(db, orgId, partner.id);
  return { partner: partner.name, scope, existingShareId: existing?.id ?? null, ...(await coverage(db, orgId, filter)) };
}

export async function createShare(db: Db, actor: Actor, input: ShareInput, ip: string | null, now = Date.now()): Promise<number> {
  const orgId = ownOrg(actor);
  const partner = await partnerOf(db, actor, input.toOrgId);
  const { scope, filter } = await resolveShare(db, orgId, input);
  // Checked and written in one transaction (BEGIN IMMEDIATE), so two tabs cannot both create one.
  return await inTransaction(db, async () => {
    if (await activeShareTo(db, orgId, partner.id)) throw new Conflict("toOrgId", "sharing:validation.alreadyShared", { partner: partner.name });
    const id = onlyRow(await db.insert(shares).values({ fromOrgId: orgId, toOrgId: partner.id, scope, filter: { ...filter }, createdBy: actor.user.id, createdAt: new Date(now) }).returning({ id: shares.id })).id;
    await recordEvent(db, { action: "share.created", actorUserId: actor.user.id, orgId, targetType: "share", targetId: id, ip, details: { to: partner.id, scope, filter: { ...filter } } }, now);
    return id;
  });
}

/**
 * Changes an active share's scope and filter in place: the partner sees the new selection with
 * its next request (every partner query reads the active shares), narrowing included. The log
 * keeps what it was and what it became. The partner stays: sharing with someone else is a new share.
 */
export async function updateShare(db: Db, actor: Actor, shareId: number, input: Omit<ShareInput, "toOrgId">, ip: string | null, now = Date.now()): Promise<{ changed: boolean }> {
  const orgId = ownOrg(actor);
  const { scope, filter } = await resolveShare(db, orgId, { ...input, toOrgId: 0 });
  return await inTransaction(db, async () => {
    const before = await shareForEditing(db, actor, shareId);
    if (before.revokedAt !== null) throw new Conflict("form", "sharing:validation.revoked", { partner: before.partner });
    if (JSON.stringify([before.scope, before.filter]) === JSON.stringify([scope, filter])) return { changed: false };
    await db.update(shares).set({ scope, filter: { ...filter } }).where(and(eq(shares.id, shareId), eq(shares.fromOrgId, orgId), isNull(shares.revokedAt)));
    await recordEvent(db, { action: "share.changed", actorUserId: actor.user.id, orgId, targetType: "share", targetId: shareId, ip, details: { to: before.toOrgId, before: { scope: before.scope, filter: before.filter }, after: { scope, filter: { ...filter } } } }, now);
    return { changed: true };
  });
}

/** What a share covers now, for the message after saving it. */
export async function shareOutcome(db: Db, actor: Actor, shareId: number) {
  const orgId = ownOrg(actor);
  const share = await shareForEditing(db, actor, shareId);
  if (share.revokedAt !== null) return null;
  return { partner: share.partner, scope: share.scope, ...(await coverage(db, orgId, share.filter)) };
}

export interface SupplierChoice {
  id: number;
  name: string;
  country: string | null;
}

const SEARCH_LIMIT = 20;

/**
 * The form's lists: the countries and sectors that occur among the company's suppliers (with
 * counts, and any the form already holds), the suppliers already ticked, and those matching a
 * name search (up to 20).
 */
export async function shareChoices(db: Db, actor: Actor, options: { q?: string; chosen?: number[]; countries?: string[]; sectors?: string[] } = {}) {
  const orgId = ownOrg(actor);
  const countryRows = await db.select({ code: suppliers.country, n: count() }).from(suppliers).where(and(eq(suppliers.orgId, orgId), isNull(suppliers.mergedIntoId))).groupBy(suppliers.country);
  const sectorRows = await db.select({ name: suppliers.sector, n: count() }).from(suppliers).where(and(eq(suppliers.orgId, orgId), isNull(suppliers.mergedIntoId))).groupBy(suppliers.sector);
  const countryCounts = new Map(countryRows.filter((r) => r.code).map((r) => [r.code!, Number(r.n)]));
  const sectorCounts = new Map(sectorRows.filter((r) => r.name).map((r) => [r.name!, Number(r.n)]));
  // A share may name a country or sector none of the suppliers has any more: still listed, ticked, with 0.
  for (const c of options.countries ?? []) if (!countryCounts.has(c)) countryCounts.set(c, 0);
  for (const s of options.sectors ?? []) if (!sectorCounts.has(s)) sectorCounts.set(s, 0);
  const countries = [...countryCounts].map(([code, n]) => ({ code, name: countryName(code), n })).sort((a, b) => a.name.localeCompare(b.name));
  const sectors = [...sectorCounts].map(([name, n]) => ({ name, n })).sort((a, b) => a.name.localeCompare(b.name));
  const chosenIds = [...new Set(options.chosen ?? [])].filter((id) => Number.isSafeInteger(id)).slice(0, MAX_CHOSEN);
  const chosen: SupplierChoice[] = chosenIds.length
    ? await db.select({ id: suppliers.id, name: suppliers.name, country: suppliers.country }).from(suppliers).where(and(eq(suppliers.orgId, orgId), inArray(suppliers.id, chosenIds))).orderBy(suppliers.name, suppliers.id)
    : [];
  const q = options.q?.trim().slice(0, 200) ?? "";
  const found = q
    ? await db
        .select({ id: suppliers.id, name: suppliers.name, country: suppliers.country })
        .from(suppliers)
        .where(and(eq(suppliers.orgId, orgId), isNull(suppliers.mergedIntoId), searchCondition(q, "suppliers_fts", suppliers.id, suppliers.name, suppliers.externalId)))
        .orderBy(suppliers.name, suppliers.id)
        .limit(SEARCH_LIMIT + 1)
    : [];
  // Country names, not codes, beside each supplier's name.
  const named = (rows: SupplierChoice[]) => rows.map((r) => ({ ...r, country: r.country ? countryName(r.country) : null }));
  return {
    countries,
    sectors,
    chosen: named(chosen),
    q,
    results: named(found.slice(0, SEARCH_LIMIT)),
    more: found.length > SEARCH_LIMIT,
  };
}

/** What revoking a share would do, for the confirmation; changes nothing. */
export interface RevocationPreview {
  shareId: number;
  partner: string;
  /** Suppliers the share covers now. */
  covered: number;
  /** Of those, the ones the partner stops seeing: no other active share of ours to them covers them. */
  lost: number;
  alreadyRevoked: boolean;
}

export async function previewRevocation(db: Db, actor: Actor, shareId: number): Promise<RevocationPreview> {
  const orgId = ownOrg(actor);
  const share = firstRow(await db.select({ id: shares.id, toOrgId: shares.toOrgId, filter: shares.filter, scope: shares.scope, revokedAt: shares.revokedAt, partner: organisations.name }).from(shares).innerJoin(organisations, eq(organisations.id, shares.toOrgId)).where(and(eq(shares.id, shareId), eq(shares.fromOrgId, orgId))));
  if (!share) throw new NotFound();
  const active = (s: { id: number; filter: unknown; scope: unknown }) => asActive(orgId, s.id, s.scope as ShareScope[], s.filter as ShareFilter);
  const own = shareCondition(active(share));
  const others = (await db.select({ id: shares.id, filter: shares.filter, scope: shares.scope }).from(shares).where(and(eq(shares.fromOrgId, orgId), eq(shares.toOrgId, share.toOrgId), isNull(shares.revokedAt), ne(shares.id, shareId)))).map((o) => shareCondition(active(o)));
  const covered = Number((await rawGet<{ n: number }>(db, `select count(*) as n from suppliers s where ${own.sql}`, ...own.params))!.n);
  const stillSeen = others.length ? ` and not (${others.map((o) => o.sql).join(" or ")})` : "";
  const lost = Number((await rawGet<{ n: number }>(db, `select count(*) as n from suppliers s where ${own.sql}${stillSeen}`, ...own.params, ...others.flatMap((o) => o.params)))!.n);
  return { shareId: share.id, partner: share.partner, covered, lost, alreadyRevoked: share.revokedAt !== null };
}

/**
 * Ends a share, once. Revoking a revoked share (a double click on the page, a DELETE sent again or
 * by two clients at once) succeeds and changes nothing: no second "share.revoked" entry, and the
 * revocation keeps its time. Chosen over refusing it (409) because the caller wanted the share
 * ended and it is: the page lands on its "revoked" message either way, and the API's DELETE is
 * idempotent (decision 037). The update decides, not the read before it: two revocations can both
 * read the share as active, but only the one whose update ends it writes the entry, in the same
 * transaction.
 */
export async function revokeShare(db: Db, actor: Actor, shareId: number, ip: string | null, now = Date.now()): Promise<void> {
  const orgId = ownOrg(actor);
  await inTransaction(db, async () => {
    const share = firstRow(await db.select({ toOrgId: shares.toOrgId }).from(shares).where(and(eq(shares.id, shareId), eq(shares.fromOrgId, orgId))));
    if (!share) throw new NotFound();
    const ended = await db.update(shares).set({ revokedAt: new Date(now) }).where(and(eq(shares.id, shareId), eq(shares.fromOrgId, orgId), isNull(shares.revokedAt))).returning({ id: shares.id });
    if (ended.length === 0) return;
    await recordEvent(db, { action: "share.revoked", actorUserId: actor.user.id, orgId, targetType: "share", targetId: shareId, ip, details: { to: share.toOrgId } }, now);
  });
}
