/**
 * The worker's report form and its receipt (issue 19), shared by /g/<token> and /report. Works with
 * JavaScript off (a plain multipart POST; these routes ship no scripts): every choice is a native
 * control, errors come back beside their field with the input kept.
 */
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GRIEVANCE_CATEGORIES } from "~/domain/grievances/categories";
import { useFormat } from "~/i18n/format";
import { FieldError, FormError } from "~/components/field";

type Party = "union" | "inspectorate" | "company";

export interface IntakePageData {
  workplace: { name: string | null; postedBy: string; country: string | null; small: boolean } | null;
  parties: { party: Party; names: string[] }[];
  formTime: string;
  countries: string[];
}

export interface IntakeAnswer {
  ok: boolean;
  errors?: Record<string, string>;
  values?: Record<string, string>;
  lists?: Record<string, string[]>;
  receipt?: { caseCode: string; secret: string; reached: { party: Party; name: string }[] };
}

export function Receipt({ receipt }: { receipt: NonNullable<IntakeAnswer["receipt"]> }) {
  const { t } = useTranslation("public");
  return (
    <section className="worker-page" aria-labelledby="receipt-title">
      <h1 id="receipt-title">{t("report.receipt.title")}</h1>
      <div className="alert alert--warning">
        <p>{t("report.receipt.keep")}</p>
      </div>
      <dl className="worker-keys">
        <dt>{t("report.receipt.code")}</dt>
        <dd className="worker-key" dir="ltr">
          {receipt.caseCode}
        </dd>
        <dt>{t("report.receipt.secret")}</dt>
        <dd className="worker-key" dir="ltr">
          {receipt.secret}
        </dd>
      </dl>
      <h2>{t("report.receipt.reachedHeading")}</h2>
      <ul>
        {receipt.reached.map((r) => (
          <li key={`${r.party}-${r.name}`}>{t(`report.party.${r.party}`, { name: r.name })}</li>
        ))}
      </ul>
      <p>{t("report.receipt.next")}</p>
      <p>
        <Link className="button" to="/case">
          {t("report.receipt.open")}
        </Link>
      </p>
    </section>
  );
}

