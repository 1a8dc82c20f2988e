import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { WorkerCasePage, type CaseAnswer } from "~/components/grievances/worker-case";
import { Invalid } from "~/domain/errors";
import { CaseFormSchema, CaseKeySchema } from "~/domain/grievances/schemas";
import { isWorkerKeyRefusal, workerCase, workerCaseAfterRefusal, type WorkerCaseView } from "~/domain/grievances/views.server";
import { workerConfirmInstalment, workerFeeView } from "~/domain/fees/worker-fees.server";
import { workerAddInformation, workerRateRemedy } from "~/domain/grievances/worker.server";
import { serverT } from "~/i18n/i18n.server";
import { runAction, failure } from "~/lib/actions.server";
import { storeWorkerFiles, workerPageHeaders, INTAKE_UPLOAD_LIMIT } from "~/lib/grievance-intake.server";
import { withDomainErrors } from "~/lib/http-errors.server";
import { discardUpload, readUpload, uploadedFiles } from "~/lib/upload.server";
import { discardStoredEvidence } from "~/lib/evidence.server";
import { translateMessage } from "~/i18n/i18n.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];
export const headers = workerPageHeaders;
export const handle = { scripts: false };

/** The forms on an open case: refused, they answer with the case (the lookup form "open" answers without). */
const SHOWN_WITH_CASE = new Set(["add", "rate", "fee-confirm"]);

/** The worker's case: a form for the case code and secret; the case itself only ever comes back from a POST (never in a URL). */
export const loader = /* @__PURE__ */ withDomainErrors(({ context }: LoaderFunctionArgs) => ({ title: serverT(context.locale, "public")("case.metaTitle") }));

export const action = /* @__PURE__ */ withDomainErrors(async ({ request, context }: ActionFunctionArgs) => {
  const upload = await readUpload(request, context.uploads.dir, INTAKE_UPLOAD_LIMIT, context.locale);
  if (!upload.ok) return failure({ file: translateMessage(context.locale, "public:report.errors.filesTotal", { max: INTAKE_UPLOAD_LIMIT / 1024 / 1024 }) }, {}, "add", {}, { status: 413 });
  // Whether the worker's action got past the key (counted and let through) before refusing, or was
  // refused at the key itself (isWorkerKeyRefusal). Each of these actions opens the case first
  // (openWorkerCase), so any other refusal it throws came after a counted try.
  let key: "untried" | "passed" | "refused" = "untried";
  const pastKey = async <T,>(call: Promise<T>): Promise<T> => {
    try {
      return await call;
    } catch (error) {
      key = isWorkerKeyRefusal(error) ? "refused" : "passed";
      throw error;
    }
  };
  try {
    return await runAction(
      upload.form,
      CaseFormSchema,
      async (input) => {
        const caseKey = { code: input.code, secret: input.secret, ip: context.ip };
        // The page re-sends the key with each of its forms (hidden fields): there is no session.
        const values = { code: input.code, secret: input.secret };
        // The repayments to confirm travel with the case, whichever form was sent.
        const withFees = async (view: WorkerCaseView) => ({ view, fees: await workerFeeView(context.db, { id: view.id, feeCaseId: view.feeCaseId }) });
        if (input.intent === "open") return { ok: true as const, values, ...(await withFees(await workerCase(context.db, input.code, input.secret, context.ip))) };
        if (input.intent === "rate") return { ok: true as const, values, ...(await withFees(await pastKey(workerRateRemedy(context.db, { ...caseKey, rating: input.rating })))), done: "rated" as const };
        if (input.intent === "fee-confirm") {
          const { caseView, ...fees } = await pastKey(workerConfirmInstalment(context.db, input.code, input.secret, context.ip, input.instalmentId, input.answer));
          return { ok: true as const, values, view: caseView, fees, savedInstalmentId: input.instalmentId };
        }
        const files = uploadedFiles(upload, "file");
        if (!input.text && files.length === 0) throw new Invalid("text", "public:case.errors.empty");
        const stored = await storeWorkerFiles(files, context, "file");
        try {
          return { ok: true as const, values, ...(await withFees(await pastKey(workerAddInformation(context.db, { ...caseKey, text: input.text, files: stored })))), done: "added" as const };
        } catch (error) {
          discardStoredEvidence(stored);
          throw error;
        }
      },
      context.locale,
      {
        // A refused form of the open case (not the lookup form, not a refused key) shows the case
        // again, re-read through the one reader with the same key, the error beside the form sent
        // and what was typed kept. It costs one lookup like any other form: none more when the
        // worker's action had already counted this request's try and let the key through.
        alongRefusal: async (refused) => {
          if (!SHOWN_WITH_CASE.has(refused.intent ?? "") || key === "refused") return null;
          const typed = CaseKeySchema.safeParse(refused.values);
          if (!typed.success) return null;
          const view = await workerCaseAfterRefusal(context.db, typed.data.code, typed.data.secret, context.ip, key === "passed");
          return { view, fees: await workerFeeView(context.db, { id: view.id, feeCaseId: view.feeCaseId }) };
        },
      },
    );
  } finally {
    discardUpload(upload);
  }
});

export default function WorkerCase() {
  const answer = useActionData<typeof action>() as CaseAnswer | undefined;
  return <WorkerCasePage answer={answer} />;
}
