/**
 * Countries by UN M49 region and sub-region, as data: the pools the regulator's jurisdiction view
 * uses before it suppresses small groups (app/domain/reports/pooling.ts).
 *
 * Source: United Nations Statistics Division, "Standard country or area codes for statistical use
 * (M49)", geographic regions, https://unstats.un.org/unsd/methodology/m49/ (overview table,
 * consulted 2026). M49 uses numeric codes; the lists below give each sub-region's countries and
 * areas by their ISO 3166-1 alpha-2 codes, as the platform stores countries. Two departures, said
 * here: Kosovo (XK, no M49 code) is placed in Southern Europe with its neighbours, and Taiwan (TW,
 * not listed separately by M49) in Eastern Asia. Latin America and the Caribbean is one M49
 * sub-region (its intermediate regions, Caribbean, Central and South America, are not used).
 */
export const M49_SUB_REGIONS: readonly { region: string; subRegion: string; countries: string }[] = [
  { region: "Africa", subRegion: "Northern Africa", countries: "DZ EG LY MA SD TN EH" },
  {
    region: "Africa",
    subRegion: "Sub-Saharan Africa",
    countries:
      "IO BI KM DJ ER ET TF KE MG MW MU YT MZ RE RW SC SO SS UG TZ ZM ZW AO CM CF TD CG CD GQ GA ST BW SZ LS NA ZA BJ BF CV CI GM GH GN GW LR ML MR NE NG SH SN SL TG",
  },
  {
    region: "Americas",
    subRegion: "Latin America and the Caribbean",
    countries: "AI AG AW BS BB BQ VG KY CU CW DM DO GD GP HT JM MQ MS PR BL KN LC MF VC SX TT TC VI BZ CR SV GT HN MX NI PA AR BO BV BR CL CO EC FK GF GY PY PE GS SR UY VE",
  },
  { region: "Americas", subRegion: "Northern America", countries: "BM CA GL PM US" },
  { region: "Asia", subRegion: "Central Asia", countries: "KZ KG TJ TM UZ" },
  { region: "Asia", subRegion: "Eastern Asia", countries: "CN HK MO KP JP MN KR TW" },
  { region: "Asia", subRegion: "South-eastern Asia", countries: "BN KH ID LA MY MM PH SG TH TL VN" },
  { region: "Asia", subRegion: "Southern Asia", countries: "AF BD BT IN IR MV NP PK LK" },
  { region: "Asia", subRegion: "Western Asia", countries: "AM AZ BH CY GE IQ IL JO KW LB OM QA SA PS SY TR AE YE" },
  { region: "Europe", subRegion: "Eastern Europe", countries: "BY BG CZ HU PL MD RO RU SK UA" },
  { region: "Europe", subRegion: "Northern Europe", countries: "AX DK EE FO FI GG IS IE IM JE LV LT NO SJ SE GB" },
  { region: "Europe", subRegion: "Southern Europe", countries: "AL AD BA HR GI GR VA IT MT ME MK PT SM RS SI ES XK" },
  { region: "Europe", subRegion: "Western Europe", countries: "AT BE FR DE LI LU MC NL CH" },
  { region: "Oceania", subRegion: "Australia and New Zealand", countries: "AU CX CC HM NZ NF" },
  { region: "Oceania", subRegion: "Melanesia", countries: "FJ NC PG SB VU" },
  { region: "Oceania", subRegion: "Micronesia", countries: "GU KI MH FM NR MP PW UM" },
  { region: "Oceania", subRegion: "Polynesia", countries: "AS CK PF NU PN WS TK TO TV WF" },
];

let byCountry: Map<string, { region: string; subRegion: string }> | null = null;

/** A country's M49 region and sub-region, or null (Antarctica, an unknown code). */
export function m49Of(alpha2: string): { region: string; subRegion: string } | null {
  if (!byCountry) {
    byCountry = new Map();
    for (const s of M49_SUB_REGIONS) for (const code of s.countries.split(" ")) byCountry.set(code, { region: s.region, subRegion: s.subRegion });
  }
  return byCountry.get(alpha2) ?? null;
}
