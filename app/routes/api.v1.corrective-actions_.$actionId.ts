import { apiUpdateAction } from "~/domain/api/audits.server";
import { OPERATIONS } from "~/domain/api/operations";
import { apiRoute, on } from "~/lib/api.server";

const routes = { PATCH: /* @__PURE__ */ on(OPERATIONS.updateCorrectiveAction, (c) => apiUpdateAction(c.db, c.actor, c.params.actionId, c.body, c.ip)) };
export const loader = /* @__PURE__ */ apiRoute(routes);
export const action = /* @__PURE__ */ apiRoute(routes);
