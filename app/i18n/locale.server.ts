/**
 * Which language a request is answered in (decision 025), decided once per request in
 * server.ts and handed to every loader, action and the render as `context.locale`:
 *
 * 1. the `lng` cookie — the reader's last choice in the switcher on this browser;
 * 2. the signed-in user's saved language (a new browser, or the cookie cleared);
 * 3. the browser's Accept-Language, best match;
 * 4. English.
 *
 * Pages readable without an account offer every language; every other page only the interface
 * languages, so a Nepali reader who signs in gets the best interface language their browser asks
 * for rather than a page half in Nepali and half in English.
 */
import { createCookie } from "@remix-run/node";
import { ALL_CODES, DEFAULT_LANGUAGE, INTERFACE_CODES, inEveryLanguage, PSEUDO_LANGUAGE } from "./languages";

export const LANGUAGE_COOKIE_NAME = "lng";
const YEAR_S = 365 * 24 * 3600;

/** Not a secret and not a session: HttpOnly anyway (no script needs it), Lax so a link in keeps it. */
export const languageCookie = (secure: boolean) =>
  createCookie(LANGUAGE_COOKIE_NAME, { path: "/", sameSite: "lax", httpOnly: true, secure, maxAge: YEAR_S });

const pseudoAllowed = () => process.env.I18N_PSEUDO === "1";

function supported(publicPage: boolean): string[] {
  const codes = [...(publicPage ? ALL_CODES : INTERFACE_CODES)];
  return pseudoAllowed() ? [...codes, PSEUDO_LANGUAGE.code] : codes;
}

/**
 * The best of `offered` for an Accept-Language header: the reader's languages by weight, each
 * matched exactly ("fil-PH" → none, "de-AT" → "de" by its base language). Every language the
 * browser names counts, not only the first: "ne-NP, ms;q=0.6" on an account page is Malay (the
 * remix-i18next detector looked only at the first, decision 025).
 */
export function negotiate(header: string | null, offered: readonly string[]): string | null {
  if (!header) return null;
  const wanted = header
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const weight = q ? Number(q.slice(2)) : 1;
      return { tag: tag.trim().toLowerCase(), weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((w) => w.tag && w.tag !== "*" && w.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  const byLower = new Map(offered.map((code) => [code.toLowerCase(), code]));
  for (const { tag } of wanted) {
    const exact = byLower.get(tag) ?? byLower.get(tag.split("-")[0]!);
    if (exact) return exact;
  }
  return null;
}

/** The page a request is for: Remix asks for a page's data at `/path.data` and the root's at `/_root.data`. */
export function pagePath(pathname: string): string {
  const path = pathname.endsWith(".data") ? pathname.slice(0, -".data".length) : pathname;
  return path === "/_root" ? "/" : path;
}

export function isOfferedLanguage(code: string | null | undefined, pathname: string): code is string {
  return Boolean(code) && supported(inEveryLanguage(pagePath(pathname))).includes(code as string);
}

function cookieValue(cookieHeader: string | null): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === LANGUAGE_COOKIE_NAME) {
      try {
        return decodeURIComponent(rest.join("="));
      } catch {
        return null;
      }
    }
  }
  return null;
}

/** Where the request's language came from: the account page says so rather than guessing. */
export type LocaleSource = "cookie" | "account" | "browser" | "default";

export async function resolveLocale(request: Request, userLocale: string | null): Promise<string> {
  return (await resolveLocaleWithSource(request, userLocale)).locale;
}

export async function resolveLocaleWithSource(request: Request, userLocale: string | null): Promise<{ locale: string; source: LocaleSource }> {
  const url = new URL(request.url);
  const publicPage = inEveryLanguage(pagePath(url.pathname));
  const offered = supported(publicPage);
  // Remix's cookie serialises strings as base64 JSON; a hand-set plain code is read too.
  let fromCookie = cookieValue(request.headers.get("cookie"));
  if (fromCookie && !offered.includes(fromCookie)) {
    try {
      const decoded = JSON.parse(Buffer.from(fromCookie, "base64").toString("utf8")) as unknown;
      fromCookie = typeof decoded === "string" ? decoded : null;
    } catch {
      fromCookie = null;
    }
  }
  if (fromCookie && offered.includes(fromCookie)) return { locale: fromCookie, source: "cookie" };
  if (userLocale && offered.includes(userLocale)) return { locale: userLocale, source: "account" };
  const browser = negotiate(request.headers.get("accept-language"), offered);
  return browser ? { locale: browser, source: "browser" } : { locale: DEFAULT_LANGUAGE, source: "default" };
}
