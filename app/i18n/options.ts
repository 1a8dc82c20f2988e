/**
 * The one i18next configuration, shared by the server (i18n.server.ts) and the browser
 * (app/entry.client.tsx). No catalogs here: the browser fetches only its language's. Decision 025.
 */
import type { InitOptions } from "i18next";
import { ALL_CODES, DEFAULT_LANGUAGE, NAMESPACES, PSEUDO_LANGUAGE } from "./languages";

export const i18nOptions = {
  supportedLngs: [...ALL_CODES, PSEUDO_LANGUAGE.code],
  fallbackLng: DEFAULT_LANGUAGE,
  defaultNS: "common",
  ns: [...NAMESPACES],
  // React escapes what it renders; escaping here too would show "&amp;" on the page.
  interpolation: { escapeValue: false },
  // Codes such as "en-XA" and "fil" are matched as they are, not cut to "en".
  load: "currentOnly",
  nonExplicitSupportedLngs: false,
  returnNull: false,
  // Resources are in memory: initialise synchronously, so the first render already has them.
  initImmediate: false,
  react: { useSuspense: false },
} satisfies InitOptions;
