import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { createSession, sessionCookie } from "~/auth/session.server";
import { SignOutButton } from "~/components/app-shell";
import { Field, FormError } from "~/components/field";
import { countryNameIn } from "~/domain/reference/countries.server";
import { claimableSites, claimSupplierInvitation, countTokenTry, findSupplierInvitation } from "~/domain/supplier-portal/invitations.server";
import { ClaimSupplierInvitationSchema } from "~/domain/supplier-portal/schemas";
import { Invalid } from "~/domain/errors";
import { serverT } from "~/i18n/i18n.server";
import { runAction, withDomainErrors } from "~/lib/actions.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

/**
 * Public page (issue 20): the token in the URL is the credential for claiming one buyer's record.
 * Signed out: create the supplier organisation, its first admin and the site in one step. Signed in
 * as a supplier admin or member: claim into that organisation. Anyone else: a plain refusal. Every
 * unusable link (unknown, used, revoked, expired) gets the same page, and every try counts against
 * the client's allowance before the token is looked up.
 */
export const loader = /* @__PURE__ */ withDomainErrors(async ({ params, request, context }: LoaderFunctionArgs) => {
  const title = serverT(context.locale, "public")("supplierInvite.metaTitle");
  await countTokenTry(context.db, context.ip);
  const invitation = await findSupplierInvitation(context.db, params.token ?? "");
  if (!invitation) return data({ invitation: null, signedIn: null, signInLink: null, invitePath: null, title }, { status: 410 });
  const path = new URL(request.url).pathname;
  const session = context.session;
  const sites = session ? await claimableSites(context.db, session) : null;
  return {
    invitation: {
      email: invitation.email,
      buyerName: invitation.buyerName,
      name: invitation.name,
      country: invitation.country ? countryNameIn(invitation.country, context.locale) : null,
      address: invitation.address,
      identifiers: Object.entries(invitation.identifiers),
      claimedBy: invitation.claimedBy,
    },
    signedIn: session ? { email: session.user.email, orgName: session.membership?.orgName ?? null, sites } : null,
    signInLink: `/sign-in?${new URLSearchParams({ redirectTo: path })}`,
    invitePath: path,
    title,
  };
});

export const action = /* @__PURE__ */ withDomainErrors(async ({ params, request, context }: ActionFunctionArgs) => {
  await countTokenTry(context.db, context.ip);
  const token = params.token ?? "";
  return runAction(
    request,
    ClaimSupplierInvitationSchema,
    async (input) => {
      const session = context.session;
      if (session) {
        // Signed in: the claim is made as that account, into its organisation, whatever the form says.
        if (input.intent !== "claim") throw new Invalid("form", "public:supplierInvite.refusedNotSupplier");
        const claimed = await claimSupplierInvitation(context.db, token, { actor: session, siteId: input.site === "new" ? null : input.site }, context.ip);
        throw redirect(`/sites/${claimed.siteId}`);
      }
      if (input.intent !== "create-organisation") throw redirect(`/sign-in?${new URLSearchParams({ redirectTo: new URL(request.url).pathname })}`);
      const created = await claimSupplierInvitation(context.db, token, input, context.ip);
      // The new admin is signed in for the new organisation.
      const fresh = await createSession(context.db, created.userId, created.orgId);
      throw redirect(`/sites/${created.siteId}`, { headers: { "Set-Cookie": sessionCookie(fresh.token, fresh.expiresAt, context.cookie) } });
    },
    context.locale,
  );
});

