/**
 * Grievance channels: a company posts one for a workplace of its own; a union for a workplace a
 * company shares with it, or for a country (a general channel, where the worker says where). The
 * channel is a short link /g/<token> and its QR code, printed and posted on site.
 */
import { and, desc, eq, isNull } from "drizzle-orm";
import { firstRow, onlyRow, type Db } from "#db/client";
import { grievanceChannels, suppliers } from "#db/schema";
import { authorize, type Actor } from "~/auth/permissions.server";
import { Invalid, NotFound } from "~/domain/errors";
import { shareCovering } from "~/domain/sharing/sharing.server";
import { newChannelToken } from "./codes.server";

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
  return onlyRow(await db.insert(grievanceChannels).values({ token, orgId: m!.orgId, supplierId: input.supplierId, country, createdBy: actor.user.id, createdAt: new Date(now) }).returning({ id: grievanceChannels.id, token: grievanceChannels.token }));
}

export async function closeChannel(db: Db, actor: Actor, channelId: number, now = Date.now()): Promise<void> {
  const m = actor.membership;
  authorize(actor, "grievances.channels", { orgId: m?.orgId ?? -1 });
  const row = firstRow(await db.select().from(grievanceChannels).where(and(eq(grievanceChannels.id, channelId), eq(grievanceChannels.orgId, m!.orgId))));
  if (!row) throw new NotFound();
  if (!row.closedAt) await db.update(grievanceChannels).set({ closedAt: new Date(now) }).where(eq(grievanceChannels.id, channelId));
}

export async function channelsOf(db: Db, actor: Actor) {
  const m = actor.membership;
  authorize(actor, "grievances.channels", { orgId: m?.orgId ?? -1 });
  return db
    .select({ id: grievanceChannels.id, token: grievanceChannels.token, supplierId: grievanceChannels.supplierId, supplierName: suppliers.name, country: grievanceChannels.country, closedAt: grievanceChannels.closedAt, createdAt: grievanceChannels.createdAt })
    .from(grievanceChannels)
    .leftJoin(suppliers, eq(suppliers.id, grievanceChannels.supplierId))
    .where(eq(grievanceChannels.orgId, m!.orgId))
    .orderBy(desc(grievanceChannels.createdAt));
}
