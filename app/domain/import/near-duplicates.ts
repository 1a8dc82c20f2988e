/**
 * Probable duplicates inside one file: two rows with different ids whose names agree once
 * normalised (dedupe.ts: case, accents, punctuation and legal forms removed, so "ACME FARMS, INC."
 * and "Acme Farms Inc" are both "acme farms"), in the same country and, when both give an
 * address, at the same place. Unlike rows with the same id, they are not merged silently: the
 * check warns "probable duplicate of row N" and the person chooses to merge them or keep both.
 *
 * The choice is written into the warning itself (the stored check result), so that the page, the
 * error report and a later reader all see what was decided.
 */
import { normaliseAddress } from "./dedupe";

const PREFIX = "probable duplicate of row ";
const KEPT = " — kept as two records";
const MERGED = " — merged into row ";

interface First {
  row: number;
  externalId: string;
  /** Whether the id came from the file (not derived from name and country). */
  given: boolean;
  address: string | null;
  /** Ids already reported as a probable duplicate of this row (a third row with one of them is that row again). */
  flagged: Set<string> | null;
}

/** Whole-word containment of normalised addresses: "fresno" and "12 main st fresno" are the same place. */
function samePlace(a: string | null, b: string | null): boolean {
  if (!a || !b) return true;
  const x = normaliseAddress(a);
  const y = normaliseAddress(b);
  if (!x || !y || x === y) return true;
  return ` ${x} `.includes(` ${y} `) || ` ${y} `.includes(` ${x} `);
}

/** Remembers the first row of each name key; one map lookup per row. */
export class NearDuplicateFinder {
  private readonly first = new Map<string, First>();

  /** The row this one probably duplicates (and its id), or null. `key` is dedupe.ts's nameKey (normalised name | country). */
  check(row: number, key: string, externalId: string, given: boolean, address: string | null): { row: number; externalId: string; given: boolean } | null {
    const first = this.first.get(key);
    if (!first) {
      this.first.set(key, { row, externalId, given, address, flagged: null });
      return null;
    }
    // The same id is the same record: merged by the analysis, not a question for the user.
    if (first.externalId === externalId || first.flagged?.has(externalId)) return null;
    if (!samePlace(first.address, address)) return null;
    (first.flagged ??= new Set()).add(externalId);
    return first;
  }
}

/** `ids`: the two ids from the file, or null when a row had none. */
export function nearDuplicateMessage(of: number, key: string, ids: [string, string] | null, what: string): string {
  const name = key.slice(0, key.lastIndexOf("|"));
  const other = ids ? `but another ${what} id (${ids[0]} and ${ids[1]})` : "as another record";
  return `${PREFIX}${of}: the same name without legal forms ("${name}") in the same country and place, ${other} — merge the two or keep both before importing`;
}

export type NearDuplicateState = "open" | "kept" | "merged";

/** Reads a stored warning: the row it duplicates and what was decided, or null for any other message. */
export function readNearDuplicate(message: string): { of: number; state: NearDuplicateState } | null {
  if (!message.startsWith(PREFIX)) return null;
  const of = Number.parseInt(message.slice(PREFIX.length), 10);
  if (!Number.isSafeInteger(of)) return null;
  return { of, state: message.includes(MERGED) ? "merged" : message.endsWith(KEPT) ? "kept" : "open" };
}

export function decidedMessage(message: string, state: "kept" | "merged", of: number): string {
  const base = message.replace(KEPT, "");
  return state === "kept" ? `${base}${KEPT}` : `${base}${MERGED}${of} (products combined; where both give a value, row ${of}'s is kept)`;
}
