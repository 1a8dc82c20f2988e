import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guard.server";
import { authorize } from "~/auth/permissions.server";
import { OrgTypeName } from "~/components/org-type";
import { CountryPicker } from "~/components/country-picker";
import { Field, FormError } from "~/components/field";
import { EditOrganisationSchema } from "~/domain/members/members.schemas";
import { countryChoices, deactivateOrganisation, organisationForAdmin, reactivateOrganisation, updateOrganisation } from "~/domain/organisations/organisations.server";
import { idParam, runAction, withDomainErrors } from "~/lib/actions.server";
import { useFormat } from "~/i18n/format";
import { serverT } from "~/i18n/i18n.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "" }];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, params, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  authorize(session, "organisations.manage");
  const org = await organisationForAdmin(context.db, session, idParam(params.orgId));
  const url = new URL(request.url);
  return {
    pageTitle: `${org.name} · ${serverT(context.locale, "admin")("orgs.title")} · ${serverT(context.locale, "common")("site.name")}`,
    org: { ...org, createdAt: org.createdAt.getTime(), deactivatedAt: org.deactivatedAt?.getTime() ?? null },
    countries: countryChoices(),
    done: url.searchParams.get("done"),
  };
});

export const action = /* @__PURE__ */ withDomainErrors(async ({ request, params, context }: ActionFunctionArgs) => {
  const session = requireUser(request, context);
  authorize(session, "organisations.manage");
  const orgId = idParam(params.orgId);
  return runAction(
    request,
    EditOrganisationSchema,
    async (input) => {
    if (input.intent === "edit") {
      const { changed } = await updateOrganisation(context.db, session, orgId, input, context.ip);
      throw redirect(`/admin/organisations/${orgId}?done=${changed ? "saved" : "unchanged"}`);
    }
    // Without confirm=yes the page only states what would happen (and works without JavaScript).
    if (!input.confirm) return { ok: true as const, confirm: input.intent };
    if (input.intent === "deactivate") await deactivateOrganisation(context.db, session, orgId, context.ip);
    else await reactivateOrganisation(context.db, session, orgId, context.ip);
    throw redirect(`/admin/organisations/${orgId}?done=${input.intent}d`);
    },
    context.locale,
  );
});

const DONE = ["saved", "unchanged", "deactivated", "reactivated"] as const;
const isDone = (value: string | null): value is (typeof DONE)[number] => DONE.includes(value as (typeof DONE)[number]);

