/**
 * The OpenAPI 3.1 document (decision 037), generated from the operations' zod shapes by zod's own
 * JSON Schema writer (draft 2020-12, which OpenAPI 3.1 uses as is). Nothing in it is written by
 * hand twice: a shape changed in operations.ts changes here, and the tests check every answer
 * against this document.
 */
import { z } from "zod";
import { API_BASE, PROBLEMS } from "~/lib/api.server";
import { OPERATIONS, ProblemSchema, type Operation } from "./operations";

type JsonSchema = Record<string, unknown>;

const STATUS_TEXT: Record<number, string> = { 200: "OK", 201: "Created", 202: "Accepted" };

let cached: JsonSchema | null = null;

/** The whole document; built once per process (it depends on the code only). */
export function openApiDocument(): JsonSchema {
  if (cached) return cached;
  const ops = Object.values(OPERATIONS) as Operation[];
  // zod writes a named shape (`.meta({ id })`) once under $defs and refers to it; in the document
  // those definitions are the components.
  const convert = (schema: z.ZodType, io: "input" | "output") =>
    JSON.parse(
      JSON.stringify(z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any" }))
        .replaceAll('"#/$defs/', '"#/components/schemas/')
        // z.number().int() bounds every integer by JavaScript's safe range: true, and noise in a reference.
        .replaceAll(`,"minimum":${-Number.MAX_SAFE_INTEGER}`, "")
        .replaceAll(`,"maximum":${Number.MAX_SAFE_INTEGER}`, ""),
    ) as JsonSchema;
  const components: Record<string, JsonSchema> = {};
  const inline = (schema: z.ZodType, io: "input" | "output"): JsonSchema => {
    const doc = convert(schema, io);
    const defs = (doc.$defs ?? {}) as Record<string, JsonSchema>;
    Object.assign(components, defs);
    const { $schema: _s, $defs: _d, ...rest } = doc;
    const id = (z.globalRegistry.get(schema) as { id?: string } | undefined)?.id;
    if (id) {
      // zod writes a named root as a reference to its own definition (already a component above).
      if (!("$ref" in rest)) components[id] = rest;
      return { $ref: `#/components/schemas/${id}` };
    }
    return rest;
  };
  const problemRef = inline(ProblemSchema, "output");
  const problemResponse = (description: string) => ({ description, content: { "application/problem+json": { schema: problemRef } } });
  const rateHeaders = {
    RateLimit: { description: "What is left of the token's calls in this window (IETF RateLimit header fields).", schema: { type: "string" } },
    "RateLimit-Policy": { description: "The token's limit and window.", schema: { type: "string" } },
  };
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of ops) {
    const parameters: JsonSchema[] = [];
    for (const [where, schema] of [["path", op.params], ["query", op.query]] as const) {
      if (!schema) continue;
      const doc = convert(schema, "input");
      const properties = (doc.properties ?? {}) as Record<string, JsonSchema>;
      const required = new Set((doc.required ?? []) as string[]);
      for (const [name, property] of Object.entries(properties)) {
        const { description, ...rest } = property;
        parameters.push({ name, in: where, required: where === "path" || required.has(name), ...(description ? { description } : {}), schema: rest });
      }
    }
    const responses: Record<string, unknown> = {
      [String(op.status)]: { description: STATUS_TEXT[op.status], headers: rateHeaders, content: { [op.responseType ?? "application/json"]: { schema: inline(op.response, "output") } } },
      401: problemResponse("No valid token."),
      403: problemResponse("The token's scope or its creator's role does not allow this."),
      429: problemResponse("The token's calls for this minute are used up."),
    };
    if (op.params || op.query || op.body) responses[400] = problemResponse("The request is not valid; `errors` names each field.");
    for (const status of op.refusals ?? []) responses[status] = problemResponse(status === 404 ? "Not found (also another organisation's)." : status === 409 ? "Conflict." : status === 410 ? "Gone: the record stands but its stored file is not available." : "The body is too large.");
    if (op.body) responses[415] = problemResponse("The body is not JSON.");
    (paths[op.path] ??= {})[op.method.toLowerCase()] = {
      operationId: op.id,
      summary: op.summary,
      ...(op.description ? { description: op.description } : {}),
      tags: [op.resource],
      security: [{ token: [`${op.resource}:${op.level}`] }],
      ...(parameters.length ? { parameters } : {}),
      ...(op.body ? { requestBody: { required: true, content: { "application/json": { schema: inline(op.body, "input") } } } } : {}),
      responses,
    };
  }
  cached = {
    openapi: "3.1.0",
    info: {
      title: "Labour due-diligence platform API",
      version: "1.0.0",
      description: `Every refusal is an RFC 9457 problem (application/problem+json); its \`type\` names one of: ${Object.keys(PROBLEMS).join(", ")}. Tokens are created by an organisation's administrator on /api-tokens.`,
    },
    servers: [{ url: API_BASE }],
    components: {
      schemas: components,
      securitySchemes: { token: { type: "http", scheme: "bearer", description: "An API token: `Authorization: Bearer ldd_…`. Scopes are `<resource>:read` or `<resource>:write`." } },
    },
    paths,
  };
  return cached;
}
