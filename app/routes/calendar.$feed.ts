import type { LoaderFunctionArgs } from "@remix-run/node";
import { feedCalendar } from "~/domain/audits/calendar.server";
import { NotFound } from "~/domain/errors";
import { withDomainErrors } from "~/lib/http-errors.server";

/**
 * An inspector's private iCalendar feed. Calendar apps cannot sign in, so the secret token in the
 * URL is the credential (only its hash is stored); an unknown or revoked token is a plain 404.
 */
export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, params, context }: LoaderFunctionArgs) => {
  // The URL ends in .ics because some calendar apps look at the extension.
  const token = /^([a-z0-9]{20,64})\.ics$/.exec(params.feed ?? "")?.[1];
  const body = token ? await feedCalendar(context.db, token, new URL(request.url).origin) : null;
  if (body === null) throw new NotFound();
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'attachment; filename="audits.ics"',
      "Cache-Control": "private, no-store",
      "Referrer-Policy": "no-referrer",
    },
  });
});
