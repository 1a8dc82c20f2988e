import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/guard.server";
import { companyDashboard } from "~/domain/dashboard/dashboard.server";
import { NotFound } from "~/domain/errors";
import { mapHeaders, worldMapSvg } from "~/domain/maps/world-map.server";
import { serverT } from "~/i18n/i18n.server";
import { withDomainErrors } from "~/lib/http-errors.server";

/**
 * The company's suppliers on a world map (the dashboard shows it as an image, with the table of
 * the same figures beside it). Read from the dashboard's snapshot, like the page around it; drawn
 * in the request's language, as the page that embeds it.
 */
export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  // Suppliers belong to a company; anyone else has no map of their own.
  if (!session.membership) throw new NotFound();
  const dashboard = await companyDashboard(context.db, session, session.membership.orgId);
  const t = serverT(context.locale, "home");
  // A snapshot stored before the map existed has no figures yet: an empty map while it is computed.
  const svg = worldMapSvg(dashboard.byCountry ?? [], {
    locale: context.locale,
    title: t("dashboard.map.svg.title", { org: session.membership.orgName }),
    empty: (country) => t("dashboard.map.svg.none", { country }),
    legendEmpty: t("dashboard.map.svg.legendNone"),
  });
  return new Response(svg, { headers: mapHeaders(context.locale) });
});
