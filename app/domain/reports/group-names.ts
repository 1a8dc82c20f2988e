/**
 * The names of the regulator's groups in the reader's language (issue 18). The figures are gathered
 * once, without a language (a report's data fingerprint does not depend on the language it is
 * written in): each group keeps its English `label` (the data's own words, and what older code and
 * tests read) and, where the platform named it, a `name`: a catalog key with values. A value may
 * itself be a name (a UN M49 region, an ISIC section) or a country code, translated in turn.
 * Names the data gave (a sector as typed, a recruiter's name) have no `name` and stay as they are.
 */
import type { GroupName, NamePart } from "#reports/types";

/** UN M49 regions and sub-regions (app/domain/reference/m49-regions.ts) by their catalog keys. */
const M49_KEYS: Record<string, string> = {
  Africa: "africa",
  "Northern Africa": "northernAfrica",
  "Sub-Saharan Africa": "subSaharanAfrica",
  Americas: "americas",
  "Latin America and the Caribbean": "latinAmericaCaribbean",
  "Northern America": "northernAmerica",
  Asia: "asia",
  "Central Asia": "centralAsia",
  "Eastern Asia": "easternAsia",
  "South-eastern Asia": "southEasternAsia",
  "Southern Asia": "southernAsia",
  "Western Asia": "westernAsia",
  Europe: "europe",
  "Eastern Europe": "easternEurope",
  "Northern Europe": "northernEurope",
  "Southern Europe": "southernEurope",
  "Western Europe": "westernEurope",
  Oceania: "oceania",
  "Australia and New Zealand": "australiaNewZealand",
  Melanesia: "melanesia",
  Micronesia: "micronesia",
  Polynesia: "polynesia",
};

/** An M49 region's or sub-region's name as a catalog name; one not in the table stays as written. */
export const m49Name = (area: string): NamePart => (M49_KEYS[area] ? { key: `regulator:m49.${M49_KEYS[area]}` } : area);

export type Translate = (key: string, values: Record<string, string | number>) => string;

/** A name's words: `t` translates a "namespace:key" with values, `country` names an ISO code. */
export function nameText(name: GroupName, t: Translate, country: (alpha2: string) => string): string {
  const values: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(name.values ?? {})) values[k] = partText(v, t, country);
  return t(name.key, values);
}

function partText(part: NamePart, t: Translate, country: (alpha2: string) => string): string | number {
  if (typeof part === "string" || typeof part === "number") return part;
  if ("country" in part) return country(part.country);
  return nameText(part, t, country);
}

/** A group's name for the reader: its `name` translated, else its label as the data gave it. */
export const groupText = (g: { label: string; name?: GroupName }, t: Translate, country: (alpha2: string) => string): string => (g.name ? nameText(g.name, t, country) : g.label);
