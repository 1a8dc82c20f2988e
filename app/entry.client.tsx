/**
 * The browser side: hydrate the server's page in the language it was rendered in. The page's
 * catalogs come from /locales/<lng>.json (cached for good: the URL carries the catalogs' hash)
 * before hydration, so React's first render matches the server's. Without JavaScript, or if the
 * catalogs cannot be fetched, the server-rendered page and its plain forms keep working.
 */
import { RemixBrowser } from "@remix-run/react";
import i18next from "i18next";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { i18nOptions } from "~/i18n/options";

async function hydrate() {
  const root = document.documentElement;
  const lng = root.lang || "en";
  const response = await fetch(`/locales/${encodeURIComponent(lng)}.json?v=${encodeURIComponent(root.dataset.catalogs ?? "")}`);
  if (!response.ok) throw new Error(`catalogs for ${lng}: HTTP ${response.status}`);
  await i18next.use(initReactI18next).init({ ...i18nOptions, lng, resources: await response.json() });
  startTransition(() => {
    hydrateRoot(
      document,
      <I18nextProvider i18n={i18next}>
        <StrictMode>
          <RemixBrowser />
        </StrictMode>
      </I18nextProvider>,
    );
  });
}

hydrate().catch((error: unknown) => console.error("The page stays as the server sent it:", error));
