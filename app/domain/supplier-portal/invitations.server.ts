/**
 * A buyer invites the supplier of one of its records to claim its workplace (issue 20, item 1).
 * The security design is the member invitation's (members.server.ts): a random one-time token shown
 * once to the buyer, only its SHA-256 stored; an expiry; revocation; the claim marks the invitation
 * used inside the transaction that creates the link, so a double submit or a replay cannot use it
 * twice; every attempt on a known link, accepted or refused, goes to the buyer's activity log; and
 * an unusable link (unknown, used, revoked, expired) gets one and the same answer, so the page is no
 * oracle. Each try of a token is counted against the client's allowance (a keyed hash of its
 * address): 160 random bits cannot be guessed, and a flood of guesses is refused before it is read.
 */
import { and, asc, desc, eq, gt, isNull, sql } from "drizzle-orm";
import { changedRows, firstRow, inTransaction, onlyRow, type Db } from "#db/client";
import { memberships, organisations, siteIdentityChanges, supplierInvitations, supplierSiteLinks, supplierSites, suppliers, users } from "#db/schema";
import { hashPassword, passwordProblem } from "~/auth/password.server";
import { authorize, can, type Actor } from "~/auth/permissions.server";
import { takeRateLimit } from "~/auth/rate-limit.server";
import { normaliseEmail } from "~/auth/sign-in.server";
import { generateToken, hashToken } from "~/auth/tokens.server";
import { answerOpenRequests } from "../questionnaires/requests.server";
import { rescoreBuyerRecords } from "../questionnaires/rescore-buyers.server";
import { recordEvent } from "../activity-log/activity-log.server";
import { Conflict, Invalid, NotFound } from "../errors";
import { clientKey } from "../grievances/intake.server";
import { displayNameProblem } from "../members/members.server";
import { siteIdentifiersFrom } from "./identifiers";

/** A supplier's staff may need a week or two to find the right person: longer than a member invitation. */
export const SUPPLIER_INVITATION_LIFETIME_MS = 14 * 24 * 60 * 60 * 1000;

/** The one answer for a link that cannot be used, whatever the reason (a `public` key). */
export const SUPPLIER_INVITATION_REFUSED = "public:supplierInvite.refused";

async function buyerRecord(db: Db, orgId: number, supplierId: number) {
  const record = firstRow(await db.select().from(suppliers).where(and(eq(suppliers.id, supplierId), eq(suppliers.orgId, orgId))));
  // Another buyer's record answers exactly like one that does not exist.
  if (!record) throw new NotFound();
  return record;
}

/** Refuses (404) unless the record is the buyer's: the invitation forms check it before reading their body. */
export async function requireBuyerRecord(db: Db, actor: Actor, orgId: number, supplierId: number): Promise<void> {
  authorize(actor, "suppliers.view", { orgId });
  await buyerRecord(db, orgId, supplierId);
}

/** Who claimed a record (the supplier organisation's name) and when, or null. */
async function claimOf(db: Db, supplierId: number) {
  return (
    firstRow(
      await db
        .select({ siteId: supplierSiteLinks.siteId, at: supplierSiteLinks.createdAt, orgName: organisations.name })
        .from(supplierSiteLinks)
        .innerJoin(supplierSites, eq(supplierSites.id, supplierSiteLinks.siteId))
        .innerJoin(organisations, eq(organisations.id, supplierSites.orgId))
        .where(eq(supplierSiteLinks.supplierId, supplierId)),
    ) ?? null
  );
}

/** The one-time link for the supplier of a buyer's record; refused when the record is already claimed. */
export async function inviteSupplier(db: Db, actor: Actor, orgId: number, supplierId: number, input: { email: string }, ip: string | null, now = Date.now()): Promise<{ token: string; invitationId: number }> {
  authorize(actor, "suppliers.invite", { orgId });
  await buyerRecord(db, orgId, supplierId);
  const email = normaliseEmail(input.email);
  return await inTransaction(db, async () => {
    const claim = await claimOf(db, supplierId);
    if (claim) throw new Conflict("email", "suppliers:portal.errors.alreadyClaimed", { org: claim.orgName });
    const token = generateToken();
    const row = onlyRow(
      await db
        .insert(supplierInvitations)
        .values({ orgId, supplierId, email, tokenHash: hashToken(token), invitedBy: actor.user.id, expiresAt: new Date(now + SUPPLIER_INVITATION_LIFETIME_MS), createdAt: new Date(now) })
        .returning({ id: supplierInvitations.id }),
    );
    await recordEvent(db, { action: "supplier.invited", actorUserId: actor.user.id, orgId, targetType: "supplier", targetId: supplierId, ip, details: { supplierId, email } }, now);
    return { token, invitationId: row.id };
  });
}

