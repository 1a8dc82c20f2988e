import { apiRoute } from "~/lib/api.server";

/** Any other path under /api: a problem, not the site's HTML "page not found". */
export const loader = /* @__PURE__ */ apiRoute({});
export const action = /* @__PURE__ */ apiRoute({});
