import { apiRecruiter, apiWriteRecruiter } from "~/domain/api/recruiters.server";
import { OPERATIONS } from "~/domain/api/operations";
import { apiRoute, on } from "~/lib/api.server";

const routes = {
  GET: /* @__PURE__ */ on(OPERATIONS.getRecruiter, (c) => apiRecruiter(c.db, c.actor, c.orgId, c.params.recruiterId)),
  PATCH: /* @__PURE__ */ on(OPERATIONS.updateRecruiter, (c) => apiWriteRecruiter(c.db, c.actor, c.orgId, { recruiterId: c.params.recruiterId, fields: c.body }, { ip: c.ip, via: c.actor.token.name })),
};
export const loader = /* @__PURE__ */ apiRoute(routes);
export const action = /* @__PURE__ */ apiRoute(routes);
