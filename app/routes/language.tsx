/**
 * The language switcher's target (app/components/language-switcher.tsx): remembers the choice in
 * a cookie for this browser and, for a signed-in user choosing an interface language, in the
 * account; then goes back to the page the reader was on. Only same-site paths are followed back
 * (safeRedirectPath), so the switcher cannot be used as an open redirect.
 */
import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { safeRedirectPath } from "~/auth/guard.server";
import { setOwnLanguage } from "~/domain/members/members.server";
import { INTERFACE_CODES } from "~/i18n/languages";
import { isOfferedLanguage, languageCookie } from "~/i18n/locale.server";
import { withDomainErrors } from "~/lib/actions.server";

export const action = /* @__PURE__ */ withDomainErrors(async ({ request, context }: ActionFunctionArgs) => {
  const form = await request.formData();
  const lng = String(form.get("lng") ?? "");
  const back = safeRedirectPath(String(form.get("redirectTo") ?? "/"));
  // A language the page cannot be read in (or a made-up one) changes nothing: back to the page as it was.
  if (!isOfferedLanguage(lng, new URL(back, "http://app.invalid").pathname)) throw redirect(back);
  if (context.session && INTERFACE_CODES.includes(lng)) await setOwnLanguage(context.db, context.session, lng);
  throw redirect(back, { headers: { "Set-Cookie": await languageCookie(context.cookie.secure).serialize(lng) } });
});

/** GET /language has nothing to show: the switcher is on every page. */
export const loader = /* @__PURE__ */ withDomainErrors(() => redirect("/"));
