import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { safeRedirectPath } from "~/auth/guard.server";
import { blankSessionCookie, invalidateSession } from "~/auth/session.server";
import { recordEvent } from "~/domain/activity-log/activity-log.server";
import { withDomainErrors } from "~/lib/http-errors.server";

/** Signing out is a POST (no state change on GET); a GET simply goes home. */
export const loader = /* @__PURE__ */ withDomainErrors(() => {
  throw redirect("/");
});

/**
 * `comeBackTo` (optional, a same-site path) is where sign-in leads afterwards: an invitation opened
 * while signed in as someone else signs out and returns to it as the invited person.
 */
export const action = /* @__PURE__ */ withDomainErrors(async ({ request, context }: ActionFunctionArgs) => {
  // Signing out must work whatever was posted (a bare POST has no form to read).
  const form = await request.formData().catch(() => null);
  const comeBackTo = safeRedirectPath(String(form?.get("comeBackTo") ?? ""), "");
  const session = context.session;
  if (session) {
    await invalidateSession(context.db, session.id);
    await recordEvent(context.db, { action: "auth.sign_out", actorUserId: session.user.id, orgId: session.membership?.orgId ?? null, ip: context.ip });
  }
  const signIn = comeBackTo ? `/sign-in?${new URLSearchParams({ redirectTo: comeBackTo })}` : "/sign-in";
  throw redirect(signIn, { headers: { "Set-Cookie": blankSessionCookie(context.cookie) } });
});
