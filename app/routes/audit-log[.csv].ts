import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { withDomainErrors } from "~/lib/http-errors.server";

/** The activity log's CSV at its old address (see audit-log.tsx). */
export const loader = /* @__PURE__ */ withDomainErrors(({ request }: LoaderFunctionArgs) => {
  return redirect(`/activity-log.csv${new URL(request.url).search}`, 301);
});
