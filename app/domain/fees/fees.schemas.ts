/**
 * The shapes of the fee-ledger forms: every field arrives as text and `fees.server.ts` checks its
 * meaning (an amount in the currency's digits, a real day, a supplier of the company), so that a
 * refusal names the field and the typed text is kept.
 */
import { z } from "zod";

import { FEE_ANSWERS, FEE_SOURCES, PLAN_ROWS } from "./constants";

export { FEE_ANSWERS, FEE_SOURCES, PLAN_ROWS, type FeeAnswer, type FeeSource } from "./constants";

const field = z.string().default("");

/** /fees: record a fee case (the evidence file, if any, comes with the upload). */
export const RecordFeeCaseSchema = z.object({
  supplierId: field,
  recruiterId: field,
  originCountry: field,
  destinationCountry: field,
  currency: field,
  amount: field,
  workers: field,
  source: z.enum(FEE_SOURCES, { message: "fees:errors.source" }),
  evidenceNote: field,
});
export type RecordFeeCaseInput = z.output<typeof RecordFeeCaseSchema>;

const planShape: Record<string, typeof field> = { agreedOn: field, note: field };
for (let i = 1; i <= PLAN_ROWS; i++) {
  planShape[`dueOn${i}`] = field;
  planShape[`amount${i}`] = field;
  planShape[`workers${i}`] = field;
}

/** /fees/:id, intent "plan": the day the plan was agreed and up to PLAN_ROWS instalments (due day, amount, workers). */
export const SetPlanSchema = z.object({ intent: z.literal("plan"), ...planShape }).transform((v) => {
  const all = v as unknown as Record<string, string>;
  const rows = [];
  for (let i = 1; i <= PLAN_ROWS; i++) {
    const row = { row: i, dueOn: all[`dueOn${i}`]!.trim(), amount: all[`amount${i}`]!.trim(), workers: all[`workers${i}`]!.trim() };
    if (row.dueOn || row.amount || row.workers) rows.push(row);
  }
  return { agreedOn: all.agreedOn!.trim(), note: all.note!.trim(), rows };
});
export type SetPlanInput = z.output<typeof SetPlanSchema>;

/** /fees/:id, intent "pay": an instalment paid, with the day and the amount as typed (the proof file comes with the upload). */
export const RecordPaymentSchema = z.object({
  intent: z.literal("pay"),
  instalmentId: z.coerce.number({ message: "fees:errors.instalment" }).int({ message: "fees:errors.instalment" }).positive({ message: "fees:errors.instalment" }),
  paidOn: field,
  amount: field,
});
export type RecordPaymentInput = z.output<typeof RecordPaymentSchema>;

/** A handling organisation links a worker's case to a fee case of the same supplier. */
export const LinkFeeCaseSchema = z.object({
  intent: z.literal("fee-link"),
  feeCaseId: z.coerce.number({ message: "fees:errors.feeCase" }).int({ message: "fees:errors.feeCase" }).positive({ message: "fees:errors.feeCase" }),
});

/** /case, intent "fee-confirm": the worker's answer about one paid instalment, with their code and secret. */
export const ConfirmInstalmentSchema = z.object({
  intent: z.literal("fee-confirm"),
  code: field,
  secret: field,
  instalmentId: z.coerce.number({ message: "public:fees.errors.instalment" }).int({ message: "public:fees.errors.instalment" }).positive({ message: "public:fees.errors.instalment" }),
  answer: z.enum(FEE_ANSWERS, { message: "public:fees.errors.answer" }),
});
