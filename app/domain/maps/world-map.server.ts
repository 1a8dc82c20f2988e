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
import type { TFunction } from "i18next";
import { serverT } from "~/i18n/i18n.server";
import { formatsFor } from "~/i18n/format";
import { languageOf } from "~/i18n/languages";
import { countriesByAlpha2, countryNames } from "../reference/countries.server";

export const MAP_WIDTH = 960;
export const MAP_HEIGHT = 440;

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

/**
 * What differs between the company's map and the regulator's, in the reader's language (the route
 * translates it from its own namespace); everything else on the map (the legend, the countries'
 * figures) comes from the `regulator` catalog's `map.svg` section, where the words of the map's
 * table beside it already are.
 */
export interface MapWords {
  /** The language of the request (`context.locale`): names, numbers and sentences. */
  locale: string;
  /** The SVG's title and text alternative. */
  title: string;
  /**
   * A grey country's hover title. On an aggregate map (the regulator's) it may have suppliers that
   * are too few to show, so it must not say "no suppliers".
   */
  empty: (country: string) => string;
  /** The legend's word for grey. */
  legendEmpty: string;
}

function describe(t: TFunction<"regulator">, number: (n: number) => string, words: MapWords, name: string, f: CountryFigures | undefined): string {
  if (!f || f.suppliers === 0) return words.empty(name);
  if (f.meanScore === null) return t("map.svg.noneScored", { country: name, count: f.suppliers });
  const mean = number(Math.round(f.meanScore));
  if (f.scored === f.suppliers) return t("map.svg.scored", { country: name, count: f.suppliers, mean });
  return t("map.svg.partlyScored", { country: name, count: f.suppliers, mean, unscored: number(f.suppliers - f.scored) });
}

/**
 * Thai in the legend: an SVG shown as an <img> cannot use the page's web fonts (decision 026), and
 * a system without a Thai font (Debian's Chromium on CI, some shared PCs) drew the legend as empty
 * boxes. The same Noto Sans Thai subset the pages use (9 kB) is embedded, only in a map whose
 * legend has Thai letters, first in the font stack as on the pages (`local()` first: a system that
 * has it downloads nothing more, and nothing is fetched either way — it is a data: URL).
 */
const THAI = /[\u0e01-\u0e5b]/;
let thaiFace: string | null = null;

function thaiFontFace(): string {
  if (!thaiFace) {
    const file = createRequire(import.meta.url).resolve("@fontsource/noto-sans-thai/files/noto-sans-thai-thai-400-normal.woff2");
    thaiFace = `@font-face{font-family:"Map Noto Sans Thai";src:local("Noto Sans Thai"),local("NotoSansThai-Regular"),url(data:font/woff2;base64,${readFileSync(file).toString("base64")}) format("woff2");unicode-range:U+0E01-0E5B,U+200C-200D,U+25CC}`;
  }
  return thaiFace;
}

const FONT_SIZE = 16;
const LINE = 24;
const MARGIN = 8;

/**
 * A text's width in the map's sans-serif at FONT_SIZE, estimated: the server has no font metrics,
 * and which font the browser picks is not ours to know. Rather too wide than too narrow (a wider
 * gap is harmless, an overlap is not): narrow Latin letters and punctuation 0.3 of the size,
 * capitals and wide letters 0.72, everything else (lower case, digits, Thai consonants and vowels
 * that stand on the line) 0.56; combining marks (Thai vowels and tone marks above and below the
 * line, decomposed accents) take no width of their own. Measured in Debian's Chromium (its
 * sans-serif, Noto Sans Thai), the German and Thai legends drew about a fifth narrower than
 * estimated: the margin left for wider system fonts (Verdana, Tahoma).
 */
