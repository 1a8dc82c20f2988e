/**
 * A stored import text (messages.ts) in the reader's language: a row's problem on the import page
 * and in the error report, why a check or an import failed. An English sentence stored before
 * issue 18 comes back as it is.
 */
import { formatsFor } from "~/i18n/format";
import { translateMessage } from "~/i18n/i18n.server";
import { fieldLabels } from "./field-labels.server";
import { fieldsFor } from "./fields";
import { readStoredMessage, type StoredValue } from "./messages";

function resolve(locale: string, value: StoredValue): string | number {
  if (typeof value === "string") return value;
  if (typeof value === "number") return formatsFor(locale).number(value);
  if ("key" in value) return translateMessage(locale, value.key, resolveAll(locale, value.values));
  if ("field" in value) {
    const field = fieldsFor(value.kind).find((f) => f.key === value.field);
    return field ? fieldLabels(locale, value.kind)(field) : value.field;
  }
  // The ISO list's English name as the check wrote it; in another language, CLDR's name for the code.
  if ("country" in value) return `${locale === "en" ? value.name : formatsFor(locale).country(value.country)} (${value.country})`;
  return formatsFor(locale).list(
    value.list.map((v) => String(resolve(locale, v))),
    value.type,
  );
}

function resolveAll(locale: string, values: Record<string, StoredValue> | undefined): Record<string, string | number> | undefined {
  if (!values) return undefined;
  // `count` chooses the plural form: it stays a number.
  return Object.fromEntries(Object.entries(values).map(([name, v]) => [name, name === "count" && typeof v === "number" ? v : resolve(locale, v)]));
}

/** The text in `locale`: a stored key with its values, translated; an older English sentence, as it is. */
export function storedText(locale: string, text: string): string {
  const message = readStoredMessage(text);
  if (!message) return text;
  return translateMessage(locale, message.key, resolveAll(locale, message.values));
}
