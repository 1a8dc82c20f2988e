import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/guard.server";
import { downloadReport } from "~/domain/reports/reports.server";
import { openStoredFile } from "~/lib/stored-file.server";
import { withDomainErrors } from "~/lib/http-errors.server";

/** The issued PDF, streamed from its stored file; every download is recorded. */
export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, params, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  const file = await downloadReport(context.db, session, params.reportId ?? "", context.ip);
  return new Response(openStoredFile(file.path, "This report's PDF"), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${file.name}"`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
});
