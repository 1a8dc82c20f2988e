import type { LoaderFunctionArgs } from "@remix-run/node";

/** Liveness and readiness: answers 200 only when the database answers a query. */
export function loader({ context }: LoaderFunctionArgs) {
  try {
    context.db.$client.prepare("select 1").get();
    return Response.json({ status: "ok", database: "ok" }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return Response.json({ status: "error", database: error instanceof Error ? error.message : "unreachable" }, { status: 503, headers: { "Cache-Control": "no-store" } });
  }
}
