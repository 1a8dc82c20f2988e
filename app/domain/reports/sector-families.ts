/**
 * Sectors (free text on the supplier list) into sector families, the pools the regulator's
 * jurisdiction view uses before it suppresses small groups. The families are the sections of the
 * UN International Standard Industrial Classification (ISIC Rev. 4, UN Statistics Division, 2008,
 * https://unstats.un.org/unsd/classifications/Econ/isic), those where forced-labour risk is
 * reported; a sector is placed by the first family whose words it contains, and one that matches
 * none stays in no family (it is pooled only with what is left at the end).
 */
/** `code`: the ISIC section letters, the family's catalog key (`regulator:isic.<code>`). */
export const SECTOR_FAMILIES: readonly { code: string; family: string; words: readonly string[] }[] = [
  { code: "A", family: "Agriculture, forestry and fishing (ISIC A)", words: ["agricultur", "farm", "plantation", "crop", "livestock", "forest", "timber", "logging", "fish", "seafood", "aquacultur"] },
  { code: "B", family: "Mining and quarrying (ISIC B)", words: ["mining", "mine", "quarr", "oil and gas", "extract"] },
  { code: "C", family: "Manufacturing (ISIC C)", words: ["manufactur", "factory", "textile", "garment", "apparel", "food processing", "electronic", "processing"] },
  { code: "F", family: "Construction (ISIC F)", words: ["construct", "building", "civil engineering"] },
  { code: "G", family: "Wholesale and retail trade (ISIC G)", words: ["wholesale", "retail", "trade"] },
  { code: "H", family: "Transportation and storage (ISIC H)", words: ["logistic", "transport", "shipping", "warehous", "storage", "freight"] },
  { code: "I", family: "Accommodation and food service (ISIC I)", words: ["hotel", "hospitality", "restaurant", "catering"] },
  { code: "NST", family: "Domestic and other services (ISIC N, S, T)", words: ["cleaning", "security", "domestic", "household", "staffing", "services"] },
];

export function sectorFamilyOf(sector: string): string | null {
  const text = sector.toLowerCase();
  return SECTOR_FAMILIES.find((f) => f.words.some((w) => text.includes(w)))?.family ?? null;
}

/** The ISIC section letters of a sector's family ("A"), or null. */
export function sectorFamilyCodeOf(sector: string): string | null {
  const text = sector.toLowerCase();
  return SECTOR_FAMILIES.find((f) => f.words.some((w) => text.includes(w)))?.code ?? null;
}
