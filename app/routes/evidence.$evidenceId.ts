import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/guard.server";
import { requireEvidence } from "~/domain/audits/corrective-actions.server";
import { recordEvidenceDownload } from "~/domain/activity-log/exports.server";
import { idParam, withDomainErrors } from "~/lib/actions.server";
import { evidenceResponse } from "~/lib/evidence.server";

/** A finding's or corrective action's evidence file, for whoever may see it, always as a download. */
export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, params, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  const evidenceId = idParam(params.evidenceId);
  const file = await requireEvidence(context.db, session, evidenceId);
  await recordEvidenceDownload(context.db, session, { targetType: "evidence", targetId: evidenceId, fileName: file.name }, context.ip);
  return evidenceResponse(file);
});
