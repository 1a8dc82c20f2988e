import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { WorkerCasePage, type CaseAnswer } from "~/components/grievances/worker-case";
import { Invalid } from "~/domain/errors";
import { CaseFormSchema } from "~/domain/grievances/schemas";
import { workerCase, type WorkerCaseView } from "~/domain/grievances/views.server";
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

/** The worker's case: a form for the case code and secret; the case itself only ever comes back from a POST (never in a URL). */
export const loader = /* @__PURE__ */ withDomainErrors(({ context }: LoaderFunctionArgs) => ({ title: serverT(context.locale, "public")("case.metaTitle") }));

export const action = /* @__PURE__ */ withDomainErrors(async ({ request, context }: ActionFunctionArgs) => {
  const upload = await readUpload(request, context.uploads.dir, INTAKE_UPLOAD_LIMIT, context.locale);
  if (!upload.ok) return failure({ file: translateMessage(context.locale, "public:report.errors.filesTotal", { max: INTAKE_UPLOAD_LIMIT / 1024 / 1024 }) }, {}, "add", {}, { status: 413 });
  try {
    return await runAction(
      upload.form,
      CaseFormSchema,
      async (input) => {
        const key = { code: input.code, secret: input.secret, ip: context.ip };
        // The page re-sends the key with each of its forms (hidden fields): there is no session.
        const values = { code: input.code, secret: input.secret };
        // The repayments to confirm travel with the case, whichever form was sent.
        const withFees = async (view: WorkerCaseView) => ({ view, fees: await workerFeeView(context.db, { id: view.id, feeCaseId: view.feeCaseId }) });
        if (input.intent === "open") return { ok: true as const, values, ...(await withFees(await workerCase(context.db, input.code, input.secret, context.ip))) };
        if (input.intent === "rate") return { ok: true as const, values, ...(await withFees(await workerRateRemedy(context.db, { ...key, rating: input.rating }))), done: "rated" as const };
        if (input.intent === "fee-confirm") {
          const { caseView, ...fees } = await workerConfirmInstalment(context.db, input.code, input.secret, context.ip, input.instalmentId, input.answer);
          return { ok: true as const, values, view: caseView, fees, savedInstalmentId: input.instalmentId };
        }
        const files = uploadedFiles(upload, "file");
        if (!input.text && files.length === 0) throw new Invalid("text", "public:case.errors.empty");
        const stored = await storeWorkerFiles(files, context, "file");
        try {
          return { ok: true as const, values, ...(await withFees(await workerAddInformation(context.db, { ...key, text: input.text, files: stored }))), done: "added" as const };
        } catch (error) {
          discardStoredEvidence(stored);
          throw error;
        }
      },
      context.locale,
    );
  } finally {
    discardUpload(upload);
  }
});

export default function WorkerCase() {
  const answer = useActionData<typeof action>() as CaseAnswer | undefined;
  return <WorkerCasePage answer={answer} />;
}
