/**
 * The platform fields' names in the reader's language (issue 18). `fields.ts` keeps the English
 * label, which is also a header name the import recognises; people read the catalog's
 * `imports:field.<kind>.<key>` (identifier:lei → identifier_lei) or, for an indicator column,
 * `imports:field.indicator.<code>`. A field without an entry shows its English label.
 */
import type { ImportKind } from "#db/schema";
import { serverT } from "~/i18n/i18n.server";
import { INDICATORS } from "../indicators";
import { fieldCatalogKey as catalogKey, type FieldDef } from "./fields";

/** A function naming each field of `kind` in `locale`. */
export function fieldLabels(locale: string, kind: ImportKind): (field: Pick<FieldDef, "key" | "label">) => string {
  const t = serverT(locale, "imports") as unknown as (key: string, options: { defaultValue: string }) => string;
  return (field) => t(catalogKey(kind, field.key), { defaultValue: field.label });
}

/**
 * A function describing each field of `kind` in `locale` (the columns page): what the column
 * expects, from `imports:describe.<kind>.<key>`, or one of the two indicator sentences.
 */
export function fieldDescriptions(locale: string, kind: ImportKind): (field: Pick<FieldDef, "key" | "description">) => string {
  const t = serverT(locale, "imports") as unknown as (key: string, options: Record<string, string | number>) => string;
  return (field) => {
    if (field.key.startsWith("indicator:")) {
      const indicator = INDICATORS.find((i) => `indicator:${i.code}` === field.key);
      if (indicator && "iloNumber" in indicator) return t("describe.indicatorIlo", { n: indicator.iloNumber, defaultValue: field.description });
      return t("describe.indicatorRecruitment", { defaultValue: field.description });
    }
    return t(`describe.${kind}.${field.key.replace(/:/g, "_")}`, { defaultValue: field.description });
  };
}
