/**
 * Suppliers, their scores and bulk imports over the API (issue 22, decision 037).
 *
 * Names follow the CSV template's field keys (`externalId`, `workersTotal`, `indicator:<code>`), so
 * that a system that has written the CSV once writes the same names in JSON.
 */
import { z } from "zod";
import { BANDS } from "../risk/types";
import { fieldsFor, type FieldDef } from "../import/fields";
import { intParam, isoTime, pageOf, pageQuery, type Operation } from "./shapes";

/* ---------------------------------------------------------------------------------------------- *
 * Shapes.
 * ---------------------------------------------------------------------------------------------- */

const RangeSchema = z.object({ low: z.number(), high: z.number() }).meta({ description: "The score if every unknown input were absent (low) or present (high)." });

export const RiskSummarySchema = z
  .object({
    score: z.number(),
    band: z.enum(BANDS),
    confidence: z.number().meta({ description: "0–1: the weighted share of the method's inputs that were known." }),
    range: RangeSchema.nullable(),
    redFlags: z.number().int(),
  })
  .meta({ id: "RiskSummary", description: "A stored score. Null on a supplier that has not been scored: unknown, never low." });

export const SupplierSummarySchema = z
  .object({
    id: z.number().int(),
    externalId: z.string(),
    name: z.string(),
    country: z.string().nullable(),
    sector: z.string().nullable(),
    products: z.array(z.string()),
    tier: z.number().int().nullable(),
    workersTotal: z.number().int().nullable(),
    migrantShare: z.number().nullable(),
    risk: RiskSummarySchema.nullable(),
    updatedAt: isoTime,
  })
  .meta({ id: "SupplierSummary" });

export const SupplierPageSchema = pageOf(SupplierSummarySchema, "SupplierPage");

export const FactorSchema = z
  .object({
    code: z.string(),
    layer: z.enum(["inherent", "observed", "mitigation"]),
    label: z.string(),
    value: z.string(),
    weight: z.number(),
    contribution: z.number(),
    known: z.boolean(),
    sources: z.array(z.string()),
    redFlag: z.boolean(),
    basis: z.enum(["recorded", "self-reported"]),
  })
  .meta({ id: "Factor", description: "One line of why the score is what it is." });

export const ScoreSchema = z
  .object({
    id: z.number().int(),
    score: z.number(),
    band: z.enum(BANDS),
    confidence: z.number(),
    range: RangeSchema.nullable(),
    redFlags: z.array(z.string()),
    factors: z.array(FactorSchema),
    computedAt: isoTime,
    cause: z.string(),
    inputsHash: z.string(),
    methodology: z.object({ version: z.string(), name: z.string() }),
    references: z.array(z.object({ name: z.string(), edition: z.string() })),
  })
  .meta({ id: "Score", description: "A stored score with its full breakdown, as the supplier's page explains it." });

export const SupplierSchema = z
  .object({
    id: z.number().int(),
    externalId: z.string(),
    name: z.string(),
    address: z.string().nullable(),
    country: z.string().nullable(),
    region: z.string().nullable(),
    sector: z.string().nullable(),
    products: z.array(z.string()),
    tier: z.number().int().nullable(),
    parentExternalId: z.string().nullable(),
    workersTotal: z.number().int().nullable(),
    migrantShare: z.number().nullable(),
    femaleShare: z.number().nullable(),
    identifiers: z.record(z.string(), z.string()),
    mergedIntoId: z.number().int().nullable().meta({ description: "Set when this record was merged into another as a duplicate." }),
    score: ScoreSchema.nullable().meta({ description: "Null when not scored yet: unknown, never low." }),
    updatedAt: isoTime,
  })
  .meta({ id: "Supplier" });

