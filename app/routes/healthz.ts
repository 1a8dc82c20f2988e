import type { LoaderFunctionArgs } from "@remix-run/node";
import { eventLoopDelay, resetEventLoopDelay } from "~/lib/event-loop.server";

/**
 * Liveness and readiness: answers 200 only when the database answers a query; also how long the
 * event loop has been blocked since start (or since `?reset=1`, which starts the measurement over).
 */
export function loader({ request, context }: LoaderFunctionArgs) {
  if (new URL(request.url).searchParams.get("reset") === "1") resetEventLoopDelay();
  try {
    context.db.$client.prepare("select 1").get();
    return Response.json({ status: "ok", database: "ok", eventLoopDelay: eventLoopDelay() }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return Response.json({ status: "error", database: error instanceof Error ? error.message : "unreachable" }, { status: 503, headers: { "Cache-Control": "no-store" } });
  }
}
