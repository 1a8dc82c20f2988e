/**
 * One statement (issue 21, decision 036): its sections written once for every regime, each save a
 * version; the platform's figures, live, to insert by name; the approval over exactly the versions
 * shown; and the filings issued from it, one per regime, each a signed report.
 */
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guard.server";
import { can } from "~/auth/permissions.server";
import { Field, FieldError, FormError } from "~/components/field";
import { PageSizeField } from "~/components/reports";
import { TableWrap, Th } from "~/components/table-wrap";
import { StatementPageSchema } from "~/domain/filings/filings.schemas";
import { approveStatement, createFiling, defaultFilingLanguage, figuresIn, filingProfile, ownFiling, requireStatement, saveSection, statementView } from "~/domain/filings/filings.server";
import { APPROVER_ROLES, REGIMES, REGIME_CODES, SECTION_CODES, type RegimeCode } from "~/domain/filings/regimes";
import { NotFound } from "~/domain/errors";
import { issueReportOffThread } from "~/domain/reports/issue-in-worker.server";
import { LANGUAGES } from "~/i18n/languages";
import { useFormat } from "~/i18n/format";
import { serverT } from "~/i18n/i18n.server";
import { idParam, runAction, withDomainErrors } from "~/lib/actions.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "" }];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, params, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  const view = await statementView(context.db, session, idParam(params.statementId));
  const profile = await filingProfile(context.db, session);
  const orgId = session.membership!.orgId;
  const regimes = REGIME_CODES.filter((c) => REGIMES[c].kind === "statement" && (profile?.regimes as string[] | undefined)?.includes(c));
  return {
    pageTitle: `${serverT(context.locale, "filings")("statement.title", {
      from: view.statement.period.from,
      to: view.statement.period.to,
    })} · ${serverT(context.locale, "common")("site.name")}`,
    statement: view.statement,
    sections: SECTION_CODES.map((code) => {
      const s = view.sections.get(code);
      return {
        code,
        version: s?.version ?? 0,
        body: s?.body ?? "",
        writtenAt: s?.writtenAt ?? null,
        writtenBy: s?.writtenBy ?? null,
        usedBy: REGIME_CODES.filter((r) => REGIMES[r].parts.some((p) => p.sections.includes(code))),
      };
    }),
    approval: view.approval,
    versions: view.versions,
    figures: figuresIn(view.figures, context.locale),
    figuresAsOf: view.figuresAsOf,
    // The statement regimes of the profile, and the requests answered from this statement.
    filings: [
      ...regimes.map((regime) => {
        const filing = view.filings.find((f) => f.regime === regime) ?? null;
        return {
          regime,
          filingId: filing?.id ?? null,
          reportId: filing?.reportId ?? null,
          label: null as string | null,
          language: defaultFilingLanguage(regime, context.locale),
        };
      }),
      ...view.filings
        .filter((f) => REGIMES[f.regime as RegimeCode]?.kind === "request")
        .map((f) => ({
          regime: f.regime as RegimeCode,
          filingId: f.id,
          reportId: f.reportId,
          label: `${f.authority ?? ""}${f.reference ? ` (${f.reference})` : ""} · ${f.product ?? ""}`,
          language: defaultFilingLanguage(f.regime as RegimeCode, context.locale),
        })),
    ],
    canWrite: can(session, "filings.write", { orgId }),
    canApprove: can(session, "filings.approve", { orgId }),
    canIssue: can(session, "reports.issue", { orgId }),
  };
});

