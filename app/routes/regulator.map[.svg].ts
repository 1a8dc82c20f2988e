import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/guard.server";
import { mapHeaders, worldMapSvg } from "~/domain/maps/world-map.server";
import { MINIMUM_GROUP } from "~/domain/reports/k-anonymity";
import { mapFigures, regulatorPatterns } from "~/domain/reports/regulator-data.server";
import { formatsFor } from "~/i18n/format";
import { serverT } from "~/i18n/i18n.server";
import { withDomainErrors } from "~/lib/http-errors.server";

/**
 * The jurisdiction view's world map (the page shows it beside its table), in the request's
 * language: only countries with a row of their own in the k-anonymised table are shaded; a grey
 * country may have suppliers too few to show, and says so.
 */
export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  const patterns = await regulatorPatterns(context.db, session);
  const t = serverT(context.locale, "regulator");
  const minimum = formatsFor(context.locale).number(MINIMUM_GROUP);
  const svg = worldMapSvg(mapFigures(patterns.countries), {
    locale: context.locale,
    title: t("map.svg.title", { minimum }),
    empty: (country) => t("map.svg.hidden", { country, minimum }),
    legendEmpty: t("map.svg.legendHidden", { minimum }),
  });
  return new Response(svg, { headers: { ...mapHeaders(context.locale), "Cache-Control": "private, no-store" } });
});
