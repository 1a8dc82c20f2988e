import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guard.server";
import { can } from "~/auth/permissions.server";
import { AuditStatus, AuditType, windowInZones } from "~/components/audits";
import { IssueReportForm, PageSizeField } from "~/components/reports";
import { BandBadge } from "~/components/risk/band-badge";
import { CorridorArrow, FeesText, LicenceText, ProvenanceFacts, SupplyFacts, WorkforceFacts } from "~/components/risk/entity-parts";
import { EntityOverview } from "~/components/risk/entity-overview";
import { TableWrap, Th } from "~/components/table-wrap";
import { companySupplierAudits } from "~/domain/audits/visibility.server";
import { NotFound } from "~/domain/errors";
import { countryNameIn } from "~/domain/reference/countries.server";
import { supplierDetail } from "~/domain/suppliers/suppliers.server";
import { entityWatchlistMatches } from "~/domain/watchlists/entity-matches.server";
import { BuyerPortal } from "~/components/supplier-portal/buyer-portal";
import { AnswersCard } from "~/components/supplier-portal/answers-card";
import { answersSummary } from "~/domain/questionnaires/reviews.server";
import { ThirdPartyAuditCard } from "~/components/third-party-audits/third-party-audits";
import { currentAuditForBuyer } from "~/domain/third-party-audits/third-party-audits.server";
import { SupplierMerges } from "~/components/supplier-merges";
import { mergeStatus } from "~/domain/suppliers/duplicates.server";
import { buyerPortalView, inviteSupplier, requireBuyerRecord, revokeSupplierInvitation } from "~/domain/supplier-portal/invitations.server";
import { SupplierInvitationSchema } from "~/domain/supplier-portal/schemas";
import { authorize } from "~/auth/permissions.server";
import { idParam, runAction, withDomainErrors } from "~/lib/actions.server";
import { publicOrigin } from "~/lib/public-url.server";
import { serverT } from "~/i18n/i18n.server";
import { useFormat } from "~/i18n/format";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "" }];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, params, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  if (!session.membership) throw new NotFound();
  const detail = await supplierDetail(context.db, session, session.membership.orgId, idParam(params.supplierId));
  const s = detail.supplier;
  const lng = context.locale;
  const name = (code: string | null) => (code ? countryNameIn(code, lng) : null);
  return {
    pageTitle: `${s.name} · ${serverT(lng, "suppliers")("list.title")} · ${serverT(lng, "common")("site.name")}`,
    supplier: {
      id: s.id,
      externalId: s.externalId,
      name: s.name,
      address: s.address,
      country: s.country,
      countryName: name(s.country),
      sector: s.sector,
      products: s.products,
      tier: s.tier,
      parentExternalId: s.parentExternalId,
      identifiers: s.identifiers,
      workersTotal: s.workersTotal,
      migrantShare: s.migrantShare,
      femaleShare: s.femaleShare,
      lastImportId: s.lastImportId,
      createdAt: s.createdAt.getTime(),
      updatedAt: s.updatedAt?.getTime() ?? null,
    },
    parent: detail.parent,
    score: detail.score,
    history: detail.history,
    corridors: detail.corridors.map((c) => ({ ...c, originName: name(c.origin), destinationName: name(c.destination) })),
    recruiterScores: Object.fromEntries(
      detail.recruiters.map((r) => [r.id, { band: r.riskBand, score: r.riskScore, certification: r.certification, licenceNumber: r.licenceNumber, country: name(r.country) }])
    ),
    openContests: detail.openContests,
    canEdit: detail.canEdit,
    audits: await companySupplierAudits(context.db, session, session.membership.orgId, s.id),
    canReport: can(session, "reports.issue", { orgId: session.membership.orgId }),
    watchlists: await entityWatchlistMatches(context.db, session, session.membership.orgId, { type: "supplier", id: s.id }),
    portal: await buyerPortalView(context.db, session, session.membership.orgId, s.id),
    answers: await answersSummary(context.db, session, s.id),
    thirdPartyAudit: await currentAuditForBuyer(context.db, session, s.id),
    merges: await mergeStatus(context.db, session, session.membership.orgId, s.id),
  };
});

