import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { blankSessionCookie, invalidateSession } from "~/auth/session.server";
import { recordEvent } from "~/domain/audit-log.server";

/** Signing out is a POST (no state change on GET); a GET simply goes home. */
export function loader() {
  throw redirect("/");
}

export function action({ context }: ActionFunctionArgs) {
  const session = context.session;
  if (session) {
    invalidateSession(context.db, session.id);
    recordEvent(context.db, { action: "auth.sign_out", actorUserId: session.user.id, orgId: session.membership?.orgId ?? null, ip: context.ip });
  }
  throw redirect("/sign-in", { headers: { "Set-Cookie": blankSessionCookie(context.cookie) } });
}
