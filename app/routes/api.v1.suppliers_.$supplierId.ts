import { apiSupplier } from "~/domain/api/suppliers.server";
import { OPERATIONS } from "~/domain/api/operations";
import { apiRoute, on } from "~/lib/api.server";

const routes = { GET: /* @__PURE__ */ on(OPERATIONS.getSupplier, (c) => apiSupplier(c.db, c.actor, c.orgId, c.params.supplierId)) };
export const loader = /* @__PURE__ */ apiRoute(routes);
export const action = /* @__PURE__ */ apiRoute(routes);
