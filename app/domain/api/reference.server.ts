/**
 * The API reference page's content (/api/v1/docs), read from the OpenAPI document itself so that
 * the page cannot say something the document (and so the API) does not: each operation with its
 * parameters, and its request and response bodies as field tables, references resolved and nested
 * objects indented. The texts are the document's (English); the page's chrome is translated.
 */
import { openApiDocument } from "./openapi.server";

type JsonSchema = Record<string, unknown>;

export interface FieldRow {
  /** The field's name, `[]` for an array's items. */
  name: string;
  depth: number;
  type: string;
  required: boolean;
  description: string | null;
}
export interface ReferenceOperation {
  id: string;
  method: string;
  path: string;
  summary: string;
  description: string | null;
  scopes: string[];
  parameters: { name: string; in: string; required: boolean; type: string; description: string | null }[];
  body: FieldRow[] | null;
  /** `mediaType`: application/json, or a file's type (a PDF) whose bytes have no fields. */
  success: { status: string; description: string; mediaType: string; fields: FieldRow[] };
  answers: { status: string; description: string }[];
}

/** Nested objects deeper than this are named, not spelled out (a self-referring shape would never end). */
const MAX_DEPTH = 4;

function schemaName(ref: string): string {
  return ref.replace("#/components/schemas/", "");
}

/** The shape behind a reference, or the shape itself. */
function resolve(schema: JsonSchema, components: Record<string, JsonSchema>): JsonSchema {
  const ref = schema.$ref;
  return typeof ref === "string" ? (components[schemaName(ref)] ?? {}) : schema;
}

/** A type in words a reader of JSON expects: `string (date-time)`, `integer or null`, `array of Supplier`, `one of: low, high`. */
export function typeOf(schema: JsonSchema, components: Record<string, JsonSchema>): string {
  if (typeof schema.$ref === "string") return schemaName(schema.$ref);
  const alternatives = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (alternatives) return alternatives.map((s) => typeOf(s, components)).join(" or ");
  if (Array.isArray(schema.enum)) return `one of: ${schema.enum.map((v) => JSON.stringify(v)).join(", ")}`;
  if ("const" in schema) return JSON.stringify(schema.const);
  const types = Array.isArray(schema.type) ? (schema.type as string[]) : typeof schema.type === "string" ? [schema.type] : [];
  const words = types.map((t) => {
    if (t === "array") return `array of ${schema.items ? typeOf(schema.items as JsonSchema, components) : "any"}`;
    if (t === "object" && schema.additionalProperties && typeof schema.additionalProperties === "object" && !schema.properties) return `object of ${typeOf(schema.additionalProperties as JsonSchema, components)}`;
    if (t === "null") return t;
    const limits: string[] = [];
    if (typeof schema.format === "string") limits.push(schema.format);
    const min = typeof schema.minimum === "number" ? schema.minimum : null;
    const max = typeof schema.maximum === "number" ? schema.maximum : null;
    if (min !== null && max !== null) limits.push(`${min}–${max}`);
    else if (min !== null) limits.push(`≥ ${min}`);
    else if (max !== null) limits.push(`≤ ${max}`);
    if (typeof schema.maxLength === "number") limits.push(`≤ ${schema.maxLength} characters`);
    if (typeof schema.maxItems === "number") limits.push(`≤ ${schema.maxItems} items`);
    return limits.length ? `${t} (${limits.join(", ")})` : t;
  });
  return words.length ? words.join(" or ") : "any";
}

/** The object shapes a schema holds (itself, an array's items, a nullable alternative's), for their fields. */
function objectsIn(schema: JsonSchema, components: Record<string, JsonSchema>, seen: Set<string>): JsonSchema[] {
  if (typeof schema.$ref === "string") {
    const name = schemaName(schema.$ref);
    if (seen.has(name)) return [];
    return objectsIn(resolve(schema, components), components, new Set([...seen, name]));
  }
  const alternatives = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (alternatives) return alternatives.flatMap((s) => objectsIn(s, components, seen));
  if (schema.items) return objectsIn(schema.items as JsonSchema, components, seen);
  return schema.properties ? [schema] : [];
}

/** The fields of a body, one row each, a nested object's fields right under their field, one step in. */
export function fieldRows(schema: JsonSchema, components: Record<string, JsonSchema>, depth = 0, seen = new Set<string>()): FieldRow[] {
  const rows: FieldRow[] = [];
  for (const object of objectsIn(schema, components, seen)) {
    const required = new Set((object.required ?? []) as string[]);
    for (const [name, property] of Object.entries((object.properties ?? {}) as Record<string, JsonSchema>)) {
      const own = resolve(property, components);
      const description = (property.description ?? own.description ?? null) as string | null;
      rows.push({ name, depth, type: typeOf(property, components), required: required.has(name), description });
      const ref = typeof property.$ref === "string" ? schemaName(property.$ref) : null;
      if (depth < MAX_DEPTH) rows.push(...fieldRows(property, components, depth + 1, ref ? new Set([...seen, ref]) : seen));
    }
  }
  return rows;
}

function firstSchema(content: unknown): JsonSchema | null {
  const media = Object.values((content ?? {}) as Record<string, { schema?: JsonSchema }>)[0];
  return media?.schema ?? null;
}

export function apiReference(): { title: string; version: string; base: string; operations: ReferenceOperation[] } {
  const doc = openApiDocument() as {
    info: { title: string; version: string };
    servers: { url: string }[];
    components: { schemas: Record<string, JsonSchema> };
    paths: Record<string, Record<string, JsonSchema>>;
  };
  const components = doc.components.schemas;
  const operations: ReferenceOperation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const responses = Object.entries(op.responses as Record<string, { description: string; content?: unknown }>).sort(([a], [b]) => a.localeCompare(b));
      const [successStatus, success] = responses.find(([status]) => status.startsWith("2"))!;
      const body = firstSchema((op.requestBody as { content?: unknown } | undefined)?.content);
      const successSchema = firstSchema(success.content);
      operations.push({
        id: op.operationId as string,
        method: method.toUpperCase(),
        path,
        summary: op.summary as string,
        description: (op.description as string | undefined) ?? null,
        scopes: ((op.security ?? []) as Record<string, string[]>[]).flatMap((s) => Object.values(s).flat()),
        parameters: ((op.parameters ?? []) as JsonSchema[]).map((p) => ({
          name: p.name as string,
          in: p.in as string,
          required: Boolean(p.required),
          type: typeOf(p.schema as JsonSchema, components),
          description: (p.description as string | undefined) ?? null,
        })),
        body: body ? fieldRows(body, components) : null,
        success: (() => {
          const mediaType = Object.keys((success.content ?? {}) as Record<string, unknown>)[0] ?? "application/json";
          return { status: successStatus, description: success.description, mediaType, fields: successSchema && mediaType === "application/json" ? fieldRows(successSchema, components) : [] };
        })(),
        answers: responses.map(([status, r]) => ({ status, description: r.description })),
      });
    }
  }
  return { title: doc.info.title, version: doc.info.version, base: doc.servers[0]!.url, operations };
}
