/**
 * Workers confirm repayments through their grievance case (issue 19, item 6). A union or
 * inspectorate that handles a worker's case links it to the fee case of the same supplier; the
 * worker, on their /case page, sees the instalments paid and answers received / partly / not
 * received. The company reads the answers only as counts per instalment (fees.server.ts), never
 * which case gave them: a worker who says "not received" must not be findable by the employer.
 */
import { and, asc, eq, isNotNull } from "drizzle-orm";
import { firstRow, inTransaction, type Db } from "#db/client";
import { feeCases, feeConfirmations, feeInstalments, grievanceEvents, grievances, recruiters, suppliers } from "#db/schema";
import { authorize, can, type Actor } from "~/auth/permissions.server";
import { recordEvent } from "../activity-log/activity-log.server";
import { Conflict, Forbidden, Invalid, NotFound } from "../errors";
import { caseFor, workerCase, type CaseView, type WorkerCaseView } from "../grievances/views.server";
import { FEE_ANSWERS, type FeeAnswer } from "./fees.schemas";
import { feeCaseNameColumns } from "./fees.server";
import { currencyDigits } from "./money";

export interface LinkableFeeCase {
  id: number;
  supplierName: string;
  recruiterName: string | null;
  originCountry: string;
  destinationCountry: string;
  currency: string;
  amountPerWorkerMinor: number;
  workers: number;
  linked: boolean;
}

/**
 * The fee cases recorded for one workplace (supplier record), oldest first, named as the case page
 * shows them (supplier, recruiter, corridor, amount), or only the one with `onlyId`. Reads no more
 * of the company's ledger than docs/permissions.md allows the handling organisation to learn.
 */
async function workplaceFeeCases(db: Db, supplierId: number, linkedId: number | null, onlyId?: number): Promise<LinkableFeeCase[]> {
  const rows = await db
    .select(feeCaseNameColumns)
    .from(feeCases)
    .innerJoin(suppliers, eq(suppliers.id, feeCases.supplierId))
    .leftJoin(recruiters, eq(recruiters.id, feeCases.recruiterId))
    .where(onlyId === undefined ? eq(feeCases.supplierId, supplierId) : and(eq(feeCases.supplierId, supplierId), eq(feeCases.id, onlyId)))
    .orderBy(asc(feeCases.id));
  return rows.map((r) => ({ ...r, linked: r.id === linkedId }));
}

/**
 * The fee cases a handling organisation may link this worker's case to: those of the case's own
 * workplace. The case is read through `caseFor`, which authorises (404 for a case that did not
 * reach the organisation) and logs the read.
 */
export async function linkableFeeCases(db: Db, actor: Actor, grievanceId: number, now = Date.now()): Promise<LinkableFeeCase[]> {
  authorize(actor, "fees.link", { orgId: actor.membership?.orgId ?? -1 });
  const view = await caseFor(db, actor, grievanceId, now);
  if (view.party === "company") throw new Forbidden();
  if (view.workplace.supplierId === null) return [];
  return workplaceFeeCases(db, view.workplace.supplierId, view.feeCaseId);
}

export interface CaseFeeLink {
  /** The fee case the worker's case is linked to, if any. */
  linked: LinkableFeeCase | null;
  /** Whether the reader may link the case (fees.link), and it is not linked yet. */
  canLink: boolean;
  /** The fee cases of the case's workplace to choose from (empty unless `canLink`). */
  choices: LinkableFeeCase[];
  /** The case names no workplace on record: there is no supplier whose fee cases it could join. */
  noWorkplace: boolean;
}

/**
 * The case page's part of the fee ledger, for a case already read with `caseFor` (so the read is
 * authorised and logged once, as `caseForms` does). The company gets null: it must not learn
 * which worker's case answers for which fee case (decision 028), and its view carries no link.
 */
