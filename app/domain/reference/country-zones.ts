/**
 * The time zone of a workplace follows from its country (issue 17, item 5): audits are planned and
 * shown in the time of the place where the inspectors stand. One table, data rather than code
 * paths: a country missing here falls back to the inspectorate's own zone, and the pages say so.
 *
 * A country with several zones is given its capital's zone (a workplace far from the capital is
 * the exception, and the inspector sees the zone named beside every time): United States →
 * Washington (America/New_York), Canada → Ottawa (America/Toronto), Brazil → Brasília
 * (America/Sao_Paulo), Mexico → Mexico City, Russia → Moscow, Indonesia → Jakarta, Australia →
 * Canberra (Australia/Sydney), Kazakhstan → Astana (Asia/Almaty), Chile → Santiago, DR Congo →
 * Kinshasa, Mongolia → Ulaanbaatar, Ecuador → Quito (America/Guayaquil), Spain → Madrid,
 * Portugal → Lisbon, New Zealand → Wellington (Pacific/Auckland), Malaysia → Kuala Lumpur,
 * Papua New Guinea → Port Moresby, Kiribati → Tarawa, Micronesia → Palikir (Pacific/Pohnpei).
 */
export const COUNTRY_ZONES: Readonly<Record<string, string>> = {
  AE: "Asia/Dubai", AF: "Asia/Kabul", AL: "Europe/Tirane", AM: "Asia/Yerevan", AO: "Africa/Luanda", AR: "America/Argentina/Buenos_Aires",
  AT: "Europe/Vienna", AU: "Australia/Sydney", AZ: "Asia/Baku", BA: "Europe/Sarajevo", BD: "Asia/Dhaka", BE: "Europe/Brussels",
  BF: "Africa/Ouagadougou", BG: "Europe/Sofia", BH: "Asia/Bahrain", BI: "Africa/Bujumbura", BJ: "Africa/Porto-Novo", BN: "Asia/Brunei",
  BO: "America/La_Paz", BR: "America/Sao_Paulo", BT: "Asia/Thimphu", BW: "Africa/Gaborone", BY: "Europe/Minsk", BZ: "America/Belize",
  CA: "America/Toronto", CD: "Africa/Kinshasa", CF: "Africa/Bangui", CG: "Africa/Brazzaville", CH: "Europe/Zurich", CI: "Africa/Abidjan",
  CL: "America/Santiago", CM: "Africa/Douala", CN: "Asia/Shanghai", CO: "America/Bogota", CR: "America/Costa_Rica", CU: "America/Havana",
  CY: "Asia/Nicosia", CZ: "Europe/Prague", DE: "Europe/Berlin", DJ: "Africa/Djibouti", DK: "Europe/Copenhagen", DO: "America/Santo_Domingo",
  DZ: "Africa/Algiers", EC: "America/Guayaquil", EE: "Europe/Tallinn", EG: "Africa/Cairo", ER: "Africa/Asmara", ES: "Europe/Madrid",
  ET: "Africa/Addis_Ababa", FI: "Europe/Helsinki", FJ: "Pacific/Fiji", FM: "Pacific/Pohnpei", FR: "Europe/Paris", GA: "Africa/Libreville",
  GB: "Europe/London", GE: "Asia/Tbilisi", GH: "Africa/Accra", GM: "Africa/Banjul", GN: "Africa/Conakry", GR: "Europe/Athens",
  GT: "America/Guatemala", GY: "America/Guyana", HK: "Asia/Hong_Kong", HN: "America/Tegucigalpa", HR: "Europe/Zagreb", HT: "America/Port-au-Prince",
  HU: "Europe/Budapest", ID: "Asia/Jakarta", IE: "Europe/Dublin", IL: "Asia/Jerusalem", IN: "Asia/Kolkata", IQ: "Asia/Baghdad",
  IR: "Asia/Tehran", IS: "Atlantic/Reykjavik", IT: "Europe/Rome", JM: "America/Jamaica", JO: "Asia/Amman", JP: "Asia/Tokyo",
  KE: "Africa/Nairobi", KG: "Asia/Bishkek", KH: "Asia/Phnom_Penh", KI: "Pacific/Tarawa", KR: "Asia/Seoul", KW: "Asia/Kuwait",
  KZ: "Asia/Almaty", LA: "Asia/Vientiane", LB: "Asia/Beirut", LK: "Asia/Colombo", LR: "Africa/Monrovia", LS: "Africa/Maseru",
  LT: "Europe/Vilnius", LU: "Europe/Luxembourg", LV: "Europe/Riga", LY: "Africa/Tripoli", MA: "Africa/Casablanca", MD: "Europe/Chisinau",
  ME: "Europe/Podgorica", MG: "Indian/Antananarivo", MK: "Europe/Skopje", ML: "Africa/Bamako", MM: "Asia/Yangon", MN: "Asia/Ulaanbaatar",
  MR: "Africa/Nouakchott", MU: "Indian/Mauritius", MV: "Indian/Maldives", MW: "Africa/Blantyre", MX: "America/Mexico_City", MY: "Asia/Kuala_Lumpur",
  MZ: "Africa/Maputo", NA: "Africa/Windhoek", NE: "Africa/Niamey", NG: "Africa/Lagos", NI: "America/Managua", NL: "Europe/Amsterdam",
  NO: "Europe/Oslo", NP: "Asia/Kathmandu", NZ: "Pacific/Auckland", OM: "Asia/Muscat", PA: "America/Panama", PE: "America/Lima",
  PG: "Pacific/Port_Moresby", PH: "Asia/Manila", PK: "Asia/Karachi", PL: "Europe/Warsaw", PT: "Europe/Lisbon", PY: "America/Asuncion",
  QA: "Asia/Qatar", RO: "Europe/Bucharest", RS: "Europe/Belgrade", RU: "Europe/Moscow", RW: "Africa/Kigali", SA: "Asia/Riyadh",
  SB: "Pacific/Guadalcanal", SD: "Africa/Khartoum", SE: "Europe/Stockholm", SG: "Asia/Singapore", SI: "Europe/Ljubljana", SK: "Europe/Bratislava",
  SL: "Africa/Freetown", SN: "Africa/Dakar", SO: "Africa/Mogadishu", SR: "America/Paramaribo", SS: "Africa/Juba", SV: "America/El_Salvador",
  SY: "Asia/Damascus", SZ: "Africa/Mbabane", TD: "Africa/Ndjamena", TG: "Africa/Lome", TH: "Asia/Bangkok", TJ: "Asia/Dushanbe",
  TL: "Asia/Dili", TM: "Asia/Ashgabat", TN: "Africa/Tunis", TR: "Europe/Istanbul", TT: "America/Port_of_Spain", TW: "Asia/Taipei",
  TZ: "Africa/Dar_es_Salaam", UA: "Europe/Kyiv", UG: "Africa/Kampala", US: "America/New_York", UY: "America/Montevideo", UZ: "Asia/Tashkent",
  VE: "America/Caracas", VN: "Asia/Ho_Chi_Minh", YE: "Asia/Aden", ZA: "Africa/Johannesburg", ZM: "Africa/Lusaka", ZW: "Africa/Harare",
};

/** The zone of a workplace in `country` (ISO alpha-2), or `fallback` (the inspectorate's) when the country is unknown. */
export function workplaceZone(country: string | null | undefined, fallback: string): string {
  return (country && COUNTRY_ZONES[country.toUpperCase()]) || fallback;
}
