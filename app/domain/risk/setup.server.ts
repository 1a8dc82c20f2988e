/**
 * What every database needs before it can score: the built-in reference editions, the product
 * synonyms and the shipped methodology. Idempotent and quick when already done; called at
 * start-up, by `npm run db:migrate` and by the test template.
 */
import { rawGet, type Db } from "#db/client";
import { ensureBuiltInReferences } from "../reference/sources.server";
import { ensureDefaultMethodology } from "./methodology-store.server";
import { resumeInterruptedRescores, startRescore } from "./rescore.server";

export async function prepareScoring(db: Db): Promise<void> {
  await ensureBuiltInReferences(db);
  await ensureDefaultMethodology(db);
}

/**
 * At start-up: resumes a rescore that a stop cut short, or scores what was never scored (e.g. a
 * stop between an import's commit and its scoring). Returns the run started, if any.
 */
export async function catchUpScores(db: Db): Promise<number | null> {
  const resumed = await resumeInterruptedRescores(db);
  if (resumed !== null) return resumed;
  // "missing", not "any": ANY is a reserved word in PostgreSQL.
  const unscored = await rawGet<{ missing: number }>(
    db,
    `select exists(select 1 from suppliers where risk_score_id is null and merged_into_id is null) or exists(select 1 from recruiters where risk_score_id is null) as missing`,
  );
  return unscored?.missing ? await startRescore(db, { cause: { key: "risk:cause.missingAtStart" } }) : null;
}
