import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guard.server";
import { authorize, can } from "~/auth/permissions.server";
import { Field, FormError } from "~/components/field";
import { PageSizeField, ReportLanguageField } from "~/components/reports";
import { TableWrap, Th } from "~/components/table-wrap";
import { issueReportOffThread } from "~/domain/reports/issue-in-worker.server";
import { listOwnReports} from "~/domain/reports/reports.server";
import { IssueReportSchema } from "~/domain/reports/schemas";
import { reportLanguage } from "#reports/lib/words";
import { runAction, withDomainErrors } from "~/lib/actions.server";
import { serverT } from "~/i18n/i18n.server";
import { formatDateTime } from "~/lib/format";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  const m = session.membership;
  const reports = await listOwnReports(context.db, session);
  const year = new Date().getUTCFullYear();
  return {
    title: `${serverT(context.locale, "reports")("list.title")} · ${serverT(context.locale, "common")("site.name")}`,
    reports,
    orgType: m!.orgType,
    canIssue: can(session, "reports.issue", { orgId: m!.orgId }),
    defaults: { from: `${year}-01-01`, to: `${year}-12-31` },
  };
});

/** Issues any kind of report; the forms on this page, the supplier page and the audit page post here. */
export const action = /* @__PURE__ */ withDomainErrors(async ({ request, context }: ActionFunctionArgs) => {
  const session = requireUser(request, context);
  authorize(session, "reports.issue", { orgId: session.membership?.orgId ?? -1 });
  // A refusal, the rate limit's included (429 with Retry-After), comes back through the one mapping.
  return runAction(request, IssueReportSchema, async (input) => {
    // A report is written in the language chosen on the form, else in the reader's (issue 18).
    const params = { ...input.params, language: input.params.language ?? reportLanguage(context.locale) };
    const issued = await issueReportOffThread(context.db, session, { type: input.type, params, pageSize: input.pageSize }, { dir: context.uploads.dir, ip: context.ip, publicBaseUrl: context.publicBaseUrl });
    const query = new URLSearchParams({ [issued.existing ? "existing" : "issued"]: "1", ...(input.corrects ? { corrects: input.corrects } : {}) });
    throw redirect(`/reports/${issued.id}?${query}`);
  });
});

export default function Reports() {
  const { t } = useTranslation("reports");
  const { reports, orgType, canIssue, defaults } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result?.errors ?? {};
  const v = result?.values ?? {};
  const busy = useNavigation().state === "submitting";
  const periodType = orgType === "company" ? "company_due_diligence" : orgType === "regulator" ? "regulator_summary" : null;
  return (
    <>
      <div className="page-header">
        <div>
          <h1>{t("list.title")}</h1>
          <p>
            <Trans t={t} i18nKey="list.intro">
              Issued reports are stored with their SHA-256 and can be checked by anyone on the <Link to="/verify">verify page</Link>. The same data always gives the same file.
            </Trans>{" "}
            {orgType === "company" ? t("list.introCompany") : orgType === "inspectorate" ? t("list.introInspectorate") : ""}
          </p>
        </div>
      </div>
      {canIssue && periodType ? (
        <div className="card card--form">
          <h2>{periodType === "company_due_diligence" ? t("list.issueDueDiligence") : t("list.issueSummary")}</h2>
          <FormError message={errors.form} />
          <Form method="post" className="stack">
            <input type="hidden" name="type" value={periodType} />
            <div className="form-row">
              <Field name="from" label={t("list.from")} type="date" required defaultValue={v.from ?? defaults.from} error={errors.from} />
              <Field name="to" label={t("list.to")} type="date" required defaultValue={v.to ?? defaults.to} error={errors.to} />
            </div>
            <div className="form-row">
              <PageSizeField defaultValue={v.pageSize} />
              <ReportLanguageField defaultValue={v.language} error={errors.language} />
            </div>
            <button className="button" type="submit" disabled={busy}>
              {busy ? t("list.generating") : t("list.issue")}
            </button>
          </Form>
        </div>
      ) : null}
      <div className="card">
        <h2>{t("list.issued", { count: reports.length })}</h2>
        {reports.length === 0 ? (
          <p className="muted">{t("list.none")}</p>
        ) : (
          <TableWrap label={t("list.tableLabel")}>
            <table>
              <thead>
                <tr>
                  <Th>{t("list.col.report")}</Th>
                  <Th>{t("list.col.kind")}</Th>
                  <Th>{t("list.col.issued")}</Th>
                  <Th>{t("list.col.submitted")}</Th>
                </tr>
              </thead>
              <tbody>
                {reports.map((r) => (
                  <tr key={r.id}>
                    <td>
                      <Link to={`/reports/${r.id}`}>{r.title}</Link>
                      <span className="cell-sub mono">{r.id}</span>
                    </td>
                    <td>{t(`type.${r.type}`)}</td>
                    <td>
                      {formatDateTime(r.issuedAt)}
                      <span className="cell-sub">{r.issuedBy ?? ""}</span>
                    </td>
                    <td>
                      {r.submittedAt ? t("list.submittedTo", { regulator: r.submittedTo, at: formatDateTime(r.submittedAt) }) : "—"}
                      {r.supersededBy ? <span className="cell-sub">{t("list.supersededBy", { id: r.supersededBy })}</span> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </div>
    </>
  );
}
