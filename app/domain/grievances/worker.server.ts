/**
 * What the worker does on their case without an account (issue 19): add information (words and
 * files) and rate the remedy. There is no session: every POST carries the case code and secret and
 * re-opens the case through the same rate-limited check as reading it (`openWorkerCase`), so these
 * forms are no faster oracle for guessing a secret than the lookup form. What the worker writes is
 * a timeline event with audience "worker" and no organisation or user (that is how the timeline
 * knows the worker wrote it).
 */
import { eq } from "drizzle-orm";
import { firstRow, inTransaction, onlyRow, type Db } from "#db/client";
import { grievanceEvents, grievanceFiles, grievances } from "#db/schema";
import { Conflict, Invalid } from "~/domain/errors";
import type { StoredEvidence } from "~/lib/evidence.server";
import { openWorkerCase, recordAccess, workerViewOf, type WorkerCaseView } from "./views.server";

/** The worker's three answers about the remedy, and the 1…3 stored in grievances.worker_rating. */
export const WORKER_RATINGS = { not: 1, partly: 2, remedied: 3 } as const;
export type WorkerRating = keyof typeof WORKER_RATINGS;

interface Key {
  code: string;
  secret: string;
  ip: string;
}

export async function workerAddInformation(db: Db, args: Key & { text: string | null; files?: StoredEvidence[] }, now = Date.now()): Promise<WorkerCaseView> {
  const g = await openWorkerCase(db, args.code, args.secret, args.ip, now);
  const files = args.files ?? [];
  if (!args.text && files.length === 0) throw new Invalid("text", "public:case.errors.empty");
  await inTransaction(db, async () => {
    const event = onlyRow(
      await db
        .insert(grievanceEvents)
        .values({ grievanceId: g.id, type: "worker_info", audience: "worker", orgId: null, userId: null, body: args.text, data: { files: files.length }, createdAt: new Date(now) })
        .returning({ id: grievanceEvents.id }),
    ).id;
    for (const f of files) await db.insert(grievanceFiles).values({ grievanceId: g.id, eventId: event, fileName: f.name, filePath: f.path, sha256: f.sha256, size: f.size, mime: f.mime, createdAt: new Date(now) });
  });
  await recordAccess(db, g.id, "worker.add", null, now);
  return workerViewOf(db, g);
}

export async function workerRateRemedy(db: Db, args: Key & { rating: WorkerRating }, now = Date.now()): Promise<WorkerCaseView> {
  const g = await openWorkerCase(db, args.code, args.secret, args.ip, now);
  // Nothing to rate before a party has written down the remedy.
  if (!g.remedy) throw new Conflict("rating", "public:case.errors.noRemedy");
  const value = WORKER_RATINGS[args.rating];
  await inTransaction(db, async () => {
    await db.update(grievances).set({ workerRating: value }).where(eq(grievances.id, g.id));
    await db.insert(grievanceEvents).values({ grievanceId: g.id, type: "worker_rating", audience: "worker", orgId: null, userId: null, body: null, data: { rating: args.rating }, createdAt: new Date(now) });
  });
  await recordAccess(db, g.id, "worker.rate", null, now);
  return workerViewOf(db, firstRow(await db.select().from(grievances).where(eq(grievances.id, g.id)))!);
}
