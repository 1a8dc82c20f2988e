import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/guard.server";
import { findContest } from "~/domain/contests/contests.server";
import { recordEvidenceDownload } from "~/domain/activity-log/exports.server";
import { NotFound } from "~/domain/errors";
import { idParam, withDomainErrors } from "~/lib/actions.server";
import { evidenceResponse } from "~/lib/evidence.server";

/** The contest's evidence file, for either side of the contest, always as a download. */
export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, params, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  const contest = await findContest(context.db, session, idParam(params.contestId));
  if (!contest.evidencePath || !contest.evidenceName) throw new NotFound();
  await recordEvidenceDownload(context.db, session, { targetType: "contest", targetId: contest.id, fileName: contest.evidenceName, sha256: contest.evidenceSha256 }, context.ip);
  return evidenceResponse({ path: contest.evidencePath, name: contest.evidenceName });
});
