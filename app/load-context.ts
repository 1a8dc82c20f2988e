/**
 * What the HTTP server (server.ts) hands to every loader and action: the one database handle and
 * the session it already validated for this request (once, not once per parallel loader).
 */
import type { Db } from "#db/client";
import type { CookieOptions, ValidSession } from "~/auth/session.server";
import type { LocaleSource } from "~/i18n/locale.server";

export interface RequestContext {
  db: Db;
  session: ValidSession | null;
  /** A session cookie came with the request but named no live session (expired or revoked). */
  sessionEnded: boolean;
  ip: string;
  cookie: CookieOptions;
  uploads: { dir: string; maxBytes: number };
  /** The language this request is answered in (app/i18n/locale.server.ts: cookie, account, browser). */
  locale: string;
  /** Where `locale` came from (the reader's choice on this browser, the account, the browser's languages, or none). */
  localeSource?: LocaleSource;
  /** PUBLIC_BASE_URL: where workers reach the platform (short links, QR codes); unset: the request's origin. */
  publicBaseUrl?: string;
  /** Calls per API token per minute (API_RATE_LIMIT). */
  apiRateLimit?: number;
  /** This request's Content-Security-Policy nonce (see app/entry.server.tsx). */
  cspNonce?: string;
}

declare module "@remix-run/node" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AppLoadContext extends RequestContext {}
  interface Future {
    v3_singleFetch: true;
  }
}