export async function revokeSupplierInvitation(db: Db, actor: Actor, orgId: number, supplierId: number, invitationId: number, ip: string | null, now = Date.now()): Promise<void> {
  authorize(actor, "suppliers.invite", { orgId });
  await buyerRecord(db, orgId, supplierId);
  const result = await db
    .update(supplierInvitations)
    .set({ revokedAt: new Date(now) })
    .where(and(eq(supplierInvitations.id, invitationId), eq(supplierInvitations.orgId, orgId), eq(supplierInvitations.supplierId, supplierId), isNull(supplierInvitations.acceptedAt), isNull(supplierInvitations.revokedAt)));
  if (changedRows(result) === 0) throw new NotFound();
  await recordEvent(db, { action: "supplier.invitation_revoked", actorUserId: actor.user.id, orgId, targetType: "supplier", targetId: supplierId, ip, details: { supplierId, invitationId } }, now);
}

/**
 * What the buyer's supplier page shows of the portal, read through this one function, which checks
 * that the record is the buyer's: who claimed it and when, the site's current identity and every
 * correction the supplier made (field, before → after, who, when), and the pending invitations.
 */
export async function buyerPortalView(db: Db, actor: Actor, orgId: number, supplierId: number, now = Date.now()) {
  authorize(actor, "suppliers.view", { orgId });
  await buyerRecord(db, orgId, supplierId);
  const canInvite = can(actor, "suppliers.invite", { orgId });
  const claim = await claimOf(db, supplierId);
  const site = claim ? firstRow(await db.select({ name: supplierSites.name, country: supplierSites.country, address: supplierSites.address, identifiers: supplierSites.identifiers }).from(supplierSites).where(eq(supplierSites.id, claim.siteId))) ?? null : null;
  const history = claim ? await identityHistory(db, claim.siteId) : [];
  const pending =
    canInvite && !claim
      ? await db
          .select({ id: supplierInvitations.id, email: supplierInvitations.email, expiresAt: supplierInvitations.expiresAt, invitedBy: users.name })
          .from(supplierInvitations)
          .leftJoin(users, eq(users.id, supplierInvitations.invitedBy))
          .where(and(eq(supplierInvitations.supplierId, supplierId), eq(supplierInvitations.orgId, orgId), isNull(supplierInvitations.acceptedAt), isNull(supplierInvitations.revokedAt), gt(supplierInvitations.expiresAt, new Date(now))))
          .orderBy(asc(supplierInvitations.createdAt), asc(supplierInvitations.id))
      : [];
  return { canInvite, claim: claim ? { orgName: claim.orgName, at: claim.at } : null, site, history, pending };
}

export type BuyerPortalView = Awaited<ReturnType<typeof buyerPortalView>>;

/** A site's identity corrections, newest first (the caller has checked who may read them). */
export async function identityHistory(db: Db, siteId: number) {
  return await db
    .select({ id: siteIdentityChanges.id, field: siteIdentityChanges.field, before: siteIdentityChanges.before, after: siteIdentityChanges.after, by: users.name, at: siteIdentityChanges.createdAt })
    .from(siteIdentityChanges)
    .leftJoin(users, eq(users.id, siteIdentityChanges.changedBy))
    .where(eq(siteIdentityChanges.siteId, siteId))
    .orderBy(desc(siteIdentityChanges.createdAt), desc(siteIdentityChanges.id));
}

/** Counts one try of a token against the client's allowance (429 past it), before the token is looked up. */
export async function countTokenTry(db: Db, ip: string | null, now = Date.now()): Promise<void> {
  await takeRateLimit(db, "suppliers.claim", clientKey(ip ?? "unknown"), now);
}

/**
 * What the claim page shows before the supplier claims, or null when the link cannot be used for
 * any reason (one answer for all). `claimedBy`: the record was claimed meanwhile (through another
 * invitation); the page says so instead of offering a claim that would be refused.
 */
