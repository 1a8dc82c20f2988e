import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guard.server";
import { authorize, can } from "~/auth/permissions.server";
import { FieldError, FormError } from "~/components/field";
import { BandBadge } from "~/components/risk/band-badge";
import { NotFound } from "~/domain/errors";
import { countryNameIn } from "~/domain/reference/countries.server";
import { DuplicateDecisionSchema } from "~/domain/suppliers/duplicates.schemas";
import { duplicateCandidates, duplicateHistory, keepApart, mergeSuppliers, undoDuplicateDecision, type Evidence } from "~/domain/suppliers/duplicates.server";
import { IDENTIFIER_SCHEMES as SCHEMES } from "~/domain/supplier-portal/identifiers";
import { serverT } from "~/i18n/i18n.server";
import { useFormat } from "~/i18n/format";
import { runAction, withDomainErrors } from "~/lib/actions.server";

/*
 * /suppliers/duplicates: the review queue of the company's probable duplicate records, and the
 * decisions taken on them (decision 033). A static segment: Remix ranks it above
 * suppliers.$supplierId, so "duplicates" never reaches that route's idParam.
 */

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "" }];

const QUEUE_SHOWN = 50;

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  if (!session.membership) throw new NotFound();
  const orgId = session.membership.orgId;
  const lng = context.locale;
  const { total, pairs } = await duplicateCandidates(context.db, session, orgId, QUEUE_SHOWN);
  const country = (code: string | null) => (code ? countryNameIn(code, lng) : null);
  return {
    pageTitle: `${serverT(lng, "suppliers")("duplicates.review.title")} · ${serverT(lng, "common")("site.name")}`,
    total,
    pairs: pairs.map((p) => ({ ...p, left: { ...p.left, countryName: country(p.left.country) }, right: { ...p.right, countryName: country(p.right.country) } })),
    history: await duplicateHistory(context.db, session, orgId, { limit: 100 }),
    canMerge: can(session, "suppliers.merge", { orgId }),
  };
});

export const action = /* @__PURE__ */ withDomainErrors(async ({ request, context }: ActionFunctionArgs) => {
  const session = requireUser(request, context);
  if (!session.membership) throw new NotFound();
  const orgId = session.membership.orgId;
  authorize(session, "suppliers.merge", { orgId });
  const t = serverT(context.locale, "suppliers");
  return runAction(
    request,
    DuplicateDecisionSchema,
    async (input) => {
      if (input.intent === "undo") {
        const undone = await undoDuplicateDecision(context.db, session, orgId, input, context.ip);
        return { ok: true as const, message: t(undone.decision === "merged" ? "duplicates.review.done.undoneMerge" : "duplicates.review.done.undoneApart") };
      }
      if (input.intent === "keep-apart") {
        await keepApart(context.db, session, orgId, input, context.ip);
        return { ok: true as const, message: t("duplicates.review.done.keptApart") };
      }
      const intoLeft = input.intent === "merge-into-left";
      const merged = await mergeSuppliers(context.db, session, orgId, { keptId: intoLeft ? input.leftId : input.rightId, otherId: intoLeft ? input.rightId : input.leftId, note: input.note }, context.ip);
      return { ok: true as const, message: t("duplicates.review.done.merged", { kept: merged.kept.name, other: merged.other.name }) };
    },
    context.locale,
  );
});

type Brief = ReturnType<typeof useLoaderData<typeof loader>>["pairs"][number]["left"];

type T = ReturnType<typeof useTranslation<"suppliers">>["t"];

/** One piece of evidence in words: which identifier matched, or the claimed site, or the name. */
function evidenceText(t: T, evidence: Evidence): string {
  if (evidence.kind === "identifier") return t("duplicates.review.evidence.identifier", { scheme: t(`duplicates.review.scheme.${evidence.scheme}` as "duplicates.review.scheme.os_id"), value: evidence.value });
  return t(evidence.kind === "site" ? "duplicates.review.evidence.site" : "duplicates.review.evidence.name");
}

/** An identifier's key as the list wrote it ("LEI", "os_id", "OS ID") named as its scheme, or as written when the scheme is not one the crosswalk knows. */
function schemeLabel(t: T, key: string): string {
  const scheme = key.trim().toLowerCase().replace(/[\s-]/g, "_");
  return (SCHEMES as readonly string[]).includes(scheme) ? t(`duplicates.review.scheme.${scheme}` as "duplicates.review.scheme.os_id") : key;
}

