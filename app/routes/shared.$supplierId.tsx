import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guard.server";
import { can } from "~/auth/permissions.server";
import { AuditStatus, AuditType, windowInZones } from "~/components/audits";
import { ContestList } from "~/components/contests";
import { FormError } from "~/components/field";
import { BandBadge } from "~/components/risk/band-badge";
import { SupplyFacts, WorkforceFacts } from "~/components/risk/entity-parts";
import { ScoreExplanation } from "~/components/risk/score-explanation";
import { RaiseContestSchema } from "~/domain/contests/contests.schemas";
import { contestsOfSupplier, raiseContest, requireContestable } from "~/domain/contests/contests.server";
import { contestableFactors, factorText, LAYER_TITLE } from "~/domain/contests/factors";
import type { FactorLayer } from "~/domain/risk/types";
import { countryNameIn } from "~/domain/sharing/country-names.server";
import { sharedSupplierDetail } from "~/domain/sharing/shared-suppliers.server";
import { failure, idParam, runAction, withDomainErrors } from "~/lib/actions.server";
import { saveWithEvidence } from "~/lib/evidence.server";
import { useFormat } from "~/i18n/format";
import { serverT } from "~/i18n/i18n.server";
import { discardUpload, readUpload, uploadedFile } from "~/lib/upload.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "" }];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, params, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  const supplierId = idParam(params.supplierId);
  const detail = await sharedSupplierDetail(context.db, session, supplierId);
  const orgId = session.membership!.orgId;
  const query = new URL(request.url).searchParams;
  const sent = Number(query.get("contested"));
  // The lines of the breakdown shown above, in words; an observed line's state only with the indicators scope.
  const factorOptions = contestableFactors(detail.score?.factors ?? []).map((f) => ({
    code: f.code,
    layer: LAYER_TITLE[f.layer],
    text: factorText(f, f.layer === "observed" && !detail.share.scope.includes("indicators") ? "label" : "state"),
  }));
  return {
    pageTitle: `${detail.supplier.name} · ${serverT(context.locale, "sharing")("shared.title")} · ${serverT(context.locale, "common")("site.name")}`,
    sent: Number.isInteger(sent) && sent > 0 ? sent : null,
    ...detail,
    countryName: detail.supplier.country ? countryNameIn(context.locale, detail.supplier.country) : null,
    contests: (await contestsOfSupplier(context.db, session, supplierId)).map((c) => ({ ...c, createdAt: c.createdAt.getTime(), respondedAt: c.respondedAt?.getTime() ?? null })),
    canContest: can(session, "contests.raise", { orgId }) && detail.share.scope.includes("scores"),
    factorOptions,
    // The line chosen with a "Contest" link of the breakdown, if it is one of the lines offered.
    chosenFactor: factorOptions.some((o) => o.code === query.get("factor")) ? query.get("factor")! : "",
  };
});

const EVIDENCE_UPLOAD_LIMIT = 25 * 1024 * 1024;

export const action = /* @__PURE__ */ withDomainErrors(async ({ request, params, context }: ActionFunctionArgs) => {
  const session = requireUser(request, context);
  const supplierId = idParam(params.supplierId);
  // Authorise before reading the body: nobody stores files for a contest they may not raise.
  await requireContestable(context.db, session, supplierId);
  const upload = await readUpload(request, context.uploads.dir, EVIDENCE_UPLOAD_LIMIT, context.locale);
  if (!upload.ok) return failure({ evidence: serverT(context.locale, "contests")("validation.evidenceTooLarge") }, {}, undefined, {}, { status: 413 });
  try {
    return await runAction(
      upload.form,
      RaiseContestSchema,
      async (input) => {
        const file = uploadedFile(upload, "evidence");
        const contest = await saveWithEvidence(file ? [file] : [], context.uploads.dir, "evidence", async ([evidence]) => await raiseContest(context.db, session, supplierId, { ...input, evidence: evidence ?? null, ip: context.ip }));
        throw redirect(`/shared/${supplierId}?contested=${contest.id}#contests`);
      },
      context.locale,
    );
  } finally {
    discardUpload(upload);
  }
});

