import { redirect, type AppLoadContext } from "@remix-run/node";
import type { ValidSession } from "./session.server";

/** A signed-in user and the organisation they act for. */
export type SignedIn = ValidSession;

/**
 * Returns the signed-in user or sends the browser to sign-in, remembering where it wanted to go.
 * Every loader and action that shows or changes data starts here (loaders run in parallel, so no
 * route may rely on a parent's check).
 */
export function requireUser(request: Request, context: AppLoadContext): SignedIn {
  if (context.session) return context.session;
  const url = new URL(request.url);
  const params = new URLSearchParams({ redirectTo: url.pathname + url.search });
  if (context.sessionEnded) params.set("ended", "1");
  throw redirect(`/sign-in?${params}`);
}

const REDIRECT_BASE = new URL("http://app.invalid");

/**
 * Only same-origin paths may be redirect targets, so a crafted link cannot send users elsewhere.
 * Browsers strip tabs and newlines from a Location and treat a backslash as `/`, so `/\t/evil.example`
 * would become `//evil.example`: any whitespace, control character or backslash is refused
 * outright. What remains is parsed against a placeholder origin; anything that lands elsewhere is
 * refused, and the normalised path (never starting with `//`) is returned.
 */
export function safeRedirectPath(target: string | null | undefined, fallback = "/"): string {
  // eslint-disable-next-line no-control-regex
  if (!target || !target.startsWith("/") || /[\s\u0000-\u001f\u007f-\u009f\\]/u.test(target)) return fallback;
  let url: URL;
  try {
    url = new URL(target, REDIRECT_BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== REDIRECT_BASE.origin) return fallback;
  const path = url.pathname + url.search + url.hash;
  // `/.//evil.example` normalises to `//evil.example`, which a browser reads as another host.
  return path.startsWith("//") ? fallback : path;
}
