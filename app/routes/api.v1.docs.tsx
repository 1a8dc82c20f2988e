/**
 * The API reference (issue 22 item 1, decision 037), rendered from the OpenAPI document the API is
 * checked against, so the page and the API cannot drift apart. Public, like the document: it
 * describes the API and holds no data. The problem `type` URIs the API answers with point at the
 * anchors of the "Problems" part (#problem-<kind>).
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Fragment } from "react";
import { useTranslation } from "react-i18next";
import { TableWrap, Th } from "~/components/table-wrap";
import { WebhookVerify } from "~/components/webhook-verify";
import { apiReference, type FieldRow } from "~/domain/api/reference.server";
import { TOKEN_PREFIX } from "~/domain/api/scopes";
import { MAX_DELIVERY_ATTEMPTS, WEBHOOK_EVENTS } from "~/domain/webhooks/events";
import { TOLERANCE_SECONDS } from "~/domain/webhooks/signature";
import { serverT } from "~/i18n/i18n.server";
import { withDomainErrors } from "~/lib/actions.server";
import { PROBLEMS, type ProblemKind } from "~/lib/api.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "" }];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ context }: LoaderFunctionArgs) => {
  const reference = apiReference();
  return {
    pageTitle: `${serverT(context.locale, "api")("docs.title")} · ${serverT(context.locale, "common")("site.name")}`,
    ...reference,
    // From the verifier's constant, on the server (signature.ts uses node:crypto, never sent to the browser).
    toleranceMinutes: TOLERANCE_SECONDS / 60,
    // The titles the API sends in its problems (English, as on the wire).
    problems: Object.entries(PROBLEMS).map(([kind, p]) => ({ kind: kind as ProblemKind, status: p.status, title: p.title })),
  };
});

export default function ApiDocs() {
  const { t } = useTranslation("api");
  const { title, version, base, operations, problems, toleranceMinutes } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-header">
        <div>
          <h1>{t("docs.title")}</h1>
          <p>{t("docs.intro", { title, version, base })}</p>
          <p>
            <a href={`${base}/openapi.json`}>{t("created.openapi")}</a>
          </p>
        </div>
      </div>

      <nav className="card" aria-labelledby="docs-contents">
        <h2 id="docs-contents">{t("docs.contents")}</h2>
        <ul>
          <li>
            <a href="#authentication">{t("docs.auth.heading")}</a>
          </li>
          {operations.map((op) => (
            <li key={op.id}>
              <a href={`#${op.id}`}>
                <code>
                  {op.method} {op.path}
                </code>
              </a>{" "}
              {op.summary}
            </li>
          ))}
          <li>
            <a href="#problems">{t("docs.problems.heading")}</a>
          </li>
          <li>
            <a href="#webhooks">{t("docs.webhooks.heading")}</a>
          </li>
        </ul>
      </nav>

      <section className="card" aria-labelledby="authentication">
        <h2 id="authentication">{t("docs.auth.heading")}</h2>
        <p>{t("docs.auth.token")}</p>
        <p>
          <code>{`Authorization: Bearer ${TOKEN_PREFIX}…`}</code>
        </p>
        <p>{t("docs.auth.scopes")}</p>
        <p>{t("docs.auth.rate")}</p>
        <p>{t("docs.auth.cookies")}</p>
      </section>

      {operations.map((op) => (
        <section className="card api-op" key={op.id} aria-labelledby={op.id}>
          <h2 id={op.id} translate="no">
            <code>
              {op.method} {base}
              {op.path}
            </code>
          </h2>
          <p>
            <strong>{op.summary}</strong>
          </p>
          {op.description ? <p>{withCode(op.description)}</p> : null}
          <p>
            {t("docs.scope")} {op.scopes.map((s) => <code key={s}>{s}</code>)}
          </p>
          {op.parameters.length ? (
            <>
              <h3>{t("docs.parameters")}</h3>
              <TableWrap label={`${t("docs.parameters")}: ${op.method} ${op.path}`}>
                <table className="stack-table">
                  <thead>
                    <tr>
                      <Th>{t("docs.col.name")}</Th>
                      <Th>{t("docs.col.in")}</Th>
                      <Th>{t("docs.col.required")}</Th>
                      <Th>{t("docs.col.type")}</Th>
                      <Th>{t("docs.col.description")}</Th>
                    </tr>
                  </thead>
                  <tbody>
                    {op.parameters.map((p) => (
                      <tr key={`${p.in}-${p.name}`}>
                        <td className="cell-name api-field">
                          <code>{p.name}</code>
                        </td>
                        <td data-label={t("docs.col.in")}>{t(`docs.in.${p.in as "path" | "query" | "header"}`)}</td>
                        <td data-label={t("docs.col.required")}>{p.required ? t("webhooks.yes") : t("webhooks.no")}</td>
                        <td className="cell-wrap" data-label={t("docs.col.type")}>
                          <code>{p.type}</code>
                        </td>
                        <td className="cell-wrap" data-label={t("docs.col.description")}>
                          {p.description ? withCode(p.description) : t("noAction")}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableWrap>
            </>
          ) : null}
          {op.body ? (
            <>
              <h3>{t("docs.body")}</h3>
              <Fields rows={op.body} label={`${t("docs.body")}: ${op.method} ${op.path}`} />
            </>
          ) : null}
          <h3>{op.success.mediaType === "application/pdf" ? t("docs.responsePdf", { status: op.success.status }) : t("docs.response", { status: op.success.status })}</h3>
          {op.success.fields.length ? <Fields rows={op.success.fields} label={`${t("docs.response", { status: op.success.status })}: ${op.method} ${op.path}`} /> : null}
          <h3>{t("docs.answers")}</h3>
          <dl className="facts">
            {op.answers.map((a) => (
              <Fragment key={a.status}>
                <dt>
                  <code>{a.status}</code>
                </dt>
                <dd>{withCode(a.description)}</dd>
              </Fragment>
            ))}
          </dl>
        </section>
      ))}

      <section className="card" aria-labelledby="problems">
        <h2 id="problems">{t("docs.problems.heading")}</h2>
        <p>{t("docs.problems.intro")}</p>
        {problems.map((p) => (
          <div key={p.kind} id={`problem-${p.kind}`}>
            {/* The status, title and kind as the API sends them (English on the wire). */}
            <h3 translate="no">
              <code>{p.status}</code> {p.title} <span className="muted">({p.kind})</span>
            </h3>
            <p>{t(`docs.problem.${p.kind}.means`)}</p>
            <p>{t(`docs.problem.${p.kind}.do`)}</p>
          </div>
        ))}
      </section>

      <section className="card" aria-labelledby="webhooks">
        <h2 id="webhooks">{t("docs.webhooks.heading")}</h2>
        <p>{t("docs.webhooks.intro")}</p>
        <h3>{t("docs.webhooks.events")}</h3>
        <dl className="facts">
          {WEBHOOK_EVENTS.map((e) => (
            <Fragment key={e}>
              <dt>
                <code>{e}</code>
              </dt>
              <dd>{t(`webhooks.event.${e}.about`)}</dd>
            </Fragment>
          ))}
        </dl>
        <h3>{t("docs.webhooks.verify")}</h3>
        <WebhookVerify toleranceMinutes={toleranceMinutes} />
        <h3>{t("docs.webhooks.retries")}</h3>
        <p>{t("docs.webhooks.retriesText", { attempts: MAX_DELIVERY_ATTEMPTS })}</p>
      </section>
    </>
  );
}

/** The document's texts mark names with backticks (Markdown, as OpenAPI allows): shown as code. */
function withCode(text: string) {
  return text.split("`").map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : part));
}

/** A body's fields, a nested object's fields indented under their field. */
function Fields({ rows, label }: { rows: FieldRow[]; label: string }) {
  const { t } = useTranslation("api");
  return (
    <TableWrap label={label}>
      <table className="stack-table">
        <thead>
          <tr>
            <Th>{t("docs.col.field")}</Th>
            <Th>{t("docs.col.type")}</Th>
            <Th>{t("docs.col.required")}</Th>
            <Th>{t("docs.col.description")}</Th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              <td className="cell-name api-field" style={{ paddingInlineStart: `${0.5 + r.depth * 1.25}rem` }}>
                <code>{r.depth > 0 ? `↳ ${r.name}` : r.name}</code>
              </td>
              <td className="cell-wrap" data-label={t("docs.col.type")}>
                <code>{r.type}</code>
              </td>
              <td data-label={t("docs.col.required")}>{r.required ? t("webhooks.yes") : t("webhooks.no")}</td>
              <td className="cell-wrap" data-label={t("docs.col.description")}>
                {r.description ? withCode(r.description) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
