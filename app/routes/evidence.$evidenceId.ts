import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/guard.server";
import { requireEvidence } from "~/domain/audits/corrective-actions.server";
import { idParam } from "~/lib/actions.server";
import { evidenceResponse } from "~/lib/evidence.server";

/** A finding's or corrective action's evidence file, for whoever may see it, always as a download. */
export function loader({ request, params, context }: LoaderFunctionArgs) {
  const session = requireUser(request, context);
  return evidenceResponse(requireEvidence(context.db, session, idParam(params.evidenceId)));
}