export function textWidth(text: string): number {
  let em = 0;
  for (const ch of text) {
    if (/\p{M}/u.test(ch)) continue;
    em += /[\s.,:;'’!|()[\]ilIjtf]/.test(ch) ? 0.3 : /[A-ZÀ-ÞmwMW]/.test(ch) ? 0.72 : /[\u2e80-\u9fff\uac00-\ud7af]/.test(ch) ? 1 : 0.56;
  }
  return Math.ceil(em * FONT_SIZE);
}

interface LegendItem {
  /** A swatch's fill, or none for the legend's heading. */
  fill?: string;
  text: string;
}

/**
 * The legend, laid out from the length of its words: left to right, to the next line where an item
 * would cross the map's right edge (German, French or the 40 % longer pseudo-locale can need two).
 * Returns the elements and the height they take.
 */
function legend(items: readonly LegendItem[], top: number): { svg: string[]; height: number; thai: boolean } {
  const svg: string[] = [];
  const thai = items.some((i) => THAI.test(i.text));
  const font = thai ? `'Map Noto Sans Thai', sans-serif` : "sans-serif";
  let x = MARGIN;
  let y = top;
  for (const item of items) {
    const swatch = item.fill ? 24 : 0;
    const width = swatch + textWidth(item.text);
    if (x > MARGIN && x + width > MAP_WIDTH - MARGIN) {
      x = MARGIN;
      y += LINE;
    }
    if (item.fill) svg.push(`<rect x="${x}" y="${y}" width="18" height="16" fill="${item.fill}" stroke="${HATCH_INK}" stroke-width="0.5"/>`);
    svg.push(`<text x="${x + swatch}" y="${y + 13}" font-family="${font}" font-size="${FONT_SIZE}" fill="#1b1f24">${escapeXml(item.text)}</text>`);
    // The heading sits close to its scale; the swatches are kept apart so each text reads as its swatch's.
    x += width + (item.fill ? 20 : 12);
  }
  return { svg, height: y - top + LINE, thai };
}

/**
 * The SVG document, in `words.locale`. Colours are presentation attributes, not a style sheet
 * (the one `<style>` is the embedded Thai face, which has no attribute form; Chromium draws it in
 * the page's <img>, tests/e2e/i18n.spec.ts photographs it). Each country has a `<title>`
 * (shown on hover where the SVG is opened by itself); the page's table is the accessible form.
 */
export function worldMapSvg(figures: readonly CountryFigures[], words: MapWords): string {
  const t = serverT(words.locale, "regulator");
  const format = formatsFor(words.locale);
  const number = (n: number) => format.number(n);
  const name = countryNames(words.locale);
  const { shapes, points } = worldShapes();
  const by = new Map(figures.map((f) => [f.country, f]));
  const drawn: string[] = [];
  for (const s of shapes) {
    const f = s.code ? by.get(s.code) : undefined;
    drawn.push(`<path d="${s.d}" fill="${shadeOf(f)}" stroke="#ffffff" stroke-width="0.5"><title>${escapeXml(describe(t, number, words, s.code ? name(s.code) : s.name, f))}</title></path>`);
  }
  // Suppliers in a country too small to draw: a ringed dot, so that they are not invisible.
  for (const f of figures) {
    const at = points.get(f.country);
    if (!at || f.suppliers === 0) continue;
    drawn.push(`<circle cx="${at[0]}" cy="${at[1]}" r="4" fill="${shadeOf(f)}" stroke="${HATCH_INK}" stroke-width="1"><title>${escapeXml(describe(t, number, words, name(f.country), f))}</title></circle>`);
  }
  // The legend, in the image itself (it is also the page's caption).
  const bounds = [0, 20, 40, 60, 80];
  const key = legend(
    [
      { text: t("map.svg.legend") },
      ...SHADES.map((fill, i) => ({ fill, text: `${number(bounds[i]!)}–${number(i === 4 ? 100 : bounds[i + 1]! - 1)}` })),
      { fill: "url(#not-scored)", text: t("map.notScored") },
      { fill: NO_SUPPLIERS, text: words.legendEmpty },
    ],
    MAP_HEIGHT + 14,
  );
  const height = MAP_HEIGHT + 14 + key.height + 6;
  const lang = languageOf(words.locale).code;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${MAP_WIDTH} ${height}" width="${MAP_WIDTH}" height="${height}" role="img" aria-label="${escapeXml(words.title)}" xml:lang="${lang}" lang="${lang}">`,
    `<title>${escapeXml(words.title)}</title>`,
    // A style sheet only for the embedded face: @font-face has no presentation attribute. The map
    // is an image (no script runs in it) and this style sheet is ours, not the request's.
    key.thai ? `<style>${thaiFontFace()}</style>` : "",
    `<defs><pattern id="not-scored" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/><line x1="0" y1="0" x2="0" y2="6" stroke="${HATCH_INK}" stroke-width="2"/></pattern></defs>`,
    `<rect width="${MAP_WIDTH}" height="${height}" fill="#ffffff"/>`,
    ...drawn,
    ...key.svg,
    `</svg>`,
  ].join("");
}

/**
 * The headers of a map answer in `locale`. The language is not in the map's URL: it is decided, as
 * for the page that embeds the map, from the `lng` cookie, the account (whose session is the
 * cookie too) and Accept-Language (server.ts), so the page and its image always agree without a
 * second way of choosing a language that a URL could contradict. A cache must therefore keep one
 * copy per cookie and Accept-Language: `Vary` says so. (Signed-in answers are `no-store` anyway,
 * server.ts; `Vary` keeps that true should a map ever be cacheable.)
 */
export function mapHeaders(locale: string): Record<string, string> {
  return { "Content-Type": "image/svg+xml; charset=utf-8", "Content-Language": languageOf(locale).code, Vary: "Cookie, Accept-Language" };
}
