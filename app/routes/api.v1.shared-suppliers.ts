import { apiListSharedSuppliers } from "~/domain/api/shares.server";
import { OPERATIONS } from "~/domain/api/operations";
import { apiRoute, on } from "~/lib/api.server";

const routes = { GET: /* @__PURE__ */ on(OPERATIONS.listSharedSuppliers, (c) => apiListSharedSuppliers(c.db, c.actor, c.orgId, c.query)) };
export const loader = /* @__PURE__ */ apiRoute(routes);
export const action = /* @__PURE__ */ apiRoute(routes);