/** The layer's code from the English title the loader sends (kept as it is for the page's data contract). */
const LAYER_CODE = Object.fromEntries(Object.entries(LAYER_TITLE).map(([code, title]) => [title, code as FactorLayer])) as Record<string, FactorLayer | undefined>;

const LICENCE = ["valid", "expired", "revoked", "none", "unknown"] as const satisfies readonly string[];

export default function SharedSupplier() {
  const { share, supplier, score, history, recruiters, audits, contests, canContest, countryName, factorOptions, chosenFactor, sent } = useLoaderData<typeof loader>();
  // The contest just sent, as listed below (a number in the address that is not one of them says nothing).
  const justSent = sent ? contests.find((c) => c.id === sent) : undefined;
  const result = useActionData<typeof action>();
  const errors: Record<string, string> = result?.errors ?? {};
  const busy = useNavigation().state === "submitting";
  const { t } = useTranslation("sharing");
  const { t: tc } = useTranslation("contests");
  const f = useFormat();
  return (
    <>
      <p className="breadcrumbs">
        <Link to="/shared">{t("shared.title")}</Link> ›
      </p>
      <div className="page-header">
        <div>
          <h1 translate="no">{supplier.name}</h1>
          <p>
            <Trans t={t} i18nKey="shared.detail.sharedBy" values={{ company: share.companyName, date: f.date(share.since) }} components={{ 1: <strong /> }} />
          </p>
        </div>
        {score ? (
          <span className="band-with-range">
            <BandBadge band={score.band} score={score.score} low={score.scoreLow} high={score.scoreHigh} confidence={score.confidence} />
          </span>
        ) : null}
      </div>
      <div className="card">
        <h2>{t("shared.detail.profile")}</h2>
        <dl className="facts">
          <dt>{t("shared.column.country")}</dt>
          <dd>{countryName ?? "—"}</dd>
          <dt>{t("shared.detail.address")}</dt>
          <dd>{supplier.address ?? "—"}</dd>
          <SupplyFacts sector={supplier.sector} products={supplier.products} tier={supplier.tier} />
          <WorkforceFacts workersTotal={supplier.workersTotal} migrantShare={supplier.migrantShare} femaleShare={supplier.femaleShare} />
        </dl>
      </div>
      {score ? (
        <ScoreExplanation score={score} history={history} contestHref={canContest ? (code) => (factorOptions.some((o) => o.code === code) ? `/shared/${supplier.id}?factor=${encodeURIComponent(code)}#contest-heading` : null) : undefined} />
      ) : (
        <div className="card">
          <h2>{t("shared.detail.riskScore")}</h2>
          <p>{share.scope.includes("scores") ? t("shared.detail.notScored") : t("shared.detail.scoresNotShared")}</p>
        </div>
      )}
      {audits ? (
        <div className="card">
          <h2>{t("shared.detail.audits")}</h2>
          {audits.length === 0 ? (
            <p className="muted">{t("shared.detail.noAudit")}</p>
          ) : (
            <ul className="entity-list">
              {audits.map((a) => (
                <li key={a.id}>
                  {windowInZones(a.startsAt, a.endsAt, a.placeZone)} · {a.inspectorate} · <AuditType type={a.type} /> · <AuditStatus status={a.status} /> ·{" "}
                  {t("shared.detail.auditCounts", { findings: t("shared.detail.findings", { count: a.findings }), actions: t("shared.detail.openActions", { count: a.openActions }) })}
                </li>
              ))}
            </ul>
          )}
        </div>
      ) : null}
      {recruiters ? (
        <div className="card">
          <h2>{t("shared.detail.recruiters")}</h2>
          {recruiters.length === 0 ? (
            <p>{t("shared.detail.noRecruiter")}</p>
          ) : (
            <ul>
              {recruiters.map((r) => (
                <li key={r.name}>
                  <strong>{r.name}</strong> ({r.country ?? t("shared.detail.countryUnknown")}) · {t(`shared.detail.licence.${(LICENCE as readonly string[]).includes(r.licenceStatus) ? (r.licenceStatus as (typeof LICENCE)[number]) : "unknown"}`)} ·{" "}
                  {t(`shared.detail.fees.${r.feesChargedToWorkers === null ? "unknown" : r.feesChargedToWorkers ? "yes" : "no"}`)}
                  {r.originCountries.length ? ` · ${t("shared.detail.recruitsFrom", { countries: f.list(r.originCountries) })}` : ""}
                </li>
              ))}
            </ul>
          )}
        </div>
      ) : null}
      <div className="card" id="contests">
        <h2>{tc("raise.contests")}</h2>
        {justSent ? (
          <p className="alert alert--success" role="status">
            <Trans
              t={tc}
              i18nKey={justSent.kind === "method" ? "raise.sent_method" : "raise.sent_score"}
              values={{ id: justSent.id, company: share.companyName }}
              components={{ 1: <Link to="/contests" /> }}
            />
          </p>
        ) : null}
        <ContestList contests={contests} linkTo={(id) => `/contests/${id}`} viewer="union" />
        {canContest ? (
          // A new key after each contest sent: the redirect re-renders this page, and a fresh form starts empty.
          <Form key={`${contests.length}-${chosenFactor}`} method="post" encType="multipart/form-data" className="stack" aria-labelledby="contest-heading">
            <h3 id="contest-heading">{tc("raise.heading")}</h3>
            <p className="muted">{tc("raise.intro")}</p>
            <FormError message={errors.evidence} />
            <fieldset className="field" aria-describedby={errors.kind ? "kind-error" : undefined}>
              <legend>{tc("raise.kind.legend")}</legend>
              <label className="radio radio--block">
                <input type="radio" name="kind" value="score" defaultChecked={(result?.values.kind ?? "score") !== "method"} /> <span>{tc("raise.kind.score", { company: share.companyName })}</span>
              </label>
              <label className="radio radio--block">
                <input type="radio" name="kind" value="method" defaultChecked={result?.values.kind === "method"} />{" "}
                <span>{tc("raise.kind.method", { company: share.companyName })}</span>
              </label>
              {errors.kind ? (
                <span className="error" id="kind-error">
                  {errors.kind}
                </span>
              ) : null}
            </fieldset>
            <div className="field">
              <label htmlFor="factor">{tc("raise.factor.label")}</label>
              <select id="factor" name="factor" defaultValue={result?.values.factor ?? chosenFactor} aria-invalid={errors.factor ? true : undefined} aria-describedby={errors.factor ? "factor-error" : undefined}>
                <option value="">{tc("raise.factor.whole")}</option>
                {[...new Set(factorOptions.map((o) => o.layer))].map((layer) => (
                  <optgroup key={layer} label={LAYER_CODE[layer] ? tc(`raise.factor.layer.${LAYER_CODE[layer]}`) : layer}>
                    {factorOptions
                      .filter((o) => o.layer === layer)
                      .map((o) => (
                        <option key={o.code} value={o.code}>
                          {o.text}
                        </option>
                      ))}
                  </optgroup>
                ))}
              </select>
              {errors.factor ? (
                <span className="error" id="factor-error">
                  {errors.factor}
                </span>
              ) : null}
            </div>
            <div className="field">
              <label htmlFor="comment">{tc("raise.comment")}</label>
              <textarea id="comment" name="comment" rows={5} maxLength={5000} defaultValue={result?.values.comment ?? ""} aria-invalid={errors.comment ? true : undefined} aria-describedby={errors.comment ? "comment-error" : undefined} />
              {errors.comment ? (
                <span className="error" id="comment-error">
                  {errors.comment}
                </span>
              ) : null}
            </div>
            <div className="field">
              <label htmlFor="evidence">{tc("raise.evidence")}</label>
              <input id="evidence" type="file" name="evidence" accept=".pdf,.png,.jpg,.jpeg,.txt,.docx,.xlsx" />
            </div>
            <button className="button" type="submit" disabled={busy}>
              {tc("raise.submit")}
            </button>
          </Form>
        ) : null}
      </div>
    </>
  );
}
