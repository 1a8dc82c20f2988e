import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guard.server";
import { authorize, can } from "~/auth/permissions.server";
import { AuditForm, AuditList } from "~/components/third-party-audits/third-party-audits";
import { NotFound } from "~/domain/errors";
import { ownRecord } from "~/domain/questionnaires/access.server";
import { auditsForBuyer } from "~/domain/third-party-audits/third-party-audits.server";
import { serverT } from "~/i18n/i18n.server";
import { idParam, withDomainErrors } from "~/lib/actions.server";
import { recordAuditFromForm } from "~/lib/third-party-audit-form.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "" }];

/**
 * The third-party audits a buyer may rely on for one record (issue 20 item 5): those the supplier
 * recorded for its site while it shares with this buyer, and the buyer's own, each with who
 * recorded it and whether it still counts today.
 */
export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, params, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  if (!session.membership) throw new NotFound();
  const record = await ownRecord(context.db, session, "suppliers.view", idParam(params.supplierId));
  const t = serverT(context.locale, "suppliers");
  return {
    pageTitle: `${t("thirdPartyAudits.title")} · ${record.name} · ${serverT(context.locale, "common")("site.name")}`,
    record: { id: record.id, name: record.name, linked: record.link !== null },
    audits: await auditsForBuyer(context.db, session, record.id),
    canRecord: can(session, "thirdPartyAudits.record", { orgId: record.orgId }),
  };
});

export const action = /* @__PURE__ */ withDomainErrors(async ({ request, params, context }: ActionFunctionArgs) => {
  const session = requireUser(request, context);
  if (!session.membership) throw new NotFound();
  // A record is a company's (a supplier is refused as for the page itself), and recording needs a writer.
  authorize(session, "suppliers.view", { orgId: session.membership.orgId });
  authorize(session, "thirdPartyAudits.record", { orgId: session.membership.orgId });
  // Another company's record answers 404 before the body (and its report) is read, like a missing one.
  const record = await ownRecord(context.db, session, "thirdPartyAudits.record", idParam(params.supplierId));
  return recordAuditFromForm(request, context, session, { supplierId: record.id });
});

export default function SupplierThirdPartyAudits() {
  const { record, audits, canRecord } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation("suppliers");
  const failed = result && !result.ok ? result : null;
  return (
    <>
      <p className="breadcrumbs">
        <Link to="/suppliers">{t("list.title")}</Link> ›{" "}
        <Link to={`/suppliers/${record.id}`} translate="no">
          {record.name}
        </Link>{" "}
        ›
      </p>
      <div className="page-header">
        <div>
          <h1>{t("thirdPartyAudits.title")}</h1>
          <p>{t("thirdPartyAudits.intro")}</p>
        </div>
      </div>
      {result?.ok ? (
        <div className="alert alert--success" role="status">
          {t("thirdPartyAudits.saved")}
        </div>
      ) : null}

      <section className="card" aria-labelledby="audits-heading">
        <h2 id="audits-heading">{t("thirdPartyAudits.listHeading")}</h2>
        {audits.length === 0 ? (
          // Missing data is not safety: say why the list may be empty.
          <p className="muted">{record.linked ? t("thirdPartyAudits.noneShared") : t("thirdPartyAudits.noneUnclaimed")}</p>
        ) : (
          <AuditList audits={audits} showProvenance reportHref={(id) => `/suppliers/${record.id}/third-party-audits/${id}/report`} />
        )}
      </section>

      {canRecord ? (
        <section className="card card--form" aria-labelledby="record-heading">
          <h2 id="record-heading">{t("thirdPartyAudits.recordHeading")}</h2>
          <p className="muted">{t("thirdPartyAudits.recordIntro")}</p>
          <AuditForm key={result?.ok ? `saved-${result.auditId}` : "form"} failed={failed} />
        </section>
      ) : null}
    </>
  );
}
