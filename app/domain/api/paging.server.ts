/**
 * Cursor paging of every API list (decision 037): lists run in id order and the cursor is the last
 * id of the page, opaque to the caller (base64url of a letter naming the list and the id), so that a
 * cursor of one list is refused by another instead of silently meaning something else.
 */
import { Invalid } from "../errors";

export const DEFAULT_LIMIT = 100;

/** Each list's cursor letter, in one place so that no two lists share one (a unit test checks). */
export const CURSOR = { suppliers: "s", recruiters: "R", audits: "a", reports: "p", sharedSuppliers: "h", grievances: "g" } as const;

export const encodeCursor = (list: string, id: number | string) => Buffer.from(`${list}${id}`).toString("base64url");

export function decodeCursor(list: string, cursor: string): number {
  return Number(decodeTextCursor(list, cursor, /^[1-9]\d{0,11}$/));
}

/** A cursor over text ids (reports' `R-…`): the id must have the list's own form. */
export function decodeTextCursor(list: string, cursor: string, form: RegExp): string {
  const text = Buffer.from(cursor, "base64url").toString("utf8");
  const id = text.startsWith(list) ? text.slice(list.length) : "";
  if (!form.test(id)) throw new Invalid("cursor", "api:invalid.cursor");
  return id;
}

/** A stored time as the API writes it: ISO 8601 in UTC. */
export const iso = (ms: number | Date | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * One page from rows read with `limit + 1` (whether a next page exists, without counting).
 */
export function pageFrom<R extends { id: number | string }, T>(list: string, rows: R[], limit: number, map: (row: R) => T): { data: T[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  return { data: page.map(map), nextCursor: rows.length > limit ? encodeCursor(list, page[page.length - 1]!.id) : null };
}
