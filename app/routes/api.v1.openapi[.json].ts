import { openApiDocument } from "~/domain/api/openapi.server";
import { withDomainErrors } from "~/lib/actions.server";

/** The OpenAPI document: public, like the reference page; it describes the API, it holds no data. */
export const loader = /* @__PURE__ */ withDomainErrors(async () => new Response(JSON.stringify(openApiDocument(), null, 2), { headers: { "Content-Type": "application/json", "Cache-Control": "public, max-age=300" } }));
