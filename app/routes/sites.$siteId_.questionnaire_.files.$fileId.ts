import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/guard.server";
import { siteFile } from "~/domain/questionnaires/responses.server";
import { idParam, withDomainErrors } from "~/lib/actions.server";
import { evidenceResponse } from "~/lib/evidence.server";

/**
 * Evidence the supplier attached to a questionnaire answer, for the supplier's own people: always a
 * download, never shown inline. Another organisation's file (or site) answers 404 like a missing one.
 */
export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, params, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  const file = await siteFile(context.db, session, idParam(params.siteId), idParam(params.fileId));
  return evidenceResponse(file);
});