export function IntakeForm({ page, answer, general, country }: { page: IntakePageData; answer: IntakeAnswer | undefined; general: boolean; country: string | null }) {
  const { t } = useTranslation("public");
  const f = useFormat();
  const errors = answer?.errors ?? {};
  const values = answer?.values ?? {};
  const lists = answer?.lists ?? {};
  const sent = answer !== undefined;
  const chosen = (field: string, value: string, byDefault: boolean) => (sent ? (lists[field] ?? []).includes(value) : byDefault);
  const available = page.parties.filter((p) => p.names.length > 0);
  const company = available.some((p) => p.party === "company");
  const missing = page.parties.filter((p) => p.names.length === 0 && !(general && p.party === "company"));

  if (general && !country) {
    return (
      <section className="worker-page">
        <h1>{t("report.title")}</h1>
        <p>{t("report.generalIntro")}</p>
        <Form method="get" className="stack">
          <div className="field">
            <label htmlFor="field-country">{t("report.country")}</label>
            <select id="field-country" name="country" required>
              {page.countries.map((c) => (
                <option key={c} value={c}>
                  {f.country(c)}
                </option>
              ))}
            </select>
          </div>
          <button className="button" type="submit">
            {t("report.next")}
          </button>
        </Form>
        <p>
          <Link to="/case">{t("report.alreadyReported")}</Link>
        </p>
      </section>
    );
  }

  return (
    <section className="worker-page">
      <h1>{t("report.title")}</h1>
      {page.workplace ? (
        <p>{t("report.about", { workplace: page.workplace.name ?? f.country(page.workplace.country ?? ""), org: page.workplace.postedBy })}</p>
      ) : (
        <p>{t("report.aboutCountry", { country: f.country(country ?? "") })}</p>
      )}
      <p>{t("report.anonymous")}</p>
      <FormError message={errors.form} />
      <Form method="post" encType="multipart/form-data" className="stack" noValidate>
        <fieldset className="field">
          <legend>{t("report.categoriesLegend")}</legend>
          {GRIEVANCE_CATEGORIES.map((c) => (
            <label key={c} className="checkbox">
              <input type="checkbox" name="categories" value={c} defaultChecked={chosen("categories", c, false)} aria-describedby={errors.categories ? "field-categories-error" : undefined} />
              {t(`report.category.${c}`)}
            </label>
          ))}
          <FieldError id="field-categories" message={errors.categories} />
        </fieldset>
        {general ? <input type="hidden" name="country" value={country ?? ""} /> : null}
        <div className="field">
          <label htmlFor="field-workplaceText">{general ? t("report.whereGeneral") : t("report.where")}</label>
          <input id="field-workplaceText" name="workplaceText" maxLength={300} defaultValue={values.workplaceText} aria-invalid={errors.workplaceText ? true : undefined} aria-describedby={errors.workplaceText ? "field-workplaceText-error" : undefined} />
          <FieldError id="field-workplaceText" message={errors.workplaceText ?? errors.country} />
        </div>
        <div className="field">
          <label htmlFor="field-since">{t("report.since")}</label>
          <span className="hint" id="field-since-hint">
            {t("report.sinceHint")}
          </span>
          <input id="field-since" name="since" type="month" placeholder="2026-01" defaultValue={values.since} aria-describedby={errors.since ? "field-since-hint field-since-error" : "field-since-hint"} aria-invalid={errors.since ? true : undefined} />
          <FieldError id="field-since" message={errors.since} />
        </div>
        <div className="field">
          <label htmlFor="field-peopleCount">{t("report.peopleCount")}</label>
          <input id="field-peopleCount" name="peopleCount" type="number" inputMode="numeric" min={1} max={100000} defaultValue={values.peopleCount} aria-invalid={errors.peopleCount ? true : undefined} aria-describedby={errors.peopleCount ? "field-peopleCount-error" : undefined} />
          <FieldError id="field-peopleCount" message={errors.peopleCount} />
        </div>
        <div className="field">
          <label htmlFor="field-description">{t("report.description")}</label>
          <textarea id="field-description" name="description" rows={5} maxLength={5000} defaultValue={values.description} aria-invalid={errors.description ? true : undefined} aria-describedby={errors.description ? "field-description-error" : undefined} />
          <FieldError id="field-description" message={errors.description} />
        </div>
        <div className="field">
          <label htmlFor="field-files">{t("report.files")}</label>
          <span className="hint" id="field-files-hint">
            {t("report.filesHint", { max: 3 })}
          </span>
          <input id="field-files" name="files" type="file" multiple accept="image/jpeg,image/png,application/pdf" aria-describedby="field-files-hint" />
          <FieldError id="field-files" message={errors.files} />
        </div>
        <fieldset className="field">
          <legend>{t("report.whoLegend")}</legend>
          {available.map((p) => (
            <label key={p.party} className="checkbox">
              <input type="checkbox" name="consent" value={p.party} defaultChecked={chosen("consent", p.party, p.party === "union")} />
              {t(`report.party.${p.party}`, { name: f.list(p.names) })}
            </label>
          ))}
          {missing.map((p) => (
            <p key={p.party} className="hint">
              {t(`report.noParty.${p.party}`)}
            </p>
          ))}
          <FieldError id="field-consent" message={errors.consent} />
        </fieldset>
        {company ? (
          <>
            <label className="checkbox">
              <input type="checkbox" name="textToCompany" value="yes" defaultChecked={chosen("textToCompany", "yes", false)} />
              {t("report.textToCompany")}
            </label>
            <ul className="worker-rules">
              <li>{t("report.rules.companyNever")}</li>
              <li>{t("report.rules.companyWords")}</li>
              {page.workplace?.small ? <li>{t("report.rules.small")}</li> : null}
            </ul>
          </>
        ) : null}
        <div className="field">
          <label htmlFor="field-contact">{t("report.contact")}</label>
          <span className="hint" id="field-contact-hint">
            {t("report.contactHint")}
          </span>
          <input id="field-contact" name="contact" maxLength={200} autoComplete="off" defaultValue={values.contact} aria-describedby={errors.contact ? "field-contact-hint field-contact-error" : "field-contact-hint"} aria-invalid={errors.contact ? true : undefined} />
          <FieldError id="field-contact" message={errors.contact} />
        </div>
        {/* The honeypot: people never see it; robots that fill every field do. */}
        <div className="visually-hidden">
          <label htmlFor="field-website">{t("report.honeypot")}</label>
          <input id="field-website" name="website" tabIndex={-1} autoComplete="off" defaultValue="" />
        </div>
        <input type="hidden" name="formTime" value={page.formTime} />
        {available.length > 0 ? (
          <button className="button" type="submit">
            {t("report.send")}
          </button>
        ) : (
          <div className="alert alert--warning">{t("report.nobody")}</div>
        )}
      </Form>
      <p>
        <Link to="/case">{t("report.alreadyReported")}</Link>
      </p>
    </section>
  );
}
