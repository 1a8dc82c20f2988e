/**
 * The world map of suppliers (issue 17, item 14): drawn on the server from Natural Earth's outlines,
 * shaded by the mean score of each country's scored suppliers, through the dashboard's snapshot.
 */
import { describe, expect, it } from "vitest";
import { suppliers } from "#db/schema";
import { scoreOrganisation } from "~/domain/risk/scoring.server";
import { shadeOf, worldMapSvg } from "~/domain/maps/world-map.server";
import * as map from "~/routes/maps.suppliers[.svg]";
import { createTestDb } from "../support/db";
import { makeOrgWithRoles } from "../support/factories";
import { contextFor, get, responseOf } from "../support/routes";

/** The fill and the title of one country's shape (or dot) in the SVG. */
function shapeOf(svg: string, name: string): { fill: string; title: string } | null {
  const m = new RegExp(`<(?:path|circle) [^>]*fill="([^"]+)"[^>]*><title>(${name}: [^<]*)</title>`).exec(svg);
  return m ? { fill: m[1]!, title: m[2]! } : null;
}

describe("world map of suppliers", () => {
  it("shades a country by its scored suppliers' mean, hatches one whose suppliers are unscored, and shows small countries as dots", () => {
    const svg = worldMapSvg(
      [
        { country: "MY", suppliers: 3, scored: 3, meanScore: 71.4 },
        { country: "TH", suppliers: 2, scored: 0, meanScore: null },
        { country: "SG", suppliers: 1, scored: 1, meanScore: 12 },
        { country: "VN", suppliers: 4, scored: 3, meanScore: 45 },
      ],
      "Suppliers by country",
    );
    expect(svg.startsWith(`<svg xmlns="http://www.w3.org/2000/svg"`)).toBe(true);
    expect(shapeOf(svg, "Malaysia")).toEqual({ fill: shadeOf({ country: "MY", suppliers: 3, scored: 3, meanScore: 71.4 }), title: "Malaysia: 3 suppliers, mean score 71" });
    // Missing data must not look like safety: not the lightest shade, a hatch.
    expect(shapeOf(svg, "Thailand")).toEqual({ fill: "url(#not-scored)", title: "Thailand: 2 suppliers, none scored, 2 not scored" });
    expect(shapeOf(svg, "Vietnam")?.title).toBe("Vietnam: 4 suppliers, mean score 45, 1 not scored");
    // Singapore is too small for the 1:110m outlines: a dot from the 1:50m file.
    expect(svg).toMatch(/<circle cx="[\d.]+" cy="[\d.]+" r="4" fill="#fbf3df"[^>]*><title>Singapore: 1 supplier, mean score 12<\/title>/);
    expect(shapeOf(svg, "Brazil")).toEqual({ fill: "#dfe3e8", title: "Brazil: no suppliers" });
    // Natural Earth's Kosovo has no ISO number; it is still named, by the platform's code XK.
    expect(svg).toContain("<title>Kosovo: no suppliers</title>");
    // No style sheet: the page's Content-Security-Policy would refuse it.
    expect(svg).not.toContain("<style");
    expect(shadeOf({ country: "X", suppliers: 1, scored: 1, meanScore: 0 })).not.toBe(shadeOf({ country: "X", suppliers: 1, scored: 1, meanScore: 99 }));
  });

  it("is the company's own: the route draws its suppliers only; partners are refused (403, as on the supplier list)", async () => {
    const db = createTestDb();
    const company = await makeOrgWithRoles(db, "company");
    const other = await makeOrgWithRoles(db, "company");
    const union = await makeOrgWithRoles(db, "union");
    await db.insert(suppliers).values([
      { orgId: company.org.id, externalId: "A", name: "A", country: "MY", sector: "Agriculture", products: ["Palm oil"] },
      { orgId: company.org.id, externalId: "B", name: "B", country: "MY", sector: "Agriculture", products: ["Palm oil"] },
      { orgId: other.org.id, externalId: "Z", name: "Z", country: "BR", sector: "Mining" },
    ]);
    await scoreOrganisation(db, company.org.id, { cause: "test" });
    await scoreOrganisation(db, other.org.id, { cause: "test" });

    const res = await responseOf(async () => map.loader({ request: get("/maps/suppliers.svg"), context: await contextFor(db, company.viewer.user.id, company.org.id), params: {} }));
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("image/svg+xml; charset=utf-8");
    const svg = await res.text();
    expect(shapeOf(svg, "Malaysia")?.title).toMatch(/^Malaysia: 2 suppliers, mean score \d+$/);
    expect(shapeOf(svg, "Brazil")?.title).toBe("Brazil: no suppliers");

    const refused = await responseOf(async () => map.loader({ request: get("/maps/suppliers.svg"), context: await contextFor(db, union.admin.user.id, union.org.id), params: {} }));
    expect(refused.status).toBe(403);
  });
});
