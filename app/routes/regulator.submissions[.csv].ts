import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/guard.server";
import { exportSubmissions, parseRegulatorFilter } from "~/domain/reports/submissions-export.server";
import { withDomainErrors } from "~/lib/http-errors.server";

/** The reports submitted to the regulator as CSV, with the list's filters (a few hundred rows a year: not streamed). */
export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  const { fileName, csv } = await exportSubmissions(context.db, session, parseRegulatorFilter(new URL(request.url).searchParams), context.ip, context.locale);
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
});
