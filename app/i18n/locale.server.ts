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
import { LanguageDetector } from "remix-i18next/server";
import { ALL_CODES, DEFAULT_LANGUAGE, INTERFACE_CODES, isPublicPath, PSEUDO_LANGUAGE } from "./languages";

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

const detectors = {
  public: new LanguageDetector({ supportedLanguages: supported(true), fallbackLanguage: DEFAULT_LANGUAGE, order: ["header"] }),
  account: new LanguageDetector({ supportedLanguages: supported(false), fallbackLanguage: DEFAULT_LANGUAGE, order: ["header"] }),
};

/** The page a request is for: Remix asks for a page's data at `/path.data` and the root's at `/_root.data`. */
export function pagePath(pathname: string): string {
  const path = pathname.endsWith(".data") ? pathname.slice(0, -".data".length) : pathname;
  return path === "/_root" ? "/" : path;
}

export function isOfferedLanguage(code: string | null | undefined, pathname: string): code is string {
  return Boolean(code) && supported(isPublicPath(pagePath(pathname))).includes(code as string);
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

export async function resolveLocale(request: Request, userLocale: string | null): Promise<string> {
  const url = new URL(request.url);
  const publicPage = isPublicPath(pagePath(url.pathname));
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
  if (fromCookie && offered.includes(fromCookie)) return fromCookie;
  if (userLocale && offered.includes(userLocale)) return userLocale;
  return (publicPage ? detectors.public : detectors.account).detect(request);
}
