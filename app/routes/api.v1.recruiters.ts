import { apiListRecruiters, apiRecruiter } from "~/domain/api/recruiters.server";
import { apiWriteRecord } from "~/domain/api/suppliers.server";
import { OPERATIONS } from "~/domain/api/operations";
import { apiRoute, on } from "~/lib/api.server";

const routes = {
  GET: /* @__PURE__ */ on(OPERATIONS.listRecruiters, (c) => apiListRecruiters(c.db, c.actor, c.orgId, c.query)),
  POST: /* @__PURE__ */ on(OPERATIONS.createRecruiter, (c) => apiWriteRecord(c.db, c.actor, c.orgId, "recruiters", { fields: c.body }, { ip: c.ip, via: c.actor.token.name }, (id) => apiRecruiter(c.db, c.actor, c.orgId, id))),
};
export const loader = /* @__PURE__ */ apiRoute(routes);
export const action = /* @__PURE__ */ apiRoute(routes);