function RecordCard({ record, side }: { record: Brief; side: "left" | "right" }) {
  const { t } = useTranslation("suppliers");
  const none = <span className="muted">{t("duplicates.review.field.none")}</span>;
  const identifiers = Object.entries(record.identifiers ?? {});
  return (
    <div className="duplicate-pair__record">
      <p className="muted duplicate-pair__side">{t(side === "left" ? "duplicates.review.left" : "duplicates.review.right")}</p>
      <h3>
        <Link to={`/suppliers/${record.id}`} translate="no">
          {record.name}
        </Link>
      </h3>
      <dl className="facts">
        <dt>{t("duplicates.review.field.externalId")}</dt>
        <dd translate="no">{record.externalId}</dd>
        <dt>{t("duplicates.review.field.country")}</dt>
        <dd>{record.countryName ?? none}</dd>
        <dt>{t("duplicates.review.field.sector")}</dt>
        <dd>{record.sector ?? none}</dd>
        <dt>{t("duplicates.review.field.address")}</dt>
        <dd>{record.address ?? none}</dd>
        <dt>{t("duplicates.review.field.identifiers")}</dt>
        <dd translate="no">{identifiers.length ? identifiers.map(([k, v]) => `${schemeLabel(t, k)}: ${v}`).join(" · ") : none}</dd>
        <dt>{t("duplicates.review.field.risk")}</dt>
        <dd>
          <BandBadge band={record.riskBand} score={record.riskScore} />
        </dd>
      </dl>
    </div>
  );
}

