import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Fragment } from "react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guard.server";
import { can } from "~/auth/permissions.server";
import { Field, FormError } from "~/components/field";
import { fieldKey, IdentityHistory } from "~/components/supplier-portal/identity-history";
import { TableWrap, Th } from "~/components/table-wrap";
import { RequestList } from "~/components/supplier-portal/questionnaire-requests";
import { Forbidden, NotFound } from "~/domain/errors";
import { requestsForSite } from "~/domain/questionnaires/requests.server";
import { RevokeFormSchema, ShareFormSchema } from "~/domain/questionnaires/responses.schemas";
import { siteQuestionnaireStatus } from "~/domain/questionnaires/responses.server";
import { revokeShare, shareableBuyers, shareAnswers, sharesOfSite } from "~/domain/questionnaires/sharing.server";
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
  const siteId = idParam(params.siteId);
  const view = await siteView(context.db, session, siteId);
  const t = serverT(context.locale, "home");
  const orgId = session.membership.orgId;
  return {
    pageTitle: `${view.site.name} · ${t("site.title")} · ${serverT(context.locale, "common")("site.name")}`,
    ...view,
    questionnaire: await siteQuestionnaireStatus(context.db, session, siteId),
    requests: (await requestsForSite(context.db, session, siteId)).filter((r) => r.state === "open"),
    shareable: await shareableBuyers(context.db, session, siteId),
    shares: (await sharesOfSite(context.db, session, siteId)).filter((s) => s.active),
    canShare: can(session, "questionnaires.share", { orgId }),
    countryName: view.site.country ? countryNameIn(view.site.country, context.locale) : null,
  };
});

export const action = /* @__PURE__ */ withDomainErrors(async ({ request, params, context }: ActionFunctionArgs) => {
  const session = requireUser(request, context);
  if (!session.membership) throw new NotFound();
  const orgId = session.membership.orgId;
  // Either form of the page needs its permission: a member with neither is refused before the body is read.
  if (!can(session, "sites.manage", { orgId }) && !can(session, "questionnaires.share", { orgId })) throw new Forbidden();
  const siteId = idParam(params.siteId);
  // Another organisation's site answers 404 before the form is read, like a missing one.
  await requireOwnSite(context.db, session, siteId);
  const t = serverT(context.locale, "home");
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "share") {
    return runAction(
      form,
      ShareFormSchema,
      async (input) => {
        const outcome = await shareAnswers(context.db, session, siteId, input.buyerOrgId, { ip: context.ip });
        const buyer = (await shareableBuyers(context.db, session, siteId)).find((b) => b.orgId === input.buyerOrgId)?.name ?? "";
        const message = outcome.created ? t("site.sharing.done.shared", { buyer, count: outcome.answered }) : t("site.sharing.done.already", { buyer });
        return { ok: true as const, intent: "share", message };
      },
      context.locale,
    );
  }
  if (intent === "revoke") {
    return runAction(
      form,
      RevokeFormSchema,
      async (input) => {
        const buyer = (await sharesOfSite(context.db, session, siteId)).find((s) => s.id === input.shareId)?.buyer;
        // A share of another site (or organisation) is not this page's: 404 like a missing one.
        if (buyer === undefined) throw new NotFound();
        await revokeShare(context.db, session, input.shareId, { ip: context.ip });
        return { ok: true as const, intent: "revoke", message: t("site.sharing.done.revoked", { buyer }) };
      },
      context.locale,
    );
  }
  if (!can(session, "sites.manage", { orgId })) throw new Forbidden();
  return runAction(
    form,
    SiteIdentitySchema,
    async (input) => {
      const { changed } = await correctSiteIdentity(context.db, session, siteId, input, context.ip);
      if (changed.length === 0) return { ok: true as const, intent: "identity", message: t("site.done.nothing") };
      const fields = formatsFor(context.locale).list(changed.map((f) => t(`site.field.${fieldKey(f)}` as "site.field.name")));
      return { ok: true as const, intent: "identity", message: t("site.done.saved", { fields }) };
    },
    context.locale,
  );
});

