import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guard.server";
import { authorize } from "~/auth/permissions.server";
import { Field, FieldError, FormError } from "~/components/field";
import { BandChangeList, Differences } from "~/components/methodology-review";
import { differenceText, draftMessageText, parameterLabel, platformMeaning, type AdminT } from "~/components/methodology-text";
import { bandChanges, draftFromForm, draftStart } from "~/domain/risk/methodology-changes.server";
import type { Parameter, ParameterGroup } from "~/domain/risk/methodology-draft";
import { storeDraftVersion } from "~/domain/risk/methodology-store.server";
import { MethodologyDraftSchema } from "~/domain/risk/schemas";
import { formatsFor, useFormat } from "~/i18n/format";
import { serverT } from "~/i18n/i18n.server";
import { failure, runAction, withDomainErrors } from "~/lib/actions.server";
import { formLists, formValues } from "~/lib/forms";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "" }];

/** How many band changes the preview names (the stored draft's page can list them all). */
const PREVIEW_LIMIT = 25;

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  authorize(session, "reference.manage");
  return {
    pageTitle: `${serverT(context.locale, "admin")("methodology.draft.title")} · ${serverT(context.locale, "common")("site.name")}`,
    start: await draftStart(context.db, session),
    today: new Date().toISOString().slice(0, 10),
  };
});

export const action = /* @__PURE__ */ withDomainErrors(async ({ request, context }: ActionFunctionArgs) => {
  const session = requireUser(request, context);
  authorize(session, "reference.manage");
  const t = serverT(context.locale, "admin") as unknown as AdminT;
  const format = formatsFor(context.locale);
  return runAction(
    request,
    MethodologyDraftSchema,
    async (input, form) => {
      const values = Object.fromEntries([...form.keys()].map((k) => [k, form.get(k) as string | undefined]));
      const built = await draftFromForm(context.db, session, input, values);
      // Every parameter out of bounds is said beside its own field at once, not one per attempt.
      if (!built.ok) {
        const params = new Map((await draftStart(context.db, session)).parameters.map((p) => [p.key, p]));
        const errors = Object.fromEntries(
          Object.entries(built.errors).map(([field, message]) => {
            const p = params.get(field);
            return [field, draftMessageText(t, format, message, p ? parameterLabel(t, p.subject) : undefined)];
          }),
        );
        return failure(errors, formValues(form), input.intent, formLists(form));
      }
      if (input.intent === "preview") {
        return {
          ok: true as const,
          values: formValues(form),
          differences: built.differences.map((d) => differenceText(t, format, d)),
          bands: await bandChanges(context.db, session, built.methodology, PREVIEW_LIMIT),
        };
      }
      const id = await storeDraftVersion(context.db, session, built.methodology, context.ip);
      throw redirect(`/admin/methodology/${id}?stored=1`);
    },
    context.locale,
  );
});

const GROUPS: ParameterGroup[] = ["bands", "supplier", "indicators", "mitigations", "recruiter"];
const GROUP_KEYS = {
  bands: "methodology.draft.group.bands",
  supplier: "methodology.draft.group.supplier",
  indicators: "methodology.draft.group.indicators",
  mitigations: "methodology.draft.group.mitigations",
  recruiter: "methodology.draft.group.recruiter",
} as const;

