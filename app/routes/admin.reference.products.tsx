import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guard.server";
import { authorize } from "~/auth/permissions.server";
import { FormError } from "~/components/field";
import { TableWrap, Th } from "~/components/table-wrap";
import { ProductSynonymSchema } from "~/domain/reference/schemas";
import { addSynonym, listSynonyms, removeSynonym, tvpraGoods, unmatchedProducts } from "~/domain/reference/synonyms.server";
import { idParam, runAction, withDomainErrors } from "~/lib/actions.server";
import { formatNumber } from "~/lib/format";

export const meta: MetaFunction = () => [{ title: "Product synonyms · Reference data · Labour Due Diligence" }];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  authorize(session, "reference.manage");
  const q = new URL(request.url).searchParams.get("q") ?? "";
  return { q, synonyms: await listSynonyms(context.db, session, q), goods: await tvpraGoods(context.db), unmatched: await unmatchedProducts(context.db, session) };
});

export const action = /* @__PURE__ */ withDomainErrors(async ({ request, context }: ActionFunctionArgs) => {
  const session = requireUser(request, context);
  authorize(session, "reference.manage");
  return runAction(request, ProductSynonymSchema, async (input) => {
    if (input.intent === "add") await addSynonym(context.db, session, { term: input.term, good: input.good, ip: context.ip });
    else await removeSynonym(context.db, session, idParam(input.id), context.ip);
    throw redirect("/admin/reference/products");
  });
});

function MapForm({ goods, term, good, compact }: { goods: string[]; term?: string; good?: string; compact?: boolean }) {
  return (
    <Form method="post" className={compact ? "inline-form" : "stack"}>
      <input type="hidden" name="intent" value="add" />
      {compact ? (
        <input type="hidden" name="term" value={term} />
      ) : (
        <div className="field">
          <label htmlFor="term">Product as lists write it</label>
          <input id="term" name="term" type="text" defaultValue={term} maxLength={80} />
        </div>
      )}
      <label className={compact ? "visually-hidden" : undefined} htmlFor={compact ? `good-${term}` : "good"}>
        TVPRA good{compact ? ` for ${term}` : ""}
      </label>
      <select id={compact ? `good-${term}` : "good"} name="good" defaultValue={good ?? ""}>
        <option value="">Choose a good…</option>
        {goods.map((g) => (
          <option key={g} value={g}>
            {g}
          </option>
        ))}
      </select>
      <button className={`button${compact ? " button--small button--secondary" : ""}`} type="submit">
        Map
      </button>
    </Form>
  );
}

export default function ProductSynonyms() {
  const { q, synonyms, goods, unmatched } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <p className="breadcrumbs">
        <Link to="/admin/reference">Reference data</Link> ›
      </p>
      <div className="page-header">
        <div>
          <h1>Product synonyms</h1>
          <p>How free-text products on supplier lists are matched to the goods of the TVPRA list. A product matches when it, or a run of its words, is one of these terms.</p>
        </div>
      </div>
      <div className="card">
        <h2>Products that match no good</h2>
        <p className="muted">Across all supplier lists (terms and counts only). Map one and the affected scores change at the next rescoring.</p>
        {unmatched.length === 0 ? (
          <p>Every product on the platform matches a good or none is listed.</p>
        ) : (
          <TableWrap label="Unmatched products">
            <table className="stack-table">
              <thead>
                <tr>
                  <Th>Product</Th>
                  <Th num>Suppliers</Th>
                  <Th>Map to</Th>
                </tr>
              </thead>
              <tbody>
                {unmatched.slice(0, 50).map((u) => (
                  <tr key={u.product}>
                    <th scope="row">{u.product}</th>
                    <td className="num" data-label="Suppliers">{formatNumber(u.suppliers)}</td>
                    <td className="cell-block" data-label="Map to">
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
        <h2>Add a synonym</h2>
        <FormError message={result ? Object.values(result.errors)[0] : undefined} />
        <MapForm goods={goods} term={result?.values.term} good={result?.values.good} />
      </div>
      <div className="page-header">
        <h2>Synonyms ({formatNumber(synonyms.length)})</h2>
        <Form method="get" role="search" className="inline-form">
          <label className="visually-hidden" htmlFor="synonym-search">
            Search synonyms
          </label>
          <input id="synonym-search" type="search" name="q" defaultValue={q} placeholder="Term" />
          <button className="button button--secondary" type="submit">
            Search
          </button>
        </Form>
      </div>
      <TableWrap label="Synonyms">
        <table className="stack-table">
          <thead>
            <tr>
              <Th>Term</Th>
              <Th>TVPRA good</Th>
              <Th>Added by</Th>
              <Th>
                <span className="visually-hidden">Actions</span>
              </Th>
            </tr>
          </thead>
          <tbody>
            {synonyms.map((s) => (
              <tr key={s.id}>
                <th scope="row">{s.term}</th>
                <td data-label="TVPRA good">{s.good}</td>
                <td data-label="Added by">{s.addedBy ?? "shipped with the platform"}</td>
                <td data-label="">
                  {s.createdBy ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value="remove" />
                      <input type="hidden" name="id" value={s.id} />
                      <button className="button button--small button--danger" type="submit">
                        Remove
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
