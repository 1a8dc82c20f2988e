import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ORG_TYPES } from "#db/schema";
import { requireUser } from "~/auth/guard.server";
import { authorize } from "~/auth/permissions.server";
import { OrgTypeName } from "~/components/org-type";
import { Field } from "~/components/field";
import { OneTimeLink } from "~/components/one-time-link";
import { CountryPicker } from "~/components/country-picker";
import { NewOrganisationSchema } from "~/domain/members/members.schemas";
import { countryChoices, createOrganisation, listOrganisations } from "~/domain/organisations/organisations.server";
import { runAction, withDomainErrors } from "~/lib/actions.server";
import { formatsFor, useFormat } from "~/i18n/format";
import { serverT } from "~/i18n/i18n.server";
import { TableWrap, Th } from "~/components/table-wrap";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "" }];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  const country = formatsFor(context.locale).country;
  const organisations = (await listOrganisations(context.db, session)).map((o) => ({ ...o, places: o.jurisdictions.map(country), createdAt: o.createdAt.getTime(), deactivatedAt: o.deactivatedAt?.getTime() ?? null }));
  return { pageTitle: `${serverT(context.locale, "admin")("orgs.title")} · ${serverT(context.locale, "common")("site.name")}`, organisations, countries: countryChoices() };
});

export const action = /* @__PURE__ */ withDomainErrors(async ({ request, context }: ActionFunctionArgs) => {
  const session = requireUser(request, context);
  authorize(session, "organisations.manage");
  return runAction(
    request,
    NewOrganisationSchema,
    async (input) => {
      const { org, inviteToken } = await createOrganisation(context.db, session, input, context.ip);
      return { ok: true as const, orgName: org.name, link: `${new URL(request.url).origin}/invite/${inviteToken}` };
    },
    context.locale,
  );
});

export default function Organisations() {
  const { organisations, countries } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const failed = result && !result.ok ? result : null;
  const errors: Record<string, string> = failed?.errors ?? {};
  const { t } = useTranslation(["admin", "common"]);
  const format = useFormat();
  return (
    <>
      <div className="page-header">
        <div>
          <h1>{t("orgs.title")}</h1>
          <p>{t("orgs.intro")}</p>
        </div>
      </div>
      {result?.ok ? (
        <div className="alert alert--success" role="status">
          <p>{t("orgs.created", { name: result.orgName })}</p>
          <OneTimeLink href={result.link} />
        </div>
      ) : null}
      <TableWrap label={t("orgs.title")}>
        <table className="stack-table">
          <thead>
            <tr>
              <Th>{t("orgs.col.name")}</Th>
              <Th>{t("orgs.col.type")}</Th>
              <Th>{t("orgs.col.jurisdictions")}</Th>
              <Th num>{t("orgs.col.members")}</Th>
              <Th>{t("orgs.col.state")}</Th>
            </tr>
          </thead>
          <tbody>
            {organisations.map((o) => (
              <tr key={o.id}>
                <td className="cell-name" data-label={t("orgs.col.name")}>
                  <Link to={`/admin/organisations/${o.id}`}>{o.name}</Link>
                </td>
                <td data-label={t("orgs.col.type")}>
                  <OrgTypeName type={o.type} />
                </td>
                <td data-label={t("orgs.col.jurisdictions")}>{o.places.join(", ") || "—"}</td>
                <td className="num" data-label={t("orgs.col.members")}>
                  <Link to={`/orgs/${o.id}/members`} aria-label={t("orgs.membersOf", { count: o.members, name: o.name })}>
                    {format.number(o.members)}
                  </Link>
                </td>
                <td data-label={t("orgs.col.state")}>{o.deactivatedAt ? <span className="badge badge--muted">{t("orgs.deactivatedOn", { date: format.dateTime(o.deactivatedAt) })}</span> : t("orgs.active")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <h2>{t("orgs.create.heading")}</h2>
      <div className="card" style={{ maxWidth: "40rem" }}>
        <Form method="post" className="stack" noValidate>
          <div className="field">
            <label htmlFor="org-type">{t("orgs.create.type")}</label>
            <select id="org-type" name="type" defaultValue={failed?.values.type ?? "company"} aria-invalid={errors.type ? true : undefined}>
              {ORG_TYPES.map((type) => (
                <option key={type} value={type}>
                  {t(`common:orgType.${type}`)}
                </option>
              ))}
            </select>
            {errors.type ? <span className="error">{errors.type}</span> : null}
          </div>
          <Field name="name" label={t("orgs.create.name")} type="text" required defaultValue={failed?.values.name} error={errors.name} />
          <CountryPicker name="jurisdictions" legend={t("orgs.create.jurisdictions")} countries={countries} chosen={failed?.lists.jurisdictions ?? []} error={errors.jurisdictions} hint={t("orgs.create.jurisdictionsHint")} />
          <Field name="adminEmail" label={t("orgs.create.adminEmail")} type="email" required defaultValue={failed?.values.adminEmail} error={errors.adminEmail} hint={t("orgs.create.adminEmailHint")} />
          <button className="button" type="submit" disabled={busy}>
            {t("orgs.create.submit")}
          </button>
        </Form>
      </div>
    </>
  );
}
