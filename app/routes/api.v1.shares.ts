import { apiCreateShare, apiListShares } from "~/domain/api/shares.server";
import { OPERATIONS } from "~/domain/api/operations";
import { apiRoute, on } from "~/lib/api.server";

const routes = {
  GET: /* @__PURE__ */ on(OPERATIONS.listShares, (c) => apiListShares(c.db, c.actor, c.orgId)),
  POST: /* @__PURE__ */ on(OPERATIONS.createShare, (c) => apiCreateShare(c.db, c.actor, c.body, c.ip)),
};
export const loader = /* @__PURE__ */ apiRoute(routes);
export const action = /* @__PURE__ */ apiRoute(routes);
