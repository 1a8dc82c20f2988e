import { redirect, type LoaderFunctionArgs } from "@remix-run/node";

/** The activity log's CSV at its old address (see audit-log.tsx). */
export function loader({ request }: LoaderFunctionArgs) {
  return redirect(`/activity-log.csv${new URL(request.url).search}`, 301);
}
