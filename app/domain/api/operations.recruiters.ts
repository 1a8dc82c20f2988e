/**
 * Labour recruiters over the API (issue 22, decision 037): the list and one recruiter with its
 * stored score's full breakdown. Field names follow the recruiter CSV template's keys, as the
 * suppliers' follow theirs; the score shapes are the suppliers' (one method, one breakdown).
 */
import { z } from "zod";
import { BANDS } from "../risk/types";
import { patchSchema, recordWriteOf, RiskSummarySchema, rowSchema, ScoreSchema } from "./operations.suppliers";
import { intParam, isoTime, pageOf, pageQuery, type Operation } from "./shapes";

const recruiterFields = {
  id: z.number().int(),
  externalId: z.string(),
  name: z.string(),
  country: z.string().nullable(),
  licenceNumber: z.string().nullable(),
  // The recruiters table's own list (recruiters.server.ts LICENCE_STATUSES, not imported: a .server module stays out of shapes).
  licenceStatus: z.enum(["valid", "expired", "revoked", "none", "unknown"]),
  originCountries: z.array(z.string()),
  feesChargedToWorkers: z.boolean().nullable().meta({ description: "Null when not known." }),
  feeAmount: z.number().nullable(),
  feeCurrency: z.string().nullable(),
  certification: z.string().nullable(),
};

export const RecruiterSummarySchema = z
  .object({ ...recruiterFields, risk: RiskSummarySchema.nullable(), updatedAt: isoTime })
  .meta({ id: "RecruiterSummary" });

export const RecruiterPageSchema = pageOf(RecruiterSummarySchema, "RecruiterPage");

export const RecruiterSchema = z
  .object({
    ...recruiterFields,
    score: ScoreSchema.nullable().meta({ description: "Null when not scored yet: unknown, never low." }),
    suppliers: z
      .array(z.object({ id: z.number().int(), externalId: z.string(), name: z.string(), country: z.string().nullable(), origins: z.array(z.string()) }))
      .meta({ description: "The suppliers it places workers with (at most 200, highest score first), with the workers' origin countries; `suppliersTotal` counts them all." }),
    suppliersTotal: z.number().int(),
    updatedAt: isoTime,
  })
  .meta({ id: "Recruiter" });

export const RecruiterRowSchema = rowSchema("recruiters").meta({
  id: "RecruiterRow",
  description: "One labour recruiter as the recruiter CSV template names its columns; `links` are the ids (yours) of the suppliers it serves. Unknown fields are refused.",
});
export const RecruiterPatchSchema = patchSchema("recruiters").meta({ id: "RecruiterPatch", description: "The fields to change; an absent field stays as it is, `null` clears it. Unknown fields are refused." });
export const RecruiterWriteSchema = recordWriteOf(RecruiterSchema, "RecruiterWrite");

export const RecruiterIdParams = z.object({ recruiterId: intParam("The recruiter's id (the platform's, not yours).") });

export const ListRecruitersQuery = z.strictObject({
  ...pageQuery,
  country: z.string().regex(/^[A-Za-z]{2}$/, "api:invalid.country").transform((c) => c.toUpperCase()).optional(),
  band: z.enum([...BANDS, "unscored"], { message: "api:invalid.band" }).optional(),
  externalId: z.string().min(1).max(200).optional().meta({ description: "Your id for the recruiter: finds the one record." }),
  updatedSince: z.iso.datetime({ offset: true, message: "api:invalid.time" }).optional().meta({ description: "Only recruiters changed at or after this time." }),
});

export const RECRUITER_OPERATIONS = {
  listRecruiters: {
    id: "listRecruiters",
    method: "GET",
    path: "/recruiters",
    summary: "List recruiters",
    description: "In id order, with cursor pagination: a page never repeats or skips a recruiter while others are added.",
    resource: "recruiters",
    level: "read",
    query: ListRecruitersQuery,
    status: 200,
    response: RecruiterPageSchema,
  },
  createRecruiter: {
    id: "createRecruiter",
    method: "POST",
    path: "/recruiters",
    summary: "Create one labour recruiter",
    description:
      "Checked as a row of the recruiter list is, written at once and scored before the answer, with the suppliers it serves (`links`). The same `externalId` (or, without one, name and country) already on the list answers 409 naming it.",
    resource: "recruiters",
    level: "write",
    body: RecruiterRowSchema,
    status: 201,
    response: RecruiterWriteSchema,
    refusals: [409],
  },
  updateRecruiter: {
    id: "updateRecruiter",
    method: "PATCH",
    path: "/recruiters/{recruiterId}",
    summary: "Change one labour recruiter",
    description:
      "Only the fields given change; `null` clears one (the name and `externalId` cannot be cleared). Links to suppliers are only added. The recruiter and the suppliers it serves are scored again before the answer.",
    resource: "recruiters",
    level: "write",
    params: RecruiterIdParams,
    body: RecruiterPatchSchema,
    status: 200,
    response: RecruiterWriteSchema,
    refusals: [404, 409],
  },
  getRecruiter: {
    id: "getRecruiter",
    method: "GET",
    path: "/recruiters/{recruiterId}",
    summary: "Get a recruiter with its score and the score's breakdown",
    resource: "recruiters",
    level: "read",
    params: RecruiterIdParams,
    status: 200,
    response: RecruiterSchema,
    refusals: [404],
  },
} as const satisfies Record<string, Operation>;
