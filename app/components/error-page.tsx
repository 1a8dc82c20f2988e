import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";

const MESSAGES: Record<number, { title: string; text: string }> = {
  403: {
    title: "You do not have access to this",
    text: "Your role in your organisation does not allow this action. If you need it, ask one of your organisation's admins.",
  },
  404: {
    title: "Page not found",
    text: "There is nothing here, or it belongs to an organisation you are not part of. Check the address, or go back to your home page.",
  },
};

/**
 * The one error view: root and routes both render it, so a 404, a 403 and an unexpected failure
 * read the same everywhere. Internal details never reach the page.
 */
export function ErrorPage() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  // A 400 carries its own sentence (e.g. why an upload could not be read); show it as it is.
  const badRequest = status === 400 && isRouteErrorResponse(error) && typeof error.data === "string" && error.data ? { title: "The request could not be used", text: error.data } : null;
  const message = badRequest ?? MESSAGES[status] ?? {
    title: "Something went wrong",
    text: "The platform could not complete this request. Nothing you entered was saved half-way; please try again. If it keeps happening, tell your administrator the time it happened.",
  };
  if (status >= 500) console.error(error);
  return (
    <div className="error-page card" role="alert">
      <p className="error-page__code">{status}</p>
      <h1>{message.title}</h1>
      <p>{message.text}</p>
      <p>
        <Link to="/">Go to your home page</Link>
      </p>
    </div>
  );
}
