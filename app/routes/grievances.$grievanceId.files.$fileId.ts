import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/guard.server";
import { caseFile } from "~/domain/grievances/views.server";
import { idParam, withDomainErrors } from "~/lib/actions.server";
import { evidenceResponse } from "~/lib/evidence.server";

/**
 * A file the worker attached, for the union or inspectorate the case reached: always a download,
 * never shown inline; the download is written to the case's access log (views.server.ts).
 */
export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, params, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  const file = await caseFile(context.db, session, idParam(params.grievanceId), idParam(params.fileId));
  return evidenceResponse(file);
});
