/**
 * The world map of suppliers (issue 17, item 14): drawn on the server from Natural Earth's outlines,
 * shaded by the mean score of each country's scored suppliers, through the dashboard's snapshot.
 */
import { describe, expect, it } from "vitest";
import { suppliers } from "#db/schema";
import { scoreOrganisation } from "~/domain/risk/scoring.server";
import { MAP_HEIGHT, MAP_WIDTH, shadeOf, textWidth, worldMapSvg, type MapWords } from "~/domain/maps/world-map.server";
import { serverT } from "~/i18n/i18n.server";
import * as map from "~/routes/maps.suppliers[.svg]";
import { createTestDb } from "../support/db";
import { makeOrgWithRoles } from "../support/factories";
import { contextFor, get, responseOf } from "../support/routes";

/** The company map's own words in English, as its route gives them. */
const english: MapWords = { locale: "en", title: "Suppliers by country", empty: (country) => `${country}: no suppliers`, legendEmpty: "no suppliers" };

const decode = (text: string) => text.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)));

/**
 * The legend's swatches and texts (everything drawn below the map), by line: each text must end
 * before the next swatch or text on its line starts, and within the image.
 */
function legendOverlaps(svg: string): string[] {
  const items = [...svg.matchAll(/<(rect|text) x="([\d.]+)" y="([\d.]+)"[^>]*>(?:([^<]*)<\/text>)?/g)]
    .map((m) => ({ kind: m[1]!, x: Number(m[2]), y: Number(m[3]), text: decode(m[4] ?? "") }))
    .filter((i) => i.y >= MAP_HEIGHT)
    // A swatch and its text share a line: the text's baseline is 13 below the swatch's top.
    .map((i) => ({ ...i, line: i.kind === "text" ? i.y - 13 : i.y, end: i.kind === "text" ? i.x + textWidth(i.text) : i.x + 18 }));
  const problems: string[] = [];
  for (const line of new Set(items.map((i) => i.line))) {
    const row = items.filter((i) => i.line === line).sort((a, b) => a.x - b.x);
    row.forEach((item, k) => {
      const next = row[k + 1];
      if (next && item.end > next.x) problems.push(`"${item.text || item.kind}" runs into "${next.text || next.kind}"`);
      if (item.end > MAP_WIDTH) problems.push(`"${item.text || item.kind}" runs off the image`);
    });
  }
  return problems;
}

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
      english,
    );
    expect(svg.startsWith(`<svg xmlns="http://www.w3.org/2000/svg"`)).toBe(true);
    expect(shapeOf(svg, "Malaysia")).toEqual({ fill: shadeOf({ country: "MY", suppliers: 3, scored: 3, meanScore: 71.4 }), title: "Malaysia: 3 suppliers, mean score 71" });
    // Missing data must not look like safety: not the lightest shade, a hatch.
    expect(shapeOf(svg, "Thailand")).toEqual({ fill: "url(#not-scored)", title: "Thailand: 2 suppliers, none scored" });
    expect(shapeOf(svg, "Vietnam")?.title).toBe("Vietnam: 4 suppliers, mean score 45, 1 not scored");
    // Singapore is too small for the 1:110m outlines: a dot from the 1:50m file.
    expect(svg).toMatch(/<circle cx="[\d.]+" cy="[\d.]+" r="4" fill="#fbf3df"[^>]*><title>Singapore: 1 supplier, mean score 12<\/title>/);
    expect(shapeOf(svg, "Brazil")).toEqual({ fill: "#dfe3e8", title: "Brazil: no suppliers" });
    // Natural Earth's Kosovo has no ISO number; it is still named, by the platform's code XK.
    expect(svg).toContain("<title>Kosovo: no suppliers</title>");
    // Colours as presentation attributes; a style sheet only for a Thai legend's font (below).
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

  it("is drawn in the reader's language: legend, countries' names and figures, title; the answer says its language and varies by it", async () => {
    const db = createTestDb();
    const company = await makeOrgWithRoles(db, "company");
    await db.insert(suppliers).values([
      { orgId: company.org.id, externalId: "A", name: "A", country: "MY", sector: "Agriculture", products: ["Palm oil"] },
      { orgId: company.org.id, externalId: "B", name: "B", country: "MY", sector: "Agriculture", products: ["Palm oil"] },
    ]);
    await scoreOrganisation(db, company.org.id, { cause: "test" });
    const answer = async (locale: string) => await responseOf(async () => map.loader({ request: get("/maps/suppliers.svg"), context: await contextFor(db, company.viewer.user.id, company.org.id, locale), params: {} }));

    const thai = await answer("th");
    expect(thai.headers.get("Content-Language")).toBe("th");
    expect(thai.headers.get("Vary")).toBe("Cookie, Accept-Language");
    let svg = await thai.text();
    expect(svg).toContain(`xml:lang="th"`);
    expect(svg).toContain(`<title>ผู้จัดหาสินค้าของ ${company.org.name} แยกตามประเทศ แรเงาตามคะแนนเฉลี่ย</title>`);
    expect(svg).toContain(">คะแนนเฉลี่ย:</text>");
    expect(svg).toContain(">ยังไม่มีคะแนน</text>");
    expect(svg).toContain(">ไม่มีผู้จัดหาสินค้า</text>");
    expect(shapeOf(svg, "มาเลเซีย")?.title).toMatch(/^มาเลเซีย: ผู้จัดหาสินค้า 2 ราย คะแนนเฉลี่ย \d+$/);
    expect(shapeOf(svg, "บราซิล")?.title).toBe("บราซิล: ไม่มีผู้จัดหาสินค้า");
    expect(svg).not.toMatch(/Mean score|not scored|no suppliers|Malaysia/);
    // The Thai face travels with the map: an image cannot use the page's web fonts.
    expect(svg).toMatch(/<style>@font-face\{font-family:"Map Noto Sans Thai";[^<]*data:font\/woff2;base64,/);
    expect(svg).toContain(`font-family="'Map Noto Sans Thai', sans-serif"`);
    expect(legendOverlaps(svg)).toEqual([]);

    const german = await answer("de");
    expect(german.headers.get("Content-Language")).toBe("de");
    svg = await german.text();
    expect(svg).toContain(">Mittlerer Risikowert:</text>");
    expect(svg).toContain(">nicht bewertet</text>");
    expect(shapeOf(svg, "Malaysia")?.title).toMatch(/^Malaysia: 2 Lieferanten, mittlerer Risikowert \d+$/);
    expect(shapeOf(svg, "Brasilien")?.title).toBe("Brasilien: keine Lieferanten");
    expect(legendOverlaps(svg)).toEqual([]);
  });

  it("lays its legend out from the length of its words: 40 % longer words (the pseudo-locale) wrap to a second line instead of overlapping", () => {
    const figures = [{ country: "MY", suppliers: 3, scored: 3, meanScore: 71.4 }];
    const plain = worldMapSvg(figures, english);
    expect(legendOverlaps(plain)).toEqual([]);
    expect(plain).toContain(`height="${MAP_HEIGHT + 44}"`);
    // English's legend fits on one line; the pseudo-locale's words, as the company's route gives them, take two.
    const t = serverT("en-XA", "home");
    const long = worldMapSvg(figures, { locale: "en-XA", title: t("dashboard.map.svg.title", { org: "Ŝŭƥƥŀīḗř" }), empty: (country) => t("dashboard.map.svg.none", { country }), legendEmpty: t("dashboard.map.svg.legendNone") });
    expect(long).toContain(`>${t("dashboard.map.svg.legendNone")}</text>`);
    expect(legendOverlaps(long)).toEqual([]);
    expect(Number(/height="(\d+)"/.exec(long)![1])).toBeGreaterThan(MAP_HEIGHT + 44);
  });
});
