/**
 * The company's filings (issue 21, decision 036): its filing profile, what each regime it files
 * under asks for which period and by when (computed from the profile and the records), and the
 * requests from authorities (EU, US) with their deadlines.
 */
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guard.server";
import { authorize, can } from "~/auth/permissions.server";
import { Field, FieldError, FormError } from "~/components/field";
import { TableWrap, Th } from "~/components/table-wrap";
import { FilingsPageSchema } from "~/domain/filings/filings.schemas";
import { createFiling, filingsOverview, openStatement, saveProfile } from "~/domain/filings/filings.server";
import { REGIMES, REGIME_CODES, TURNOVER_BANDS } from "~/domain/filings/regimes";
import { useFormat } from "~/i18n/format";
import { serverT } from "~/i18n/i18n.server";
import { runAction, withDomainErrors } from "~/lib/actions.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "" }];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  const overview = await filingsOverview(context.db, session);
  const orgId = session.membership!.orgId;
  return {
    pageTitle: `${serverT(context.locale, "filings")("title")} · ${serverT(context.locale, "common")("site.name")}`,
    ...overview,
    statements: overview.statements.map((s) => ({
      id: s.id,
      from: s.periodStart,
      to: s.periodEnd,
    })),
    requests: overview.requests.map((r) => ({
      id: r.id,
      regime: r.regime,
      authority: r.authority,
      reference: r.reference,
      receivedOn: r.receivedOn,
      dueOn: r.dueOn,
      product: r.product,
      statementId: r.statementId,
      reportId: r.reportId,
      state: r.state,
      overdue: r.overdue,
    })),
    canWrite: can(session, "filings.write", { orgId }),
    thisYear: new Date().getUTCFullYear(),
  };
});

export const action = /* @__PURE__ */ withDomainErrors(async ({ request, context }: ActionFunctionArgs) => {
  const session = requireUser(request, context);
  authorize(session, "filings.write", {
    orgId: session.membership?.orgId ?? -1,
  });
  return runAction(
    request,
    FilingsPageSchema,
    async (input) => {
      switch (input.intent) {
        case "profile":
          await saveProfile(context.db, session, input);
          throw redirect("/filings?saved=1");
        case "statement":
          throw redirect(`/filings/statements/${await openStatement(context.db, session, input.year)}`);
        case "filing": {
          const id = await createFiling(context.db, session, input.statementId, input);
          throw redirect(`/filings/statements/${input.statementId}?filing=${id}#filings`);
        }
      }
    },
    context.locale
  );
});

