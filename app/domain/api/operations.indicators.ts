/**
 * A supplier's observed indicators over the API (issue 22, decision 037): what is on record, with
 * where each value came from, as the supplier's indicators page shows it; and recording what a
 * person observed, through the page's own domain function (same checks, activity log, rescoring).
 */
import { z } from "zod";
import { INDICATORS } from "../indicators";
import { SupplierIdParams } from "./operations.suppliers";
import { type Operation } from "./shapes";

const indicatorValue = z.enum(["yes", "no", "unknown"], { message: "api:invalid.indicatorValue" });

export const IndicatorSchema = z
  .object({
    code: z.string(),
    label: z.string(),
    group: z.enum(["ilo", "recruitment"]),
    value: indicatorValue.meta({ description: "`yes` observed present, `no` observed absent, `unknown` nothing on record (never read as absent)." }),
    source: z
      .enum(["recorded", "list"])
      .nullable()
      .meta({ description: "`recorded`: a person recorded it (see `note`); `list`: it came with the supplier list (an import); null when unknown." }),
    note: z.string().nullable().meta({ description: "For a recorded value: who recorded it, when, and their note, as the page shows it." }),
    importId: z.number().int().nullable().meta({ description: "For a value from the list: the import that last wrote the supplier." }),
    date: z.string().nullable().meta({ description: "For a recorded value: the day it was recorded (YYYY-MM-DD)." }),
  })
  .meta({ id: "Indicator" });

export const SupplierIndicatorsSchema = z
  .object({ supplierId: z.number().int(), indicators: z.array(IndicatorSchema) })
  .meta({ id: "SupplierIndicators", description: "Every indicator the platform knows, in the method's order, with its value for this supplier." });

export const RecordIndicatorsRequestSchema = z
  .strictObject({
    values: z
      .strictObject(Object.fromEntries(INDICATORS.map((i) => [i.code, indicatorValue.optional().meta({ description: i.label })])) as Record<(typeof INDICATORS)[number]["code"], z.ZodOptional<typeof indicatorValue>>)
      .meta({ description: "Indicator code → what was observed. Indicators left out stay as they are; `unknown` takes a value off the record." }),
    note: z.string().trim().max(500, "api:invalid.note").default("").meta({ description: "What was observed and how (at most 500 characters); kept as the values' source with your name and the date." }),
  })
  .meta({ id: "RecordIndicatorsRequest" });

export const RecordIndicatorsResultSchema = z
  .object({
    changed: z.array(z.string()).meta({ description: "The codes whose value changed (an unchanged value is not recorded again)." }),
    before: z.object({ score: z.number(), band: z.string() }).nullable().meta({ description: "The stored score before; null when not scored." }),
    after: z.object({ score: z.number(), band: z.string() }).nullable().meta({ description: "The stored score after the supplier was rescored." }),
    indicators: z.array(IndicatorSchema),
  })
  .meta({ id: "RecordIndicatorsResult" });

export const INDICATOR_OPERATIONS = {
  listSupplierIndicators: {
    id: "listSupplierIndicators",
    method: "GET",
    path: "/suppliers/{supplierId}/indicators",
    summary: "A supplier's observed indicators, with where each value came from",
    resource: "suppliers",
    level: "read",
    params: SupplierIdParams,
    status: 200,
    response: SupplierIndicatorsSchema,
    refusals: [404],
  },
  recordSupplierIndicators: {
    id: "recordSupplierIndicators",
    method: "POST",
    path: "/suppliers/{supplierId}/indicators",
    summary: "Record observed indicators at a supplier; the supplier is rescored at once",
    description: "As recording them on the supplier's indicators page: the values are kept with your token's creator's name, the date and the note as their source, the change is in the activity log, and the supplier (and the recruiters serving it) are rescored.",
    resource: "suppliers",
    level: "write",
    params: SupplierIdParams,
    body: RecordIndicatorsRequestSchema,
    status: 200,
    response: RecordIndicatorsResultSchema,
    refusals: [404],
  },
} as const satisfies Record<string, Operation>;
