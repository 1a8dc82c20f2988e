import { importJob } from "~/domain/api/imports.server";
import { OPERATIONS } from "~/domain/api/operations";
import { apiRoute, on } from "~/lib/api.server";

const routes = { GET: /* @__PURE__ */ on(OPERATIONS.getImport, (c) => importJob(c.db, c.actor, c.params.importId)) };
export const loader = /* @__PURE__ */ apiRoute(routes);
export const action = /* @__PURE__ */ apiRoute(routes);