export default function Filings() {
  const { t } = useTranslation("filings");
  const f = useFormat();
  const { company, profile, due, requests, statements, canWrite, thisYear } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failed = result && !result.ok ? result : null;
  const errors: Record<string, string> = failed?.errors ?? {};
  const v: Record<string, string> = failed?.values ?? {};
  const chosen = new Set(failed?.intent === "profile" ? failed.lists?.regimes ?? [] : profile?.regimes ?? []);
  const requestRegimes = REGIME_CODES.filter((c) => REGIMES[c].kind === "request");
  return (
    <>
      <div className="page-header">
        <div>
          <h1>{t("title")}</h1>
          <p>{t("intro", { company })}</p>
        </div>
      </div>

      <section className="card" aria-labelledby="due-heading">
        <h2 id="due-heading">{t("due.heading")}</h2>
        {!profile ? (
          <p>{t("due.noProfile")}</p>
        ) : due.length === 0 ? (
          <p>{t("due.none")}</p>
        ) : (
          <TableWrap label={t("due.heading")}>
            <table>
              <thead>
                <tr>
                  <Th>{t("col.regime")}</Th>
                  <Th>{t("col.period")}</Th>
                  <Th>{t("col.due")}</Th>
                  <Th>{t("col.state")}</Th>
                  <Th>{t("col.open")}</Th>
                </tr>
              </thead>
              <tbody>
                {due.map((d) => (
                  <tr key={`${d.regime}-${d.period.to}`}>
                    <td>{t(`regime.${d.regime}`)}</td>
                    <td>
                      {t("period", {
                        from: f.date(d.period.from),
                        to: f.date(d.period.to),
                      })}
                    </td>
                    <td>
                      {f.date(d.dueOn)} {d.overdue ? <strong className="badge badge--danger">{t("overdue")}</strong> : null}
                    </td>
                    <td>{t(`state.${d.state}`)}</td>
                    <td>
                      {d.reportId ? (
                        <Link to={`/reports/${d.reportId}`}>{d.reportId}</Link>
                      ) : d.statementId ? (
                        <Link to={`/filings/statements/${d.statementId}`}>{t("openStatement")}</Link>
                      ) : canWrite ? (
                        <Form method="post">
                          <input type="hidden" name="intent" value="statement" />
                          <input type="hidden" name="year" value={d.period.to.slice(0, 4)} />
                          <button type="submit" className="button button--secondary">
                            {t("startStatement")}
                          </button>
                        </Form>
                      ) : (
                        t("state.not_started")
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </section>

      <section className="card" aria-labelledby="requests-heading">
        <h2 id="requests-heading">{t("requests.heading")}</h2>
        <p className="muted">{t("requests.intro")}</p>
        {requests.length === 0 ? (
          <p>{t("requests.none")}</p>
        ) : (
          <TableWrap label={t("requests.heading")}>
            <table>
              <thead>
                <tr>
                  <Th>{t("col.regime")}</Th>
                  <Th>{t("col.authority")}</Th>
                  <Th>{t("col.product")}</Th>
                  <Th>{t("col.due")}</Th>
                  <Th>{t("col.state")}</Th>
                  <Th>{t("col.open")}</Th>
                </tr>
              </thead>
              <tbody>
                {requests.map((r) => (
                  <tr key={r.id}>
                    <td>{t(`regime.${r.regime}` as "regime.eu_flr")}</td>
                    <td>
                      {r.authority}
                      {r.reference ? ` (${r.reference})` : ""}
                    </td>
                    <td>{r.product}</td>
                    <td>
                      {f.date(r.dueOn)} {r.overdue ? <strong className="badge badge--danger">{t("overdue")}</strong> : null}
                    </td>
                    <td>{t(`state.${r.state}`)}</td>
                    <td>{r.reportId ? <Link to={`/reports/${r.reportId}`}>{r.reportId}</Link> : <Link to={`/filings/statements/${r.statementId}#filings`}>{t("openStatement")}</Link>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
        {canWrite && statements.length > 0 ? (
          <details open={failed?.intent === "filing"}>
            <summary>{t("requests.add")}</summary>
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value="filing" />
              <FormError message={failed?.intent === "filing" ? errors.form : undefined} />
              <div className="field">
                <label htmlFor="request-regime">{t("col.regime")}</label>
                <select id="request-regime" name="regime" defaultValue={v.regime ?? "eu_flr"}>
                  {requestRegimes.map((c) => (
                    <option key={c} value={c}>
                      {t(`regime.${c}`)}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor="request-statement">{t("requests.statement")}</label>
                <select id="request-statement" name="statementId" defaultValue={v.statementId ?? String(statements[0]!.id)}>
                  {statements.map((s) => (
                    <option key={s.id} value={s.id}>
                      {t("period", { from: f.date(s.from), to: f.date(s.to) })}
                    </option>
                  ))}
                </select>
              </div>
              <Field name="authority" label={t("field.authority")} defaultValue={v.authority} error={errors.authority} required />
              <Field name="reference" label={t("field.reference")} defaultValue={v.reference} error={errors.reference} />
              <Field name="receivedOn" type="date" label={t("field.receivedOn")} defaultValue={v.receivedOn} error={errors.receivedOn} required />
              <Field name="dueOn" type="date" label={t("field.dueOn")} defaultValue={v.dueOn} error={errors.dueOn} required />
              <Field name="product" label={t("field.product")} hint={t("field.productHint")} defaultValue={v.product} error={errors.product} required />
              <Field name="rawMaterial" label={t("field.rawMaterial")} defaultValue={v.rawMaterial} error={errors.rawMaterial} />
              <button type="submit" className="button">
                {t("requests.save")}
              </button>
            </Form>
          </details>
        ) : canWrite ? (
          <p className="muted">{t("requests.needStatement")}</p>
        ) : null}
      </section>

      <section className="card" aria-labelledby="profile-heading">
        <h2 id="profile-heading">{t("profile.heading")}</h2>
        <p className="muted">{t("profile.intro")}</p>
        {canWrite ? (
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="profile" />
            <FormError message={failed?.intent === "profile" ? errors.form : undefined} />
            <Field
              name="financialYearEnd"
              label={t("field.financialYearEnd")}
              hint={t("field.financialYearEndHint")}
              placeholder="12-31"
              defaultValue={v.financialYearEnd ?? profile?.financialYearEnd ?? ""}
              error={errors.financialYearEnd}
              required
            />
            <div className="field">
              <label htmlFor="turnoverBand">{t("field.turnoverBand")}</label>
              <select
                id="turnoverBand"
                name="turnoverBand"
                defaultValue={v.turnoverBand ?? profile?.turnoverBand ?? ""}
                aria-invalid={errors.turnoverBand ? true : undefined}
                aria-describedby={errors.turnoverBand ? "turnoverBand-error" : undefined}
              >
                <option value="">{t("field.notStated")}</option>
                {TURNOVER_BANDS.map((b) => (
                  <option key={b} value={b}>
                    {t(`turnover.${b}`)}
                  </option>
                ))}
              </select>
              <FieldError id="turnoverBand" message={errors.turnoverBand} />
            </div>
            <Field
              name="sectors"
              label={t("field.sectors")}
              hint={t("field.sectorsHint")}
              defaultValue={v.sectors ?? (profile?.sectors as string[] | undefined)?.join(", ") ?? ""}
              error={errors.sectors}
            />
            <fieldset aria-describedby={errors.regimes ? "regimes-error" : undefined}>
              <legend>{t("field.regimes")}</legend>
              {REGIME_CODES.map((c) => (
                <label key={c} className="checkbox">
                  <input type="checkbox" name="regimes" value={c} defaultChecked={chosen.has(c)} /> {t(`regime.${c}`)} <span className="muted">({REGIMES[c].legalBasis})</span>
                </label>
              ))}
              <FieldError id="regimes" message={errors.regimes} />
            </fieldset>
            <label className="checkbox">
              <input type="checkbox" name="groupStatement" value="yes" defaultChecked={v.groupStatement ? v.groupStatement === "yes" : Boolean(profile?.groupStatement)} /> {t("field.groupStatement")}
            </label>
            <button type="submit" className="button">
              {t("profile.save")}
            </button>
          </Form>
        ) : profile ? (
          <p>{t("profile.readOnly", { yearEnd: profile.financialYearEnd })}</p>
        ) : (
          <p>{t("due.noProfile")}</p>
        )}
        {profile && canWrite ? <h3 id="open-year-heading">{t("openYearHeading")}</h3> : null}
        {profile && canWrite ? (
          <Form method="post" className="form-row" aria-labelledby="open-year-heading">
            <input type="hidden" name="intent" value="statement" />
            <Field name="year" type="number" label={t("field.year")} defaultValue={v.year ?? String(thisYear - 1)} error={errors.year} min={2015} max={thisYear + 1} />
            <button type="submit" className="button button--secondary">
              {t("openYear")}
            </button>
          </Form>
        ) : null}
      </section>
    </>
  );
}
