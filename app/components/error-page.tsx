import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/**
 * The one error view: root and routes both render it, so a 404, a 403 and an unexpected failure
 * read the same everywhere. Internal details never reach the page.
 */
export function ErrorPage() {
  const error = useRouteError();
  // The `public` namespace: an error can meet a worker on a public page, in any of the fifteen languages.
  const { t } = useTranslation("public");
  const status = isRouteErrorResponse(error) ? error.status : 500;
  // A 400 carries its own sentence (e.g. why an upload could not be read), already in the reader's language.
  const message =
    status === 400 && isRouteErrorResponse(error) && typeof error.data === "string" && error.data
      ? { title: t("error.badRequestTitle"), text: error.data }
      : status === 403
        ? { title: t("error.forbiddenTitle"), text: t("error.forbiddenText") }
        : status === 404
          ? { title: t("error.notFoundTitle"), text: t("error.notFoundText") }
          : { title: t("error.failedTitle"), text: t("error.failedText") };
  if (status >= 500) console.error(error);
  return (
    <div className="error-page card" role="alert">
      <p className="error-page__code">{status}</p>
      <h1>{message.title}</h1>
      <p>{message.text}</p>
      <p>
        <Link to="/">{t("error.goHome")}</Link>
      </p>
    </div>
  );
}
