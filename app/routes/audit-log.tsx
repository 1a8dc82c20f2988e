import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { withDomainErrors } from "~/lib/http-errors.server";

/**
 * The security log was called the audit log until "audit" came to mean only a labour inspection
 * (issue 16); old links and bookmarks land on its new address, with their filters.
 */
export const loader = /* @__PURE__ */ withDomainErrors(({ request }: LoaderFunctionArgs) => {
  return redirect(`/activity-log${new URL(request.url).search}`, 301);
});