/** The supplier portal's forms (issue 20): invite the supplier of this record, withdraw an invitation. */
export const action = /* @__PURE__ */ withDomainErrors(async ({ request, params, context }: ActionFunctionArgs) => {
  const session = requireUser(request, context);
  if (!session.membership) throw new NotFound();
  const orgId = session.membership.orgId;
  authorize(session, "suppliers.invite", { orgId });
  const supplierId = idParam(params.supplierId);
  // Another buyer's record answers 404 before the form is read, like a missing one.
  await requireBuyerRecord(context.db, session, orgId, supplierId);
  const t = serverT(context.locale, "suppliers");
  return runAction(
    request,
    SupplierInvitationSchema,
    async (input) => {
      if (input.intent === "invite-supplier") {
        const { token } = await inviteSupplier(context.db, session, orgId, supplierId, input, context.ip);
        // The link is shown once, here: only its hash is kept.
        return { ok: true as const, message: t("portal.done.invited", { email: input.email.toLowerCase() }), link: `${publicOrigin(request, context)}/supplier-invite/${token}` };
      }
      await revokeSupplierInvitation(context.db, session, orgId, supplierId, input.invitationId, context.ip);
      return { ok: true as const, message: t("portal.done.revoked"), link: null };
    },
    context.locale,
  );
});

