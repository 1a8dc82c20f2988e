/**
 * The address a worker types or scans: PUBLIC_BASE_URL when it is set (server.ts passes it in the
 * load context), else the origin of the request that asks (the staff member's own address).
 */
import type { AppLoadContext } from "@remix-run/node";

export function publicOrigin(request: Request, context: AppLoadContext): string {
  return context.publicBaseUrl ?? new URL(request.url).origin;
}

/** A channel's short link, as printed on its poster. */
export function channelLink(request: Request, context: AppLoadContext, token: string): string {
  return `${publicOrigin(request, context)}/g/${token}`;
}