export async function findSupplierInvitation(db: Db, token: string, now = Date.now()) {
  const row = firstRow(
    await db
      .select({
        id: supplierInvitations.id,
        email: supplierInvitations.email,
        buyerOrgId: supplierInvitations.orgId,
        buyerName: organisations.name,
        supplierId: suppliers.id,
        name: suppliers.name,
        country: suppliers.country,
        address: suppliers.address,
        identifiers: suppliers.identifiers,
      })
      .from(supplierInvitations)
      .innerJoin(organisations, eq(organisations.id, supplierInvitations.orgId))
      .innerJoin(suppliers, and(eq(suppliers.id, supplierInvitations.supplierId), eq(suppliers.orgId, supplierInvitations.orgId)))
      .where(and(eq(supplierInvitations.tokenHash, hashToken(token)), isNull(supplierInvitations.acceptedAt), isNull(supplierInvitations.revokedAt), gt(supplierInvitations.expiresAt, new Date(now)), isNull(organisations.deactivatedAt))),
  );
  if (!row) return null;
  const claim = await claimOf(db, row.supplierId);
  return { ...row, claimedBy: claim?.orgName ?? null };
}

export type SupplierInvitationView = NonNullable<Awaited<ReturnType<typeof findSupplierInvitation>>>;

/** The sites of the organisation a signed-in supplier acts for (to claim into), or null when the actor may not claim. */
export async function claimableSites(db: Db, actor: Actor) {
  const orgId = actor.membership?.orgId;
  if (orgId === undefined || actor.membership?.orgType !== "supplier" || !can(actor, "sites.manage", { orgId })) return null;
  return await db.select({ id: supplierSites.id, name: supplierSites.name, country: supplierSites.country }).from(supplierSites).where(eq(supplierSites.orgId, orgId)).orderBy(asc(supplierSites.name), asc(supplierSites.id));
}

/** How a supplier claims: a new organisation with its first admin (signed out), or as a signed-in supplier into a site of its organisation (null: a new site). */
export type SupplierClaim = { orgName: string; name: string; password: string } | { actor: Actor; siteId: number | null };

/**
 * Claims the record the token was issued for. A new organisation, its first admin (the invited
 * e-mail), its site copied from the buyer's record and the link are written in one transaction; or,
 * for a signed-in supplier admin or member, the link to one of its sites (or a new one).
 */
