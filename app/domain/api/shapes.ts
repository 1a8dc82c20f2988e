/**
 * What every API operation shares (decision 037): the problem shape, times, ids in paths, the
 * list paging parameters, and the `Operation` record each area's operations are written as.
 */
import { z } from "zod";
import type { ApiResource } from "./scopes";

export const isoTime = z.string().meta({ format: "date-time", description: "ISO 8601 time, UTC." });

export const ProblemSchema = z
  .object({
    type: z.string().meta({ description: "A URI naming the kind of problem; its fragment is described on /api/v1/docs." }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    errors: z
      .array(z.object({ field: z.string().meta({ description: "The field, as a JSON pointer-like path: `country`, `rows/12/migrantShare`." }), message: z.string() }))
      .optional()
      .meta({ description: "Each refused field, for a validation problem." }),
  })
  .meta({ id: "Problem", description: "RFC 9457 problem details; every refusal answers in this form, as application/problem+json." });

export const intParam = (description: string) =>
  z
    .string()
    .regex(/^[1-9]\d{0,11}$/, "api:invalid.id")
    .transform(Number)
    // Read from the path as text; described as what it means, a whole number.
    .meta({ description, type: "integer", minimum: 1 });

/** `limit` and `cursor` of every list: spread into a list's query shape. */
export const pageQuery = {
  limit: z
    .string()
    .regex(/^\d{1,4}$/, "api:invalid.limit")
    .transform(Number)
    .pipe(z.number().int().min(1, "api:invalid.limit").max(500, "api:invalid.limit"))
    .optional()
    .meta({ description: "Page size, 1–500 (default 100).", type: "integer", minimum: 1, maximum: 500 }),
  cursor: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, "api:invalid.cursor").optional().meta({ description: "The `nextCursor` of the page before." }),
};

/** A page of a list: the items in id order and the cursor of the next page. */
export const pageOf = <T extends z.ZodType>(item: T, id: string) =>
  z
    .object({
      data: z.array(item),
      nextCursor: z.string().nullable().meta({ description: "Pass as `cursor` for the next page; null on the last page." }),
    })
    .meta({ id });

export interface Operation {
  id: string;
  method: "GET" | "POST" | "PATCH" | "DELETE";
  /** OpenAPI path under /api/v1, `{name}` for parameters. */
  path: string;
  summary: string;
  description?: string;
  resource: ApiResource;
  level: "read" | "write";
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  status: 200 | 201 | 202;
  response: z.ZodType;
  /** The success answer's media type when it is not JSON (a file): the handler answers a Response. */
  responseType?: "application/pdf";
  /** Refusals this operation may answer besides 401, 403, 429 (every operation) and 400 when it reads input. */
  refusals?: (404 | 409 | 410 | 413)[];
}

