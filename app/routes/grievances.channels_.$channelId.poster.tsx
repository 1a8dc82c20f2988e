import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guard.server";
import { channelOf } from "~/domain/grievances/channels.server";
import { posterBlocks, posterLanguages, qrSvg } from "~/domain/grievances/poster.server";
import { serverT } from "~/i18n/i18n.server";
import { LANGUAGES } from "~/i18n/languages";
import { idParam, withDomainErrors } from "~/lib/actions.server";
import { channelLink } from "~/lib/public-url.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "" }];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, params, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  const channel = await channelOf(context.db, session, idParam(params.channelId));
  const link = channelLink(request, context, channel.token);
  const { codes, tooMany } = posterLanguages(new URL(request.url).searchParams.getAll("lang"));
  return {
    pageTitle: `${serverT(context.locale, "grievances")("channel.posterPage.title")} · ${serverT(context.locale, "common")("site.name")}`,
    channel: { id: channel.id, workplaceName: channel.workplaceName, supplierId: channel.supplierId, country: channel.country, closed: channel.closedAt !== null },
    link,
    // Shown without the scheme in large type: shorter to type, and a phone adds https:// itself.
    shortLink: link.replace(/^https?:\/\//, ""),
    qr: await qrSvg(link),
    blocks: posterBlocks(codes),
    chosen: codes,
    tooMany,
    languages: LANGUAGES.map((l) => ({ code: l.code, name: l.name })),
  };
});

export default function Poster() {
  const { channel, shortLink, qr, blocks, chosen, tooMany, languages } = useLoaderData<typeof loader>();
  const { t } = useTranslation("grievances");
  const where = channel.supplierId === null ? t("channel.general") : (channel.workplaceName ?? t("channel.noLongerShared"));
  return (
    <>
      <div className="page-header no-print">
        <div>
          <h1>{t("channel.posterPage.heading", { workplace: where })}</h1>
          <p>{t("channel.posterPage.intro")}</p>
          <p>
            <Link to="/grievances/channels">{t("channel.posterPage.back")}</Link>
          </p>
        </div>
      </div>
      {channel.closed ? (
        <div className="alert alert--error no-print" role="alert">
          {t("channel.posterPage.closed")}
        </div>
      ) : null}
      <Form method="get" className="card no-print poster-languages">
        <fieldset className="field">
          <legend>{t("channel.posterPage.languages")}</legend>
          {tooMany ? (
            <span className="error" id="poster-lang-error">
              {t("channel.posterPage.tooMany")}
            </span>
          ) : null}
          <div className="choice-grid">
            {languages.map((l) => (
              <label key={l.code} lang={l.code}>
                <input type="checkbox" name="lang" value={l.code} defaultChecked={chosen.includes(l.code)} /> {l.name}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="actions">
          <button className="button button--secondary" type="submit">
            {t("channel.posterPage.show")}
          </button>
        </div>
      </Form>
      <p className="no-print muted">{t("channel.posterPage.printHint")}</p>
      <article className="poster" aria-label={t("channel.posterPage.posterLabel")}>
        <div className="poster__blocks">
          {blocks.map((b) => (
            <section key={b.lang} lang={b.lang} dir={b.dir} className="poster__block">
              <h2 className="poster__heading">{b.heading}</h2>
              <ul className="poster__lines">
                {b.lines.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            </section>
          ))}
        </div>
        {/* The SVG is made on the server by the qrcode library from the link below: no script, no request. */}
        <div className="poster__qr" role="img" aria-label={t("channel.posterPage.qrLabel", { link: shortLink })} dangerouslySetInnerHTML={{ __html: qr }} />
        <p className="poster__link" dir="ltr">
          {shortLink}
        </p>
        <ul className="poster__scan">
          {blocks.map((b) => (
            <li key={b.lang} lang={b.lang} dir={b.dir}>
              {b.scan}
            </li>
          ))}
        </ul>
      </article>
    </>
  );
}
