/**
 * A supplier shares a site's submitted questionnaire answers with a buyer that lists the site
 * (issue 20, item 4), as a company shares suppliers with partners (app/domain/sharing/): scoped to
 * one site and one buyer, effective at once, revocable at once (every buyer read goes through
 * buyer-view.server.ts, which reads the active shares), and every change in the activity log of
 * both organisations. Only with a buyer that lists the site (one of its records is linked to the
 * site): any other organisation answers 404 like a missing one, so the form cannot be used to
 * learn which companies exist or buy from whom.
 */
import { and, asc, desc, eq, isNull } from "drizzle-orm";
import { firstRow, inTransaction, onlyRow, type Db } from "#db/client";
import { rescoreBuyerRecords } from "./rescore-buyers.server";
import { organisations, questionnaireShares, supplierSiteLinks, supplierSites, users } from "#db/schema";
import { authorize, type Actor } from "~/auth/permissions.server";
import { NotFound } from "../errors";
import { ownSite, recordOfBuyer } from "./access.server";
import { activeShare } from "./buyer-view.server";
import { recordForBoth } from "./log.server";
import { answerOpenRequests, type WriteOptions } from "./requests.server";

export interface ShareOutcome {
  shareId: number;
  /** False when an active share with this buyer already existed (it is returned, not duplicated). */
  created: boolean;
  /** Open requests of this buyer the share answered at once. */
  answered: number;
}

export async function shareAnswers(db: Db, actor: Actor, siteId: number, buyerOrgId: number, options: WriteOptions = {}): Promise<ShareOutcome> {
  const now = options.now ?? Date.now();
  const ip = options.ip ?? null;
  const site = await ownSite(db, actor, "questionnaires.share", siteId);
  // Checked and written in one transaction (BEGIN IMMEDIATE): two tabs cannot both create a share.
  const outcome = await inTransaction(db, async (): Promise<ShareOutcome> => {
    const listed = Number.isSafeInteger(buyerOrgId) ? firstRow(await db.select({ id: supplierSiteLinks.id }).from(supplierSiteLinks).where(and(eq(supplierSiteLinks.siteId, site.id), eq(supplierSiteLinks.buyerOrgId, buyerOrgId)))) : undefined;
    if (!listed) throw new NotFound();
    const existing = await activeShare(db, site.id, buyerOrgId);
    if (existing) return { shareId: existing.id, created: false, answered: 0 };
    const shareId = onlyRow(await db.insert(questionnaireShares).values({ siteId: site.id, buyerOrgId, createdBy: actor.user.id, createdAt: new Date(now) }).returning({ id: questionnaireShares.id })).id;
    await recordForBoth(
      db,
      {
        action: "questionnaire.shared",
        actorUserId: actor.user.id,
        acting: "supplier",
        targetType: "questionnaire_share",
        targetId: shareId,
        ip,
        supplier: { orgId: site.orgId, siteId: site.id, site: site.name, buyerOrgId },
        buyer: { orgId: buyerOrgId, supplierId: await recordOfBuyer(db, site.id, buyerOrgId), supplierOrgId: site.orgId },
      },
      now,
    );
    return { shareId, created: true, answered: await answerOpenRequests(db, site.id, { ip, now }) };
  });
  if (outcome.created) await rescoreBuyerRecords(db, site.id, buyerOrgId, `questionnaire answers shared by the supplier (share ${outcome.shareId})`, now);
  return outcome;
}

/** Ends a share at once: the buyer's next read shows nothing. Revoking a revoked share changes nothing. */
export async function revokeShare(db: Db, actor: Actor, shareId: number, options: WriteOptions = {}): Promise<{ revoked: boolean }> {
  const now = options.now ?? Date.now();
  const orgId = actor.membership?.orgId ?? -1;
  authorize(actor, "questionnaires.share", { orgId });
  let revokedFrom: { siteId: number; buyerOrgId: number } | null = null;
  const outcome = await inTransaction(db, async () => {
    const share = Number.isSafeInteger(shareId)
      ? firstRow(
          await db
            .select({ id: questionnaireShares.id, siteId: questionnaireShares.siteId, site: supplierSites.name, buyerOrgId: questionnaireShares.buyerOrgId, revokedAt: questionnaireShares.revokedAt })
            .from(questionnaireShares)
            .innerJoin(supplierSites, eq(supplierSites.id, questionnaireShares.siteId))
            .where(and(eq(questionnaireShares.id, shareId), eq(supplierSites.orgId, orgId))),
        )
      : undefined;
    if (!share) throw new NotFound();
    if (share.revokedAt) return { revoked: false };
    await db.update(questionnaireShares).set({ revokedAt: new Date(now) }).where(and(eq(questionnaireShares.id, share.id), isNull(questionnaireShares.revokedAt)));
    await recordForBoth(
      db,
      {
        action: "questionnaire.share_revoked",
        actorUserId: actor.user.id,
        acting: "supplier",
        targetType: "questionnaire_share",
        targetId: share.id,
        ip: options.ip ?? null,
        supplier: { orgId, siteId: share.siteId, site: share.site, buyerOrgId: share.buyerOrgId },
        buyer: { orgId: share.buyerOrgId, supplierId: await recordOfBuyer(db, share.siteId, share.buyerOrgId), supplierOrgId: orgId },
      },
      now,
    );
    revokedFrom = { siteId: share.siteId, buyerOrgId: share.buyerOrgId };
    return { revoked: true };
  });
  const gone = revokedFrom as { siteId: number; buyerOrgId: number } | null;
  if (gone) await rescoreBuyerRecords(db, gone.siteId, gone.buyerOrgId, `questionnaire share ${shareId} revoked by the supplier`, now);
  return outcome;
}

/** The site's shares, active and revoked, newest first, with the buyers' names: the supplier's page. */
export async function sharesOfSite(db: Db, actor: Actor, siteId: number) {
  const site = await ownSite(db, actor, "sites.view", siteId);
  const rows = await db
    .select({ id: questionnaireShares.id, buyerOrgId: questionnaireShares.buyerOrgId, buyer: organisations.name, createdAt: questionnaireShares.createdAt, revokedAt: questionnaireShares.revokedAt, by: users.name })
    .from(questionnaireShares)
    .innerJoin(organisations, eq(organisations.id, questionnaireShares.buyerOrgId))
    .leftJoin(users, eq(users.id, questionnaireShares.createdBy))
    .where(eq(questionnaireShares.siteId, site.id))
    .orderBy(desc(questionnaireShares.createdAt), desc(questionnaireShares.id));
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.getTime(), revokedAt: r.revokedAt?.getTime() ?? null, active: r.revokedAt === null }));
}

/** The buyers that list the site (those it may share with), each with whether it is shared with now. */
export async function shareableBuyers(db: Db, actor: Actor, siteId: number) {
  const site = await ownSite(db, actor, "sites.view", siteId);
  const buyers = await db
    .selectDistinct({ orgId: supplierSiteLinks.buyerOrgId, name: organisations.name })
    .from(supplierSiteLinks)
    .innerJoin(organisations, eq(organisations.id, supplierSiteLinks.buyerOrgId))
    .where(eq(supplierSiteLinks.siteId, site.id))
    .orderBy(asc(organisations.name), asc(supplierSiteLinks.buyerOrgId));
  const result = [];
  for (const b of buyers) result.push({ ...b, shared: (await activeShare(db, site.id, b.orgId)) !== null });
  return result;
}
