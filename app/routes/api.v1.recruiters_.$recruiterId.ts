import { apiRecruiter } from "~/domain/api/recruiters.server";
import { apiWriteRecord } from "~/domain/api/suppliers.server";
import { OPERATIONS } from "~/domain/api/operations";
import { apiRoute, on } from "~/lib/api.server";

const routes = {
  GET: /* @__PURE__ */ on(OPERATIONS.getRecruiter, (c) => apiRecruiter(c.db, c.actor, c.orgId, c.params.recruiterId)),
  PATCH: /* @__PURE__ */ on(OPERATIONS.updateRecruiter, (c) => apiWriteRecord(c.db, c.actor, c.orgId, "recruiters", { id: c.params.recruiterId, fields: c.body }, { ip: c.ip, via: c.actor.token.name }, (id) => apiRecruiter(c.db, c.actor, c.orgId, id))),
};
export const loader = /* @__PURE__ */ apiRoute(routes);
export const action = /* @__PURE__ */ apiRoute(routes);
