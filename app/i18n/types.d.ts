/**
 * `t("…")` keys are checked against the English catalogs at compile time: a key that is not in
 * app/i18n/catalogs/en/<namespace>.json fails `npm run typecheck`.
 */
import "i18next";
import type { sourceCatalog } from "./catalogs.server";

declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "common";
    resources: typeof sourceCatalog;
    returnNull: false;
  }
}
