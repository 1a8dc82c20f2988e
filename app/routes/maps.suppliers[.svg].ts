import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/guard.server";
import { companyDashboard } from "~/domain/dashboard/dashboard.server";
import { NotFound } from "~/domain/errors";
import { worldMapSvg } from "~/domain/maps/world-map.server";
import { withDomainErrors } from "~/lib/http-errors.server";

/**
 * The company's suppliers on a world map (the dashboard shows it as an image, with the table of
 * the same figures beside it). Read from the dashboard's snapshot, like the page around it.
 */
export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  // Suppliers belong to a company; anyone else has no map of their own.
  if (!session.membership) throw new NotFound();
  const dashboard = await companyDashboard(context.db, session, session.membership.orgId);
  // A snapshot stored before the map existed has no figures yet: an empty map while it is computed.
  const svg = worldMapSvg(dashboard.byCountry ?? [], `Suppliers of ${session.membership.orgName} by country, shaded by mean score`);
  return new Response(svg, { headers: { "Content-Type": "image/svg+xml; charset=utf-8" } });
});
