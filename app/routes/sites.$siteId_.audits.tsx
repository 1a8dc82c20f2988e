import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guard.server";
import { authorize, can } from "~/auth/permissions.server";
import { AuditForm, AuditList } from "~/components/third-party-audits/third-party-audits";
import { NotFound } from "~/domain/errors";
import { ownSite } from "~/domain/questionnaires/access.server";
import { shareableBuyers } from "~/domain/questionnaires/sharing.server";
import { auditsOfSite } from "~/domain/third-party-audits/third-party-audits.server";
import { useFormat } from "~/i18n/format";
import { serverT } from "~/i18n/i18n.server";
import { idParam, withDomainErrors } from "~/lib/actions.server";
import { recordAuditFromForm } from "~/lib/third-party-audit-form.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "" }];

/** A supplier's third-party audits of its site (issue 20 item 5): recorded once here, recognised by every buyer it shares with. */
export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, params, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  if (!session.membership) throw new NotFound();
  const site = await ownSite(context.db, session, "sites.view", idParam(params.siteId));
  const t = serverT(context.locale, "home");
  const buyers = await shareableBuyers(context.db, session, site.id);
  return {
    pageTitle: `${t("siteAudits.title")} · ${site.name} · ${serverT(context.locale, "common")("site.name")}`,
    site: { id: site.id, name: site.name },
    audits: await auditsOfSite(context.db, session, site.id),
    // Computed from the active shares now: the buyers that see these audits today, by name.
    sharedWith: buyers.filter((b) => b.shared).map((b) => b.name),
    listedBy: buyers.length,
    canRecord: can(session, "thirdPartyAudits.record", { orgId: site.orgId }),
  };
});

export const action = /* @__PURE__ */ withDomainErrors(async ({ request, params, context }: ActionFunctionArgs) => {
  const session = requireUser(request, context);
  if (!session.membership) throw new NotFound();
  // A site is a supplier organisation's (a buyer is refused as for the page itself), and recording needs a writer.
  authorize(session, "sites.view", { orgId: session.membership.orgId });
  authorize(session, "thirdPartyAudits.record", { orgId: session.membership.orgId });
  // Another organisation's site answers 404 before the body (and its report) is read, like a missing one.
  const site = await ownSite(context.db, session, "thirdPartyAudits.record", idParam(params.siteId));
  return recordAuditFromForm(request, context, session, { siteId: site.id });
});

export default function SiteAuditsPage() {
  const { site, audits, sharedWith, listedBy, canRecord } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation("home");
  const f = useFormat();
  const failed = result && !result.ok ? result : null;
  return (
    <>
      <p className="breadcrumbs">
        <Link to={`/sites/${site.id}`} translate="no">
          {site.name}
        </Link>{" "}
        ›
      </p>
      <div className="page-header">
        <div>
          <h1>{t("siteAudits.title")}</h1>
          <p>{t("siteAudits.intro")}</p>
        </div>
      </div>
      {result?.ok ? (
        <div className="alert alert--success" role="status">
          {t("siteAudits.saved")}
        </div>
      ) : null}

      <div className="alert alert--info" role="note" data-testid="audits-recognised-by">
        {sharedWith.length > 0 ? t("siteAudits.recognisedBy", { count: sharedWith.length, buyers: f.list(sharedWith) }) : listedBy > 0 ? t("siteAudits.notShared") : t("siteAudits.noBuyer")}
      </div>

      <section className="card" aria-labelledby="audits-heading">
        <h2 id="audits-heading">{t("siteAudits.listHeading")}</h2>
        {audits.length === 0 ? <p className="muted">{t("siteAudits.none")}</p> : <AuditList audits={audits} showProvenance={false} reportHref={(id) => `/sites/${site.id}/audits/${id}/report`} />}
      </section>

      {canRecord ? (
        <section className="card card--form" aria-labelledby="record-heading">
          <h2 id="record-heading">{t("siteAudits.recordHeading")}</h2>
          <p className="muted">{t("siteAudits.recordIntro")}</p>
          <AuditForm key={result?.ok ? `saved-${result.auditId}` : "form"} failed={failed} />
        </section>
      ) : null}
    </>
  );
}
