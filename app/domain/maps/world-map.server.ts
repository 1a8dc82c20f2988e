/**
 * A world map of suppliers by country, drawn on the server as SVG (issue 17, item 14): Natural
 * Earth's country shapes from `world-atlas` (public-domain data, ISC package), projected once with
 * d3-geo's Equal Earth (areas stay comparable, so no country looks bigger than its share), and
 * shaded by the mean score of the country's scored suppliers. No tiles, no network, no script.
 *
 * The map only repeats what the table beside it says (the page shows both): it is an image with a
 * text alternative, served from its own URL so that its 78 KB of outlines are not sent twice (once in
 * the page and once in the page's data). Missing data never looks like safety: a country whose
 * suppliers are all unscored is hatched, not shaded as low.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { geoCentroid, geoEqualEarth, geoPath } from "d3-geo";
import type { Feature, FeatureCollection, Geometry } from "geojson";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import { countriesByAlpha2 } from "../reference/countries.server";

export const MAP_WIDTH = 960;
export const MAP_HEIGHT = 440;
const LEGEND_HEIGHT = 44;

/** What the map shows per country (alpha-2): suppliers, how many have a score, their mean. */
export interface CountryFigures {
  country: string;
  suppliers: number;
  scored: number;
  meanScore: number | null;
}

interface Shape {
  code: string | null;
  name: string;
  d: string;
}

interface World {
  shapes: Shape[];
  /** Countries too small to draw at this scale (Singapore, Bahrain, …), as a point each. */
  points: Map<string, [number, number]>;
}

let world: World | null = null;

type Countries = Topology<{ countries: GeometryCollection<{ name: string }> }>;

/** The countries of one of world-atlas's files, as GeoJSON; `keep` picks geometries by ISO number first. */
function load(file: string, keep: (id: string | undefined) => boolean = () => true): FeatureCollection<Geometry, { name: string }> {
  const path = createRequire(import.meta.url).resolve(`world-atlas/${file}`);
  const topology = JSON.parse(readFileSync(path, "utf8")) as Countries;
  const countries = { ...topology.objects.countries, geometries: topology.objects.countries.geometries.filter((g) => keep(g.id === undefined ? undefined : String(g.id))) };
  return feature(topology, countries) as FeatureCollection<Geometry, { name: string }>;
}

/**
 * The outlines, projected once per process and reused for every map: about 150 ms on the first
 * map a process draws (whole pixels and a 2 px resampling keep it there, and the outlines at 78 KB).
 */
function worldShapes(): World {
  if (world) return world;
  const byNumeric = new Map([...countriesByAlpha2().values()].filter((c) => c.numeric).map((c) => [c.numeric, c.alpha2]));
  // Natural Earth gives Kosovo no ISO number (ISO has not assigned one); the platform uses XK.
  const codeOf = (f: Feature<Geometry, { name: string }>) => (f.id !== undefined ? (byNumeric.get(String(f.id)) ?? null) : f.properties.name === "Kosovo" ? "XK" : null);
  // Antarctica has no workplaces; leaving it out gives the inhabited world the height.
  const drawn = load("countries-110m.json").features.filter((f) => String(f.id) !== "010");
  const projection = geoEqualEarth().precision(2).fitSize([MAP_WIDTH, MAP_HEIGHT], { type: "FeatureCollection", features: drawn });
  const path = geoPath(projection).digits(0);
  const shapes = drawn.map((f) => ({ code: codeOf(f), name: f.properties.name, d: path(f) ?? "" })).filter((s) => s.d);
  const outlined = new Set(shapes.map((s) => s.code));
  const drawnIds = new Set(drawn.map((f) => String(f.id)));
  // The small countries come from the finer 1:50m file, as a point at their centre.
  const points = new Map<string, [number, number]>();
  for (const f of load("countries-50m.json", (id) => id !== undefined && !drawnIds.has(id)).features) {
    const code = codeOf(f);
    if (!code || outlined.has(code)) continue;
    const at = projection(geoCentroid(f));
    if (at) points.set(code, [Math.round(at[0] * 10) / 10, Math.round(at[1] * 10) / 10]);
  }
  world = { shapes, points };
  return world;
}

/** The five shades of the heatmap's mean score (0–19 … 80–100), lightest to darkest. */
const SHADES = ["#fbf3df", "#f8e0b0", "#f1c48f", "#e0895a", "#b8322e"] as const;
const NO_SUPPLIERS = "#dfe3e8";
const HATCH_INK = "#55606e";