export default function OrganisationAdmin() {
  const { org, countries, done } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const failed = answer && !answer.ok ? answer : null;
  const errors: Record<string, string> = failed?.errors ?? {};
  const confirm = answer?.ok ? answer.confirm : null;
  const { t } = useTranslation("admin");
  const format = useFormat();
  return (
    <>
      <p className="breadcrumbs">
        <Link to="/admin/organisations">{t("orgs.title")}</Link>
      </p>
      <div className="page-header">
        <div>
          <h1 translate="no">{org.name}</h1>
          <p>
            <OrgTypeName type={org.type} /> ·{" "}
            <Trans t={t} i18nKey="org.summary" values={{ members: t("org.members", { count: org.members }), date: format.dateTime(org.createdAt) }} components={{ 1: <Link to={`/orgs/${org.id}/members`} /> }} />
          </p>
        </div>
      </div>
      {isDone(done) && !answer ? (
        <div className="alert alert--success" role="status">
          {t(`org.done.${done}`)}
        </div>
      ) : null}
      {org.deactivatedAt ? (
        <div className="alert alert--warning" role="status">
          {t("org.deactivatedSince", { date: format.dateTime(org.deactivatedAt) })}
        </div>
      ) : null}
      {errors.form ? <FormError message={errors.form} /> : null}
      {confirm === "deactivate" ? (
        <div className="alert alert--warning confirm-panel" role="alert" aria-labelledby="confirm-title">
          <h2 id="confirm-title">{t("org.confirmDeactivate.title", { name: org.name })}</h2>
          <ul>
            <li>
              {t("org.confirmDeactivate.members", { count: org.members })} {t("org.confirmDeactivate.sessions", { count: org.sessions })}
            </li>
            <li>{t("org.confirmDeactivate.invitations", { count: org.openInvitations })}</li>
            <li>
              {t(org.type === "regulator" ? "org.confirmDeactivate.noSharesOrReports" : "org.confirmDeactivate.noShares")} {t("org.confirmDeactivate.sharesStay", { count: org.sharesReceived })}
            </li>
            <li>{t("org.confirmDeactivate.nothingDeleted")}</li>
          </ul>
          <Form method="post" className="actions">
            <input type="hidden" name="intent" value="deactivate" />
            <input type="hidden" name="confirm" value="yes" />
            <button className="button button--danger" type="submit" disabled={busy}>
              {t("org.confirmDeactivate.yes", { name: org.name })}
            </button>
            <Link className="button button--secondary" to={`/admin/organisations/${org.id}`}>
              {t("org.confirmDeactivate.no")}
            </Link>
          </Form>
        </div>
      ) : null}
      {confirm === "reactivate" ? (
        <div className="alert alert--warning confirm-panel" role="alert" aria-labelledby="confirm-title">
          <h2 id="confirm-title">{t("org.confirmReactivate.title", { name: org.name })}</h2>
          <p>
            {t("org.confirmReactivate.text", { count: org.members })}
            {org.type === "regulator" ? ` ${t("org.confirmReactivate.reports")}` : ""}
          </p>
          <Form method="post" className="actions">
            <input type="hidden" name="intent" value="reactivate" />
            <input type="hidden" name="confirm" value="yes" />
            <button className="button" type="submit" disabled={busy}>
              {t("org.confirmReactivate.yes", { name: org.name })}
            </button>
            <Link className="button button--secondary" to={`/admin/organisations/${org.id}`}>
              {t("org.confirmReactivate.no")}
            </Link>
          </Form>
        </div>
      ) : null}
      <div className="card narrow-card">
        <h2>{t("org.edit.heading")}</h2>
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="edit" />
          <Field name="name" label={t("org.edit.name")} type="text" required defaultValue={failed?.intent === "edit" ? failed.values.name : org.name} error={errors.name} />
          <CountryPicker
            name="jurisdictions"
            legend={t("org.edit.jurisdictions")}
            hint={t(`orgs.jurisdictionMeaning.${org.type}`)}
            countries={countries}
            chosen={failed?.intent === "edit" ? (failed.lists.jurisdictions ?? []) : org.jurisdictions}
            error={errors.jurisdictions}
          />
          <p className="hint">
            <Trans t={t} i18nKey="org.edit.typeFixed" components={{ 1: <OrgTypeName type={org.type} /> }} />
          </p>
          <button className="button" type="submit" disabled={busy}>
            {t("org.edit.save")}
          </button>
        </Form>
      </div>
      <div className="card narrow-card">
        {org.deactivatedAt ? (
          <>
            <h2>{t("org.reactivate.heading")}</h2>
            <p>{t("org.reactivate.text")}</p>
            <Form method="post">
              <input type="hidden" name="intent" value="reactivate" />
              <button className="button button--secondary" type="submit" disabled={busy}>
                {t("org.reactivate.button")}
              </button>
            </Form>
          </>
        ) : (
          <>
            <h2>{t("org.deactivate.heading")}</h2>
            {org.platformAdmins > 0 ? (
              <p>{t("org.deactivate.own")}</p>
            ) : (
              <>
                <p>{t("org.deactivate.text")}</p>
                <Form method="post">
                  <input type="hidden" name="intent" value="deactivate" />
                  <button className="button button--danger" type="submit" disabled={busy}>
                    {t("org.deactivate.button")}
                  </button>
                </Form>
              </>
            )}
          </>
        )}
      </div>
    </>
  );
}
