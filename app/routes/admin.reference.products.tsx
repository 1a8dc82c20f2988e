import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guard.server";
import { authorize } from "~/auth/permissions.server";
import { FormError } from "~/components/field";
import { TableWrap, Th } from "~/components/table-wrap";
import { ProductSynonymSchema } from "~/domain/reference/schemas";
import { addSynonym, listSynonyms, removeSynonym, tvpraGoods, unmatchedProducts } from "~/domain/reference/synonyms.server";
import { useFormat } from "~/i18n/format";
import { serverT } from "~/i18n/i18n.server";
import { idParam, runAction, withDomainErrors } from "~/lib/actions.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "" }];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  authorize(session, "reference.manage");
  const q = new URL(request.url).searchParams.get("q") ?? "";
  const t = serverT(context.locale, "admin");
  return {
    pageTitle: `${t("reference.products.title")} · ${t("reference.list.title")} · ${serverT(context.locale, "common")("site.name")}`,
    q,
    synonyms: await listSynonyms(context.db, session, q),
    goods: await tvpraGoods(context.db),
    unmatched: await unmatchedProducts(context.db, session),
  };
});

export const action = /* @__PURE__ */ withDomainErrors(async ({ request, context }: ActionFunctionArgs) => {
  const session = requireUser(request, context);
  authorize(session, "reference.manage");
  return runAction(
    request,
    ProductSynonymSchema,
    async (input) => {
      if (input.intent === "add") await addSynonym(context.db, session, { term: input.term, good: input.good, ip: context.ip });
      else await removeSynonym(context.db, session, idParam(input.id), context.ip);
      throw redirect("/admin/reference/products");
    },
    context.locale,
  );
});

/**
 * Maps a product term to a TVPRA good. The goods are the TVPRA list's own English names (the
 * published list's words, which its matching reads), so the choices are marked as English.
 */
function MapForm({ goods, term, good, compact }: { goods: string[]; term?: string; good?: string; compact?: boolean }) {
  const { t } = useTranslation("admin");
  return (
    <Form method="post" className={compact ? "inline-form" : "stack"}>
      <input type="hidden" name="intent" value="add" />
      {compact ? (
        <input type="hidden" name="term" value={term} />
      ) : (
        <div className="field">
          <label htmlFor="term">{t("reference.products.term")}</label>
          <input id="term" name="term" type="text" defaultValue={term} maxLength={80} />
        </div>
      )}
      <label className={compact ? "visually-hidden" : undefined} htmlFor={compact ? `good-${term}` : "good"}>
        {compact ? t("reference.products.goodFor", { term }) : t("reference.products.good")}
      </label>
      <select id={compact ? `good-${term}` : "good"} name="good" defaultValue={good ?? ""}>
        <option value="">{t("reference.products.chooseGood")}</option>
        {goods.map((g) => (
          <option key={g} value={g} lang="en">
            {g}
          </option>
        ))}
      </select>
      <button className={`button${compact ? " button--small button--secondary" : ""}`} type="submit">
        {t("reference.products.map")}
      </button>
    </Form>
  );
}

export default function ProductSynonyms() {
  const { q, synonyms, goods, unmatched } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation("admin");
  const format = useFormat();
  return (
    <>
      <p className="breadcrumbs">
        <Link to="/admin/reference">{t("reference.list.title")}</Link> ›
      </p>
      <div className="page-header">
        <div>
          <h1>{t("reference.products.title")}</h1>
          <p>{t("reference.products.intro")}</p>
        </div>
      </div>
      <div className="card">
        <h2>{t("reference.products.unmatchedHeading")}</h2>
        <p className="muted">{t("reference.products.unmatchedText")}</p>
        {unmatched.length === 0 ? (
          <p>{t("reference.products.allMatch")}</p>
        ) : (
          <TableWrap label={t("reference.products.unmatchedLabel")}>
            <table className="stack-table">
              <thead>
                <tr>
                  <Th>{t("reference.products.col.product")}</Th>
                  <Th num>{t("reference.products.col.suppliers")}</Th>
                  <Th>{t("reference.products.col.mapTo")}</Th>
                </tr>
              </thead>
              <tbody>
                {unmatched.slice(0, 50).map((u) => (
                  <tr key={u.product}>
                    <th scope="row">{u.product}</th>
                    <td className="num" data-label={t("reference.products.col.suppliers")}>
                      {format.number(u.suppliers)}
                    </td>
                    <td className="cell-block" data-label={t("reference.products.col.mapTo")}>
                      <MapForm goods={goods} term={u.product} compact />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </div>
      <div className="card">
        <h2>{t("reference.products.addHeading")}</h2>
        <FormError message={result ? Object.values(result.errors)[0] : undefined} />
        <MapForm goods={goods} term={result?.values.term} good={result?.values.good} />
      </div>
      <div className="page-header">
        <h2>{t("reference.products.synonymsHeading", { count: synonyms.length })}</h2>
        <Form method="get" role="search" className="inline-form">
          <label className="visually-hidden" htmlFor="synonym-search">
            {t("reference.products.search")}
          </label>
          <input id="synonym-search" type="search" name="q" defaultValue={q} placeholder={t("reference.products.searchPlaceholder")} />
          <button className="button button--secondary" type="submit">
            {t("reference.products.searchButton")}
          </button>
        </Form>
      </div>
      <TableWrap label={t("reference.products.synonymsLabel")}>
        <table className="stack-table">
          <thead>
            <tr>
              <Th>{t("reference.products.col.term")}</Th>
              <Th>{t("reference.products.col.good")}</Th>
              <Th>{t("reference.products.col.addedBy")}</Th>
              <Th>
                <span className="visually-hidden">{t("reference.products.col.actions")}</span>
              </Th>
            </tr>
          </thead>
          <tbody>
            {synonyms.map((s) => (
              <tr key={s.id}>
                <th scope="row">{s.term}</th>
                <td data-label={t("reference.products.col.good")} lang="en">
                  {s.good}
                </td>
                <td data-label={t("reference.products.col.addedBy")}>{s.addedBy ?? t("reference.products.shipped")}</td>
                <td data-label="">
                  {s.createdBy ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value="remove" />
                      <input type="hidden" name="id" value={s.id} />
                      <button className="button button--small button--danger" type="submit">
                        {t("reference.products.remove")}
                      </button>
                    </Form>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </>
  );
}
