import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/guard.server";
import { recordImportErrorsExport } from "~/domain/activity-log/exports.server";
import { errorReport, errorReportWords } from "~/domain/import/error-report.server";
import { idParam, withDomainErrors } from "~/lib/actions.server";

/** Downloads the rows with problems as CSV (formula injection neutralised). */
export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, context, params }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  const importId = idParam(params.importId);
  // The added column (its heading and every problem) and a refusal in the reader's language; the file's own headings stay as uploaded.
  const { fileName, body } = await errorReport(context.db, session, importId, errorReportWords(context.locale));
  await recordImportErrorsExport(context.db, session, importId, context.ip);
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
});
