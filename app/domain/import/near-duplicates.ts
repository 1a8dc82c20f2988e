/**
 * Probable duplicates inside one file: two rows with different ids whose names agree once
 * normalised (dedupe.ts: case, accents, punctuation and legal forms removed, so "ACME FARMS, INC."
 * and "Acme Farms Inc" are both "acme farms"), in the same country and, when both give one, in the
 * same place (the city when the list has a city column, else the address). Unlike rows with the
 * same id, they are not merged silently: the check warns "probable duplicate of row N" and the
 * person chooses to merge them or keep both.
 *
 * The choice is written into the warning itself (the stored check result: its catalog key ends in
 * open, kept or merged), so that the page, the error report and a later reader all see what was
 * decided.
 */
import type { ImportKind } from "#db/schema";
import { readStoredMessage, storedMessage } from "./messages";

/** How the warning read when it was stored in English (before issue 18); such rows are still read. */
const PREFIX = "probable duplicate of row ";
const KEPT = " — kept as two records";
const MERGED = " — merged into row ";

/**
 * Remembers the first row of each name key. Runs once per row of a million-row file, so it keeps
 * numbers (the row, and 53-bit hashes of the id and of the normalised place), not strings.
 */
export class NearDuplicateFinder {
  private readonly index = new Map<string, number>();
  private readonly rows: number[] = [];
  private readonly ids: number[] = [];
  private readonly places: number[] = [];
  /** Per first row, the ids already reported as its duplicate (a third row with one of them is that row again). */
  private flagged: Map<number, Set<number>> | null = null;

  /**
   * The row this one probably duplicates, or null. `key` is dedupe.ts's nameKey (normalised name |
   * country); `place` is 0 when the row gives none.
   */
  check(row: number, key: string, id: number, place: number): number | null {
    const at = this.index.get(key);
    if (at === undefined) {
      this.index.set(key, this.rows.length);
      this.rows.push(row);
      this.ids.push(id);
      this.places.push(place);
      return null;
    }
    // The same id is the same record: merged by the analysis, not a question for the user.
    if (this.ids[at] === id) return null;
    const firstPlace = this.places[at]!;
    if (firstPlace !== 0 && place !== 0 && firstPlace !== place) return null;
    let reported = (this.flagged ??= new Map()).get(at);
    if (!reported) this.flagged.set(at, (reported = new Set<number>()));
    if (reported.has(id)) return null;
    reported.add(id);
    return this.rows[at]!;
  }
}

/** The stored warning (messages.ts): the row it duplicates, the shared name key, and what was decided (the key's last part). */
export function nearDuplicateMessage(of: number, key: string, kind: ImportKind): string {
  const name = key.slice(0, key.lastIndexOf("|"));
  return storedMessage(`imports:problem.nearDuplicate.${kind}.open`, { of, name });
}

export type NearDuplicateState = "open" | "kept" | "merged";

const STORED = /^imports:problem\.nearDuplicate\.(suppliers|recruiters)\.(open|kept|merged)$/;

/** Reads a stored warning: the row it duplicates and what was decided, or null for any other message. Warnings stored in English before issue 18 are read too. */
export function readNearDuplicate(message: string): { of: number; state: NearDuplicateState } | null {
  const stored = readStoredMessage(message);
  if (stored) {
    const m = STORED.exec(stored.key);
    const of = stored.values?.of;
    return m && typeof of === "number" ? { of, state: m[2] as NearDuplicateState } : null;
  }
  if (!message.startsWith(PREFIX)) return null;
  const of = Number.parseInt(message.slice(PREFIX.length), 10);
  if (!Number.isSafeInteger(of)) return null;
  return { of, state: message.includes(MERGED) ? "merged" : message.endsWith(KEPT) ? "kept" : "open" };
}

export function decidedMessage(message: string, state: "kept" | "merged", of: number): string {
  const stored = readStoredMessage(message);
  if (stored) return JSON.stringify({ ...stored, key: stored.key.replace(/\.(open|kept|merged)$/, `.${state}`) });
  const base = message.replace(KEPT, "");
  return state === "kept" ? `${base}${KEPT}` : `${base}${MERGED}${of} (products combined; where both give a value, row ${of}'s is kept)`;
}
