import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guard.server";
import { authorize } from "~/auth/permissions.server";
import { Field, FieldError, FormError } from "~/components/field";
import { TableWrap, Th } from "~/components/table-wrap";
import { SUPPORT_SERVICE_KINDS, SupportServicesPageSchema } from "~/domain/grievances/support-services.schemas";
import { addSupportService, listSupportServices, retireSupportService } from "~/domain/grievances/support-services.server";
import { countryChoices } from "~/domain/organisations/organisations.server";
import { useFormat } from "~/i18n/format";
import { serverT } from "~/i18n/i18n.server";
import { LANGUAGES, languageOf } from "~/i18n/languages";
import { runAction, withDomainErrors } from "~/lib/actions.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "" }];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  const services = await listSupportServices(context.db, session);
  return {
    pageTitle: `${serverT(context.locale, "admin")("supportServices.title")} · ${serverT(context.locale, "common")("site.name")}`,
    services: services.map((s) => ({ ...s, verifiedAt: s.verifiedAt.getTime(), retiredAt: s.retiredAt?.getTime() ?? null })),
    countries: countryChoices().map((c) => c.code),
    languages: LANGUAGES.map((l) => ({ code: l.code, name: l.name })),
    today: new Date().toISOString().slice(0, 10),
  };
});

export const action = /* @__PURE__ */ withDomainErrors(async ({ request, context }: ActionFunctionArgs) => {
  const session = requireUser(request, context);
  authorize(session, "support.manage");
  return runAction(
    request,
    SupportServicesPageSchema,
    async (input) => {
      if (input.intent === "retire") await retireSupportService(context.db, session, input.serviceId);
      else await addSupportService(context.db, session, input);
      throw redirect("/admin/support-services");
    },
    context.locale,
  );
});

export default function SupportServices() {
  const { services, countries, languages, today } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const { t } = useTranslation("admin");
  const f = useFormat();
  const failed = result && !result.ok ? result : null;
  const errors: Record<string, string> = failed?.errors ?? {};
  const values = failed?.values ?? {};
  const chosenLanguages = failed?.lists.languages ?? [];
  const countryOptions = countries.map((code) => ({ code, name: f.country(code) })).sort((a, b) => a.name.localeCompare(b.name, f.locale));
  return (
    <>
      <div className="page-header">
        <div>
          <h1>{t("supportServices.title")}</h1>
          <p>{t("supportServices.intro")}</p>
        </div>
      </div>
      {failed?.intent === "retire" ? <FormError message={Object.values(errors)[0]} /> : null}
      {services.length === 0 ? (
        <p>{t("supportServices.empty")}</p>
      ) : (
        <TableWrap label={t("supportServices.tableLabel")}>
          <table className="stack-table">
            <thead>
              <tr>
                <Th>{t("supportServices.col.country")}</Th>
                <Th>{t("supportServices.col.service")}</Th>
                <Th>{t("supportServices.col.contact")}</Th>
                <Th>{t("supportServices.col.languages")}</Th>
                <Th>{t("supportServices.col.source")}</Th>
                <Th>{t("supportServices.col.state")}</Th>
              </tr>
            </thead>
            <tbody>
              {services.map((s) => (
                <tr key={s.id} id={`service-${s.id}`}>
                  <td data-label={t("supportServices.col.country")}>{f.country(s.country)}</td>
                  <th scope="row" className="cell-name" data-label={t("supportServices.col.service")}>
                    {s.name}
                    <div className="muted">{t(`supportServices.kind.${s.kind}`)}</div>
                  </th>
                  <td data-label={t("supportServices.col.contact")}>
                    {s.phone ? <div dir="ltr">{s.phone}</div> : null}
                    {s.url ? (
                      <a href={s.url} rel="noreferrer noopener" target="_blank">
                        {s.url}
                      </a>
                    ) : null}
                  </td>
                  <td data-label={t("supportServices.col.languages")}>{s.languages.length ? s.languages.map((c) => languageOf(c).name).join(", ") : "—"}</td>
                  <td data-label={t("supportServices.col.source")}>
                    <span>{s.source}</span>
                    <div className="muted">{t("supportServices.verifiedOn", { date: f.date(s.verifiedAt) })}</div>
                  </td>
                  <td data-label={t("supportServices.col.state")}>
                    {s.retiredAt ? (
                      <span className="badge badge--muted">{t("supportServices.retiredOn", { date: f.date(s.retiredAt) })}</span>
                    ) : (
                      <Form method="post">
                        <input type="hidden" name="intent" value="retire" />
                        <input type="hidden" name="serviceId" value={s.id} />
                        <button className="button button--secondary button--small" type="submit" disabled={busy} aria-label={t("supportServices.retireLabel", { name: s.name })}>
                          {t("supportServices.retire")}
                        </button>
                      </Form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <h2>{t("supportServices.add.heading")}</h2>
      <div className="card" style={{ maxWidth: "40rem" }}>
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="add" />
          <FormError message={failed?.intent === "add" ? errors.form : undefined} />
          <div className="field">
            <label htmlFor="s-country">{t("supportServices.add.country")}</label>
            <select id="s-country" name="country" defaultValue={values.country ?? ""} aria-invalid={errors.country ? true : undefined} aria-describedby={errors.country ? "s-country-error" : undefined}>
              <option value="">{t("supportServices.add.chooseCountry")}</option>
              {countryOptions.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </select>
            <FieldError id="s-country" message={errors.country} />
          </div>
          <div className="field">
            <label htmlFor="s-kind">{t("supportServices.add.kind")}</label>
            <select id="s-kind" name="kind" defaultValue={values.kind ?? "hotline"} aria-invalid={errors.kind ? true : undefined} aria-describedby={errors.kind ? "s-kind-error" : undefined}>
              {SUPPORT_SERVICE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`supportServices.kind.${k}`)}
                </option>
              ))}
            </select>
            <FieldError id="s-kind" message={errors.kind} />
          </div>
          <Field id="s-name" name="name" label={t("supportServices.add.name")} type="text" required maxLength={200} defaultValue={values.name} error={errors.name} />
          <Field id="s-phone" name="phone" label={t("supportServices.add.phone")} type="tel" maxLength={40} defaultValue={values.phone} error={errors.phone} hint={t("supportServices.add.phoneHint")} />
          <Field id="s-url" name="url" label={t("supportServices.add.url")} type="url" maxLength={500} defaultValue={values.url} error={errors.url} hint={t("supportServices.add.urlHint")} />
          <fieldset className="field">
            <legend>{t("supportServices.add.languages")}</legend>
            <div className="choice-grid">
              {languages.map((l) => (
                <label key={l.code} lang={l.code}>
                  <input type="checkbox" name="languages" value={l.code} defaultChecked={chosenLanguages.includes(l.code)} /> {l.name}
                </label>
              ))}
            </div>
            <FieldError id="s-languages" message={errors.languages} />
          </fieldset>
          <Field id="s-source" name="source" label={t("supportServices.add.source")} type="text" required maxLength={500} defaultValue={values.source} error={errors.source} hint={t("supportServices.add.sourceHint")} />
          <Field id="s-verifiedOn" name="verifiedOn" label={t("supportServices.add.verifiedOn")} type="date" required max={today} defaultValue={values.verifiedOn} error={errors.verifiedOn} />
          <button className="button" type="submit" disabled={busy}>
            {t("supportServices.add.submit")}
          </button>
        </Form>
      </div>
    </>
  );
}
