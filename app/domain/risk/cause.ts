/**
 * Why a platform-wide rescore ran (`scoring_runs.cause`, copied to each score it writes in
 * `risk_scores.cause` and to the activity log's `risk.rescored` entry), stored language-free
 * (issue 18): a JSON document naming a catalog key of the `risk` namespace and its values, and
 * whether the run resumes one a restart interrupted — a flag, so that a resumed run's cause is
 * the same document and never a sentence glued from two. The pages say it in the reader's language
 * (`causeText` in app/components/risk/risk-text.tsx; the activity log's sentences).
 *
 * Rows written before issue 18 hold an English line ("methodology 2.1 (resumed)"); they are read
 * back as that line. No server imports: the score pages' components read this in the browser.
 */

export type CauseValues = Record<string, string | number>;

/**
 * A cause as stored since issue 18 — `{"key":"risk:cause.methodology","values":{"version":"2.1"}}`,
 * with `"resumed":true` for a run that resumes an interrupted one — or, for a resumed run whose
 * interrupted run was recorded before issue 18, that run's English line (`en`), flagged.
 */
export type StoredCause = { key: `risk:cause.${string}`; values?: CauseValues; resumed?: true } | { en: string; resumed: true };

/** A cause read back: keyed, or an older row's English line (`en`), either perhaps resumed. */
export type ReadCause = { key: string; values?: CauseValues; resumed: boolean } | { en: string; resumed: boolean };

/** The column's text for a cause. */
export function storeCause(cause: StoredCause): string {
  return JSON.stringify(cause);
}

/**
 * A stored cause read back: the column's text, or the document itself as the activity log's
 * details hold it (`causeDetail`). An English line written before issue 18 comes back as it is.
 */
export function readCause(stored: unknown): ReadCause {
  let parsed: unknown = stored;
  if (typeof stored === "string") {
    if (!stored.startsWith("{")) return englishCause(stored);
    try {
      parsed = JSON.parse(stored);
    } catch {
      return englishCause(stored); // an English line that happens to start with a brace
    }
  }
  const doc = (parsed && typeof parsed === "object" ? parsed : {}) as { key?: unknown; values?: unknown; en?: unknown; resumed?: unknown };
  const values = doc.values && typeof doc.values === "object" ? (doc.values as CauseValues) : undefined;
  if (typeof doc.key === "string") return { key: doc.key, values, resumed: doc.resumed === true };
  if (typeof doc.en === "string") return { en: doc.en, resumed: doc.resumed === true };
  return englishCause(typeof stored === "string" ? stored : "");
}

/** An English line as older code wrote it, "… (resumed)" for a resumed run. */
function englishCause(line: string): ReadCause {
  const resumed = /^(.*) \(resumed\)$/s.exec(line);
  return resumed ? { en: resumed[1]!, resumed: true } : { en: line, resumed: false };
}

/**
 * The cause as the activity log's details record it: the document itself (the entry's details are
 * JSON, so the export shows it without a string inside a string), or an older run's English line.
 */
export function causeDetail(column: string): StoredCause | string {
  const cause = readCause(column);
  if ("key" in cause) return { key: cause.key as `risk:cause.${string}`, ...(cause.values ? { values: cause.values } : {}), ...(cause.resumed ? { resumed: true as const } : {}) };
  return cause.resumed ? { en: cause.en, resumed: true } : cause.en;
}

/**
 * The cause of a run that resumes an interrupted one: the same cause, flagged. An older run's
 * English line is kept as its `en`, flagged too (it cannot be made a key after the fact).
 */
export function resumedCause(column: string): StoredCause {
  const cause = readCause(column);
  if ("en" in cause) return { en: cause.en, resumed: true };
  return { key: cause.key as `risk:cause.${string}`, ...(cause.values ? { values: cause.values } : {}), resumed: true };
}