export async function claimSupplierInvitation(db: Db, token: string, claim: SupplierClaim, ip: string | null, now = Date.now()): Promise<{ userId: number; orgId: number; siteId: number }> {
  const invitation = await findSupplierInvitation(db, token, now);
  const actorUserId = "actor" in claim ? claim.actor.user.id : null;
  const refuse = async (buyerOrgId: number, invitationId: number, reason: string, error: Error): Promise<never> => {
    await recordEvent(db, { action: "supplier.claim_refused", actorUserId, orgId: buyerOrgId, targetType: "supplier_invitation", targetId: invitationId, ip, details: { reason } }, now);
    throw error;
  };
  if (!invitation) {
    // A link that once worked (used, revoked, expired) is still logged for the buyer that issued it.
    const spent = firstRow(await db.select({ id: supplierInvitations.id, orgId: supplierInvitations.orgId }).from(supplierInvitations).where(eq(supplierInvitations.tokenHash, hashToken(token))));
    if (spent) await refuse(spent.orgId, spent.id, "link no longer valid", new Invalid("form", SUPPLIER_INVITATION_REFUSED));
    throw new Invalid("form", SUPPLIER_INVITATION_REFUSED);
  }
  if (invitation.claimedBy) await refuse(invitation.buyerOrgId, invitation.id, "already claimed", new Conflict("form", "public:supplierInvite.claimedMeanwhile", { org: invitation.claimedBy }));

  let passwordHash: string | null = null;
  let orgName = "";
  let name = "";
  let existing: { userId: number; orgId: number; siteId: number | null } | null = null;
  if ("actor" in claim) {
    const { actor } = claim;
    const orgId = actor.membership?.orgId;
    // Only a supplier organisation's admins and members claim; anyone else is told so plainly.
    if (orgId === undefined || actor.membership?.orgType !== "supplier" || !can(actor, "sites.manage", { orgId })) {
      await refuse(invitation.buyerOrgId, invitation.id, "signed in as a non-supplier", new Invalid("form", "public:supplierInvite.refusedNotSupplier"));
    }
    if (claim.siteId !== null) {
      const site = firstRow(await db.select({ id: supplierSites.id }).from(supplierSites).where(and(eq(supplierSites.id, claim.siteId), eq(supplierSites.orgId, orgId!))));
      // Another supplier's site answers like one that does not exist.
      if (!site) throw new NotFound();
    }
    existing = { userId: actor.user.id, orgId: orgId!, siteId: claim.siteId };
  } else {
    name = claim.name.trim();
    const nameProblem = displayNameProblem(name);
    if (nameProblem) throw new Invalid("name", nameProblem);
    orgName = claim.orgName.trim();
    const problem = passwordProblem(claim.password, invitation.email);
    if (problem) throw new Invalid("password", problem.message, problem.values);
    // Hashed before looking for an existing account, so that both answers take the same time.
    passwordHash = await hashPassword(claim.password);
    const account = firstRow(await db.select({ id: users.id }).from(users).where(eq(users.email, invitation.email)));
    // Nothing is written to an existing account from a link: its owner signs in first and claims as
    // themselves. The refusal is the one for a dead link, so the page never tells whether an address has an account.
    if (account) await refuse(invitation.buyerOrgId, invitation.id, "account exists, not signed in", new Invalid("form", SUPPLIER_INVITATION_REFUSED));
    const taken = firstRow(await db.select({ id: organisations.id }).from(organisations).where(sql`lower(${organisations.name}) = lower(${orgName})`));
    if (taken) throw new Invalid("orgName", "public:supplierInvite.errors.orgNameTaken");
  }

  const claimed = await inTransaction(db, async () => {
    // Used inside the transaction, so that a double submit or a replay cannot claim twice.
    const used = await db
      .update(supplierInvitations)
      .set({ acceptedAt: new Date(now) })
      .where(and(eq(supplierInvitations.id, invitation.id), isNull(supplierInvitations.acceptedAt), isNull(supplierInvitations.revokedAt)));
    if (changedRows(used) === 0) throw new Invalid("form", SUPPLIER_INVITATION_REFUSED);
    // Claimed through another invitation between the page and the submit.
    const already = await claimOf(db, invitation.supplierId);
    if (already) throw new Conflict("form", "public:supplierInvite.claimedMeanwhile", { org: already.orgName });
    let userId: number;
    let orgId: number;
    let siteId: number | null;
    if (existing) {
      ({ userId, orgId, siteId } = existing);
    } else {
      orgId = onlyRow(await db.insert(organisations).values({ type: "supplier", name: orgName, createdAt: new Date(now) }).returning({ id: organisations.id })).id;
      userId = onlyRow(await db.insert(users).values({ email: invitation.email, name, passwordHash }).returning({ id: users.id })).id;
      await db.insert(memberships).values({ userId, orgId, role: "admin" });
      await recordEvent(db, { action: "organisation.created", actorUserId: userId, orgId, targetType: "organisation", targetId: orgId, ip, details: { type: "supplier", name: orgName, via: "supplier invitation" } }, now);
      siteId = null;
    }
    if (siteId === null) {
      // The site starts as the buyer's record describes the workplace; the supplier corrects it from there.
      siteId = onlyRow(
        await db
          .insert(supplierSites)
          .values({ orgId, name: invitation.name, country: invitation.country, address: invitation.address, identifiers: siteIdentifiersFrom(invitation.identifiers), createdAt: new Date(now) })
          .returning({ id: supplierSites.id }),
      ).id;
    }
    await db.insert(supplierSiteLinks).values({ siteId, supplierId: invitation.supplierId, buyerOrgId: invitation.buyerOrgId, claimedBy: userId, createdAt: new Date(now) });
    // The buyer's log names its record; the supplier's names the buyer, never the buyer's record id.
    await recordEvent(db, { action: "supplier.claimed", actorUserId: userId, orgId: invitation.buyerOrgId, targetType: "supplier", targetId: invitation.supplierId, ip, details: { supplierId: invitation.supplierId, supplierOrg: orgId, buyerOrg: invitation.buyerOrgId } }, now);
    await recordEvent(db, { action: "supplier.claimed", actorUserId: userId, orgId, targetType: "site", targetId: siteId, ip, details: { siteId, supplierOrg: orgId, buyerOrg: invitation.buyerOrgId } }, now);
    return { userId, orgId, siteId };
  });
  // Claimed into a site already shared with this buyer: the buyer's open requests on the record are
  // answered from the shared answers, and the record is scored with what the site shares.
  await answerOpenRequests(db, claimed.siteId, { ip, now });
  await rescoreBuyerRecords(db, claimed.siteId, invitation.buyerOrgId, `supplier record claimed by its supplier`, now);
  return claimed;
}
