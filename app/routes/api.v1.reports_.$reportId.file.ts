import { apiReportFile } from "~/domain/api/reports.server";
import { OPERATIONS } from "~/domain/api/operations";
import { apiRoute, on } from "~/lib/api.server";

const routes = { GET: /* @__PURE__ */ on(OPERATIONS.getReportFile, (c) => apiReportFile(c.db, c.actor, c.params.reportId, c.ip)) };
export const loader = /* @__PURE__ */ apiRoute(routes);
export const action = /* @__PURE__ */ apiRoute(routes);
