/**
 * Every route's loader and action answers a domain refusal (NotFound, Forbidden, …) through the one
 * mapping: it is `export const loader = withDomainErrors(...)`, the call marked `@__PURE__`. A
 * refusal that escapes a route is a 500, and `authorize` and the domain modules throw them, so no
 * route is left out: the permission matrix finds a forgotten one only on the paths it happens to
 * call, this finds it on every path.
 *
 * The `@__PURE__` mark is not decoration. The browser build drops a route's `loader`/`action`
 * export but keeps any top-level call it cannot prove harmless; `withDomainErrors` comes from a
 * `.server` module, which is an empty stub in the browser, so an unmarked call would ship the
 * loader's code to the browser and throw "not a function" when the route module loads there.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DrizzleQueryError } from "drizzle-orm/errors";
import { refusalOf } from "~/lib/http-errors.server";
import { withDomainErrors } from "~/lib/actions.server";
import { Forbidden, NotFound } from "~/domain/errors";

const ROUTES_DIR = path.resolve("app/routes");
const routeFiles = readdirSync(ROUTES_DIR).filter((f) => /\.(tsx?|jsx?)$/.test(f)).sort();

describe("every route maps domain refusals", () => {
  it.each(routeFiles)("%s", (file) => {
    const source = readFileSync(path.join(ROUTES_DIR, file), "utf8");
    const exported = [...source.matchAll(/^export\s+(?:async\s+)?(?:function|const|let|var)\s+(loader|action)\b.*$/gm)];
    // The API's routes answer refusals as RFC 9457 problems through their own contract, apiRoute
    // (app/lib/api.server.ts), which maps the same refusals with the same refusalOf.
    const wrapper = file.startsWith("api.") && file !== "api.v1.openapi[.json].ts" && file !== "api.v1.docs.tsx" ? "apiRoute" : "withDomainErrors";
    for (const [line, name] of exported) {
      expect(line, `${file}: ${name} must be \`export const ${name} = /* @__PURE__ */ ${wrapper}(...)\``).toMatch(new RegExp(`^export const ${name} = /\\* @__PURE__ \\*/ ${wrapper}\\(`));
    }
    // Re-exports (`export { loader } from ...`) would slip past the check above.
    expect(source).not.toMatch(/^export\s*\{[^}]*\b(loader|action)\b[^}]*\}/m);
  });

  it("the wrapper turns NotFound and Forbidden into the plain 404 and 403, and leaves anything else alone", async () => {
    const statusOf = async (fn: () => unknown) => {
      try {
        await fn();
      } catch (error) {
        return error instanceof Response ? [error.status, await error.text()] : error;
      }
      return "returned";
    };
    expect(await statusOf(withDomainErrors(() => { throw new NotFound("supplier 7 is another org's"); }))).toEqual([404, "Not found"]);
    expect(await statusOf(withDomainErrors(async () => { throw new Forbidden(); }))).toEqual([403, "Forbidden"]);
    const bug = new Error("a bug");
    expect(await statusOf(withDomainErrors(() => { throw bug; }))).toBe(bug);
    expect(refusalOf(bug)).toBeNull();
  });

  it("answers a database busy past its wait with 503 and Retry-After beside the form, on either engine; other engine errors stay bugs", () => {
    const sqliteBusy = Object.assign(new Error("database is locked"), { code: "SQLITE_BUSY" });
    const postgresLockTimeout = Object.assign(new Error("canceling statement due to lock timeout"), { code: "55P03" });
    for (const cause of [sqliteBusy, postgresLockTimeout]) {
      // As drizzle throws it: the engine's error is the cause of its DrizzleQueryError.
      expect(refusalOf(new DrizzleQueryError("update suppliers …", [], cause))).toMatchObject({ kind: "field", status: 503, field: "form", headers: { "Retry-After": "5" } });
    }
    expect(refusalOf(Object.assign(new Error("UNIQUE constraint failed"), { code: "SQLITE_CONSTRAINT_UNIQUE" }))).toBeNull();
  });
});