export const action = /* @__PURE__ */ withDomainErrors(async ({ request, params, context }: ActionFunctionArgs) => {
  const session = requireUser(request, context);
  const statementId = idParam(params.statementId);
  // Before the form is read: who may write, and whether the statement is theirs (a foreign id answers like a missing one).
  await requireStatement(context.db, session, statementId, "filings.write");
  return runAction(
    request,
    StatementPageSchema,
    async (input) => {
      switch (input.intent) {
        case "section": {
          await saveSection(context.db, session, statementId, input);
          throw redirect(`/filings/statements/${statementId}?saved=${input.section}#section-${input.section}`);
        }
        case "approve":
          await approveStatement(context.db, session, statementId, input);
          throw redirect(`/filings/statements/${statementId}?approved=1`);
        case "issue": {
          let filingId = input.filingId;
          if (filingId !== null) {
            // A filing of another statement (or organisation) posted here answers like a missing one.
            if ((await ownFiling(context.db, session, filingId)).statementId !== statementId) throw new NotFound();
          } else
            filingId = await createFiling(context.db, session, statementId, {
              intent: "filing",
              regime: input.regime,
              authority: "",
              reference: "",
              receivedOn: "",
              dueOn: "",
              product: "",
              rawMaterial: "",
            });
          const language = LANGUAGES.some((l) => l.kind === "interface" && l.code === input.language) ? input.language : defaultFilingLanguage(input.regime, context.locale);
          const issued = await issueReportOffThread(
            context.db,
            session,
            {
              type: "filing",
              params: { filingId, language },
              pageSize: input.pageSize,
            },
            {
              dir: context.uploads.dir,
              ip: context.ip,
              publicBaseUrl: context.publicBaseUrl,
            }
          );
          throw redirect(`/reports/${issued.id}?${issued.existing ? "existing" : "issued"}=1`);
        }
      }
    },
    context.locale
  );
});

