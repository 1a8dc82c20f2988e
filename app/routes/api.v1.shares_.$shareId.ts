import { apiRevokeShare } from "~/domain/api/shares.server";
import { OPERATIONS } from "~/domain/api/operations";
import { apiRoute, on } from "~/lib/api.server";

const routes = { DELETE: /* @__PURE__ */ on(OPERATIONS.revokeShare, (c) => apiRevokeShare(c.db, c.actor, c.params.shareId, c.ip)) };
export const loader = /* @__PURE__ */ apiRoute(routes);
export const action = /* @__PURE__ */ apiRoute(routes);
