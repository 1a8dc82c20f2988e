import { apiSaveSiteAnswers, apiSiteQuestionnaire } from "~/domain/api/questionnaires.server";
import { OPERATIONS } from "~/domain/api/operations";
import { apiRoute, on } from "~/lib/api.server";

const routes = {
  GET: /* @__PURE__ */ on(OPERATIONS.getSiteQuestionnaire, (c) => apiSiteQuestionnaire(c.db, c.actor, c.params.siteId)),
  PATCH: /* @__PURE__ */ on(OPERATIONS.saveSiteAnswers, (c) => apiSaveSiteAnswers(c.db, c.actor, c.params.siteId, c.body, c.ip)),
};
export const loader = /* @__PURE__ */ apiRoute(routes);
export const action = /* @__PURE__ */ apiRoute(routes);
