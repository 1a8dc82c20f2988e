import type { LoaderFunctionArgs } from "@remix-run/node";
import { IMPORT_KINDS, type ImportKind } from "#db/schema";
import { requireUser } from "~/auth/guard.server";
import { NotFound } from "~/domain/errors";
import { templateCsv } from "~/domain/import/template";
import { withDomainErrors } from "~/lib/http-errors.server";

export const loader = /* @__PURE__ */ withDomainErrors(({ request, context, params }: LoaderFunctionArgs) => {
  requireUser(request, context);
  const kind = params.kind as ImportKind;
  if (!IMPORT_KINDS.includes(kind)) throw new NotFound();
  // Not translated, on purpose: the template is filled in and imported again, and its headers are the
  // platform's machine names (each field's first alias), which the import recognises in every language.
  return new Response(templateCsv(kind), {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${kind}-template.csv"` },
  });
});