export default function Statement() {
  const { t } = useTranslation("filings");
  const f = useFormat();
  const { statement, sections, approval, versions, figures, figuresAsOf, filings, canWrite, canApprove, canIssue } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failed = result && !result.ok ? result : null;
  const errors: Record<string, string> = failed?.errors ?? {};
  const v: Record<string, string> = failed?.values ?? {};
  const busy = useNavigation().state === "submitting";
  const interfaceLanguages = LANGUAGES.filter((l) => l.kind === "interface");
  const approvedNow = approval !== null && approval.changedSince.length === 0;
  return (
    <>
      <p className="breadcrumb">
        <Link to="/filings">{t("title")}</Link> ›
      </p>
      <div className="page-header">
        <div>
          <h1>
            {t("statement.title", {
              from: f.date(statement.period.from),
              to: f.date(statement.period.to),
            })}
          </h1>
          <p>{t("statement.intro")}</p>
        </div>
      </div>

      <section className="card" aria-labelledby="approval-heading">
        <h2 id="approval-heading">{t("approval.heading")}</h2>
        {!approval ? (
          <p>{t("approval.none")}</p>
        ) : approvedNow ? (
          <p>
            {t("approval.current", {
              name: approval.name,
              role: t(`role.${approval.role}` as "role.board"),
              day: f.date(approval.approvedOn),
            })}
          </p>
        ) : (
          <p className="error">
            {t("approval.stale", {
              name: approval.name,
              day: f.date(approval.approvedOn),
              sections: f.list(approval.changedSince.map((c) => t(`section.${c}.name`))),
            })}
          </p>
        )}
        {canApprove && !approvedNow ? (
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="approve" />
            <input type="hidden" name="versions" value={versions} />
            <p className="muted">{t("approval.what")}</p>
            <FormError message={failed?.intent === "approve" ? errors.versions ?? errors.form : undefined} />
            <Field name="approverName" label={t("field.approverName")} defaultValue={v.approverName} error={errors.approverName} required />
            <div className="field">
              <label htmlFor="approverRole">{t("field.approverRole")}</label>
              <select id="approverRole" name="approverRole" defaultValue={v.approverRole ?? "board"}>
                {APPROVER_ROLES.map((r) => (
                  <option key={r} value={r}>
                    {t(`role.${r}`)}
                  </option>
                ))}
              </select>
              <FieldError id="approverRole" message={errors.approverRole} />
            </div>
            <Field name="approvedOn" type="date" label={t("field.approvedOn")} defaultValue={v.approvedOn} error={errors.approvedOn} required />
            <button type="submit" className="button" disabled={busy}>
              {t("approval.record")}
            </button>
          </Form>
        ) : !canApprove && !approvedNow ? (
          <p className="muted">{t("approval.adminOnly")}</p>
        ) : null}
      </section>

      <section className="card" aria-labelledby="figures-heading">
        <h2 id="figures-heading">{t("figures.heading")}</h2>
        <p className="muted">{t("figures.intro", { at: f.dateTime(figuresAsOf) })}</p>
        <TableWrap label={t("figures.heading")}>
          <table>
            <thead>
              <tr>
                <Th>{t("figures.name")}</Th>
                <Th>{t("figures.value")}</Th>
                <Th>{t("figures.token")}</Th>
              </tr>
            </thead>
            <tbody>
              {figures.map((x) => (
                <tr key={x.code}>
                  <td>{t(`figure.${x.code}`)}</td>
                  <td>{x.value}</td>
                  <td>
                    <code>{`{{${x.code}}}`}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      </section>

      <section className="card" aria-labelledby="sections-heading">
        <h2 id="sections-heading">{t("sections.heading")}</h2>
        {sections.map((s) => {
          const mine = failed?.intent === "section" && v.section === s.code;
          return (
            <Form method="post" key={s.code} id={`section-${s.code}`} className="stack">
              <h3>{t(`section.${s.code}.name`)}</h3>
              <p className="muted">
                {t(`section.${s.code}.hint`)}{" "}
                {t("sections.usedBy", {
                  regimes: f.list(s.usedBy.map((r) => t(`regimeShort.${r}`))),
                })}
              </p>
              <p className="muted">
                {s.version
                  ? t("sections.version", {
                      version: s.version,
                      who: s.writtenBy ?? "—",
                      at: f.dateTime(s.writtenAt),
                    })
                  : t("sections.notWritten")}
              </p>
              <input type="hidden" name="intent" value="section" />
              <input type="hidden" name="section" value={s.code} />
              <input type="hidden" name="baseVersion" value={s.version} />
              <FormError message={mine ? errors.form : undefined} />
              <div className="field">
                <label htmlFor={`body-${s.code}`}>{t("sections.text")}</label>
                <textarea
                  id={`body-${s.code}`}
                  name="body"
                  rows={6}
                  defaultValue={mine ? v.body : s.body}
                  readOnly={!canWrite}
                  aria-invalid={mine && errors.body ? true : undefined}
                  aria-describedby={mine && errors.body ? `body-${s.code}-error` : undefined}
                />
                <FieldError id={`body-${s.code}`} message={mine ? errors.body : undefined} />
              </div>
              {canWrite ? (
                <button type="submit" className="button button--secondary" disabled={busy}>
                  {t("sections.save")}
                </button>
              ) : null}
            </Form>
          );
        })}
      </section>

      <section className="card" aria-labelledby="filings">
        <h2 id="filings">{t("issue.heading")}</h2>
        <p className="muted">{approvedNow ? t("issue.intro") : t("issue.needsApproval")}</p>
        <FormError message={failed?.intent === "issue" ? errors.filingId ?? errors.regime ?? errors.form : undefined} />
        {filings.length === 0 ? <p>{t("issue.none")}</p> : null}
        {filings.map((x) => (
          <div key={`${x.regime}-${x.filingId ?? "new"}`} className="stack">
            <h3>{t(`regime.${x.regime}`)}</h3>
            {x.label || x.reportId || (x.filingId && approvedNow && (x.regime === "uk_msa" || x.regime === "ca_s211")) ? (
            <p>
              {x.label ? <span>{x.label}</span> : null}
              {x.reportId ? (
                <span>
                  {" "}
                  · <Link to={`/reports/${x.reportId}`}>{x.reportId}</Link>
                </span>
              ) : null}
              {x.filingId && approvedNow && (x.regime === "uk_msa" || x.regime === "ca_s211") ? (
                <span>
                  {" "}
                  · <a href={`/filings/${x.filingId}/${x.regime === "uk_msa" ? "uk-registry" : "s211-questionnaire"}.csv`}>{t(x.regime === "uk_msa" ? "issue.exportUk" : "issue.exportCa")}</a>
                </span>
              ) : null}
            </p>
            ) : null}
            <Form method="post" className="form-row">
              <input type="hidden" name="intent" value="issue" />
              <input type="hidden" name="regime" value={x.regime} />
              <input type="hidden" name="filingId" value={x.filingId ?? ""} />
              <div className="field">
                <label htmlFor={`language-${x.regime}-${x.filingId ?? "new"}`}>{t("issue.language")}</label>
                <select id={`language-${x.regime}-${x.filingId ?? "new"}`} name="language" defaultValue={x.language}>
                  {interfaceLanguages.map((l) => (
                    <option key={l.code} value={l.code} lang={l.code}>
                      {l.name}
                    </option>
                  ))}
                </select>
              </div>
              <PageSizeField id={`pageSize-${x.regime}-${x.filingId ?? "new"}`} />
              {canIssue ? (
                <button type="submit" className="button" disabled={busy || !approvedNow}>
                  {t("issue.button")}
                </button>
              ) : null}
            </Form>
          </div>
        ))}
      </section>
    </>
  );
}
