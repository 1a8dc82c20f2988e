import { createHash, timingSafeEqual } from "node:crypto";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { rawGet } from "#db/client";
import { eventLoopDelay, resetEventLoopDelay } from "~/lib/event-loop.server";
import { withDomainErrors } from "~/lib/http-errors.server";

const RESET_TOKEN_HEADER = "X-Healthz-Reset-Token";

/**
 * Starting the event-loop measurement over is for the load test, which starts the server with
 * HEALTHZ_RESET_TOKEN and sends it in a header. Without that variable nobody can reset: anyone
 * could otherwise wipe the figures that show the server was blocked.
 */
function mayReset(request: Request): boolean {
  const token = process.env.HEALTHZ_RESET_TOKEN;
  const given = request.headers.get(RESET_TOKEN_HEADER);
  if (!token || !given) return false;
  const digest = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(digest(token), digest(given));
}

/**
 * Liveness and readiness: answers 200 only when the database answers a query; also how long the
 * event loop has been blocked since start (or since the last authorised `?reset=1`).
 */
export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, context }: LoaderFunctionArgs) => {
  if (new URL(request.url).searchParams.get("reset") === "1") {
    if (!mayReset(request)) return new Response("Resetting the monitoring figures is reserved for the platform's own load test.", { status: 403, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
    resetEventLoopDelay();
  }
  try {
    await rawGet(context.db, "select 1");
    return Response.json({ status: "ok", database: "ok", eventLoopDelay: eventLoopDelay() }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return Response.json({ status: "error", database: error instanceof Error ? error.message : "unreachable" }, { status: 503, headers: { "Cache-Control": "no-store" } });
  }
});
