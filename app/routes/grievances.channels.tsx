import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guard.server";
import { authorize } from "~/auth/permissions.server";
import { FieldError, FormError } from "~/components/field";
import { TableWrap, Th } from "~/components/table-wrap";
import { channelsOf, closeChannel, createChannel, workplaceChoices } from "~/domain/grievances/channels.server";
import { ChannelsPageSchema } from "~/domain/grievances/channels.schemas";
import { countryChoices } from "~/domain/organisations/organisations.server";
import { useFormat } from "~/i18n/format";
import { serverT } from "~/i18n/i18n.server";
import { runAction, withDomainErrors } from "~/lib/actions.server";
import { channelLink } from "~/lib/public-url.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "" }];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  // channelsOf authorises first (company and union writers; anyone else 403/404).
  const channels = await channelsOf(context.db, session);
  const q = (new URL(request.url).searchParams.get("q") ?? "").slice(0, 200);
  const isUnion = session.membership!.orgType === "union";
  return {
    pageTitle: `${serverT(context.locale, "grievances")("channel.title")} · ${serverT(context.locale, "common")("site.name")}`,
    channels: channels.map((c) => ({ ...c, link: channelLink(request, context, c.token), createdAt: c.createdAt.getTime(), closedAt: c.closedAt?.getTime() ?? null })),
    workplaces: await workplaceChoices(context.db, session, q),
    q,
    isUnion,
    countries: isUnion ? countryChoices().map((c) => c.code) : [],
  };
});

export const action = /* @__PURE__ */ withDomainErrors(async ({ request, context }: ActionFunctionArgs) => {
  const session = requireUser(request, context);
  // Before the body is read: only company and union writers post or close channels.
  authorize(session, "grievances.channels", { orgId: session.membership?.orgId ?? -1 });
  return runAction(
    request,
    ChannelsPageSchema,
    async (input) => {
      if (input.intent === "close") {
        await closeChannel(context.db, session, input.channelId);
        throw redirect("/grievances/channels");
      }
      const channel = await createChannel(context.db, session, input.intent === "create-workplace" ? { supplierId: input.supplierId, country: null } : { supplierId: null, country: input.country });
      // Straight to the poster: printing it is what posting a channel is for.
      throw redirect(`/grievances/channels/${channel.id}/poster`);
    },
    context.locale,
  );
});

