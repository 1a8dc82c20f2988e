import { apiSupplier, apiWriteRecord } from "~/domain/api/suppliers.server";
import { OPERATIONS } from "~/domain/api/operations";
import { apiRoute, on } from "~/lib/api.server";

const routes = {
  GET: /* @__PURE__ */ on(OPERATIONS.getSupplier, (c) => apiSupplier(c.db, c.actor, c.orgId, c.params.supplierId)),
  PATCH: /* @__PURE__ */ on(OPERATIONS.updateSupplier, (c) => apiWriteRecord(c.db, c.actor, c.orgId, "suppliers", { id: c.params.supplierId, fields: c.body }, { ip: c.ip, via: c.actor.token.name }, (id) => apiSupplier(c.db, c.actor, c.orgId, id))),
};
export const loader = /* @__PURE__ */ apiRoute(routes);
export const action = /* @__PURE__ */ apiRoute(routes);
