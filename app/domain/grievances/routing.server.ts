/**
 * Who can receive a case from a channel: for each kind of party the worker may choose, the
 * organisations on the platform that would receive it. Computed, never typed in: the intake page
 * shows it before the worker sends ("who will see what"), and intake routes by it. Decision 028.
 *
 * - union: the union that posted the channel; else the unions the company shares this workplace
 *   with; on a general channel, the unions working in its country;
 * - inspectorate: the labour inspectorates whose jurisdiction includes the workplace's country;
 * - company: the company whose supplier record the channel is for (none on a general channel).
 */
import { and, eq, gte, isNull, type SQL } from "drizzle-orm";
import { firstRow, type Db } from "#db/client";
import { grievanceChannels, organisations, shares, suppliers, type GrievanceParty } from "#db/schema";
import { shareCovering } from "~/domain/sharing/sharing.server";
import { SMALL_WORKPLACE_WORKERS } from "./categories";

export interface Channel {
  id: number;
  token: string;
  orgId: number;
  orgType: string;
  orgName: string;
  supplierId: number | null;
  /** The workplace's name as its company lists it (shown on the intake page so the worker knows where they are reporting about). */
  workplaceName: string | null;
  companyOrgId: number | null;
  country: string | null;
  workersTotal: number | null;
}

/**
 * What intake routes by: a posted channel, or (assisted intake) a workplace the recorder's
 * organisation may act for, reached without a posted channel: then `id` and `token` are null and
 * the case names no channel. A `Channel` is one.
 */
export type Route = Omit<Channel, "id" | "token"> & { id: number | null; token: string | null };

export interface Party {
  party: GrievanceParty;
  orgs: { id: number; name: string }[];
}

/** A channel row with its workplace, as the intake and the case routing read it. */
async function channelWhere(db: Db, where: SQL | undefined, openOnly: boolean): Promise<Channel | null> {
  const row = firstRow(
    await db
      .select({ c: grievanceChannels, orgType: organisations.type, orgName: organisations.name, deactivatedAt: organisations.deactivatedAt })
      .from(grievanceChannels)
      .innerJoin(organisations, eq(organisations.id, grievanceChannels.orgId))
      .where(where),
  );
  if (!row || (openOnly && row.deactivatedAt)) return null;
  const supplier = row.c.supplierId
    ? firstRow(await db.select({ name: suppliers.name, orgId: suppliers.orgId, country: suppliers.country, workersTotal: suppliers.workersTotal }).from(suppliers).where(eq(suppliers.id, row.c.supplierId)))
    : undefined;
  return {
    id: row.c.id,
    token: row.c.token,
    orgId: row.c.orgId,
    orgType: row.orgType,
    orgName: row.orgName,
    supplierId: row.c.supplierId,
    workplaceName: supplier?.name ?? null,
    companyOrgId: supplier?.orgId ?? null,
    country: supplier?.country ?? row.c.country,
    workersTotal: supplier?.workersTotal ?? null,
  };
}

/** The open channel behind a short link, or null (unknown, closed, or its organisation deactivated: all answer the same). */
export async function channelByToken(db: Db, token: string): Promise<Channel | null> {
  if (!/^[0-9a-z]{10}$/.test(token)) return null;
  return channelWhere(db, and(eq(grievanceChannels.token, token), isNull(grievanceChannels.closedAt)), true);
}

/** Unknown headcount counts as small: missing data must not expose a worker. */
export function isSmallWorkplace(workersTotal: number | null | undefined): boolean {
  return workersTotal == null || workersTotal < SMALL_WORKPLACE_WORKERS;
}

/**
 * `isSmallWorkplace` turned round, as a condition on a query that (left-)joins the case's supplier:
 * true only for a known headcount of at least SMALL_WORKPLACE_WORKERS. A null headcount or no
 * supplier makes the comparison null, which a WHERE treats as false: unknown stays small. For lists
 * that cut pages in SQL, where a check made after the LIMIT would leave a page short.
 */
export const largeWorkplace = (workersTotal: typeof suppliers.workersTotal): SQL => gte(workersTotal, SMALL_WORKPLACE_WORKERS);

async function activeOrgs(db: Db, type: "union" | "inspectorate") {
  return (await db.select({ id: organisations.id, name: organisations.name, jurisdictions: organisations.jurisdictions, deactivatedAt: organisations.deactivatedAt }).from(organisations).where(eq(organisations.type, type))).filter(
    (o) => !o.deactivatedAt,
  );
}

/**
 * The organisations each party would be, for a channel (or, with no channel, the general page for
 * `country`). Parties with no organisation are listed with none, so the page can say so.
 */
export async function partiesFor(db: Db, channel: Route | null, country: string | null): Promise<Party[]> {
  const where = channel?.country ?? country;
  const inCountry = (o: { jurisdictions: string[] }) => where !== null && o.jurisdictions.includes(where);
  const unions = new Map<number, string>();
  if (channel?.orgType === "union") unions.set(channel.orgId, channel.orgName);
  if (channel?.supplierId && channel.companyOrgId) {
    const candidates = await db
      .select({ id: organisations.id, name: organisations.name, deactivatedAt: organisations.deactivatedAt })
      .from(shares)
      .innerJoin(organisations, eq(organisations.id, shares.toOrgId))
      .where(and(eq(shares.fromOrgId, channel.companyOrgId), isNull(shares.revokedAt), eq(organisations.type, "union")));
    for (const u of candidates) {
      if (!u.deactivatedAt && !unions.has(u.id) && (await shareCovering(db, u.id, channel.supplierId))) unions.set(u.id, u.name);
    }
  } else if (!channel?.supplierId) {
    for (const u of (await activeOrgs(db, "union")).filter(inCountry)) unions.set(u.id, u.name);
  }
  const inspectorates = (await activeOrgs(db, "inspectorate")).filter(inCountry).map((o) => ({ id: o.id, name: o.name }));
  const company = channel?.companyOrgId ? firstRow(await db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(eq(organisations.id, channel.companyOrgId))) : undefined;
  return [
    { party: "union", orgs: [...unions].map(([id, name]) => ({ id, name })) },
    { party: "inspectorate", orgs: inspectorates },
    { party: "company", orgs: company ? [company] : [] },
  ];
}

/**
 * The channel a case came in through, closed or not (a closed poster still names the workplace the
 * case is about): forwarding a case later resolves its parties from it. Null: a general report.
 */
export async function channelById(db: Db, id: number | null): Promise<Channel | null> {
  return id === null ? null : channelWhere(db, eq(grievanceChannels.id, id), false);
}

/**
 * The countries the general page offers: those where a union or a labour inspectorate on the
 * platform works. A report from anywhere else would reach nobody, so the page does not pretend.
 */
export async function reportCountries(db: Db): Promise<string[]> {
  const orgs = [...(await activeOrgs(db, "union")), ...(await activeOrgs(db, "inspectorate"))];
  return [...new Set(orgs.flatMap((o) => o.jurisdictions))].filter((c) => /^[A-Z]{2}$/.test(c)).sort();
}
