import { startBulkImport } from "~/domain/api/imports.server";
import { OPERATIONS } from "~/domain/api/operations";
import { apiRoute, on } from "~/lib/api.server";

const routes = { POST: /* @__PURE__ */ on(OPERATIONS.createImport, (c) => startBulkImport(c.db, c.actor, c.orgId, c.body, { uploadsDir: c.uploadsDir, ip: c.ip, tokenName: c.actor.token.name })) };
export const loader = /* @__PURE__ */ apiRoute(routes);
export const action = /* @__PURE__ */ apiRoute(routes);
