/**
 * Grievance channels: a company posts one for a workplace of its own; a union for a workplace a
 * company shares with it, or for a country (a general channel, where the worker says where). The
 * channel is a short link /g/<token> and its QR code, printed and posted on site.
 */
import { and, asc, desc, eq, isNull } from "drizzle-orm";
import { firstRow, onlyRow, type Db } from "#db/client";
import { grievanceChannels, organisations, suppliers } from "#db/schema";
import { authorize, type Actor } from "~/auth/permissions.server";
import { recordEvent } from "~/domain/activity-log/activity-log.server";
import { Invalid, NotFound } from "~/domain/errors";
import { shareCovering } from "~/domain/sharing/sharing.server";
import { sharedSupplierSummaries } from "~/domain/sharing/shared-suppliers.server";
import { newChannelToken } from "./codes.server";
import type { Route } from "./routing.server";

/** How many workplaces a choice list shows at most: a longer list is narrowed with the search box. */
export const WORKPLACE_CHOICES = 200;

export async function createChannel(db: Db, actor: Actor, input: { supplierId: number | null; country: string | null }, now = Date.now()): Promise<{ id: number; token: string }> {
  const m = actor.membership;
  authorize(actor, "grievances.channels", { orgId: m?.orgId ?? -1 });
  let country = input.country;
  if (input.supplierId !== null) {
    const supplier = firstRow(await db.select({ orgId: suppliers.orgId, country: suppliers.country }).from(suppliers).where(eq(suppliers.id, input.supplierId)));
    if (!supplier) throw new NotFound();
    // A company posts for its own workplaces; a union for those shared with it. Anything else: 404, like a missing one.
    if (m!.orgType === "company" ? supplier.orgId !== m!.orgId : !(await shareCovering(db, m!.orgId, input.supplierId))) throw new NotFound();
    // Reuse the open channel: one poster per workplace and organisation, not a new link per click.
    const open = firstRow(await db.select({ id: grievanceChannels.id, token: grievanceChannels.token }).from(grievanceChannels).where(and(eq(grievanceChannels.orgId, m!.orgId), eq(grievanceChannels.supplierId, input.supplierId), isNull(grievanceChannels.closedAt))));
    if (open) return open;
    country = supplier.country;
  } else {
    if (m!.orgType !== "union") throw new Invalid("supplierId", "grievances:channel.errors.workplace");
    if (!country || !/^[A-Z]{2}$/.test(country)) throw new Invalid("country", "grievances:channel.errors.country");
  }
  const token = newChannelToken();
  const row = onlyRow(await db.insert(grievanceChannels).values({ token, orgId: m!.orgId, supplierId: input.supplierId, country, createdBy: actor.user.id, createdAt: new Date(now) }).returning({ id: grievanceChannels.id, token: grievanceChannels.token }));
  // The log names the channel and where, never a worker (a channel has none yet).
  await recordEvent(db, { action: "grievance_channel.created", orgId: m!.orgId, actorUserId: actor.user.id, targetType: "grievance_channel", targetId: row.id, details: { supplierId: input.supplierId, country } }, now);
  return row;
}

export async function closeChannel(db: Db, actor: Actor, channelId: number, now = Date.now()): Promise<void> {
  const m = actor.membership;
  authorize(actor, "grievances.channels", { orgId: m?.orgId ?? -1 });
  const row = firstRow(await db.select().from(grievanceChannels).where(and(eq(grievanceChannels.id, channelId), eq(grievanceChannels.orgId, m!.orgId))));
  if (!row) throw new NotFound();
  if (row.closedAt) return;
  await db.update(grievanceChannels).set({ closedAt: new Date(now) }).where(eq(grievanceChannels.id, channelId));
  await recordEvent(db, { action: "grievance_channel.closed", orgId: m!.orgId, actorUserId: actor.user.id, targetType: "grievance_channel", targetId: channelId, details: { supplierId: row.supplierId, country: row.country } }, now);
}

export interface ChannelRow {
  id: number;
  token: string;
  supplierId: number | null;
  /** The workplace's name as the organisation may read it (a union: within its shares), or null for a general channel. */
  workplaceName: string | null;
  country: string | null;
  closedAt: Date | null;
  createdAt: Date;
}

/**
 * The names a union may read of the workplaces it posted for: through the shared view, so a
 * share without the identity scope shows "Supplier <id>", and a revoked share shows nothing.
 */
async function namesFor(db: Db, actor: Actor, supplierIds: number[]): Promise<Map<number, string>> {
  const m = actor.membership!;
  if (supplierIds.length === 0) return new Map();
  if (m.orgType === "company") {
    const rows = await db.select({ id: suppliers.id, name: suppliers.name }).from(suppliers).where(and(eq(suppliers.orgId, m.orgId), isNull(suppliers.mergedIntoId)));
    return new Map(rows.filter((r) => supplierIds.includes(r.id)).map((r) => [r.id, r.name]));
  }
  return new Map((await sharedSupplierSummaries(db, m.orgId, { ids: supplierIds, ordered: false })).map((s) => [s.id, s.name]));
}

