/**
 * A language's catalogs for the browser (app/entry.client.tsx), public: the words are no secret.
 * The URL carries the catalogs' version, so a browser keeps the answer until they change.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { catalogsFor, catalogVersion } from "~/i18n/catalogs.server";
import { withDomainErrors } from "~/lib/actions.server";

export const loader = /* @__PURE__ */ withDomainErrors(({ params, request }: LoaderFunctionArgs) => {
  const lng = (params.lng ?? "").replace(/\.json$/, "");
  const body = catalogsFor(lng);
  if (!body) return new Response("No such language", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const current = new URL(request.url).searchParams.get("v") === catalogVersion;
  return new Response(JSON.stringify(body), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Cache-Control": current ? "public, max-age=31536000, immutable" : "no-cache",
    },
  });
});