export async function caseFeeLink(db: Db, actor: Actor, view: CaseView): Promise<CaseFeeLink | null> {
  if (view.party === "company") return null;
  const supplierId = view.workplace.supplierId;
  const linked = view.feeCaseId !== null && supplierId !== null ? ((await workplaceFeeCases(db, supplierId, view.feeCaseId, view.feeCaseId))[0] ?? null) : null;
  const canLink = linked === null && can(actor, "fees.link", { orgId: actor.membership?.orgId ?? -1 });
  const choices = canLink && supplierId !== null ? await workplaceFeeCases(db, supplierId, null) : [];
  return { linked, canLink, choices, noWorkplace: supplierId === null };
}

/**
 * Links the worker's case to a fee case of the same supplier, so that the worker can confirm its
 * repayments. A fee case of another workplace answers 404 (for this case it does not exist); a case
 * already linked to another fee case is a conflict (the worker's answers so far are about that one).
 */
export async function linkFeeCase(db: Db, actor: Actor, grievanceId: number, feeCaseId: number, ip: string | null = null, now = Date.now()): Promise<void> {
  const orgId = actor.membership?.orgId ?? -1;
  authorize(actor, "fees.link", { orgId });
  const view = await caseFor(db, actor, grievanceId, now);
  if (view.party === "company") throw new Forbidden();
  const fee = firstRow(await db.select({ id: feeCases.id, supplierId: feeCases.supplierId }).from(feeCases).where(eq(feeCases.id, feeCaseId)));
  if (!fee || view.workplace.supplierId === null || fee.supplierId !== view.workplace.supplierId) throw new NotFound();
  if (view.feeCaseId === fee.id) return;
  if (view.feeCaseId !== null) throw new Conflict("feeCaseId", "fees:errors.alreadyLinked", { id: view.feeCaseId });
  await inTransaction(db, async () => {
    await db.update(grievances).set({ feeCaseId: fee.id, updatedAt: new Date(now) }).where(eq(grievances.id, view.id));
    // "org": the note stays with the organisation that linked it. The company, a recipient too, would
    // otherwise learn which case answers for which instalments.
    await db.insert(grievanceEvents).values({ grievanceId: view.id, type: "fee_linked", audience: "org", orgId, userId: actor.user.id, data: { feeCaseId: fee.id }, createdAt: new Date(now) });
  });
  await recordEvent(db, { action: "fee.case_linked", actorUserId: actor.user.id, orgId, targetType: "grievance", targetId: view.id, ip, details: { feeCaseId: fee.id } }, now);
}

export interface WorkerFeeView {
  currency: string;
  digits: number;
  amountPerWorkerMinor: number;
  /** The instalments paid, oldest first, each with this worker's answer if they gave one. */
  instalments: { id: number; paidOn: string; amountMinor: number; workers: number; perWorkerMinor: number; answer: FeeAnswer | null }[];
}

/**
 * What the worker sees of the fee case their case is linked to (null: none): the instalments paid
 * and their own answers. Takes the case row (or the worker's view of it, whose id is enough) of a
 * case already opened with the code and secret: it does not authorise by itself.
 */
