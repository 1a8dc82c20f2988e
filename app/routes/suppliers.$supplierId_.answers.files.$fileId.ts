import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/guard.server";
import { recordEvidenceDownload } from "~/domain/activity-log/exports.server";
import { sharedAnswerFile } from "~/domain/questionnaires/reviews.server";
import { idParam, withDomainErrors } from "~/lib/actions.server";
import { evidenceResponse } from "~/lib/evidence.server";

/**
 * A file the supplier answered to a file question, for a buyer it shares its answers with, always
 * as a download: 404 unless the share is active and the file is an answer in the shared submission.
 */
export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, params, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  const file = await sharedAnswerFile(context.db, session, idParam(params.supplierId), idParam(params.fileId));
  await recordEvidenceDownload(context.db, session, { targetType: "questionnaire_file", targetId: file.id, fileName: file.name, sha256: file.sha256 }, context.ip);
  return evidenceResponse({ path: file.path, name: file.name });
});
