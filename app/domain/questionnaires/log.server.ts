/**
 * Every change to a questionnaire share or request goes to the activity log of BOTH organisations
 * (the supplier's and the buyer's): each side's admins see what was shared with whom, and what was
 * asked and answered. Each side's entry names only what that side knows: the supplier's names its
 * own site and the buyer organisation; the buyer's names its own supplier record and the supplier
 * organisation. The other side's entry carries no acting person (`actorUserId` null): the buyer
 * learns that the supplier organisation acted, not which of its staff (the supplier's own entry
 * keeps the person).
 */
import type { Db } from "#db/client";
import { recordEvent, type AuditAction } from "../activity-log/activity-log.server";

export interface BothSides {
  action: Extract<AuditAction, `questionnaire.${string}`>;
  /** The person acting, on the side that acted. */
  actorUserId: number | null;
  acting: "supplier" | "buyer" | "platform";
  targetType: string;
  targetId: number;
  ip: string | null;
  supplier: { orgId: number; siteId: number; site: string; buyerOrgId: number } | null;
  buyer: { orgId: number; supplierId: number | null; supplierOrgId: number | null } | null;
  /** Details both entries carry (a due day, a submission's day). */
  details?: Record<string, unknown>;
}

export async function recordForBoth(db: Db, e: BothSides, now: number): Promise<void> {
  const common = { action: e.action, targetType: e.targetType, targetId: e.targetId, ip: e.ip };
  if (e.supplier) {
    await recordEvent(
      db,
      { ...common, actorUserId: e.acting === "supplier" ? e.actorUserId : null, orgId: e.supplier.orgId, details: { side: "supplier", siteId: e.supplier.siteId, site: e.supplier.site, buyerOrgId: e.supplier.buyerOrgId, ...e.details } },
      now,
    );
  }
  if (e.buyer) {
    await recordEvent(
      db,
      { ...common, actorUserId: e.acting === "buyer" ? e.actorUserId : null, orgId: e.buyer.orgId, details: { side: "buyer", ...(e.buyer.supplierId === null ? {} : { supplierId: e.buyer.supplierId }), ...(e.buyer.supplierOrgId === null ? {} : { supplierOrgId: e.buyer.supplierOrgId }), ...e.details } },
      now,
    );
  }
}
