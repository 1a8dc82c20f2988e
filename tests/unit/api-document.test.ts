/**
 * The OpenAPI document cannot drift (issue 22 item 5): the tests' client is typed by the committed
 * generated types, which must be what the document generates now; every operation has its route
 * module and the tests' router reaches it; every problem kind the contract answers is described.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "~/domain/api/openapi.server";
import { OPERATIONS } from "~/domain/api/operations";
import { CURSOR } from "~/domain/api/paging.server";
import { API_BASE, PROBLEMS } from "~/lib/api.server";
import { apiTypes, GENERATED_TYPES } from "../support/api-types";

describe("the OpenAPI document", () => {
  it("generates the committed client types (run `npm run api:types` after changing an operation)", async () => {
    expect(await apiTypes()).toBe(readFileSync(GENERATED_TYPES, "utf8"));
  });

  it("is OpenAPI 3.1 with every operation, each with its scope, success and problem answers", () => {
    const doc = openApiDocument() as { openapi: string; paths: Record<string, Record<string, { operationId: string; security: { token: string[] }[]; responses: Record<string, unknown> }>> };
    expect(doc.openapi).toBe("3.1.0");
    const listed = Object.values(doc.paths).flatMap((methods) => Object.values(methods));
    expect(listed.map((o) => o.operationId).sort()).toEqual(Object.keys(OPERATIONS).sort());
    for (const op of Object.values(OPERATIONS)) {
      const described = doc.paths[op.path]![op.method.toLowerCase()]!;
      expect(described.security).toEqual([{ token: [`${op.resource}:${op.level}`] }]);
      expect(Object.keys(described.responses)).toEqual(expect.arrayContaining([String(op.status), "401", "403", "429"]));
    }
  });

  it("has a route module for every path, and no API route module without an operation", () => {
    const routeFiles = readdirSync("app/routes").filter((f) => f.startsWith("api.v1.") && !f.startsWith("api.v1.openapi") && !f.startsWith("api.v1.docs"));
    // "/suppliers/{supplierId}" is api.v1.suppliers_.$supplierId.ts (the _ keeps it out of the list's layout).
    const fileOf = (path: string) => `api.v1.${path.slice(1).split("/").map((part, i, all) => (part.startsWith("{") ? `$${part.slice(1, -1)}` : i < all.length - 1 ? `${part}_` : part)).join(".")}.ts`;
    const expected = [...new Set(Object.values(OPERATIONS).map((op) => fileOf(op.path)))].sort();
    expect(routeFiles.sort()).toEqual(expected);
    for (const file of expected) expect(existsSync(`app/routes/${file}`)).toBe(true);
    expect(API_BASE).toBe("/api/v1");
  });

  it("describes every kind of problem the contract answers", () => {
    const doc = openApiDocument() as { info: { description: string } };
    for (const kind of Object.keys(PROBLEMS)) expect(doc.info.description).toContain(kind);
  });

  it("gives each list its own cursor letter, so that one list's cursor is refused by another", () => {
    expect(new Set(Object.values(CURSOR)).size).toBe(Object.keys(CURSOR).length);
  });
});
