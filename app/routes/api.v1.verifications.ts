import { apiVerify } from "~/domain/api/reports.server";
import { OPERATIONS } from "~/domain/api/operations";
import { apiRoute, on } from "~/lib/api.server";

const routes = { POST: /* @__PURE__ */ on(OPERATIONS.createVerification, (c) => apiVerify(c.db, c.body)) };
export const loader = /* @__PURE__ */ apiRoute(routes);
export const action = /* @__PURE__ */ apiRoute(routes);
