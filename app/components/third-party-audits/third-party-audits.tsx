/**
 * Third-party audits (issue 20 item 5) as both sides read and record them: the list (scheme, body,
 * day, rating, validity, standing computed today, findings per indicator in words, the report) and
 * the record form. The supplier's page and the buyer's page show the same list and form; what
 * differs (provenance, the download address, the page's own words) comes in as props.
 */
import { Form, Link, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { THIRD_PARTY_SCHEMES } from "#db/schema";
import { Field, FieldError, FormError } from "~/components/field";
import { TableWrap, Th } from "~/components/table-wrap";
import { INDICATORS, indicatorLabelKey } from "~/domain/indicators";
import { FINDING_LEVELS } from "~/domain/third-party-audits/schemas";
import { useFormat } from "~/i18n/format";

export interface AuditListItem {
  id: number;
  scheme: (typeof THIRD_PARTY_SCHEMES)[number];
  body: string;
  auditedOn: string;
  validUntil: string;
  rating: string | null;
  findings: Record<string, string>;
  reportName: string | null;
  provenance: "supplier" | "buyer";
  standing: { expired: boolean; recent: boolean; critical: boolean; mitigates: boolean };
}

/** The standing in words, computed by auditStanding on the server against today. */
export function AuditStanding({ standing }: { standing: AuditListItem["standing"] }) {
  const { t } = useTranslation("suppliers");
  if (standing.expired) return <span className="badge badge--muted">{t("thirdPartyAudits.standing.expired")}</span>;
  return (
    <>
      <span className="badge badge--ok">{t("thirdPartyAudits.standing.current")}</span>
      <span className="cell-sub">{standing.mitigates ? t("thirdPartyAudits.standing.mitigates") : standing.critical ? t("thirdPartyAudits.standing.critical") : t("thirdPartyAudits.standing.old")}</span>
    </>
  );
}

function Findings({ findings }: { findings: Record<string, string> }) {
  const { t } = useTranslation(["suppliers", "indicators"]);
  const recorded = INDICATORS.filter((i) => findings[i.code]);
  // An audit that reported on no indicator says so: an empty cell must not read as "nothing found".
  if (recorded.length === 0) return <span className="muted">{t("thirdPartyAudits.list.noFindings")}</span>;
  return (
    <ul className="audit-findings">
      {recorded.map((i) => (
        <li key={i.code}>
          {t(indicatorLabelKey(i.code))}: <strong>{t(`thirdPartyAudits.levels.${findings[i.code] as (typeof FINDING_LEVELS)[number]}`)}</strong>
        </li>
      ))}
    </ul>
  );
}

export function AuditList({ audits, reportHref, showProvenance }: { audits: AuditListItem[]; reportHref: (id: number) => string; showProvenance: boolean }) {
  const { t } = useTranslation("suppliers");
  const f = useFormat();
  return (
    <TableWrap label={t("thirdPartyAudits.list.label")}>
      <table data-testid="third-party-audits">
        <thead>
          <tr>
            <Th>{t("thirdPartyAudits.list.audit")}</Th>
            <Th>{t("thirdPartyAudits.list.validUntil")}</Th>
            <Th>{t("thirdPartyAudits.list.standing")}</Th>
            <Th>{t("thirdPartyAudits.list.findings")}</Th>
            <Th>{t("thirdPartyAudits.list.report")}</Th>
          </tr>
        </thead>
        <tbody>
          {audits.map((a) => (
            <tr key={a.id} data-audit-id={a.id}>
              <td>
                <strong>{t(`thirdPartyAudits.schemes.${a.scheme}`)}</strong>
                <span className="cell-sub">{t("thirdPartyAudits.list.byOn", { body: a.body, date: f.date(a.auditedOn) })}</span>
                {a.rating ? <span className="cell-sub">{t("thirdPartyAudits.list.rating", { rating: a.rating })}</span> : null}
                {showProvenance ? <span className="cell-sub">{t(`thirdPartyAudits.provenance.${a.provenance}`)}</span> : null}
              </td>
              <td>{f.date(a.validUntil)}</td>
              <td>
                <AuditStanding standing={a.standing} />
              </td>
              <td>
                <Findings findings={a.findings} />
              </td>
              <td>{a.reportName ? <a href={reportHref(a.id)} download>{a.reportName}</a> : <span className="muted">{t("thirdPartyAudits.list.noReport")}</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

export interface AuditFormResult {
  ok: false;
  errors: Record<string, string>;
  values: Record<string, string>;
}

/** The record form; a refused answer's errors sit beside their fields and its values are kept (the report must be chosen again: a browser never refills a file input). */
export function AuditForm({ failed }: { failed: AuditFormResult | null }) {
  const { t } = useTranslation(["suppliers", "indicators"]);
  const busy = useNavigation().state === "submitting";
  const errors = failed?.errors ?? {};
  const values = failed?.values ?? {};
  const findingErrors = INDICATORS.filter((i) => errors[`finding.${i.code}`]);
  return (
    <Form method="post" encType="multipart/form-data" className="stack" noValidate data-testid="audit-form">
      <FormError message={errors.form} />
      <div className="field">
        <label htmlFor="field-scheme">{t("thirdPartyAudits.form.scheme")}</label>
        <select id="field-scheme" name="scheme" defaultValue={values.scheme ?? "smeta"} aria-invalid={errors.scheme ? true : undefined} aria-describedby={errors.scheme ? "field-scheme-error" : undefined}>
          {THIRD_PARTY_SCHEMES.map((s) => (
            <option key={s} value={s}>
              {t(`thirdPartyAudits.schemes.${s}`)}
            </option>
          ))}
        </select>
        <FieldError id="field-scheme" message={errors.scheme} />
      </div>
      <Field name="body" label={t("thirdPartyAudits.form.body")} hint={t("thirdPartyAudits.form.bodyHint")} type="text" maxLength={200} required defaultValue={values.body ?? ""} error={errors.body} />
      <div className="form-row">
        <Field name="auditedOn" label={t("thirdPartyAudits.form.auditedOn")} type="date" required defaultValue={values.auditedOn ?? ""} error={errors.auditedOn} />
        <Field name="validUntil" label={t("thirdPartyAudits.form.validUntil")} type="date" required defaultValue={values.validUntil ?? ""} error={errors.validUntil} />
      </div>
      <Field name="rating" label={t("thirdPartyAudits.form.rating")} hint={t("thirdPartyAudits.form.ratingHint")} type="text" maxLength={40} defaultValue={values.rating ?? ""} error={errors.rating} />
      <fieldset className="stack">
        <legend>{t("thirdPartyAudits.form.findings")}</legend>
        <p className="hint">{t("thirdPartyAudits.form.findingsHint")}</p>
        {findingErrors.length ? <FormError message={t("thirdPartyAudits.form.findingsInvalid")} /> : null}
        <div className="finding-grid">
          {INDICATORS.map((i) => {
            const name = `finding.${i.code}`;
            const id = `field-finding-${i.code}`;
            return (
              <div className="field" key={i.code}>
                <label htmlFor={id}>{t(indicatorLabelKey(i.code))}</label>
                <select id={id} name={name} defaultValue={values[name] ?? ""} aria-invalid={errors[name] ? true : undefined} aria-describedby={errors[name] ? `${id}-error` : undefined}>
                  <option value="">{t("thirdPartyAudits.form.notRecorded")}</option>
                  {FINDING_LEVELS.map((level) => (
                    <option key={level} value={level}>
                      {t(`thirdPartyAudits.levels.${level}`)}
                    </option>
                  ))}
                </select>
                <FieldError id={id} message={errors[name]} />
              </div>
            );
          })}
        </div>
      </fieldset>
      <Field name="report" type="file" accept="application/pdf,.pdf" label={t("thirdPartyAudits.form.report")} hint={failed ? t("thirdPartyAudits.form.reportAgain") : t("thirdPartyAudits.form.reportHint")} error={errors.report} />
      <div>
        <button className="button" type="submit" disabled={busy}>
          {t("thirdPartyAudits.form.submit")}
        </button>
      </div>
    </Form>
  );
}

/**
 * The one-line card on the buyer's supplier page: whether a current third-party audit exists, so a
 * buyer sees it before asking for another one. Companies do not commission audits in this
 * platform (only inspectorates schedule them, on workplaces shared with them, and third-party
 * audits are the buyers' alone), so the supplier page, where a buyer decides what to ask of a
 * supplier, is the place for this notice.
 */
export function ThirdPartyAuditCard({ supplierId, summary }: { supplierId: number; summary: { current: Pick<AuditListItem, "scheme" | "body" | "auditedOn" | "validUntil"> | null; total: number } }) {
  const { t } = useTranslation("suppliers");
  const f = useFormat();
  const { current, total } = summary;
  return (
    <section className="card" aria-labelledby="third-party-audit-heading" data-testid="audit-exists">
      <h2 id="third-party-audit-heading">{t("thirdPartyAudits.card.heading")}</h2>
      <p>
        {current
          ? t("thirdPartyAudits.card.current", { scheme: t(`thirdPartyAudits.schemes.${current.scheme}`), body: current.body, date: f.date(current.auditedOn), until: f.date(current.validUntil) })
          : total > 0
            ? t("thirdPartyAudits.card.expiredOnly", { count: total })
            : t("thirdPartyAudits.card.none")}
      </p>
      <p>
        <Link to={`/suppliers/${supplierId}/third-party-audits`}>{total > 0 ? t("thirdPartyAudits.card.open", { count: total }) : t("thirdPartyAudits.card.record")}</Link>
      </p>
    </section>
  );
}