export default function DuplicateReview() {
  const { total, pairs, history, canMerge } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const { t } = useTranslation("suppliers");
  const formats = useFormat();
  const failed = result && !result.ok ? result : null;
  // A refused form's message goes beside the form that was sent (the pair, or the decision).
  const refusedHere = (fields: Record<string, string>) => failed !== null && Object.entries(fields).every(([k, v]) => failed.values[k] === v);
  return (
    <>
      <p className="breadcrumbs">
        <Link to="/suppliers">{t("list.title")}</Link> ›
      </p>
      <div className="page-header">
        <div>
          <h1>{t("duplicates.review.title")}</h1>
          <p>{t("duplicates.review.intro")}</p>
        </div>
      </div>
      <p className="muted">{t("duplicates.review.crossBuyer")}</p>
      {result?.ok ? (
        <div className="alert alert--success" role="status">
          {result.message}
        </div>
      ) : null}

      <section data-testid="duplicate-queue" aria-labelledby="duplicate-queue-title">
        <h2 id="duplicate-queue-title">{t("duplicates.review.queueTitle")}</h2>
        {pairs.length === 0 ? (
          <p>{t("duplicates.review.empty")}</p>
        ) : (
          <p>
            {t("duplicates.review.queueCount", { count: total, n: formats.number(total) })}
            {total > pairs.length ? ` ${t("duplicates.review.showing", { shown: formats.number(pairs.length) })}` : ""}
          </p>
        )}
        {pairs.map((pair) => {
          const key = `${pair.left.id}-${pair.right.id}`;
          const here = refusedHere({ leftId: String(pair.left.id), rightId: String(pair.right.id) });
          return (
            <article key={key} className="card duplicate-pair" aria-label={t("duplicates.review.pairLabel", { left: pair.left.name, right: pair.right.name })} data-pair={key}>
              <div className="duplicate-pair__records">
                <RecordCard record={pair.left} side="left" />
                <RecordCard record={pair.right} side="right" />
              </div>
              <h3 className="duplicate-pair__evidence-title">{t("duplicates.review.evidenceTitle")}</h3>
              <ul className="duplicate-pair__evidence">
                {pair.evidence.map((e, i) => (
                  <li key={i} className={e.kind === "name" ? "muted" : undefined}>
                    {evidenceText(t, e)}
                  </li>
                ))}
              </ul>
              {canMerge ? (
                <Form method="post" className="duplicate-pair__form">
                  {here ? <FormError message={failed?.errors.form ?? failed?.errors.leftId ?? failed?.errors.rightId} /> : null}
                  <input type="hidden" name="leftId" value={pair.left.id} />
                  <input type="hidden" name="rightId" value={pair.right.id} />
                  <div className="field">
                    <label htmlFor={`note-${key}`}>{t("duplicates.review.note")}</label>
                    <input id={`note-${key}`} name="note" maxLength={1000} defaultValue={here ? failed?.values.note : ""} aria-invalid={here && failed?.errors.note ? true : undefined} aria-describedby={here && failed?.errors.note ? `note-${key}-error` : undefined} />
                    {here ? <FieldError id={`note-${key}`} message={failed?.errors.note} /> : null}
                  </div>
                  <div className="actions" role="group" aria-label={t("duplicates.review.actionsLabel")}>
                    <button type="submit" name="intent" value="merge-into-left" className="button" disabled={busy}>
                      {t("duplicates.review.mergeIntoLeft")}
                    </button>
                    <button type="submit" name="intent" value="merge-into-right" className="button" disabled={busy}>
                      {t("duplicates.review.mergeIntoRight")}
                    </button>
                    <button type="submit" name="intent" value="keep-apart" className="button button--secondary" disabled={busy}>
                      {t("duplicates.review.keepApart")}
                    </button>
                  </div>
                </Form>
              ) : null}
            </article>
          );
        })}
      </section>

      <section data-testid="duplicate-history" aria-labelledby="duplicate-history-title">
        <h2 id="duplicate-history-title">{t("duplicates.review.history.title")}</h2>
        {history.length === 0 ? <p>{t("duplicates.review.history.empty")}</p> : null}
        <ol className="duplicate-history">
          {history.map((d) => {
            const here = refusedHere({ decisionId: String(d.id) });
            const names = { kept: d.kept.name, other: d.other.name };
            const links = { 1: <Link to={`/suppliers/${d.decision === "merged" ? d.other.id : d.kept.id}`} translate="no" />, 3: <Link to={`/suppliers/${d.decision === "merged" ? d.kept.id : d.other.id}`} translate="no" /> };
            return (
              <li key={d.id} id={`decision-${d.id}`} className="card" data-decision={d.decision} data-undone={d.undoneAt !== null ? "true" : "false"}>
                <p>
                  <strong>
                    <Trans t={t} i18nKey={d.decision === "merged" ? "duplicates.review.history.merged" : "duplicates.review.history.keptApart"} values={names} components={links} />
                  </strong>
                </p>
                <p className="muted">{t("duplicates.review.history.by", { who: d.decidedBy ?? t("duplicates.review.history.formerMember"), date: formats.dateTime(d.createdAt) })}</p>
                <p className="muted">
                  {d.evidence.length ? t("duplicates.review.history.evidence", { list: formats.list(d.evidence.map((e) => evidenceText(t, e))) }) : t("duplicates.review.history.noEvidence")}
                </p>
                {d.note ? <p>{t("duplicates.review.history.noteText", { note: d.note })}</p> : null}
                {d.undoneAt !== null ? (
                  <p className="muted">{t("duplicates.review.history.undone", { who: d.undoneBy ?? t("duplicates.review.history.formerMember"), date: formats.dateTime(d.undoneAt), reason: d.undoReason ?? "" })}</p>
                ) : (
                  <>
                    <p>
                      <span className="badge">{t("duplicates.review.history.active")}</span>
                    </p>
                    {canMerge ? (
                      <Form method="post" className="inline-form duplicate-history__undo">
                        {here ? <FormError message={failed?.errors.form ?? failed?.errors.decisionId} /> : null}
                        <input type="hidden" name="decisionId" value={d.id} />
                        <div className="field">
                          <label htmlFor={`reason-${d.id}`}>{t("duplicates.review.history.reason")}</label>
                          <input
                            id={`reason-${d.id}`}
                            name="reason"
                            required
                            minLength={3}
                            maxLength={1000}
                            defaultValue={here ? failed?.values.reason : ""}
                            aria-invalid={here && failed?.errors.reason ? true : undefined}
                            aria-describedby={here && failed?.errors.reason ? `reason-${d.id}-error` : undefined}
                          />
                          {here ? <FieldError id={`reason-${d.id}`} message={failed?.errors.reason} /> : null}
                        </div>
                        <button type="submit" name="intent" value="undo" className="button button--secondary" disabled={busy}>
                          {t(d.decision === "merged" ? "duplicates.review.history.undoMerge" : "duplicates.review.history.undo")}
                        </button>
                      </Form>
                    ) : null}
                  </>
                )}
              </li>
            );
          })}
        </ol>
      </section>
    </>
  );
}
