/**
 * Texts the import stores for people to read later — a row's problems (`import_issues.message`)
 * and why a check or an import failed (`imports.failure`) — are stored language-free (issue 18):
 * a JSON document naming a catalog key and its values, translated when read
 * (`storedText` in stored-text.server.ts) into the reader's language. Rows written before
 * issue 18 hold an English sentence; they are shown as they are.
 *
 * A value is a plain string or number, or itself something to put in the reader's language: a
 * catalog key with values (what was expected), a platform field's name, a country, or a list of
 * such values ("Sector or Products").
 *
 * No server imports here: the import worker writes these for a million rows.
 */
import type { ImportKind } from "#db/schema";

export type StoredValue =
  | string
  | number
  | { key: string; values?: Record<string, StoredValue> }
  | { field: string; kind: ImportKind }
  | { country: string; name: string }
  | { list: StoredValue[]; type: "conjunction" | "disjunction" };

export interface StoredMessage {
  key: string;
  values?: Record<string, StoredValue>;
}

/** The stored form of a message: `{"key":"imports:problem.required","values":{…}}`. */
export function storedMessage(key: string, values?: Record<string, StoredValue>): string {
  return JSON.stringify(values ? { key, values } : { key });
}

/** The message a stored text names, or null for an English sentence written before issue 18. */
export function readStoredMessage(text: string): StoredMessage | null {
  if (!text.startsWith('{"key":"')) return null;
  try {
    const parsed = JSON.parse(text) as StoredMessage;
    return typeof parsed.key === "string" ? parsed : null;
  } catch {
    return null;
  }
}

/** A platform field's name, as a value: the reader's language names it (imports:field.*). */
export const fieldName = (kind: ImportKind, key: string): StoredValue => ({ field: key, kind });