export default function SupplierPage() {
  const { supplier, parent, score, history, corridors, recruiterScores, openContests, canEdit, audits, canReport, watchlists, portal, answers, thirdPartyAudit, merges } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const identifiers = Object.entries(supplier.identifiers);
  const { t } = useTranslation("suppliers");
  const formats = useFormat();
  return (
    <>
      <p className="breadcrumbs">
        <Link to="/suppliers">{t("list.title")}</Link> ›
      </p>
      <div className="page-header">
        <div>
          <h1 translate="no">{supplier.name}</h1>
          <p>
            {supplier.externalId}
            {supplier.countryName ? ` · ${supplier.countryName}` : ""}
            {supplier.sector ? ` · ${supplier.sector}` : ""}
          </p>
        </div>
        <div className="entity-header__risk">
          <BandBadge band={score?.band ?? null} score={score?.score ?? null} low={score?.scoreLow} high={score?.scoreHigh} confidence={score?.confidence} />
        </div>
      </div>
      <SupplierMerges merges={merges} />
      {/* The page's actions sit under its title: the page runs to thousands of pixels (issue 17). */}
      {canEdit || canReport ? (
        <div className="actions page-actions" role="group" aria-label={t("detail.actionsLabel")}>
          {canReport ? (
            <IssueReportForm type="supplier_profile" fields={{ supplierId: supplier.id }} label={t("detail.issueProfile")}>
              <PageSizeField id="profile-page-size" />
            </IssueReportForm>
          ) : null}
          {canEdit ? (
            <Link className="button button--secondary" to={`/suppliers/${supplier.id}/indicators`}>
              {t("detail.recordIndicators")}
            </Link>
          ) : null}
        </div>
      ) : null}

      {openContests > 0 ? (
        <div className="alert alert--warning" role="note">
          <Trans t={t} i18nKey="detail.openContests" count={openContests} values={{ n: formats.number(openContests) }} components={{ 1: <Link to="/contests" /> }} />
        </div>
      ) : null}

      <EntityOverview entity="supplier" score={score} history={history} watchlists={watchlists}>
        <dt>{t("detail.supplierId")}</dt>
        <dd>{supplier.externalId}</dd>
        {identifiers.map(([k, v]) => (
          <FactRow key={k} label={k.toUpperCase()} value={v} />
        ))}
        <dt>{t("detail.address")}</dt>
        <dd>{supplier.address ?? "—"}</dd>
        <dt>{t("columns.country")}</dt>
        <dd>{supplier.countryName ? `${supplier.countryName} (${supplier.country})` : "—"}</dd>
        <SupplyFacts sector={supplier.sector} products={supplier.products} tier={supplier.tier} />
        <dt>{t("detail.parent")}</dt>
        <dd>
          {parent ? (
            <>
              <Link to={`/suppliers/${parent.id}`}>{parent.name}</Link> <span className="muted">({parent.externalId})</span>
              {parent.mergedFrom ? <span className="muted"> {t("detail.parentMergedFrom", { name: parent.mergedFrom.name, externalId: parent.mergedFrom.externalId })}</span> : null}
            </>
          ) : supplier.parentExternalId ? (
            <>
              {supplier.parentExternalId} <span className="muted">{t("detail.parentNotOnPlatform")}</span>
            </>
          ) : (
            "—"
          )}
        </dd>
        <WorkforceFacts workersTotal={supplier.workersTotal} migrantShare={supplier.migrantShare} femaleShare={supplier.femaleShare} />
        <ProvenanceFacts createdAt={supplier.createdAt} updatedAt={supplier.updatedAt} lastImportId={supplier.lastImportId} />
      </EntityOverview>

      <BuyerPortal portal={portal} result={result} />
      <AnswersCard supplierId={supplier.id} summary={answers} />
      <ThirdPartyAuditCard supplierId={supplier.id} summary={thirdPartyAudit} />

      <section className="card" aria-labelledby="recruiters-heading">
        <h2 id="recruiters-heading">{t("detail.corridors.heading")}</h2>
        {corridors.length === 0 ? (
          <p>{t("detail.corridors.none")}</p>
        ) : (
          <>
            <p className="muted">{t("detail.corridors.intro")}</p>
            <TableWrap label={t("detail.corridors.heading")}>
              <table>
                <thead>
                  <tr>
                    <Th>{t("detail.corridors.corridor")}</Th>
                    <Th>{t("detail.corridors.recruiter")}</Th>
                    <Th>{t("columns.licence")}</Th>
                    <Th>{t("columns.fees")}</Th>
                    <Th>{t("columns.certification")}</Th>
                    <Th>{t("detail.corridors.recruiterRisk")}</Th>
                  </tr>
                </thead>
                <tbody>
                  {corridors.map((c) => {
                    const r = recruiterScores[c.recruiterId];
                    return (
                      <tr key={`${c.recruiterId}-${c.origin ?? ""}`}>
                        <td>
                          <CorridorArrow from={c.originName} to={c.destinationName} />
                        </td>
                        <td>
                          <Link to={`/recruiters/${c.recruiterId}`}>{c.recruiterName}</Link>
                          {r?.country ? <span className="cell-sub">{r.country}</span> : null}
                        </td>
                        <td>
                          <LicenceText status={c.licenceStatus} number={r?.licenceNumber ?? null} />
                        </td>
                        <td>
                          <FeesText charged={c.feesChargedToWorkers} amount={c.feeAmount} currency={c.feeCurrency} />
                        </td>
                        <td>{r?.certification ?? "—"}</td>
                        <td>
                          <BandBadge band={r?.band ?? null} score={r?.score ?? null} />
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </TableWrap>
          </>
        )}
      </section>

      <section className="card" aria-labelledby="audits-heading">
        <h2 id="audits-heading">{t("detail.audits.heading")}</h2>
        {audits.length === 0 ? (
          <p className="muted">{t("detail.audits.none")}</p>
        ) : (
          <TableWrap label={t("detail.audits.label")}>
            <table>
              <thead>
                <tr>
                  <Th>{t("detail.audits.when")}</Th>
                  <Th>{t("detail.audits.inspectorate")}</Th>
                  <Th>{t("detail.audits.type")}</Th>
                  <Th>{t("detail.audits.status")}</Th>
                  <Th num>{t("detail.audits.findings")}</Th>
                  <Th num>{t("detail.audits.openActions")}</Th>
                </tr>
              </thead>
              <tbody>
                {audits.map((a) => (
                  <tr key={a.id}>
                    <td>
                      <Link to={`/audits/${a.id}`}>{windowInZones(a.startsAt, a.endsAt, a.placeZone)}</Link>
                    </td>
                    <td>{a.inspectorateName}</td>
                    <td>
                      <AuditType type={a.type} />
                    </td>
                    <td>
                      <AuditStatus status={a.status} />
                    </td>
                    <td className="num">
                      {formats.number(a.findings)}
                      {a.critical ? <span className="cell-sub">{t("detail.audits.critical", { count: a.critical, n: formats.number(a.critical) })}</span> : null}
                    </td>
                    <td className="num">{a.openActions ? <Link to="/actions">{formats.number(a.openActions)}</Link> : formats.number(0)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </section>
    </>
  );
}

function FactRow({ label, value }: { label: string; value: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </>
  );
}
