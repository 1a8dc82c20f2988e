/** Pieces shared by the report pages and the forms that issue reports from other pages. */
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { FieldError } from "~/components/field";
import { LANGUAGES } from "~/i18n/languages";

export function PageSizeField({ defaultValue = "A4", id = "pageSize" }: { defaultValue?: string; id?: string }) {
  const { t } = useTranslation("reports");
  return (
    <div className="field">
      <label htmlFor={id}>{t("form.paper")}</label>
      <select id={id} name="pageSize" defaultValue={defaultValue}>
        <option value="A4">{t("form.a4")}</option>
        <option value="LETTER">{t("form.letter")}</option>
      </select>
    </div>
  );
}

/** The language a report is written in: the interface languages, each named in itself; the reader's by default. */
export function ReportLanguageField({ defaultValue, id = "language", error }: { defaultValue?: string; id?: string; error?: string }) {
  const { t, i18n } = useTranslation("reports");
  const interfaceLanguages = LANGUAGES.filter((l) => l.kind === "interface");
  const fallback = interfaceLanguages.some((l) => l.code === i18n.language) ? i18n.language : "en";
  return (
    <div className="field">
      <label htmlFor={id}>{t("language.label")}</label>
      <select id={id} name="language" defaultValue={defaultValue ?? fallback} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined}>
        {interfaceLanguages.map((l) => (
          <option key={l.code} value={l.code} lang={l.code}>
            {l.name}
          </option>
        ))}
      </select>
      <FieldError id={id} message={error} />
    </div>
  );
}

/** A small form that issues a report about one thing (a supplier, an audit) and opens it. */
export function IssueReportForm({ type, fields, label, children }: { type: string; fields: Record<string, string | number>; label: string; children?: ReactNode }) {
  return (
    <Form method="post" action="/reports" className="inline-form">
      <input type="hidden" name="type" value={type} />
      {Object.entries(fields).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      {children}
      <button className="button button--secondary" type="submit">
        {label}
      </button>
    </Form>
  );
}
