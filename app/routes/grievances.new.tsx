import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GRIEVANCE_PARTIES } from "#db/schema";
import { requireUser } from "~/auth/guard.server";
import { authorize } from "~/auth/permissions.server";
import { FieldError, FormError } from "~/components/field";
import { GRIEVANCE_CATEGORIES } from "~/domain/grievances/categories";
import { assistedRoute, openChannelsOf, workplaceChoices } from "~/domain/grievances/channels.server";
import { AssistedIntakeSchema, TAKEN_BY } from "~/domain/grievances/channels.schemas";
import { submitGrievance } from "~/domain/grievances/intake.server";
import { countryChoices } from "~/domain/organisations/organisations.server";
import { useFormat } from "~/i18n/format";
import { serverT } from "~/i18n/i18n.server";
import { LANGUAGES } from "~/i18n/languages";
import { runAction, withDomainErrors } from "~/lib/actions.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "" }];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  authorize(session, "grievances.record", { orgId: session.membership?.orgId ?? -1 });
  return {
    pageTitle: `${serverT(context.locale, "grievances")("assisted.title")} · ${serverT(context.locale, "common")("site.name")}`,
    channels: (await openChannelsOf(context.db, session)).map((c) => ({ id: c.id, workplaceName: c.workplaceName, supplierId: c.supplierId, country: c.country })),
    workplaces: await workplaceChoices(context.db, session),
    countries: countryChoices().map((c) => c.code),
    languages: LANGUAGES.map((l) => ({ code: l.code, name: l.name })),
  };
});

export const action = /* @__PURE__ */ withDomainErrors(async ({ request, context }: ActionFunctionArgs) => {
  const session = requireUser(request, context);
  // Before the body is read: only union and inspectorate writers record for a worker.
  authorize(session, "grievances.record", { orgId: session.membership?.orgId ?? -1 });
  return runAction(
    request,
    AssistedIntakeSchema,
    async (input) => {
      const [kind, id] = input.workplace.split(":");
      const route = kind === "channel" ? await assistedRoute(context.db, session, { channelId: Number(id) }) : kind === "supplier" ? await assistedRoute(context.db, session, { supplierId: Number(id) }) : null;
      const result = await submitGrievance(context.db, {
        channel: route,
        input: {
          categories: input.categories,
          since: input.since,
          peopleCount: input.peopleCount,
          description: input.description,
          workplaceText: input.workplaceText,
          country: route ? null : input.country,
          consent: input.consent,
          textToCompany: input.textToCompany,
          contact: input.contact,
          language: input.language,
          takenBy: input.takenBy,
        },
        recordedBy: session,
        ip: context.ip,
      });
      // The code and secret travel once, in this answer: nothing keeps the secret, and the page shows it only now.
      return { ok: true as const, id: result.id, caseCode: result.caseCode, secret: result.secret, reached: result.reached.map((r) => r.name) };
    },
    context.locale,
  );
});

