/** Every catalog in memory on the server, the pseudo-locale made from English, and what a browser fetches. */
import { createHash } from "node:crypto";
import type { Resource } from "i18next";
import { catalogs } from "./catalogs.generated";
import { DEFAULT_LANGUAGE, INTERFACE_CODES, PSEUDO_LANGUAGE } from "./languages";
import { pseudoCatalog } from "./pseudo";

/** The English catalogs are the source: their shape types every `t("…")` key (types.d.ts). */
export const sourceCatalog = catalogs.en;

export const resources: Resource = { ...catalogs, [PSEUDO_LANGUAGE.code]: pseudoCatalog(catalogs.en) };

/** Changes whenever any catalog does: the browser caches /locales/<lng>.json?v=<this> for good. */
export const catalogVersion = createHash("sha256").update(JSON.stringify(resources)).digest("hex").slice(0, 16);

/**
 * The catalogs a browser needs for one language. An interface language's catalogs are complete
 * (tests/unit/i18n-catalogs.test.ts fails otherwise), so English is not sent with them: it would
 * double the download on a phone for words never shown. A worker language carries the namespaces
 * of the pages offered in it (public, questionnaire, indicators) and the signed-in frame's words of
 * `common` (languages.ts); English fills what is left there (the error pages).
 */
export function catalogsFor(code: string): Resource | null {
  const own = resources[code];
  if (!own) return null;
  if (code === DEFAULT_LANGUAGE || INTERFACE_CODES.includes(code)) return { [code]: own };
  return { [code]: own, [DEFAULT_LANGUAGE]: catalogs.en };
}
