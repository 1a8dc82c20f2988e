import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/guard.server";
import { recordEvidenceDownload } from "~/domain/activity-log/exports.server";
import { feeFile } from "~/domain/fees/fees.server";
import { idParam, withDomainErrors } from "~/lib/actions.server";
import { evidenceResponse } from "~/lib/evidence.server";

/**
 * A fee case's stored file, always as a download: its evidence file, or with `?instalment=<id>`
 * that instalment's proof of payment. Only the company that owns the fee case; logged.
 */
export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, params, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  const instalment = new URL(request.url).searchParams.get("instalment");
  const file = await feeFile(context.db, session, idParam(params.feeCaseId), instalment === null ? null : idParam(instalment));
  await recordEvidenceDownload(context.db, session, { targetType: "fee_case", targetId: file.targetId, fileName: file.name, sha256: file.sha256 }, context.ip);
  return evidenceResponse({ path: file.path, name: file.name });
});