export async function workerFeeView(db: Db, g: { id: number; feeCaseId?: number | null }): Promise<WorkerFeeView | null> {
  const feeCaseId = g.feeCaseId !== undefined ? g.feeCaseId : (firstRow(await db.select({ feeCaseId: grievances.feeCaseId }).from(grievances).where(eq(grievances.id, g.id)))?.feeCaseId ?? null);
  if (feeCaseId === null) return null;
  const fee = firstRow(await db.select({ currency: feeCases.currency, amountPerWorkerMinor: feeCases.amountPerWorkerMinor }).from(feeCases).where(eq(feeCases.id, feeCaseId)));
  if (!fee) return null;
  const paid = await db
    .select({ id: feeInstalments.id, paidOn: feeInstalments.paidOn, amountMinor: feeInstalments.amountMinor, workers: feeInstalments.workers, answer: feeConfirmations.answer })
    .from(feeInstalments)
    .leftJoin(feeConfirmations, and(eq(feeConfirmations.instalmentId, feeInstalments.id), eq(feeConfirmations.grievanceId, g.id)))
    .where(and(eq(feeInstalments.feeCaseId, feeCaseId), isNotNull(feeInstalments.paidOn)))
    .orderBy(asc(feeInstalments.paidOn), asc(feeInstalments.id));
  return {
    currency: fee.currency,
    digits: currencyDigits(fee.currency),
    amountPerWorkerMinor: fee.amountPerWorkerMinor,
    instalments: paid.map((p) => ({
      id: p.id,
      paidOn: p.paidOn!,
      amountMinor: p.amountMinor,
      workers: p.workers,
      perWorkerMinor: Math.floor(p.amountMinor / Math.max(1, p.workers)),
      answer: (FEE_ANSWERS as readonly string[]).includes(p.answer ?? "") ? (p.answer as FeeAnswer) : null,
    })),
  };
}

/**
 * The worker's answer about one paid instalment. The case is re-opened with the code and secret
 * through `workerCase` (rate-limited, every try counted, a wrong secret refused like an unknown
 * code); the instalment must be a paid one of the linked fee case. A second answer replaces the
 * first (the worker may have been paid since they said "not received").
 */
export async function workerConfirmInstalment(db: Db, code: string, secret: string, ip: string, instalmentId: number, answer: FeeAnswer, now = Date.now()): Promise<WorkerFeeView & { caseView: WorkerCaseView }> {
  const view = await workerCase(db, code, secret, ip, now);
  if (!(FEE_ANSWERS as readonly string[]).includes(answer)) throw new Invalid("answer", "public:fees.errors.answer");
  const g = firstRow(await db.select({ id: grievances.id, feeCaseId: grievances.feeCaseId }).from(grievances).where(eq(grievances.id, view.id)))!;
  const instalment =
    g.feeCaseId === null
      ? undefined
      : firstRow(
          await db
            .select({ id: feeInstalments.id, feeCaseId: feeInstalments.feeCaseId, orgId: feeCases.orgId })
            .from(feeInstalments)
            .innerJoin(feeCases, eq(feeCases.id, feeInstalments.feeCaseId))
            .where(and(eq(feeInstalments.id, instalmentId), eq(feeInstalments.feeCaseId, g.feeCaseId), isNotNull(feeInstalments.paidOn))),
        );
  if (!instalment) throw new Invalid("instalmentId", "public:fees.errors.instalment");
  const linker = firstRow(await db.select({ orgId: grievanceEvents.orgId }).from(grievanceEvents).where(and(eq(grievanceEvents.grievanceId, g.id), eq(grievanceEvents.type, "fee_linked"))).orderBy(asc(grievanceEvents.id)));
  await inTransaction(db, async () => {
    await db
      .insert(feeConfirmations)
      .values({ instalmentId: instalment.id, grievanceId: g.id, answer, createdAt: new Date(now) })
      .onConflictDoUpdate({ target: [feeConfirmations.instalmentId, feeConfirmations.grievanceId], set: { answer, createdAt: new Date(now) } });
    // The organisation that linked the case reads the answer on it; nobody else is told which case answered.
    if (linker?.orgId) await db.insert(grievanceEvents).values({ grievanceId: g.id, type: "fee_confirmed", audience: "org", orgId: linker.orgId, userId: null, data: { instalmentId: instalment.id, answer }, createdAt: new Date(now) });
  });
  // The company's log names the instalment and the answer, never the case.
  await recordEvent(db, { action: "fee.confirmed", orgId: instalment.orgId, targetType: "fee_case", targetId: instalment.feeCaseId, details: { instalmentId: instalment.id, answer } }, now);
  // The case page is shown again with the answer beside the instalment (one check of the key, not two).
  return { ...(await workerFeeView(db, g))!, caseView: view };
}
