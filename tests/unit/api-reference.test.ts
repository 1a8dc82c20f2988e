/**
 * The API reference page's content (/api/v1/docs) is read from the OpenAPI document: every
 * operation is on it, every reference is resolved into the fields it names, nested objects are
 * indented under their field, and a type is said in words.
 */
import { describe, expect, it } from "vitest";
import { apiReference, fieldRows, typeOf } from "~/domain/api/reference.server";
import { openApiDocument } from "~/domain/api/openapi.server";

describe("the API reference", () => {
  it("lists every operation of the document with its scope and answers", () => {
    const doc = openApiDocument() as { paths: Record<string, Record<string, { operationId: string; responses: Record<string, unknown> }>> };
    const ops = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ id: op.operationId, method: method.toUpperCase(), path, statuses: Object.keys(op.responses).sort() })));
    const { operations } = apiReference();
    expect(operations.map((o) => ({ id: o.id, method: o.method, path: o.path, statuses: o.answers.map((a) => a.status) }))).toEqual(ops);
    for (const op of operations) expect(op.scopes, op.id).toEqual([expect.stringMatching(/^[a-z]+:(read|write)$/)]);
  });

  it("resolves references into their fields, a nested object's fields one step in", () => {
    const list = apiReference().operations.find((o) => o.method === "GET" && o.path === "/suppliers")!;
    const rows = list.success.fields;
    expect(rows[0]).toMatchObject({ name: "data", depth: 0, type: "array of SupplierSummary", required: true });
    expect(rows).toContainEqual(expect.objectContaining({ name: "risk", depth: 1, type: "RiskSummary or null" }));
    expect(rows).toContainEqual(expect.objectContaining({ name: "band", depth: 2, type: 'one of: "low", "medium", "high", "critical"' }));
    expect(rows).toContainEqual(expect.objectContaining({ name: "low", depth: 3, type: "number" }));
    expect(rows.at(-1)).toMatchObject({ name: "nextCursor", depth: 0, type: "string or null" });
    // Nothing is left as a raw reference.
    expect(JSON.stringify(apiReference())).not.toContain("#/components/");
  });

  it("says a type in words and stops at a shape that refers to itself", () => {
    expect(typeOf({ type: "integer", minimum: 1 }, {})).toBe("integer (≥ 1)");
    expect(typeOf({ type: ["string", "null"], format: "date-time" }, {})).toBe("string (date-time) or null");
    const components = { Node: { type: "object", properties: { child: { $ref: "#/components/schemas/Node" }, name: { type: "string" } }, required: ["name"] } };
    const rows = fieldRows({ $ref: "#/components/schemas/Node" }, components);
    expect(rows).toEqual([
      { name: "child", depth: 0, type: "Node", required: false, description: null },
      { name: "name", depth: 0, type: "string", required: true, description: null },
    ]);
  });
});
