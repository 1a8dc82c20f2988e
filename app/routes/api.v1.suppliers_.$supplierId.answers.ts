import { apiSupplierAnswers } from "~/domain/api/questionnaires.server";
import { OPERATIONS } from "~/domain/api/operations";
import { apiRoute, on } from "~/lib/api.server";

const routes = { GET: /* @__PURE__ */ on(OPERATIONS.getSupplierAnswers, (c) => apiSupplierAnswers(c.db, c.actor, c.params.supplierId)) };
export const loader = /* @__PURE__ */ apiRoute(routes);
export const action = /* @__PURE__ */ apiRoute(routes);
