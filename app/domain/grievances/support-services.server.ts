/**
 * The directory of support services a case can be referred to (hotlines, shelters, legal aid,
 * unions), kept by the platform administrator. Every entry names where it is published and when it
 * was verified: the platform ships none (issue 19: "ship none unverified"), and one without a
 * source is refused. Retired entries stay for the cases that were referred to them.
 */
import { and, asc, eq, isNull } from "drizzle-orm";
import { firstRow, onlyRow, type Db } from "#db/client";
import { supportServices } from "#db/schema";
import { authorize, type Actor } from "~/auth/permissions.server";
import { recordEvent } from "~/domain/activity-log/activity-log.server";
import { Invalid, NotFound } from "~/domain/errors";
import { countriesByAlpha2 } from "~/domain/reference/countries.server";
import type { NewSupportService, SupportServiceKind } from "./support-services.schemas";

export interface SupportService {
  id: number;
  country: string;
  kind: SupportServiceKind;
  name: string;
  phone: string | null;
  url: string | null;
  languages: string[];
  source: string;
  verifiedAt: Date;
  retiredAt: Date | null;
}

const columns = {
  id: supportServices.id,
  country: supportServices.country,
  kind: supportServices.kind,
  name: supportServices.name,
  phone: supportServices.phone,
  url: supportServices.url,
  languages: supportServices.languages,
  source: supportServices.source,
  verifiedAt: supportServices.verifiedAt,
  retiredAt: supportServices.retiredAt,
};

/** The services of a country a case may be referred to (not retired), by kind then name. For anyone who handles cases. */
export async function servicesFor(db: Db, country: string): Promise<SupportService[]> {
  const rows = await db
    .select(columns)
    .from(supportServices)
    .where(and(eq(supportServices.country, country), isNull(supportServices.retiredAt)))
    .orderBy(asc(supportServices.kind), asc(supportServices.name));
  return rows as SupportService[];
}

/** The whole directory for its keeper, retired entries included, by country. */
export async function listSupportServices(db: Db, actor: Actor): Promise<SupportService[]> {
  authorize(actor, "support.manage");
  return (await db.select(columns).from(supportServices).orderBy(asc(supportServices.country), asc(supportServices.kind), asc(supportServices.name))) as SupportService[];
}

/** Adds a verified entry. The schema checked the shape; here: a known country and a verification date not in the future. */
export async function addSupportService(db: Db, actor: Actor, input: Omit<NewSupportService, "intent">, now = Date.now()): Promise<{ id: number }> {
  authorize(actor, "support.manage");
  if (!countriesByAlpha2().has(input.country)) throw new Invalid("country", "admin:supportServices.errors.country");
  if (!input.source.trim()) throw new Invalid("source", "admin:supportServices.errors.source");
  const verifiedAt = new Date(`${input.verifiedOn}T00:00:00Z`);
  if (Number.isNaN(verifiedAt.getTime()) || verifiedAt.toISOString().slice(0, 10) !== input.verifiedOn) throw new Invalid("verifiedOn", "admin:supportServices.errors.verifiedOn");
  // A day in the future has not been verified yet (a day's grace for time zones ahead of UTC).
  if (verifiedAt.getTime() > now + 86_400_000) throw new Invalid("verifiedOn", "admin:supportServices.errors.verifiedFuture");
  const row = onlyRow(
    await db
      .insert(supportServices)
      .values({ country: input.country, kind: input.kind, name: input.name, phone: input.phone, url: input.url, languages: input.languages, source: input.source.trim(), verifiedBy: actor.user.id, verifiedAt, createdAt: new Date(now) })
      .returning({ id: supportServices.id }),
  );
  await recordEvent(db, { action: "support_service.added", orgId: null, actorUserId: actor.user.id, targetType: "support_service", targetId: row.id, details: { name: input.name, country: input.country, kind: input.kind } }, now);
  return row;
}

export async function retireSupportService(db: Db, actor: Actor, id: number, now = Date.now()): Promise<void> {
  authorize(actor, "support.manage");
  const row = firstRow(await db.select(columns).from(supportServices).where(eq(supportServices.id, id)));
  if (!row) throw new NotFound();
  if (row.retiredAt) return;
  await db.update(supportServices).set({ retiredAt: new Date(now) }).where(eq(supportServices.id, id));
  await recordEvent(db, { action: "support_service.retired", orgId: null, actorUserId: actor.user.id, targetType: "support_service", targetId: id, details: { name: row.name, country: row.country } }, now);
}
