/**
 * The shapes of the forms that feed `members.server.ts` (and `organisations.server.ts`): what each
 * field must look like, with the message shown beside it. The domain functions check the meaning
 * (the last admin, an existing member, password strength).
 */
import { z } from "zod";
import { ORG_TYPES, ROLES } from "#db/schema";

const id = z.coerce.number().int().positive();

/** /orgs/:orgId/members: the admins' forms. */
export const MembersSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("invite"),
    email: z.email({ message: "account:members.errors.email" }).max(320),
    role: z.enum(ROLES, { message: "account:members.errors.role" }),
  }),
  z.object({ intent: z.literal("change-role"), userId: id, role: z.enum(ROLES, { message: "account:members.errors.role" }) }),
  z.object({ intent: z.literal("remove"), userId: id }),
  z.object({ intent: z.literal("reset-link"), userId: id }),
  z.object({ intent: z.literal("revoke-invitation"), invitationId: id }),
]);

/** /account: the signed-in user's own forms. */
export const AccountSchema = z.discriminatedUnion("intent", [
  z
    .object({
      intent: z.literal("change-password"),
      currentPassword: z.string().min(1, "account:password.currentRequired"),
      newPassword: z.string().min(1, "account:password.newRequired").max(1024, "account:password.tooLong"),
      confirmPassword: z.string(),
    })
    .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: "account:password.mismatch" }),
  z.object({ intent: z.literal("switch-organisation"), orgId: id }),
  z.object({ intent: z.literal("change-name"), name: z.string().max(1000, "account:name.tooLong") }),
]);

/** /invite/:token: a new account's name and password, or "accept" as the signed-in account. Messages are `public` catalog keys. */
export const AcceptInvitationSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("create-account"),
    name: z.string().trim().min(1, "public:validation.nameRequired").max(200, "public:validation.nameTooLong"),
    password: z.string().min(1, "public:validation.choosePasswordRequired").max(1024, "public:validation.passwordTooLong"),
  }),
  z.object({ intent: z.literal("accept") }),
]);

/** /reset-password/:token. Messages are `public` catalog keys. */
export const ResetPasswordSchema = z
  .object({
    password: z.string().min(1, "public:validation.newPasswordRequired").max(1024, "public:validation.passwordTooLong"),
    confirmPassword: z.string(),
  })
  .refine((v) => v.password === v.confirmPassword, { path: ["confirmPassword"], message: "public:validation.passwordsDiffer" });

/** /admin/organisations: a new organisation and its first admin. */
export const NewOrganisationSchema = z.object({
  type: z.enum(ORG_TYPES, { message: "admin:orgs.validation.type" }),
  name: z.string().trim().min(2, "admin:orgs.validation.name").max(200, "admin:orgs.validation.nameTooLong"),
  jurisdictions: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string()).max(300, "admin:orgs.validation.tooManyCountries")),
  adminEmail: z.email({ message: "admin:orgs.validation.adminEmail" }).max(320),
});

/** A checkbox group: absent when nothing is ticked, a string for one, an array for several. */
const ticked = z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string()).max(300, "admin:orgs.validation.tooManyCountries"));

/** /admin/organisations/:orgId: edit, and deactivate or reactivate (each with `confirm=yes`, else only stated). */
export const EditOrganisationSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({
      intent: z.literal("edit"),
      name: z.string().trim().min(2, "admin:orgs.validation.name").max(200, "admin:orgs.validation.nameTooLong"),
      jurisdictions: ticked,
    }),
    z.object({ intent: z.literal("deactivate"), confirm: z.string().default("").transform((v) => v === "yes") }),
    z.object({ intent: z.literal("reactivate"), confirm: z.string().default("").transform((v) => v === "yes") }),
  ],
  { error: "account:unknownAction" },
);