export default function AssistedIntake() {
  const { channels, workplaces, countries, languages } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const { t } = useTranslation("grievances");
  const f = useFormat();
  if (result?.ok) {
    return (
      <>
        <div className="page-header">
          <div>
            <h1>{t("assisted.done.heading", { id: result.id })}</h1>
          </div>
        </div>
        <div className="alert alert--success" role="status">
          <p>
            <strong>{t("assisted.done.give")}</strong>
          </p>
          <dl className="case-code">
            <dt>{t("assisted.done.code")}</dt>
            <dd>
              <code data-testid="case-code">{result.caseCode}</code>
            </dd>
            <dt>{t("assisted.done.secret")}</dt>
            <dd>
              <code data-testid="case-secret">{result.secret}</code>
            </dd>
          </dl>
          <p>{t("assisted.done.howTo")}</p>
          <p>{t("assisted.done.reached", { names: f.list(result.reached) })}</p>
        </div>
        <p>
          <Link to="/grievances/new" reloadDocument>
            {t("assisted.done.another")}
          </Link>
        </p>
      </>
    );
  }
  const failed = result && !result.ok ? result : null;
  const errors: Record<string, string> = failed?.errors ?? {};
  const values = failed?.values ?? {};
  const lists = failed?.lists ?? {};
  const checked = (name: string, value: string, fallback = false) => (failed ? (lists[name] ?? []).includes(value) : fallback);
  const countryOptions = countries.map((code) => ({ code, name: f.country(code) })).sort((a, b) => a.name.localeCompare(b.name, f.locale));
  const described = (field: string, hint = false) => [hint ? `a-${field}-hint` : null, errors[field] ? `a-${field}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <>
      <div className="page-header">
        <div>
          <h1>{t("assisted.title")}</h1>
          <p>{t("assisted.intro")}</p>
        </div>
      </div>
      <FormError message={errors.form} />
      <Form method="post" className="stack card" noValidate style={{ maxWidth: "46rem" }}>
        <fieldset className="field">
          <legend>{t("assisted.takenBy.legend")}</legend>
          {TAKEN_BY.map((k) => (
            <label key={k}>
              <input type="radio" name="takenBy" value={k} defaultChecked={failed ? values.takenBy === k : k === "phone"} /> {t(`assisted.takenBy.${k}`)}
            </label>
          ))}
          <FieldError id="a-takenBy" message={errors.takenBy} />
        </fieldset>

        <div className="field">
          <label htmlFor="a-workplace">{t("assisted.workplace.label")}</label>
          <select id="a-workplace" name="workplace" defaultValue={values.workplace ?? (channels[0] ? `channel:${channels[0].id}` : workplaces[0] ? `supplier:${workplaces[0].id}` : "country")} aria-invalid={errors.workplace ? true : undefined} aria-describedby={described("workplace")}>
            {channels.length > 0 ? (
              <optgroup label={t("assisted.workplace.channels")}>
                {channels.map((c) => (
                  <option key={c.id} value={`channel:${c.id}`}>
                    {c.supplierId === null ? t("assisted.workplace.general", { country: c.country ? f.country(c.country) : "—" }) : (c.workplaceName ?? t("channel.noLongerShared"))}
                  </option>
                ))}
              </optgroup>
            ) : null}
            {workplaces.length > 0 ? (
              <optgroup label={t("assisted.workplace.shared")}>
                {workplaces.map((w) => (
                  <option key={w.id} value={`supplier:${w.id}`}>
                    {w.country ? `${w.name} (${f.country(w.country)})` : w.name}
                  </option>
                ))}
              </optgroup>
            ) : null}
            <option value="country">{t("assisted.workplace.elsewhere")}</option>
          </select>
          <FieldError id="a-workplace" message={errors.workplace} />
        </div>
        <div className="form-row">
          <div className="field">
            <label htmlFor="a-country">{t("assisted.country")}</label>
            <span className="hint" id="a-country-hint">
              {t("assisted.countryHint")}
            </span>
            <select id="a-country" name="country" defaultValue={values.country ?? ""} aria-invalid={errors.country ? true : undefined} aria-describedby={described("country", true)}>
              <option value="">{t("assisted.chooseCountry")}</option>
              {countryOptions.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </select>
            <FieldError id="a-country" message={errors.country} />
          </div>
          <div className="field">
            <label htmlFor="a-workplaceText">{t("assisted.workplaceText")}</label>
            <input id="a-workplaceText" name="workplaceText" type="text" maxLength={300} defaultValue={values.workplaceText} aria-invalid={errors.workplaceText ? true : undefined} aria-describedby={described("workplaceText")} />
            <FieldError id="a-workplaceText" message={errors.workplaceText} />
          </div>
        </div>

        <fieldset className="field">
          <legend>{t("assisted.categories")}</legend>
          <div className="choice-grid">
            {GRIEVANCE_CATEGORIES.map((c) => (
              <label key={c}>
                <input type="checkbox" name="categories" value={c} defaultChecked={checked("categories", c)} /> {t(`assisted.category.${c}`)}
              </label>
            ))}
          </div>
          <FieldError id="a-categories" message={errors.categories} />
        </fieldset>
        <div className="form-row">
          <div className="field">
            <label htmlFor="a-since">{t("assisted.since")}</label>
            <input id="a-since" name="since" type="month" defaultValue={values.since} aria-invalid={errors.since ? true : undefined} aria-describedby={described("since")} />
            <FieldError id="a-since" message={errors.since} />
          </div>
          <div className="field">
            <label htmlFor="a-peopleCount">{t("assisted.peopleCount")}</label>
            <input id="a-peopleCount" name="peopleCount" type="number" min={1} inputMode="numeric" defaultValue={values.peopleCount} aria-invalid={errors.peopleCount ? true : undefined} aria-describedby={described("peopleCount")} />
            <FieldError id="a-peopleCount" message={errors.peopleCount} />
          </div>
        </div>
        <div className="field">
          <label htmlFor="a-description">{t("assisted.description")}</label>
          <textarea id="a-description" name="description" rows={6} maxLength={5000} defaultValue={values.description} aria-invalid={errors.description ? true : undefined} aria-describedby={described("description")} />
          <FieldError id="a-description" message={errors.description} />
        </div>
        <div className="field">
          <label htmlFor="a-language">{t("assisted.language")}</label>
          <select id="a-language" name="language" defaultValue={values.language ?? "en"} aria-invalid={errors.language ? true : undefined} aria-describedby={described("language")}>
            {languages.map((l) => (
              <option key={l.code} value={l.code} lang={l.code}>
                {l.name}
              </option>
            ))}
          </select>
          <FieldError id="a-language" message={errors.language} />
        </div>

        <fieldset className="field">
          <legend>{t("assisted.consent.legend")}</legend>
          <span className="hint">{t("assisted.consent.hint")}</span>
          {GRIEVANCE_PARTIES.map((p) => (
            <label key={p}>
              <input type="checkbox" name="consent" value={p} defaultChecked={checked("consent", p)} /> {t(`assisted.consent.${p}`)}
            </label>
          ))}
          <FieldError id="a-consent" message={errors.consent} />
        </fieldset>
        <label>
          <input type="checkbox" name="textToCompany" defaultChecked={failed ? values.textToCompany === "on" : false} /> {t("assisted.textToCompany")}
        </label>
        <div className="field">
          <label htmlFor="a-contact">{t("assisted.contact")}</label>
          <span className="hint" id="a-contact-hint">
            {t("assisted.contactHint")}
          </span>
          <input id="a-contact" name="contact" type="text" maxLength={500} autoComplete="off" defaultValue={values.contact} aria-invalid={errors.contact ? true : undefined} aria-describedby={described("contact", true)} />
          <FieldError id="a-contact" message={errors.contact} />
        </div>
        <button className="button" type="submit" disabled={busy}>
          {t("assisted.submit")}
        </button>
      </Form>
    </>
  );
}
