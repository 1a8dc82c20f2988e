import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Fragment } from "react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guard.server";
import { authorize } from "~/auth/permissions.server";
import { Field, FormError } from "~/components/field";
import { fieldKey, IdentityHistory } from "~/components/supplier-portal/identity-history";
import { TableWrap, Th } from "~/components/table-wrap";
import { NotFound } from "~/domain/errors";
import { countryNameIn } from "~/domain/reference/countries.server";
import { IDENTIFIER_SCHEMES } from "~/domain/supplier-portal/identifiers";
import { SiteIdentitySchema } from "~/domain/supplier-portal/schemas";
import { correctSiteIdentity, requireOwnSite, siteView } from "~/domain/supplier-portal/sites.server";
import { formatsFor, useFormat } from "~/i18n/format";
import { serverT } from "~/i18n/i18n.server";
import { idParam, runAction, withDomainErrors } from "~/lib/actions.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "" }];

/** A supplier's workplace (issue 20): its identity, the correction form, its history, the buyers that list it. */
export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, params, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  if (!session.membership) throw new NotFound();
  const view = await siteView(context.db, session, idParam(params.siteId));
  const t = serverT(context.locale, "home");
  return {
    pageTitle: `${view.site.name} · ${t("site.title")} · ${serverT(context.locale, "common")("site.name")}`,
    ...view,
    countryName: view.site.country ? countryNameIn(view.site.country, context.locale) : null,
  };
});

export const action = /* @__PURE__ */ withDomainErrors(async ({ request, params, context }: ActionFunctionArgs) => {
  const session = requireUser(request, context);
  if (!session.membership) throw new NotFound();
  authorize(session, "sites.manage", { orgId: session.membership.orgId });
  const siteId = idParam(params.siteId);
  // Another organisation's site answers 404 before the form is read, like a missing one.
  await requireOwnSite(context.db, session, siteId);
  const t = serverT(context.locale, "home");
  return runAction(
    request,
    SiteIdentitySchema,
    async (input) => {
      const { changed } = await correctSiteIdentity(context.db, session, siteId, input, context.ip);
      if (changed.length === 0) return { ok: true as const, message: t("site.done.nothing") };
      const fields = formatsFor(context.locale).list(changed.map((f) => t(`site.field.${fieldKey(f)}` as "site.field.name")));
      return { ok: true as const, message: t("site.done.saved", { fields }) };
    },
    context.locale,
  );
});

export default function SitePage() {
  const { site, buyers, history, canCorrect, countryName } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const { t } = useTranslation("home");
  const f = useFormat();
  const failed = result && !result.ok ? result : null;
  const errors: Record<string, string> = failed?.errors ?? {};
  const value = (field: string, current: string | null | undefined) => (failed ? (failed.values[field] ?? "") : (current ?? ""));
  return (
    <>
      <p className="breadcrumbs">
        <Link to="/">{t("site.back")}</Link> ›
      </p>
      <div className="page-header">
        <div>
          <h1 translate="no">{site.name}</h1>
          <p>{countryName ?? t("site.notSet")}</p>
        </div>
        <div className="actions">
          <Link className="button button--secondary" to={`/sites/${site.id}/reviews`}>
            {t("reviews.title")}
          </Link>
          <Link className="button button--secondary" to={`/sites/${site.id}/audits`}>
            {t("siteAudits.link")}
          </Link>
        </div>
      </div>
      {result?.ok ? (
        <div className="alert alert--success" role="status">
          {result.message}
        </div>
      ) : null}

      <section className="card" aria-labelledby="identity-heading">
        <h2 id="identity-heading">{t("site.identity")}</h2>
        <dl className="facts">
          <dt>{t("site.field.name")}</dt>
          <dd translate="no">{site.name}</dd>
          <dt>{t("site.field.country")}</dt>
          <dd>{countryName ? `${countryName} (${site.country})` : t("site.notSet")}</dd>
          <dt>{t("site.field.address")}</dt>
          <dd>{site.address ?? t("site.notSet")}</dd>
          {IDENTIFIER_SCHEMES.map((scheme) => (
            <Fragment key={scheme}>
              <dt>{t(`site.field.${scheme}`)}</dt>
              <dd translate="no">{site.identifiers[scheme] ?? t("site.notSet")}</dd>
            </Fragment>
          ))}
        </dl>
      </section>

      <section className="card" aria-labelledby="buyers-heading">
        <h2 id="buyers-heading">{t("site.buyers.heading")}</h2>
        {buyers.length === 0 ? (
          <p className="muted">{t("site.buyers.none")}</p>
        ) : (
          <TableWrap label={t("site.buyers.heading")}>
            <table data-testid="site-buyers">
              <thead>
                <tr>
                  <Th>{t("site.buyers.name")}</Th>
                  <Th>{t("site.buyers.since")}</Th>
                </tr>
              </thead>
              <tbody>
                {buyers.map((b) => (
                  <tr key={b.name}>
                    <td>{b.name}</td>
                    <td>{f.date(b.since)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </section>

      {canCorrect ? (
        <section className="card" aria-labelledby="correct-heading">
          <h2 id="correct-heading">{t("site.correct.heading")}</h2>
          <p className="muted">{t("site.correct.intro")}</p>
          <FormError message={errors.form} />
          <Form method="post" className="stack" noValidate>
            <Field name="name" label={t("site.field.name")} type="text" required defaultValue={value("name", site.name)} error={errors.name} />
            <Field name="country" label={t("site.field.country")} type="text" maxLength={2} autoComplete="off" defaultValue={value("country", site.country)} error={errors.country} hint={t("site.hint.country")} />
            <Field name="address" label={t("site.field.address")} type="text" autoComplete="off" defaultValue={value("address", site.address)} error={errors.address} />
            {IDENTIFIER_SCHEMES.map((scheme) => (
              <Field
                key={scheme}
                name={scheme}
                label={t(`site.field.${scheme}`)}
                type="text"
                autoComplete="off"
                spellCheck={false}
                defaultValue={value(scheme, site.identifiers[scheme])}
                error={errors[scheme]}
                hint={scheme === "registry" ? undefined : t(`site.hint.${scheme}`)}
              />
            ))}
            <div>
              <button className="button" type="submit" disabled={busy}>
                {t("site.correct.save")}
              </button>
            </div>
          </Form>
        </section>
      ) : null}

      <section className="card" aria-labelledby="history-heading">
        <h2 id="history-heading">{t("site.history.heading")}</h2>
        <IdentityHistory history={history} />
      </section>
    </>
  );
}