export default function Channels() {
  const { channels, workplaces, q, isUnion, countries } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const { t } = useTranslation("grievances");
  const f = useFormat();
  const errors: Record<string, string> = result && !result.ok ? result.errors : {};
  const sent = result && !result.ok ? result.intent : undefined;
  const countryOptions = countries.map((code) => ({ code, name: f.country(code) })).sort((a, b) => a.name.localeCompare(b.name, f.locale));
  return (
    <>
      <div className="page-header">
        <div>
          <h1>{t("channel.title")}</h1>
          <p>{t("channel.intro")}</p>
        </div>
      </div>
      <FormError message={errors.form} />
      {channels.length === 0 ? (
        <p>{t("channel.empty")}</p>
      ) : (
        <TableWrap label={t("channel.tableLabel")}>
          <table className="stack-table">
            <thead>
              <tr>
                <Th>{t("channel.col.workplace")}</Th>
                <Th>{t("channel.col.country")}</Th>
                <Th>{t("channel.col.link")}</Th>
                <Th>{t("channel.col.created")}</Th>
                <Th>{t("channel.col.state")}</Th>
                <Th>{t("channel.col.actions")}</Th>
              </tr>
            </thead>
            <tbody>
              {channels.map((c) => {
                const where = c.supplierId === null ? t("channel.general") : (c.workplaceName ?? t("channel.noLongerShared"));
                return (
                  <tr key={c.id} id={`channel-${c.id}`}>
                    <th scope="row" className="cell-name" data-label={t("channel.col.workplace")}>
                      {where}
                      <div className="muted">{t("channel.number", { id: c.id })}</div>
                    </th>
                    <td data-label={t("channel.col.country")}>{c.country ? f.country(c.country) : "—"}</td>
                    <td data-label={t("channel.col.link")}>{c.closedAt ? <s>{c.link}</s> : <code>{c.link}</code>}</td>
                    <td data-label={t("channel.col.created")}>{f.date(c.createdAt)}</td>
                    <td data-label={t("channel.col.state")}>{c.closedAt ? <span className="badge badge--muted">{t("channel.closedOn", { date: f.date(c.closedAt) })}</span> : t("channel.open")}</td>
                    <td data-label={t("channel.col.actions")}>
                      {c.closedAt ? null : (
                        <div className="actions">
                          <Link to={`/grievances/channels/${c.id}/poster`} aria-label={t("channel.posterFor", { workplace: where })}>
                            {t("channel.poster")}
                          </Link>
                          <Form method="post">
                            <input type="hidden" name="intent" value="close" />
                            <input type="hidden" name="channelId" value={c.id} />
                            <button className="button button--secondary button--small" type="submit" disabled={busy} aria-label={t("channel.closeFor", { workplace: where })}>
                              {t("channel.close")}
                            </button>
                          </Form>
                        </div>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableWrap>
      )}
      <p className="muted">{t("channel.closedNote")}</p>

      <h2>{t("channel.create.heading")}</h2>
      <div className="card" style={{ maxWidth: "40rem" }}>
        {/* The list is narrowed on the server: no script needed, and a long supplier list stays short. */}
        <Form method="get" className="form-row" role="search">
          <div className="field">
            <label htmlFor="workplace-q">{t("channel.create.search")}</label>
            <input id="workplace-q" name="q" type="search" defaultValue={q} maxLength={200} />
          </div>
          <button className="button button--secondary" type="submit">
            {t("channel.create.searchButton")}
          </button>
        </Form>
        {workplaces.length === 0 ? (
          <p>{q ? t("channel.create.noMatch") : isUnion ? t("channel.create.noneShared") : t("channel.create.none")}</p>
        ) : (
          <Form method="post" className="stack" noValidate>
            <input type="hidden" name="intent" value="create-workplace" />
            <div className="field">
              <label htmlFor="channel-supplier">{t("channel.create.workplace")}</label>
              <select id="channel-supplier" name="supplierId" defaultValue={sent === "create-workplace" && result && !result.ok ? result.values.supplierId : undefined} aria-invalid={sent === "create-workplace" && errors.supplierId ? true : undefined} aria-describedby={sent === "create-workplace" && errors.supplierId ? "channel-supplier-error" : undefined}>
                {workplaces.map((w) => (
                  <option key={w.id} value={w.id}>
                    {w.country ? `${w.name} (${f.country(w.country)})` : w.name}
                  </option>
                ))}
              </select>
              {sent === "create-workplace" ? <FieldError id="channel-supplier" message={errors.supplierId} /> : null}
            </div>
            <button className="button" type="submit" disabled={busy}>
              {t("channel.create.submit")}
            </button>
          </Form>
        )}
      </div>

      {isUnion ? (
        <>
          <h2>{t("channel.country.heading")}</h2>
          <div className="card" style={{ maxWidth: "40rem" }}>
            <Form method="post" className="stack" noValidate>
              <input type="hidden" name="intent" value="create-country" />
              <p className="hint">{t("channel.country.hint")}</p>
              <div className="field">
                <label htmlFor="channel-country">{t("channel.country.country")}</label>
                <select id="channel-country" name="country" defaultValue={sent === "create-country" && result && !result.ok ? result.values.country : ""} aria-invalid={sent === "create-country" && errors.country ? true : undefined} aria-describedby={sent === "create-country" && errors.country ? "channel-country-error" : undefined}>
                  <option value="">{t("channel.country.choose")}</option>
                  {countryOptions.map((c) => (
                    <option key={c.code} value={c.code}>
                      {c.name}
                    </option>
                  ))}
                </select>
                {sent === "create-country" ? <FieldError id="channel-country" message={errors.country} /> : null}
              </div>
              <button className="button" type="submit" disabled={busy}>
                {t("channel.country.submit")}
              </button>
            </Form>
          </div>
        </>
      ) : null}
    </>
  );
}
