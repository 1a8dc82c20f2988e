import { apiAudit } from "~/domain/api/audits.server";
import { OPERATIONS } from "~/domain/api/operations";
import { apiRoute, on } from "~/lib/api.server";

const routes = { GET: /* @__PURE__ */ on(OPERATIONS.getAudit, (c) => apiAudit(c.db, c.actor, c.orgId, c.params.auditId)) };
export const loader = /* @__PURE__ */ apiRoute(routes);
export const action = /* @__PURE__ */ apiRoute(routes);
