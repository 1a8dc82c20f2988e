/**
 * The address a worker types or scans: PUBLIC_BASE_URL when it is set (server.ts passes it in the
 * load context), else the origin of the request that asks (the staff member's own address).
 */
import type { AppLoadContext } from "@remix-run/node";

export function publicOrigin(request: Request, context: AppLoadContext): string {
  return context.publicBaseUrl ?? new URL(request.url).origin;
}

/**
 * Where a report's verify link points when PUBLIC_BASE_URL is not set: a fixed address, never the
 * request's (a report's bytes depend on its link, and must not depend on which host issued it).
 */
export const DEFAULT_PUBLIC_BASE_URL = "http://localhost:3000";

/** The verify page's address for one report, as printed and drawn as a QR code on it (the page reads `q`). */
export function verifyUrlOf(publicBaseUrl: string | undefined, reportId: string): string {
  return `${publicBaseUrl ?? DEFAULT_PUBLIC_BASE_URL}/verify?q=${encodeURIComponent(reportId)}`;
}

/** A channel's short link, as printed on its poster. */
export function channelLink(request: Request, context: AppLoadContext, token: string): string {
  return `${publicOrigin(request, context)}/g/${token}`;
}
