import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/guard.server";
import { worldMapSvg } from "~/domain/maps/world-map.server";
import { mapFigures, regulatorPatterns } from "~/domain/reports/regulator-data.server";
import { withDomainErrors } from "~/lib/http-errors.server";

/**
 * The jurisdiction view's world map (the page shows it beside its table): only countries with a
 * row of their own in the k-anonymised table are shaded; a grey country may have suppliers too few
 * to show, and says so.
 */
export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  const patterns = await regulatorPatterns(context.db, session);
  const svg = worldMapSvg(mapFigures(patterns.countries), "Suppliers of the companies that submitted to you, by country (5 suppliers or more), shaded by mean score", {
    empty: "not shown (no suppliers, or fewer than 5)",
    legendEmpty: "none or under 5",
  });
  return new Response(svg, { headers: { "Content-Type": "image/svg+xml; charset=utf-8", "Cache-Control": "private, no-store" } });
});
