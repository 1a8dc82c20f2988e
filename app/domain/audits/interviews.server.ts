/** Reading and writing an audit's interview grid (the rules and who sees what: interviews.ts). */
import { eq } from "drizzle-orm";
import type { Db } from "#db/client";
import { auditInterviews, INTERVIEW_GENDERS, INTERVIEW_ORIGINS } from "#db/schema";
import { emptyCells, withTotal, type InterviewCounts } from "./interviews";

export async function interviewsOf(db: Db, auditId: number): Promise<InterviewCounts> {
  const cells = emptyCells();
  for (const r of await db.select().from(auditInterviews).where(eq(auditInterviews.auditId, auditId))) cells[r.gender][r.origin] = r.count;
  return withTotal(cells);
}

/** Replaces the audit's grid; returns whether anything changed. Call inside the findings' transaction. */
export async function writeInterviews(db: Db, auditId: number, counts: InterviewCounts): Promise<boolean> {
  const before = await interviewsOf(db, auditId);
  if (JSON.stringify(before.cells) === JSON.stringify(counts.cells)) return false;
  await db.delete(auditInterviews).where(eq(auditInterviews.auditId, auditId));
  const rows = INTERVIEW_GENDERS.flatMap((gender) => INTERVIEW_ORIGINS.flatMap((origin) => (counts.cells[gender][origin] === null ? [] : [{ auditId, gender, origin, count: counts.cells[gender][origin]! }])));
  if (rows.length) await db.insert(auditInterviews).values(rows);
  return true;
}