export default function SitePage() {
  const { site, buyers, history, canCorrect, countryName, questionnaire, requests, shareable, shares, canShare } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const { t } = useTranslation("home");
  const f = useFormat();
  const failedAny = result && !result.ok ? result : null;
  const shareError = failedAny && (failedAny.intent === "share" || failedAny.intent === "revoke") ? (Object.values(failedAny.errors)[0] ?? null) : null;
  const failed = failedAny && !shareError ? failedAny : null;
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
      </div>
      <nav aria-label={t("site.nav.label")} className="subnav">
        <ul>
          <li>
            <Link to={`/sites/${site.id}/questionnaire`}>{t("site.nav.questionnaire")}</Link>
          </li>
          <li>
            <Link to={`/sites/${site.id}/audits`}>{t("site.nav.audits")}</Link>
          </li>
          <li>
            <Link to={`/sites/${site.id}/reviews`}>{t("site.nav.reviews")}</Link>
          </li>
        </ul>
      </nav>
      {result?.ok ? (
        <div className="alert alert--success" role="status">
          {result.message}
        </div>
      ) : null}
      <FormError message={shareError ?? undefined} />

      <section className="card" aria-labelledby="questionnaire-heading" data-testid="questionnaire-status">
        <h2 id="questionnaire-heading">{t("site.questionnaire.heading")}</h2>
        {questionnaire.state === "none" ? <p>{t("site.questionnaire.none")}</p> : null}
        {questionnaire.state === "draft" ? <p>{t("site.questionnaire.draft", { answered: questionnaire.answered, total: questionnaire.total })}</p> : null}
        {questionnaire.submission ? (
          <p>
            {t("site.questionnaire.submitted", { day: f.date(questionnaire.submission.submittedAt), until: f.date(questionnaire.submission.validUntil) })}
            {questionnaire.submission.validUntil < Date.now() ? <> {t("site.questionnaire.expired")}</> : null}
          </p>
        ) : null}
        {requests.length > 0 ? <RequestList requests={requests} /> : null}
        <p>
          <Link className="button" to={`/sites/${site.id}/questionnaire`}>
            {t("site.questionnaire.open")}
          </Link>
        </p>
      </section>

      <section className="card" aria-labelledby="sharing-heading">
        <h2 id="sharing-heading">{t("site.sharing.heading")}</h2>
        <p className="muted">{t("site.sharing.intro")}</p>
        {shareable.length === 0 ? <p className="muted">{t("site.sharing.none")}</p> : null}
        <ul className="stack" data-testid="share-list">
          {shareable.map((b) => {
            const share = shares.find((s) => s.buyerOrgId === b.orgId);
            return (
              <li key={b.orgId}>
                {share ? <span>{t("site.sharing.sharedSince", { buyer: b.name, day: f.date(share.createdAt) })} </span> : <span>{t("site.sharing.notShared", { buyer: b.name })} </span>}
                {canShare ? (
                  <Form method="post" className="inline-form">
                    {share ? (
                      <>
                        <input type="hidden" name="shareId" value={share.id} />
                        <button className="button button--secondary button--small" type="submit" name="intent" value="revoke" disabled={busy}>
                          {t("site.sharing.stop", { buyer: b.name })}
                        </button>
                      </>
                    ) : (
                      <>
                        <input type="hidden" name="buyerOrgId" value={b.orgId} />
                        <button className="button button--small" type="submit" name="intent" value="share" disabled={busy}>
                          {t("site.sharing.share", { buyer: b.name })}
                        </button>
                      </>
                    )}
                  </Form>
                ) : null}
              </li>
            );
          })}
        </ul>
        {!canShare && shareable.length > 0 ? <p className="muted">{t("site.sharing.noRight")}</p> : null}
      </section>

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
            <input type="hidden" name="intent" value="identity" />
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
