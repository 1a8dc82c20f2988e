import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/guard.server";
import { recordEvidenceDownload } from "~/domain/activity-log/exports.server";
import { siteAuditReport } from "~/domain/third-party-audits/third-party-audits.server";
import { idParam, withDomainErrors } from "~/lib/actions.server";
import { evidenceResponse } from "~/lib/evidence.server";

/** The report of one of the supplier's audits of its own site, always as a download. */
export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, params, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  const report = await siteAuditReport(context.db, session, idParam(params.siteId), idParam(params.auditId));
  await recordEvidenceDownload(context.db, session, { targetType: "third_party_audit", targetId: report.auditId, fileName: report.name, sha256: report.sha256 }, context.ip);
  return evidenceResponse(report);
});
