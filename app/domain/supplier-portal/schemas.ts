/**
 * The shapes of the supplier portal's forms (issue 20). The schemas check the shape; the domain
 * functions check the meaning (identifier check digits, password strength, who may claim what).
 */
import { z } from "zod";
import { IDENTIFIER_SCHEMES } from "./identifiers";

const id = z.coerce.number().int().positive();

/** /suppliers/:supplierId: the buyer invites the supplier of the record, or withdraws an invitation. Messages are `suppliers` keys. */
export const SupplierInvitationSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("invite-supplier"), email: z.email({ message: "suppliers:portal.errors.email" }).max(320, "suppliers:portal.errors.email") }),
  z.object({ intent: z.literal("revoke-supplier-invitation"), invitationId: id }),
]);

/**
 * /supplier-invite/:token: signed out, a new supplier organisation with its first admin; signed in
 * as a supplier, the workplace claimed into one of the organisation's sites ("new": a new site).
 * Messages are `public` keys (the page is read in every language).
 */
export const ClaimSupplierInvitationSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("create-organisation"),
    orgName: z.string().trim().min(2, "public:supplierInvite.errors.orgName").max(200, "public:supplierInvite.errors.orgNameTooLong"),
    name: z.string().trim().min(1, "public:validation.nameRequired").max(200, "public:validation.nameTooLong"),
    password: z.string().min(1, "public:validation.choosePasswordRequired").max(1024, "public:validation.passwordTooLong"),
  }),
  z.object({
    intent: z.literal("claim"),
    site: z.union([z.literal("new"), id], { message: "public:supplierInvite.errors.site" }),
  }),
]);

/** /sites/:siteId: the correction form. Every field is sent; an empty one clears the value. Messages are `home` keys. */
export const SiteIdentitySchema = z.object({
  name: z.string().trim().min(2, "home:site.errors.name").max(200, "home:site.errors.nameTooLong"),
  country: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^([A-Z]{2})?$/, "home:site.errors.country"),
  address: z.string().trim().max(500, "home:site.errors.addressTooLong"),
  ...Object.fromEntries(IDENTIFIER_SCHEMES.map((s) => [s, z.string().max(200, "home:site.errors.identifierTooLong").default("")])) as Record<(typeof IDENTIFIER_SCHEMES)[number], z.ZodDefault<z.ZodString>>,
});
export type SiteIdentityInput = z.infer<typeof SiteIdentitySchema>;
