import { ErrorPage } from "~/components/error-page";
import { withDomainErrors } from "~/lib/http-errors.server";

/** Any address no route claims: a 404 inside the normal layout. */
export const loader = /* @__PURE__ */ withDomainErrors(() => {
  throw new Response("Not found", { status: 404, statusText: "Not Found" });
});

export default function NotFound() {
  return null;
}

export { ErrorPage as ErrorBoundary };