export function shadeOf(figures: CountryFigures | undefined): string {
  if (!figures || figures.suppliers === 0) return NO_SUPPLIERS;
  if (figures.meanScore === null) return "url(#not-scored)";
  return SHADES[Math.min(4, Math.floor(figures.meanScore / 20))]!;
}

const escapeXml = (text: string) => text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

function describe(name: string, f: CountryFigures | undefined, empty: string): string {
  if (!f || f.suppliers === 0) return `${name}: ${empty}`;
  const scored = f.scored === f.suppliers ? "" : `, ${f.suppliers - f.scored} not scored`;
  return `${name}: ${f.suppliers} supplier${f.suppliers === 1 ? "" : "s"}${f.meanScore === null ? ", none scored" : `, mean score ${f.meanScore.toFixed(0)}`}${scored}`;
}

/**
 * The SVG document. Colours are presentation attributes, not a style sheet: the page's
 * Content-Security-Policy would refuse an inline `<style>`. Each country has a `<title>` (shown on
 * hover where the SVG is opened by itself); the page's table is the accessible form.
 */
export function worldMapSvg(figures: readonly CountryFigures[], title: string, options: { empty?: string; legendEmpty?: string } = {}): string {
  // What a grey country means: on an aggregate map (the regulator's) it may have suppliers that
  // are too few to show, so it must not say "no suppliers".
  const empty = options.empty ?? "no suppliers";
  const { shapes, points } = worldShapes();
  const by = new Map(figures.map((f) => [f.country, f]));
  const names = countriesByAlpha2();
  const out: string[] = [];
  const height = MAP_HEIGHT + LEGEND_HEIGHT;
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${MAP_WIDTH} ${height}" width="${MAP_WIDTH}" height="${height}" role="img" aria-label="${escapeXml(title)}">`);
  out.push(`<title>${escapeXml(title)}</title>`);
  out.push(`<defs><pattern id="not-scored" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/><line x1="0" y1="0" x2="0" y2="6" stroke="${HATCH_INK}" stroke-width="2"/></pattern></defs>`);
  out.push(`<rect width="${MAP_WIDTH}" height="${height}" fill="#ffffff"/>`);
  for (const s of shapes) {
    const f = s.code ? by.get(s.code) : undefined;
    const name = s.code ? (names.get(s.code)?.name ?? s.name) : s.name;
    out.push(`<path d="${s.d}" fill="${shadeOf(f)}" stroke="#ffffff" stroke-width="0.5"><title>${escapeXml(describe(name, f, empty))}</title></path>`);
  }
  // Suppliers in a country too small to draw: a ringed dot, so that they are not invisible.
  for (const f of figures) {
    const at = points.get(f.country);
    if (!at || f.suppliers === 0) continue;
    out.push(`<circle cx="${at[0]}" cy="${at[1]}" r="4" fill="${shadeOf(f)}" stroke="${HATCH_INK}" stroke-width="1"><title>${escapeXml(describe(names.get(f.country)?.name ?? f.country, f, empty))}</title></circle>`);
  }
  // The legend, in the image itself (it is also the page's caption).
  const y = MAP_HEIGHT + 14;
  const labels = ["0–19", "20–39", "40–59", "60–79", "80–100"];
  out.push(`<text x="8" y="${y + 13}" font-family="sans-serif" font-size="16" fill="#1b1f24">Mean score:</text>`);
  SHADES.forEach((shade, i) => {
    const x = 106 + i * 92;
    out.push(`<rect x="${x}" y="${y}" width="18" height="16" fill="${shade}" stroke="${HATCH_INK}" stroke-width="0.5"/><text x="${x + 24}" y="${y + 13}" font-family="sans-serif" font-size="16" fill="#1b1f24">${labels[i]}</text>`);
  });
  out.push(`<rect x="580" y="${y}" width="18" height="16" fill="url(#not-scored)" stroke="${HATCH_INK}" stroke-width="0.5"/><text x="604" y="${y + 13}" font-family="sans-serif" font-size="16" fill="#1b1f24">not scored</text>`);
  out.push(`<rect x="720" y="${y}" width="18" height="16" fill="${NO_SUPPLIERS}" stroke="${HATCH_INK}" stroke-width="0.5"/><text x="744" y="${y + 13}" font-family="sans-serif" font-size="16" fill="#1b1f24">${escapeXml(options.legendEmpty ?? empty)}</text>`);
  out.push(`</svg>`);
  return out.join("");
}