export default function DraftMethodology() {
  const { start, today } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t, i18n } = useTranslation(["admin", "risk", "indicators"]);
  const busy = useNavigation().state === "submitting";
  const failed = answer && !answer.ok ? answer : null;
  const preview = answer?.ok ? answer : null;
  const errors: Record<string, string> = failed?.errors ?? {};
  // After any answer the form shows what was sent (the browser's fields are re-rendered from it).
  const sent = failed?.values ?? preview?.values;
  const value = (key: string, fallback: string) => sent?.[key] ?? fallback;
  const fieldErrors = Object.keys(errors).filter((k) => k !== "form").length;
  return (
    <>
      <p className="breadcrumbs">
        <Link to="/admin/methodology">{t("methodology.list.title")}</Link>
      </p>
      <div className="page-header">
        <div>
          <h1>{t("methodology.draft.title")}</h1>
          <p>{t("methodology.draft.intro", { version: start.active.version })}</p>
          {i18n.language === "en" ? null : <p className="muted">{t("risk:methodology.publishedInEnglish")}</p>}
        </div>
      </div>
      {errors.form ? <FormError message={errors.form} /> : null}
      {fieldErrors ? (
        <div className="alert alert--error" role="alert">
          <p>{t("methodology.draft.needCorrecting", { count: fieldErrors })}</p>
          <ul>
            {Object.entries(errors)
              .filter(([k]) => k !== "form")
              .map(([k, message]) => (
                <li key={k}>
                  <a href={`#${fieldId(k)}`}>{message}</a>
                </li>
              ))}
          </ul>
        </div>
      ) : null}
      {preview ? (
        <div className="card stack" aria-live="polite">
          <Differences lines={preview.differences} against={start.active.version} />
          <BandChangeList bands={preview.bands} more={preview.bands.total > preview.bands.changes.length ? <p>{t("methodology.draft.storeToSeeAll")}</p> : null} />
        </div>
      ) : null}
      <Form method="post" className="stack" noValidate key={preview ? "previewed" : failed ? "failed" : "fresh"}>
        <div className="card narrow-card draft-header">
          <h2>{t("methodology.draft.versionHeading")}</h2>
          <Field
            name="version"
            label={t("methodology.draft.versionNumber")}
            type="text"
            required
            defaultValue={value("version", start.suggested.version)}
            error={errors.version}
            hint={t("methodology.draft.versionHint", { example: start.suggested.version })}
          />
          <Field name="name" label={t("methodology.draft.name")} type="text" required defaultValue={value("name", start.suggested.name)} error={errors.name} />
          <Field name="effective" label={t("methodology.draft.effective")} type="date" required defaultValue={value("effective", today)} error={errors.effective} />
          <div className="field">
            <label htmlFor="field-summary">{t("methodology.draft.summary")}</label>
            <span className="hint" id="field-summary-hint">
              {t("methodology.draft.summaryHint")}
            </span>
            <textarea id="field-summary" name="summary" rows={4} defaultValue={value("summary", "")} aria-describedby={errors.summary ? "field-summary-hint field-summary-error" : "field-summary-hint"} aria-invalid={errors.summary ? true : undefined} />
            <FieldError id="field-summary" message={errors.summary} />
          </div>
        </div>
        {GROUPS.map((group) => (
          <fieldset key={group} className="card param-group">
            <legend>{t(GROUP_KEYS[group])}</legend>
            <p className="hint">{group === "bands" ? t("methodology.draft.bandsHint") : t("methodology.draft.weightsHint")}</p>
            <div className="param-grid">
              {start.parameters
                .filter((p) => p.group === group && p.kind === "number")
                .map((p) => {
                  // An indicator's red flag sits with its weight, in the same box.
                  const flag = start.parameters.find((f) => f.kind === "flag" && f.key === p.key.replace(/\.weight$/, ".redFlag"));
                  return (
                    <div key={p.key} className={flag ? "param-pair" : undefined}>
                      <ParameterField p={p} sent={sent} error={errors[p.key]} />
                      {flag ? <ParameterField p={flag} sent={sent} error={errors[flag.key]} /> : null}
                    </div>
                  );
                })}
            </div>
          </fieldset>
        ))}
        <div className="actions">
          <button className="button button--secondary" type="submit" name="intent" value="preview" disabled={busy}>
            {t("methodology.draft.preview")}
          </button>
          <button className="button" type="submit" name="intent" value="save" disabled={busy}>
            {t("methodology.draft.save")}
          </button>
        </div>
      </Form>
    </>
  );
}

/** The id of a field's input: the version's own fields, or a parameter by its path. */
const fieldId = (key: string) => (["version", "name", "effective", "summary"].includes(key) ? `field-${key}` : `param-${key.replace(/\./g, "-")}`);

/** What a parameter means: the method's own rationale (published in English, marked so), or the platform's explanation. */
function Meaning({ p }: { p: Parameter }) {
  const { t } = useTranslation(["admin", "risk", "indicators"]);
  const own = platformMeaning(t as unknown as AdminT, p.subject);
  return own ? <>{own}</> : <span lang="en">{p.meaning}</span>;
}

function ParameterField({ p, sent, error }: { p: Parameter; sent: Record<string, string> | undefined; error?: string }) {
  const { t } = useTranslation(["admin", "risk", "indicators"]);
  const format = useFormat();
  const id = fieldId(p.key);
  const label = parameterLabel(t as unknown as AdminT, p.subject);
  if (p.kind === "flag") {
    const checked = sent ? sent[p.key] === "on" : p.value === true;
    return (
      <div className="field param param--flag">
        <label className="check">
          <input type="checkbox" name={p.key} defaultChecked={checked} aria-describedby={`${id}-hint`} /> {label}
        </label>
        <span className="hint" id={`${id}-hint`}>
          <Meaning p={p} /> {p.value ? t("methodology.draft.flagActiveYes") : t("methodology.draft.flagActiveNo")}
        </span>
      </div>
    );
  }
  return (
    <div className="field param">
      <label htmlFor={id}>{label}</label>
      <span className="hint" id={`${id}-hint`}>
        <Meaning p={p} /> {t("methodology.draft.range", { min: format.number(p.min), max: format.number(p.max), value: format.number(Number(p.value)) })}
      </span>
      <input
        id={id}
        name={p.key}
        type="number"
        inputMode="decimal"
        min={p.min}
        max={p.max}
        step="any"
        defaultValue={sent?.[p.key] ?? String(p.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
      />
      <FieldError id={id} message={error} />
    </div>
  );
}
