import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useMatches, useRouteLoaderData } from "@remix-run/react";
import { useEffect, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { AppShell } from "~/components/app-shell";
import { ErrorPage } from "~/components/error-page";
import { catalogVersion } from "~/i18n/catalogs.server";
import { serverT } from "~/i18n/i18n.server";
import { ALL_CODES, INTERFACE_CODES, inEveryLanguage, languageOf, PSEUDO_LANGUAGE } from "~/i18n/languages";
import { pagePath } from "~/i18n/locale.server";
import { useNonce } from "~/nonce";
import stylesHref from "~/styles/app.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesHref },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.siteName ?? "Labour Due Diligence" }];

/** Only what the header needs; each route checks access itself (loaders run in parallel). */
export function loader({ context, request }: LoaderFunctionArgs) {
  const session = context.session;
  const language = languageOf(context.locale);
  // The switcher offers what this page can be read in: every language on public pages.
  const codes = inEveryLanguage(pagePath(new URL(request.url).pathname)) ? ALL_CODES : INTERFACE_CODES;
  const offered = [...codes, ...(process.env.I18N_PSEUDO === "1" ? [PSEUDO_LANGUAGE.code] : [])].map((code) => {
    const l = languageOf(code);
    return { code: l.code, name: l.name };
  });
  return {
    user: session ? { name: session.user.name, isPlatformAdmin: session.user.isPlatformAdmin } : null,
    membership: session?.membership ?? null,
    locale: language.code,
    dir: language.dir,
    catalogs: catalogVersion,
    languages: offered,
    siteName: serverT(language.code, "common")("site.name"),
  };
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const nonce = useNonce();
  const { i18n } = useTranslation();
  const locale = data?.locale ?? i18n.language;
  // A page whose route says `handle = { scripts: false }` (the worker's grievance pages, issue 19)
  // works as plain HTML: no client scripts, so a cheap phone on a slow line loads a few KB, not the app.
  const scripts = !useMatches().some((m) => (m.handle as { scripts?: boolean } | undefined)?.scripts === false);
  return (
    <html lang={locale} dir={data?.dir ?? languageOf(locale).dir} data-catalogs={data?.catalogs}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <AppShell user={data?.user ?? null} membership={data?.membership ?? null} languages={data?.languages ?? []}>
          {children}
        </AppShell>
        {scripts ? (
          <>
            <ScrollRestoration nonce={nonce} />
            <Scripts nonce={nonce} />
          </>
        ) : null}
      </body>
    </html>
  );
}

export default function App() {
  const data = useRouteLoaderData<typeof loader>("root");
  const { i18n } = useTranslation();
  // After signing in (or out) the page may move between a public and an account page, and so to
  // another language; the browser holds only the catalogs it started with, so load the page anew.
  useEffect(() => {
    if (data?.locale && data.locale !== i18n.language) {
      if (i18n.hasResourceBundle(data.locale, "common")) void i18n.changeLanguage(data.locale);
      else window.location.reload();
    }
  }, [data?.locale, i18n]);
  return <Outlet />;
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