export default function ClaimWorkplace() {
  const { invitation, signedIn, signInLink, invitePath } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation("public");
  const errors: Record<string, string> = result?.errors ?? {};
  if (!invitation) {
    return (
      <div className="narrow card">
        <h1>{t("supplierInvite.invalidTitle")}</h1>
        <p>{t("supplierInvite.invalidText")}</p>
        <a href="/sign-in">{t("invite.goToSignIn")}</a>
      </div>
    );
  }
  const { buyerName, name, email } = invitation;
  const header = (
    <>
      <h1 translate="no">{t("supplierInvite.title", { name })}</h1>
      <p>
        <Trans t={t} i18nKey="supplierInvite.intro" values={{ buyer: buyerName, name, email }} components={{ 1: <strong />, 2: <strong />, 3: <strong /> }} />
      </p>
      <h2>{t("supplierInvite.onRecord", { buyer: buyerName })}</h2>
      <dl className="facts">
        <dt>{t("supplierInvite.field.name")}</dt>
        <dd translate="no">{name}</dd>
        <dt>{t("supplierInvite.field.country")}</dt>
        <dd>{invitation.country ?? "—"}</dd>
        <dt>{t("supplierInvite.field.address")}</dt>
        <dd>{invitation.address ?? "—"}</dd>
        <dt>{t("supplierInvite.field.identifiers")}</dt>
        <dd translate="no">{invitation.identifiers.length ? invitation.identifiers.map(([k, v]) => `${k.toUpperCase()} ${v}`).join(" · ") : "—"}</dd>
      </dl>
    </>
  );
  if (invitation.claimedBy) {
    return (
      <div className="narrow card">
        {header}
        <div className="alert alert--warning" role="alert">
          {t("supplierInvite.claimedMeanwhile", { org: invitation.claimedBy })}
        </div>
      </div>
    );
  }
  if (signedIn) {
    return (
      <div className="narrow card">
        {header}
        <FormError message={errors.form} />
        {signedIn.sites === null ? (
          <>
            <p role="alert">{t("supplierInvite.notSupplier", { email: signedIn.email })}</p>
            <SignOutButton className="button button--secondary" comeBackTo={invitePath ?? undefined} />
          </>
        ) : (
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="claim" />
            <p>{t("supplierInvite.signedInAs", { email: signedIn.email, org: signedIn.orgName ?? "" })}</p>
            <fieldset>
              <legend>{t("supplierInvite.site")}</legend>
              {signedIn.sites.map((s) => (
                <label key={s.id} className="radio radio--block">
                  <input type="radio" name="site" value={s.id} /> <span translate="no">{s.name}</span>
                </label>
              ))}
              <label className="radio radio--block">
                <input type="radio" name="site" value="new" defaultChecked /> {t("supplierInvite.newSite")}
              </label>
              {errors.site ? <span className="error">{errors.site}</span> : null}
            </fieldset>
            <button className="button" type="submit">
              {t("supplierInvite.claim")}
            </button>
          </Form>
        )}
      </div>
    );
  }
  return (
    <div className="narrow card">
      {header}
      <FormError message={errors.form} />
      <h2>{t("supplierInvite.newHeading")}</h2>
      <Form method="post" className="stack" noValidate>
        <input type="hidden" name="intent" value="create-organisation" />
        <Field name="orgName" label={t("supplierInvite.orgName")} type="text" autoComplete="organization" required defaultValue={result?.values.orgName ?? name} error={errors.orgName} hint={t("supplierInvite.orgNameHint")} />
        <Field name="name" label={t("supplierInvite.name")} type="text" autoComplete="name" required defaultValue={result?.values.name} error={errors.name} />
        <p>{t("supplierInvite.email", { email })}</p>
        <Field name="password" label={t("supplierInvite.password")} type="password" autoComplete="new-password" required error={errors.password} hint={t("invite.passwordHint")} />
        <button className="button" type="submit">
          {t("supplierInvite.create")}
        </button>
      </Form>
      <h2>{t("supplierInvite.existingHeading")}</h2>
      <p>
        {/* eslint-disable-next-line jsx-a11y/anchor-has-content -- Trans fills the link with its text */}
        <Trans t={t} i18nKey="supplierInvite.signInFirst" components={{ 1: <a href={signInLink ?? "/sign-in"} /> }} />
      </p>
    </div>
  );
}
