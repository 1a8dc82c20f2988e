/**
 * API tokens (issue 22, decision 037). An administrator creates one for the organisation's own
 * systems, with a name, scopes and a lifetime; the token is shown once and only its SHA-256 is
 * kept. A call made with it acts with the creator's authority, narrowed to the scopes, for as long
 * as the creator remains an administrator of the organisation (and is not disabled, and the
 * organisation is active): a token can never outlive the authority that made it.
 */
import { and, desc, eq, isNull } from "drizzle-orm";
import { timingSafeEqual } from "node:crypto";
import { firstRow, onlyRow, type Db } from "#db/client";
import { apiTokens, memberships, organisations, users } from "#db/schema";
import { authorize, type Actor } from "~/auth/permissions.server";
import { generateToken, hashToken } from "~/auth/tokens.server";
import { recordEvent } from "~/domain/activity-log/activity-log.server";
import { Invalid, NotFound } from "~/domain/errors";
import { API_RESOURCES, TOKEN_PREFIX, type Scopes } from "./scopes";
import type { CreateTokenInput } from "./tokens.schemas";

const DAY_MS = 24 * 60 * 60 * 1000;
/** Last use is written at most once a minute, not on every call. */
const TOUCH_EVERY_MS = 60_000;

export interface ApiActor extends Actor {
  token: { id: number; name: string; scopes: Scopes };
}

/** Why a call was not authenticated: the API answers 401 with this reason's title. */
export class Unauthenticated extends Error {
  override name = "Unauthenticated";
  constructor(readonly reason: "missing" | "malformed" | "unknown" | "expired" | "revoked" | "creator") {
    super(reason);
  }
}

export async function createApiToken(db: Db, actor: Actor, orgId: number, input: CreateTokenInput, ip: string | null, now = Date.now()): Promise<{ id: number; token: string; expiresAt: Date }> {
  authorize(actor, "api.tokens", { orgId });
  const scopes: Scopes = {};
  for (const resource of API_RESOURCES) {
    const level = input[`scope_${resource}`];
    if (level !== "none") scopes[resource] = level as "read" | "write";
  }
  if (Object.keys(scopes).length === 0) throw new Invalid("scope_suppliers", "api:errors.noScope");
  const secret = generateToken();
  const expiresAt = new Date(now + input.lifetime * DAY_MS);
  const row = onlyRow(await db
    .insert(apiTokens)
    .values({ orgId, name: input.name, secretHash: hashToken(secret), scopes, createdBy: actor.user.id, createdAt: new Date(now), expiresAt })
    .returning({ id: apiTokens.id }));
  await recordEvent(db, { action: "api_token.created", actorUserId: actor.user.id, orgId, targetType: "api_token", targetId: row.id, ip, details: { name: input.name, scopes, expiresAt: expiresAt.toISOString() } }, now);
  return { id: row.id, token: `${TOKEN_PREFIX}${row.id}_${secret}`, expiresAt };
}

export async function listApiTokens(db: Db, actor: Actor, orgId: number) {
  authorize(actor, "api.tokens", { orgId });
  return await db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      scopes: apiTokens.scopes,
      createdAt: apiTokens.createdAt,
      createdBy: users.name,
      expiresAt: apiTokens.expiresAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.createdBy))
    .where(eq(apiTokens.orgId, orgId))
    .orderBy(desc(apiTokens.id));
}

export async function revokeApiToken(db: Db, actor: Actor, orgId: number, tokenId: number, ip: string | null, now = Date.now()): Promise<void> {
  authorize(actor, "api.tokens", { orgId });
  const row = firstRow(await db.select({ id: apiTokens.id, name: apiTokens.name, revokedAt: apiTokens.revokedAt }).from(apiTokens).where(and(eq(apiTokens.id, tokenId), eq(apiTokens.orgId, orgId))));
  if (!row) throw new NotFound();
  // Revoking twice changes nothing and records nothing.
  if (row.revokedAt) return;
  await db.update(apiTokens).set({ revokedAt: new Date(now), revokedBy: actor.user.id }).where(and(eq(apiTokens.id, tokenId), isNull(apiTokens.revokedAt)));
  await recordEvent(db, { action: "api_token.revoked", actorUserId: actor.user.id, orgId, targetType: "api_token", targetId: tokenId, ip, details: { name: row.name } }, now);
}

const TOKEN_SHAPE = new RegExp(`^${TOKEN_PREFIX}(\\d{1,12})_([a-z2-7]{32})$`);

/**
 * The actor an `Authorization: Bearer …` header stands for, or `Unauthenticated`. Cookies are never
 * read: the API has no cookie authentication, so no page can be made to call it for a signed-in user.
 */
export async function authenticateApiToken(db: Db, header: string | null, now = Date.now()): Promise<ApiActor> {
  if (!header) throw new Unauthenticated("missing");
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  const parts = match ? TOKEN_SHAPE.exec(match[1]!) : null;
  if (!parts) throw new Unauthenticated("malformed");
  const row = firstRow(await db
    .select({ token: apiTokens, user: { id: users.id, email: users.email, name: users.name, locale: users.locale, disabledAt: users.disabledAt } })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.createdBy))
    .where(eq(apiTokens.id, Number(parts[1]))));
  // The hash is compared in constant time; an unknown id and a wrong secret answer the same.
  const given = Buffer.from(hashToken(parts[2]!), "utf8");
  if (!row || !timingSafeEqual(given, Buffer.from(row.token.secretHash, "utf8"))) throw new Unauthenticated("unknown");
  if (row.token.revokedAt) throw new Unauthenticated("revoked");
  if (row.token.expiresAt.getTime() <= now) throw new Unauthenticated("expired");
  const m = firstRow(await db
    .select({ orgId: organisations.id, orgType: organisations.type, orgName: organisations.name, role: memberships.role })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.orgId))
    .where(and(eq(memberships.userId, row.user.id), eq(memberships.orgId, row.token.orgId), isNull(organisations.deactivatedAt))));
  if (!m || m.role !== "admin" || row.user.disabledAt) throw new Unauthenticated("creator");
  if (!row.token.lastUsedAt || now - row.token.lastUsedAt.getTime() >= TOUCH_EVERY_MS) {
    await db.update(apiTokens).set({ lastUsedAt: new Date(now) }).where(eq(apiTokens.id, row.token.id));
  }
  const scopes = Object.fromEntries(Object.entries(row.token.scopes).filter(([r]) => (API_RESOURCES as readonly string[]).includes(r))) as Scopes;
  const { disabledAt: _disabled, ...user } = row.user;
  return { user: { ...user, isPlatformAdmin: false }, membership: m, token: { id: row.token.id, name: row.token.name, scopes } };
}