export async function channelsOf(db: Db, actor: Actor): Promise<ChannelRow[]> {
  const m = actor.membership;
  authorize(actor, "grievances.channels", { orgId: m?.orgId ?? -1 });
  const rows = await db
    .select({ id: grievanceChannels.id, token: grievanceChannels.token, supplierId: grievanceChannels.supplierId, country: grievanceChannels.country, closedAt: grievanceChannels.closedAt, createdAt: grievanceChannels.createdAt })
    .from(grievanceChannels)
    .where(eq(grievanceChannels.orgId, m!.orgId))
    .orderBy(desc(grievanceChannels.createdAt), desc(grievanceChannels.id));
  const names = await namesFor(db, actor, [...new Set(rows.flatMap((r) => (r.supplierId === null ? [] : [r.supplierId])))]);
  return rows.map((r) => ({ ...r, workplaceName: r.supplierId === null ? null : (names.get(r.supplierId) ?? null) }));
}

/** One of the organisation's channels (its poster), or NotFound: another organisation's answers like a missing one. */
export async function channelOf(db: Db, actor: Actor, channelId: number): Promise<ChannelRow> {
  const m = actor.membership;
  authorize(actor, "grievances.channels", { orgId: m?.orgId ?? -1 });
  const row = firstRow(
    await db
      .select({ id: grievanceChannels.id, token: grievanceChannels.token, supplierId: grievanceChannels.supplierId, country: grievanceChannels.country, closedAt: grievanceChannels.closedAt, createdAt: grievanceChannels.createdAt })
      .from(grievanceChannels)
      .where(and(eq(grievanceChannels.id, channelId), eq(grievanceChannels.orgId, m!.orgId))),
  );
  if (!row) throw new NotFound();
  const names = await namesFor(db, actor, row.supplierId === null ? [] : [row.supplierId]);
  return { ...row, workplaceName: row.supplierId === null ? null : (names.get(row.supplierId) ?? null) };
}

export interface WorkplaceChoice {
  id: number;
  name: string;
  country: string | null;
}

/**
 * The workplaces the actor's organisation may act for (post a channel for, or record a case
 * about): a company's own suppliers; a partner's shared suppliers (within the shares' scopes).
 * `q` narrows by name; at most WORKPLACE_CHOICES.
 */
export async function workplaceChoices(db: Db, actor: Actor, q = ""): Promise<WorkplaceChoice[]> {
  const m = actor.membership;
  if (!m) throw new NotFound();
  const needle = q.trim().toLowerCase();
  if (m.orgType === "company") {
    const rows = await db.select({ id: suppliers.id, name: suppliers.name, country: suppliers.country }).from(suppliers).where(and(eq(suppliers.orgId, m.orgId), isNull(suppliers.mergedIntoId))).orderBy(asc(suppliers.name));
    return rows.filter((r) => !needle || r.name.toLowerCase().includes(needle)).slice(0, WORKPLACE_CHOICES);
  }
  const shared = await sharedSupplierSummaries(db, m.orgId, { q: needle || undefined, limit: WORKPLACE_CHOICES, ordered: false });
  return shared.map((s) => ({ id: s.id, name: s.name, country: s.country })).sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Where an assisted report is about, as intake routes it: one of the recorder's organisation's
 * open channels, or a workplace shared with it (no channel is named on the case then). Anything
 * else answers NotFound, like a missing one.
 */
export async function assistedRoute(db: Db, actor: Actor, where: { channelId: number } | { supplierId: number }): Promise<Route> {
  const m = actor.membership;
  authorize(actor, "grievances.record", { orgId: m?.orgId ?? -1 });
  const org = firstRow(await db.select({ name: organisations.name, type: organisations.type }).from(organisations).where(eq(organisations.id, m!.orgId)))!;
  let channel: { id: number | null; token: string | null; supplierId: number | null; country: string | null };
  if ("channelId" in where) {
    const row = firstRow(await db.select().from(grievanceChannels).where(and(eq(grievanceChannels.id, where.channelId), eq(grievanceChannels.orgId, m!.orgId), isNull(grievanceChannels.closedAt))));
    if (!row) throw new NotFound();
    channel = { id: row.id, token: row.token, supplierId: row.supplierId, country: row.country };
  } else {
    if (!(await shareCovering(db, m!.orgId, where.supplierId))) throw new NotFound();
    channel = { id: null, token: null, supplierId: where.supplierId, country: null };
  }
  const supplier = channel.supplierId
    ? firstRow(await db.select({ name: suppliers.name, orgId: suppliers.orgId, country: suppliers.country, workersTotal: suppliers.workersTotal }).from(suppliers).where(eq(suppliers.id, channel.supplierId)))
    : undefined;
  return {
    ...channel,
    orgId: m!.orgId,
    orgType: org.type,
    orgName: org.name,
    workplaceName: supplier?.name ?? null,
    companyOrgId: supplier?.orgId ?? null,
    country: supplier?.country ?? channel.country,
    workersTotal: supplier?.workersTotal ?? null,
  };
}

/** The recorder's open channels, for the assisted-intake form's workplace choice. */
export async function openChannelsOf(db: Db, actor: Actor): Promise<ChannelRow[]> {
  const m = actor.membership;
  authorize(actor, "grievances.record", { orgId: m?.orgId ?? -1 });
  // A union's channels (an inspectorate posts none): read with its own rule, the names within its shares.
  if (m!.orgType !== "union") return [];
  return (await channelsOf(db, actor)).filter((c) => c.closedAt === null);
}
