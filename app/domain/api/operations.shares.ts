/**
 * Shares over the API (issue 22, decision 037): what a company shares with which partner
 * organisation, made and revoked through the sharing page's own domain functions (same checks,
 * same activity log); for a partner organisation, what companies share with it.
 *
 * The body's names are the sharing form's (`toOrgId`, `scope`, `countries`, `sectors`, `bands`,
 * `suppliers`), so that a refusal names the field the page would name.
 */
import { z } from "zod";
import { BANDS } from "../risk/types";
import { intParam, isoTime, pageOf, pageQuery, type Operation } from "./shapes";

// A copy of SHARE_SCOPES (sharing.server.ts is server-only); tests/integration/api-partners.test.ts keeps them equal.
export const API_SHARE_SCOPES = ["identity", "scores", "indicators", "audits", "recruiters"] as const;

const ShareFilterSchema = z
  .object({
    countries: z.array(z.string()).optional(),
    sectors: z.array(z.string()).optional(),
    bands: z.array(z.string()).optional().meta({ description: "Risk bands." }),
    supplierIds: z.array(z.number().int()).optional(),
  })
  .meta({ id: "ShareFilter", description: "Which of the company's suppliers the share covers: each part narrows the others; none: all suppliers." });

export const ShareSchema = z
  .object({
    direction: z.literal("given"),
    id: z.number().int(),
    partner: z.object({ id: z.number().int(), name: z.string(), type: z.string() }),
    scope: z.array(z.enum(API_SHARE_SCOPES)),
    filter: ShareFilterSchema,
    filterText: z.string().meta({ description: "The filter in words (English)." }),
    createdAt: isoTime,
    createdBy: z.string().nullable(),
    revokedAt: isoTime.nullable(),
    covers: z
      .object({ covered: z.number().int(), total: z.number().int() })
      .nullable()
      .meta({ description: "How many of the company's suppliers the share covers now; null once revoked." }),
  })
  .meta({ id: "Share", description: "A share the company made, as the sharing page lists it." });

export const ReceivedShareSchema = z
  .object({
    direction: z.literal("received"),
    id: z.number().int(),
    company: z.object({ id: z.number().int(), name: z.string() }),
    scope: z.array(z.enum(API_SHARE_SCOPES)),
    since: isoTime,
  })
  .meta({ id: "ReceivedShare", description: "An active share a company made with the reading organisation, as the shared suppliers page names it." });

export const ShareListSchema = z
  .object({ data: z.array(z.discriminatedUnion("direction", [ShareSchema, ReceivedShareSchema])) })
  .meta({ id: "ShareList", description: "A company: its shares, newest first, revoked ones included. A partner organisation: the active shares with it. Not paged: an organisation has a handful." });

export const ShareRequestSchema = z
  .strictObject({
    toOrgId: z.number().int().positive().meta({ description: "The partner organisation (inspectorate, union or regulator)." }),
    // Scopes, countries and bands are checked by the sharing page's own check, which names the field.
    scope: z.array(z.string().max(40)).max(20).meta({ description: "What the partner sees: `identity` (always), `scores`, `indicators`, `audits`, `recruiters`." }),
    countries: z.array(z.string().max(100)).max(300).optional().meta({ description: "ISO 3166-1 alpha-2 codes or names." }),
    sectors: z.array(z.string().max(100)).max(300).optional(),
    bands: z.array(z.string().max(40)).max(20).optional().meta({ description: `Risk bands: ${BANDS.join(", ")}.` }),
    suppliers: z.array(z.number().int().positive()).max(5000).optional().meta({ description: "Only these of the company's suppliers (ids)." }),
  })
  .meta({ id: "ShareRequest", description: "A new share, checked as the sharing page checks it. One active share per partner: a second answers 409." });

export const ShareIdParams = z.object({ shareId: intParam("The share's id.") });

export const SHARE_OPERATIONS = {
  listShares: {
    id: "listShares",
    method: "GET",
    path: "/shares",
    summary: "List shares (made by the company, or made with the partner organisation)",
    resource: "shares",
    level: "read",
    status: 200,
    response: ShareListSchema,
  },
  createShare: {
    id: "createShare",
    method: "POST",
    path: "/shares",
    summary: "Share suppliers with a partner organisation (company administrators)",
    description: "The same checks and activity-log entry as sharing on the page; takes effect at once.",
    resource: "shares",
    level: "write",
    body: ShareRequestSchema,
    status: 201,
    response: ShareSchema,
    refusals: [409],
  },
  revokeShare: {
    id: "revokeShare",
    method: "DELETE",
    path: "/shares/{shareId}",
    summary: "Revoke a share (company administrators)",
    description: "The partner loses access at once, as when revoked on the page. Revoking a revoked share changes nothing.",
    resource: "shares",
    level: "write",
    params: ShareIdParams,
    status: 200,
    response: ShareSchema,
    refusals: [404],
  },
} as const satisfies Record<string, Operation>;

/* ---------------------------------------------------------------------------------------------- *
 * The partner's side: the suppliers companies share with it, cut to each share's scopes.
 * ---------------------------------------------------------------------------------------------- */

export const SharedSupplierSchema = z
  .object({
    id: z.number().int(),
    company: z.object({ id: z.number().int(), name: z.string() }),
    scope: z.array(z.enum(API_SHARE_SCOPES)).meta({ description: "The union of the scopes of the company's active shares covering the supplier." }),
    since: isoTime,
    name: z.string().meta({ description: "`Supplier <id>` without the identity scope." }),
    externalId: z.string().nullable().meta({ description: "Null without the identity scope." }),
    address: z.string().nullable().meta({ description: "Null without the identity scope." }),
    country: z.string().nullable(),
    sector: z.string().nullable(),
    products: z.array(z.string()),
    tier: z.number().int().nullable(),
    workersTotal: z.number().int().nullable(),
    migrantShare: z.number().nullable(),
    femaleShare: z.number().nullable(),
    risk: z
      .object({ score: z.number(), band: z.enum(BANDS), confidence: z.number().nullable(), range: z.object({ low: z.number(), high: z.number() }).nullable(), redFlags: z.number().int() })
      .nullable()
      .meta({ description: "Null without the scores scope, or when not scored yet." }),
  })
  .meta({ id: "SharedSupplier", description: "A supplier a company shares with the reading organisation, as the shared suppliers pages show it: a field outside the shares' scopes is null." });

export const SharedSupplierPageSchema = pageOf(SharedSupplierSchema, "SharedSupplierPage");

export const ListSharedSuppliersQuery = z.strictObject({
  ...pageQuery,
  country: z.string().regex(/^[A-Za-z]{2}$/, "api:invalid.country").transform((c) => c.toUpperCase()).optional(),
});

export const SHARED_SUPPLIER_OPERATIONS = {
  listSharedSuppliers: {
    id: "listSharedSuppliers",
    method: "GET",
    path: "/shared-suppliers",
    summary: "List the suppliers companies share with the organisation (inspectorates, unions, regulators)",
    description: "Read through the one scoped view every partner-facing page reads; in id order with cursor pagination.",
    resource: "shares",
    level: "read",
    query: ListSharedSuppliersQuery,
    status: 200,
    response: SharedSupplierPageSchema,
  },
} as const satisfies Record<string, Operation>;
