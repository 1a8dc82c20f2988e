import { apiListRecruiters, apiWriteRecruiter } from "~/domain/api/recruiters.server";
import { OPERATIONS } from "~/domain/api/operations";
import { apiRoute, on } from "~/lib/api.server";

const routes = {
  GET: /* @__PURE__ */ on(OPERATIONS.listRecruiters, (c) => apiListRecruiters(c.db, c.actor, c.orgId, c.query)),
  POST: /* @__PURE__ */ on(OPERATIONS.createRecruiter, (c) => apiWriteRecruiter(c.db, c.actor, c.orgId, { fields: c.body }, { ip: c.ip, via: c.actor.token.name })),
};
export const loader = /* @__PURE__ */ apiRoute(routes);
export const action = /* @__PURE__ */ apiRoute(routes);
