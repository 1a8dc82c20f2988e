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

/** Only same-site paths may be redirect targets, so a crafted link cannot send users elsewhere. */
export function safeRedirectPath(target: string | null | undefined, fallback = "/"): string {
  if (!target || !target.startsWith("/") || target.startsWith("//") || target.startsWith("/\\")) return fallback;
  return target;
}