/** A bulk row's value for one import field, in JSON: the types the CSV cell would be read as. */
function fieldValue(field: FieldDef): z.ZodType {
  const text = z.string().max(field.maxLength);
  switch (field.type) {
    case "integer":
      return z.number().int();
    case "amount":
    case "share":
      return z.number().meta({ description: field.type === "share" ? "A share: 0.3 or 30 (%)." : "An amount." });
    case "boolean":
      return z.boolean();
    case "list":
    case "countries":
      // The import reads a list cell split at ";": an item holding one would come back as two.
      return z.array(z.string().max(200).regex(/^[^;]*$/, "api:invalid.listItem")).max(200);
    default:
      return text;
  }
}

export function rowSchema(kind: "suppliers" | "recruiters") {
  const shape: Record<string, z.ZodType> = {};
  // The description on the outermost schema: the reference page (and a client generator) reads it there.
  for (const field of fieldsFor(kind)) shape[field.key] = (field.required ? fieldValue(field) : fieldValue(field).nullable().optional()).meta({ description: field.description });
  return z.strictObject(shape);
}

/**
 * A change to one record: only the fields given are changed; `null` clears one (JSON merge patch,
 * RFC 7396) except the name and your id, which a record always has (record-writes.server.ts).
 */
export function patchSchema(kind: "suppliers" | "recruiters") {
  const shape: Record<string, z.ZodType> = {};
  for (const field of fieldsFor(kind)) shape[field.key] = fieldValue(field).nullable().optional().meta({ description: field.description });
  return z.strictObject(shape);
}

/** A remark on a record written anyway: a product the risk method does not know, a link to a record not on the platform. */
export const RecordWarningSchema = z.object({ field: z.string().nullable(), message: z.string() }).meta({ id: "RecordWarning" });

/** What a create or change of one record answers: the record as GET gives it, what changed, and the remarks. */
export function recordWriteOf<T extends z.ZodType>(record: T, id: string) {
  return z
    .object({
      record,
      changed: z.array(z.string()).meta({ description: "The fields whose value changed (on a create, those given); empty when the request changed nothing." }),
      warnings: z.array(RecordWarningSchema),
    })
    .meta({ id, description: "The record after the write, with its new score (scored before the answer)." });
}

export const SupplierRowSchema = rowSchema("suppliers").meta({
  id: "SupplierRow",
  description: "One supplier as the CSV template names its columns; `externalId` decides whether it is new or an update. Unknown fields are refused.",
});

export const SupplierPatchSchema = patchSchema("suppliers").meta({ id: "SupplierPatch", description: "The fields to change; an absent field stays as it is, `null` clears it. Unknown fields are refused." });
export const SupplierWriteSchema = recordWriteOf(SupplierSchema, "SupplierWrite");

export const BULK_MAX_ROWS = 50_000;

export const BulkImportRequestSchema = z
  .object({
    rows: z.array(SupplierRowSchema).min(1).max(BULK_MAX_ROWS),
    onInvalidRows: z
      .enum(["skip", "reject"])
      .default("reject")
      .meta({ description: "`reject`: nothing is written when any row is refused (the job stops, checked, with its issues); `skip`: the valid rows are written." }),
  })
  .meta({ id: "BulkImportRequest" });

export const ImportJobSchema = z
  .object({
    id: z.number().int(),
    status: z.enum(["queued", "checking", "checked", "importing", "scoring", "done", "refused", "failed"]),
    progress: z.object({ step: z.string(), done: z.number(), total: z.number() }).nullable(),
    counts: z
      .object({ rows: z.number().int(), valid: z.number().int(), invalid: z.number().int(), new: z.number().int(), updated: z.number().int(), unchanged: z.number().int(), warnings: z.number().int() })
      .nullable(),
    issues: z
      .array(z.object({ row: z.number().int().nullable().meta({ description: "Index in `rows`, from 0; null for a remark on the whole request." }), field: z.string().nullable(), value: z.string().nullable(), severity: z.enum(["error", "warning"]), message: z.string() }))
      .meta({ description: "The first 200 issues; the import page has them all." }),
    failure: z.string().nullable(),
    createdAt: isoTime,
    finishedAt: isoTime.nullable(),
  })
  .meta({ id: "ImportJob", description: "A bulk import: poll until `done`, `refused` or `failed`." });

