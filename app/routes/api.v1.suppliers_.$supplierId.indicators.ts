import { apiRecordSupplierIndicators, apiSupplierIndicators } from "~/domain/api/indicators.server";
import { OPERATIONS } from "~/domain/api/operations";
import { apiRoute, on } from "~/lib/api.server";

const routes = {
  GET: /* @__PURE__ */ on(OPERATIONS.listSupplierIndicators, (c) => apiSupplierIndicators(c.db, c.actor, c.orgId, c.params.supplierId)),
  POST: /* @__PURE__ */ on(OPERATIONS.recordSupplierIndicators, (c) => apiRecordSupplierIndicators(c.db, c.actor, c.orgId, c.params.supplierId, c.body, c.ip)),
};
export const loader = /* @__PURE__ */ apiRoute(routes);
export const action = /* @__PURE__ */ apiRoute(routes);
