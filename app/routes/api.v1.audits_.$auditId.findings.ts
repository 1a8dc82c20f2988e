import { apiRecordFinding } from "~/domain/api/audits.server";
import { OPERATIONS } from "~/domain/api/operations";
import { apiRoute, on } from "~/lib/api.server";

const routes = { POST: /* @__PURE__ */ on(OPERATIONS.recordFinding, (c) => apiRecordFinding(c.db, c.actor, c.params.auditId, c.body, c.ip)) };
export const loader = /* @__PURE__ */ apiRoute(routes);
export const action = /* @__PURE__ */ apiRoute(routes);