/* ---------------------------------------------------------------------------------------------- *
 * Query strings and path parameters (strings in, checked).
 * ---------------------------------------------------------------------------------------------- */

export const SupplierIdParams = z.object({ supplierId: intParam("The supplier's id (the platform's, not yours).") });
export const ImportIdParams = z.object({ importId: intParam("The import job's id.") });

export const ListSuppliersQuery = z.strictObject({
  ...pageQuery,
  country: z.string().regex(/^[A-Za-z]{2}$/, "api:invalid.country").transform((c) => c.toUpperCase()).optional(),
  band: z.enum([...BANDS, "unscored"], { message: "api:invalid.band" }).optional(),
  externalId: z.string().min(1).max(200).optional().meta({ description: "Your id for the supplier: finds the one record." }),
  updatedSince: z.iso.datetime({ offset: true, message: "api:invalid.time" }).optional().meta({ description: "Only suppliers changed at or after this time." }),
});

/* ---------------------------------------------------------------------------------------------- *
 * Operations.
 * ---------------------------------------------------------------------------------------------- */

export const SUPPLIER_OPERATIONS = {
  listSuppliers: {
    id: "listSuppliers",
    method: "GET",
    path: "/suppliers",
    summary: "List suppliers",
    description: "In id order, with cursor pagination: a page never repeats or skips a supplier while others are added. Merged duplicates are left out.",
    resource: "suppliers",
    level: "read",
    query: ListSuppliersQuery,
    status: 200,
    response: SupplierPageSchema,
  },
  getSupplier: {
    id: "getSupplier",
    method: "GET",
    path: "/suppliers/{supplierId}",
    summary: "Get a supplier with its score and the score's breakdown",
    resource: "suppliers",
    level: "read",
    params: SupplierIdParams,
    status: 200,
    response: SupplierSchema,
    refusals: [404],
  },
  createSupplier: {
    id: "createSupplier",
    method: "POST",
    path: "/suppliers",
    summary: "Create one supplier",
    description:
      "Checked as a row of the supplier list is (same fields, messages and duplicate matching), written at once and scored before the answer. A supplier with the same `externalId` (or, without one, the same name, country and address) already on the list answers 409 naming it: change that one with PATCH.",
    resource: "suppliers",
    level: "write",
    body: SupplierRowSchema,
    status: 201,
    response: SupplierWriteSchema,
    refusals: [409],
  },
  updateSupplier: {
    id: "updateSupplier",
    method: "PATCH",
    path: "/suppliers/{supplierId}",
    summary: "Change one supplier",
    description:
      "Only the fields given change; `null` clears one (the name and `externalId` cannot be cleared). Unlike a list's empty cell, which never erases, `null` does. Links to recruiters are only added. The supplier is scored again before the answer; a change that changes nothing writes nothing.",
    resource: "suppliers",
    level: "write",
    params: SupplierIdParams,
    body: SupplierPatchSchema,
    status: 200,
    response: SupplierWriteSchema,
    refusals: [404, 409],
  },
  createImport: {
    id: "createImport",
    method: "POST",
    path: "/imports",
    summary: "Create or update suppliers in bulk (asynchronous)",
    description:
      "Runs as an import: the same checks, duplicate matching and scoring as a CSV uploaded on the import page, and the same record on the import page and in the activity log. Answers 202 with the job; poll it.",
    resource: "suppliers",
    level: "write",
    body: BulkImportRequestSchema,
    status: 202,
    response: ImportJobSchema,
    refusals: [413],
  },
  getImport: {
    id: "getImport",
    method: "GET",
    path: "/imports/{importId}",
    summary: "A bulk import's progress and outcome",
    resource: "suppliers",
    level: "read",
    params: ImportIdParams,
    status: 200,
    response: ImportJobSchema,
    refusals: [404],
  },
} as const satisfies Record<string, Operation>;
