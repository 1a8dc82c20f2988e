import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { GRIEVANCE_PARTIES, GRIEVANCE_SEVERITIES } from "#db/schema";
import { requireUser } from "~/auth/guard.server";
import { CaseBadges, languageName } from "~/components/grievances";
import { assignCase, caseForms, closeCase, companyAnswer, forwardCase, messageOnCase, recordFinding, referToService, requireCaseActor, showContact, triageCase } from "~/domain/grievances/cases.server";
import { CasePageSchema } from "~/domain/grievances/cases.schemas";
import { caseFor } from "~/domain/grievances/views.server";
import { caseFeeLink, linkFeeCase } from "~/domain/fees/worker-fees.server";
import { FEE_ANSWERS } from "~/domain/fees/constants";
import { formatMoney } from "~/domain/fees/money";
import { countryNameIn } from "~/domain/reference/countries.server";
import { INDICATORS, indicatorLabelKey, isIndicatorCode } from "~/domain/indicators";
import { useFormat } from "~/i18n/format";
import { serverT } from "~/i18n/i18n.server";
import { idParam, runAction, withDomainErrors } from "~/lib/actions.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "" }];

/** One case as the reader's organisation may see it (caseFor: scoped and logged), and the forms the reader may use. */
export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, params, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  const view = await caseFor(context.db, session, idParam(params.grievanceId));
  const forms = await caseForms(context.db, session, view);
  const feeLink = await caseFeeLink(context.db, session, view);
  // Corridors by country name in the reader's language, as /fees names them.
  const named = <T extends { originCountry: string; destinationCountry: string }>(c: T) => ({ ...c, origin: countryNameIn(c.originCountry, context.locale), destination: countryNameIn(c.destinationCountry, context.locale) });
  const ms = (d: Date | null) => d?.getTime() ?? null;
  return {
    pageTitle: `${serverT(context.locale, "grievances")("case.number", { id: view.id })} · ${serverT(context.locale, "common")("site.name")}`,
    now: Date.now(),
    c: {
      ...view,
      dueAt: ms(view.dueAt),
      escalatedAt: ms(view.escalatedAt),
      closedAt: ms(view.closedAt),
      createdAt: view.createdAt.getTime(),
      recipients: view.recipients.map((r) => ({ ...r, createdAt: r.createdAt.getTime() })),
      timeline: view.timeline.map((e) => ({ ...e, createdAt: e.createdAt.getTime() })),
    },
    forms,
    feeLink: feeLink && { ...feeLink, linked: feeLink.linked && named(feeLink.linked), choices: feeLink.choices.map(named) },
    assigneeName: forms.members.find((m) => m.id === view.assigneeId)?.name ?? null,
  };
});

export const action = /* @__PURE__ */ withDomainErrors(async ({ request, params, context }: ActionFunctionArgs) => {
  const session = requireUser(request, context);
  const id = idParam(params.grievanceId);
  // Before the form is read: a case that did not reach the organisation is a 404, a reader who does not act a 403.
  await requireCaseActor(context.db, session, id);
  return runAction(
    request,
    CasePageSchema,
    async (input) => {
      switch (input.intent) {
        case "contact":
          // Shown once, in this answer only: never in the page's address or a later load.
          return { ok: true as const, contact: await showContact(context.db, session, id) };
        case "triage":
          await triageCase(context.db, session, id, input);
          break;
        case "assign":
          await assignCase(context.db, session, id, input.assigneeId);
          break;
        case "message":
          await messageOnCase(context.db, session, id, input);
          break;
        case "forward":
          await forwardCase(context.db, session, id, input.party);
          break;
        case "finding":
          await recordFinding(context.db, session, id, input);
          break;
        case "answer":
          await companyAnswer(context.db, session, id, input);
          break;
        case "close":
          await closeCase(context.db, session, id, input.remedy);
          break;
        case "refer":
          await referToService(context.db, session, id, input.serviceId);
          break;
        case "fee-link":
          // linkFeeCase asks fees.link itself (the company, which may answer here, is refused) and
          // answers 404 for a fee case of another workplace.
          await linkFeeCase(context.db, session, id, input.feeCaseId, context.ip);
          break;
      }
      throw redirect(`/grievances/${id}?done=${input.intent}#timeline`);
    },
    context.locale,
  );
});

/** Who may read a message or note (values of the form, not words). */
const AUDIENCES = ["worker", "parties", "org"] as const;
const FINDINGS = ["substantiated", "not_substantiated"] as const;

type Data = ReturnType<typeof useLoaderData<typeof loader>>;
type Result = ReturnType<typeof useActionData<typeof action>>;

/** The failure of the form `intent`, if that is the one that was sent. */
function failureOf(result: Result, intent: string) {
  if (!result || result.ok || result.intent !== intent) return { errors: {} as Record<string, string>, values: {} as Record<string, string>, lists: {} as Record<string, string[]> };
  return result;
}

export default function GrievanceCase() {
  const { c, forms, feeLink, assigneeName, now } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [search] = useSearchParams();
  const { t } = useTranslation(["grievances", "indicators"]);
  const f = useFormat();
  const company = c.party === "company";
  const done = search.get("done");
  const overdue = c.closedAt === null && c.dueAt !== null && c.dueAt < now;
  const contact = result && result.ok ? result.contact : null;
  const formError = result && !result.ok ? result.errors.form : undefined;
  return (
    <>
      <p className="breadcrumbs">
        <Link to="/grievances">{t("list.title")}</Link> ›
      </p>
      <div className="page-header">
        <div>
          <h1>{t("case.number", { id: c.id })}</h1>
          <p>
            <CaseBadges status={c.status} urgent={c.urgent} escalated={c.escalatedAt !== null} overdue={overdue} />
          </p>
          <p>
            {c.workplace.name ?? c.workplace.text ?? t("list.generalReport")}
            {c.workplace.country ? ` · ${c.workplace.country}` : ""} · {t("case.received", { date: f.date(c.createdAt) })}
            {c.closedAt === null && c.dueAt !== null ? ` · ${t("case.dueBy", { date: f.date(c.dueAt) })}` : ""}
          </p>
        </div>
      </div>
      {done ? (
        <p className="alert alert--success" role="status">
          {t(`case.done.${done}`, { defaultValue: t("case.done.saved") })}
        </p>
      ) : null}
      {formError ? (
        <p className="alert alert--error" role="alert">
          {formError}
        </p>
      ) : null}
      {company ? (
        <p className="alert alert--info" role="note">
          {c.description === null ? t("case.companyNoWords") : t("case.companyWords")}
        </p>
      ) : null}

      <div className="card">
        <h2>{t("case.what.heading")}</h2>
        <dl className="case-facts">
          <Fact label={t("case.what.categories")}>{c.categories.map((k) => t(`case.category.${k}`)).join(", ")}</Fact>
          {c.since ? <Fact label={t("case.what.since")}>{c.since}</Fact> : null}
          {c.peopleCount !== null ? <Fact label={t("case.what.people")}>{f.number(c.peopleCount)}</Fact> : null}
          {c.workplace.text ? <Fact label={t("case.what.where")}>{c.workplace.text}</Fact> : null}
          <Fact label={t("case.what.intake")}>{t(`case.intake.${c.intake === "assisted" ? "assisted" : "online"}`)}</Fact>
          <Fact label={t("case.what.language")}>{languageName(f.locale, c.language)}</Fact>
          {c.severity ? <Fact label={t("case.what.severity")}>{t(`case.severity.${c.severity}`)}</Fact> : null}
          <Fact label={t("case.what.indicators")}>{c.indicators.length ? c.indicators.map((code) => (isIndicatorCode(code) ? t(indicatorLabelKey(code)) : code)).join(", ") : "—"}</Fact>
          {c.finding !== "unknown" ? <Fact label={t("case.what.finding")}>{t(`case.finding.${c.finding}`)}</Fact> : null}
          {!company ? <Fact label={t("case.what.assignee")}>{assigneeName ?? "—"}</Fact> : null}
          {c.remedy ? <Fact label={t("case.what.remedy")}>{c.remedy}</Fact> : null}
          {c.workerRating !== null ? <Fact label={t("case.what.rating")}>{t(`case.rating.${c.workerRating}`, { defaultValue: String(c.workerRating) })}</Fact> : null}
        </dl>
        {c.description !== null ? (
          <>
            <h3>{t("case.what.words")}</h3>
            {/* The worker's own words, in their language: not translated. */}
            <blockquote className="case-words">{c.description}</blockquote>
          </>
        ) : null}
        {c.files.length ? (
          <>
            <h3>{t("case.what.files")}</h3>
            <ul>
              {c.files.map((file) => (
                <li key={file.id}>
                  <a href={`/grievances/${c.id}/files/${file.id}`} download>
                    {file.name}
                  </a>{" "}
                  <span className="muted">({f.bytes(file.size)})</span>
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {c.hasContact && forms.canHandle ? (
          contact ? (
            <p className="alert alert--warning" role="status">
              {t("case.contact.shown")} <strong>{contact}</strong>
            </p>
          ) : (
            <Form method="post" className="case-contact">
              <input type="hidden" name="intent" value="contact" />
              <p className="hint">{t("case.contact.hint")}</p>
              <button className="button button--secondary" type="submit">
                {t("case.contact.show")}
              </button>
            </Form>
          )
        ) : null}
      </div>

      <div className="card">
        <h2>{t("case.recipients.heading")}</h2>
        <ul>
          {c.recipients.map((r) => (
            <li key={r.orgId}>
              <strong>{r.orgName}</strong> ({t(`case.party.${r.party}`)}) · {t(`case.reason.${r.reason}`, { defaultValue: r.reason })} · {f.date(r.createdAt)}
              {r.orgId === c.leadOrgId ? ` · ${t("case.recipients.lead")}` : ""}
            </li>
          ))}
        </ul>
        <p className="muted">{t("case.recipients.consent", { parties: c.consent.map((p) => t(`case.party.${p}`)).join(", ") })}</p>
      </div>

      <div className="card" id="timeline">
        <h2>{t("case.timeline.heading")}</h2>
        <ol className="case-timeline">
          {c.timeline.map((e) => (
            <li key={e.id} className={`case-event case-event--${e.audience}`}>
              <p className="case-event__meta">
                <strong>{t(`case.event.${e.type}`, { defaultValue: t("case.event.other") })}</strong>
                {" · "}
                {e.type === "escalated" ? t("case.timeline.system") : e.orgName === null ? t("case.timeline.worker") : `${e.orgName}${e.userName ? ` (${e.userName})` : ""}`}
                {" · "}
                {f.dateTime(e.createdAt)}
                {" · "}
                <span className="muted">{t(`case.audience.${e.audience}`, { defaultValue: "" })}</span>
              </p>
              <EventData type={e.type} data={e.data} />
              {e.body ? <p className="case-event__body">{e.body}</p> : null}
            </li>
          ))}
        </ol>
      </div>

      {/*
       * Keyed by the timeline's length: every change adds an event, so after one the forms start
       * afresh from the saved case (an uncontrolled field keeps its text across a client-side
       * reload otherwise, and a sent message would still stand in the box).
       */}
      {forms.canHandle ? <HandlerForms key={c.timeline.length} c={c} forms={forms} result={result} /> : null}
      {feeLink && (feeLink.linked || feeLink.canLink) ? <FeeLinkCard feeLink={feeLink} result={result} /> : null}
      {forms.canAnswer ? <AnswerForm key={c.timeline.length} result={result} /> : null}
      {c.closedAt !== null ? <p className="muted">{t("case.closedOn", { date: f.date(c.closedAt) })}</p> : null}
    </>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** What an event carries beside its text: the triage, the party forwarded to, the finding, the remedy offered, the service, the fee case linked and the worker's answer about a repayment. */
function EventData({ type, data }: { type: string; data: Record<string, unknown> }) {
  const { t } = useTranslation(["grievances", "indicators", "fees"]);
  const text = (k: string) => (typeof data[k] === "string" ? (data[k] as string) : null);
  // Old or foreign data must not break the page: only known values are looked up.
  const oneOf = <T extends string>(list: readonly T[], value: string | null): T | null => (value !== null && (list as readonly string[]).includes(value) ? (value as T) : null);
  const severity = oneOf(GRIEVANCE_SEVERITIES, text("severity"));
  const party = oneOf(GRIEVANCE_PARTIES, text("party"));
  const finding = oneOf(FINDINGS, text("finding"));
  const codes = Array.isArray(data.indicators) ? (data.indicators as unknown[]).filter((x): x is string => typeof x === "string") : [];
  const labels = codes.map((code) => (isIndicatorCode(code) ? t(indicatorLabelKey(code)) : code)).join(", ");
  if (type === "triaged" && severity) return <p>{t("case.eventData.triaged", { severity: t(`case.severity.${severity}`), indicators: labels || "—" })}</p>;
  if (type === "forwarded" && party) return <p>{t("case.eventData.forwarded", { party: t(`case.party.${party}`) })}</p>;
  if (type === "finding" && finding) return <p>{t("case.eventData.finding", { finding: t(`case.finding.${finding}`), indicators: labels || "—" })}</p>;
  if (type === "evidence_withdrawn") return <p>{t("case.eventData.withdrawn", { indicators: labels || "—" })}</p>;
  if (type === "company_answer" && text("remedy")) return <p>{t("case.eventData.remedyOffered", { remedy: text("remedy")! })}</p>;
  if (type === "fee_linked" && typeof data.feeCaseId === "number") return <p>{t("case.eventData.feeLinked", { id: data.feeCaseId })}</p>;
  const answer = oneOf(FEE_ANSWERS, text("answer"));
  if (type === "fee_confirmed" && answer) return <p>{t("case.eventData.feeConfirmed", { answer: t(`fees:answer.${answer}`) })}</p>;
  if (type === "referral" && text("name")) {
    const phone = text("phone");
    const url = text("url");
    return (
      <p>
        {t("case.eventData.referral", { name: text("name")! })}
        {phone ? ` · ${phone}` : ""}
        {url ? (
          <>
            {" · "}
            <a href={url} rel="noreferrer noopener">
              {url}
            </a>
          </>
        ) : null}
      </p>
    );
  }
  return null;
}

function FieldError({ id, error }: { id: string; error: string | undefined }) {
  return error ? (
    <span className="error" id={id}>
      {error}
    </span>
  ) : null;
}

function IndicatorChoices({ name, chosen, error, idPrefix }: { name: string; chosen: string[]; error: string | undefined; idPrefix: string }) {
  const { t } = useTranslation(["grievances", "indicators"]);
  return (
    <fieldset className="field" aria-describedby={error ? `${idPrefix}-error` : undefined}>
      <legend>{t("case.forms.indicators")}</legend>
      <div className="case-indicators">
        {INDICATORS.map((i) => (
          <label key={i.code} className="checkbox">
            <input type="checkbox" name={name} value={i.code} defaultChecked={chosen.includes(i.code)} /> {t(indicatorLabelKey(i.code))}
          </label>
        ))}
      </div>
      <FieldError id={`${idPrefix}-error`} error={error} />
    </fieldset>
  );
}

function HandlerForms({ c, forms, result }: { c: Data["c"]; forms: Data["forms"]; result: Result }) {
  const { t } = useTranslation("grievances");
  const f = useFormat();
  const msg = failureOf(result, "message");
  const triage = failureOf(result, "triage");
  const assign = failureOf(result, "assign");
  const forward = failureOf(result, "forward");
  const finding = failureOf(result, "finding");
  const refer = failureOf(result, "refer");
  const close = failureOf(result, "close");
  return (
    <>
      <div className="card">
        <h2>{t("case.forms.message.heading")}</h2>
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="message" />
          <fieldset className="field">
            <legend>{t("case.forms.message.audience")}</legend>
            {AUDIENCES.map((a) => (
              <label key={a} className="radio radio--block">
                <input type="radio" name="audience" value={a} defaultChecked={(msg.values.audience ?? "worker") === a} /> <span>{t(`case.forms.message.to.${a}`)}</span>
              </label>
            ))}
            <FieldError id="audience-error" error={msg.errors.audience} />
          </fieldset>
          <div className="field">
            <label htmlFor="message-body">{t("case.forms.message.body")}</label>
            <span className="hint">{t("case.forms.message.hint", { language: languageName(f.locale, c.language) })}</span>
            <textarea id="message-body" name="body" rows={4} maxLength={5000} defaultValue={msg.values.body ?? ""} aria-invalid={msg.errors.body ? true : undefined} aria-describedby={msg.errors.body ? "message-body-error" : undefined} />
            <FieldError id="message-body-error" error={msg.errors.body} />
          </div>
          <button className="button" type="submit">
            {t("case.forms.message.submit")}
          </button>
        </Form>
      </div>

      {forms.canLead ? (
        <div className="card">
          <h2>{t("case.forms.triage.heading")}</h2>
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="triage" />
            <div className="field">
              <label htmlFor="severity">{t("case.forms.triage.severity")}</label>
              <select id="severity" name="severity" defaultValue={triage.values.severity ?? c.severity ?? "medium"} aria-invalid={triage.errors.severity ? true : undefined} aria-describedby={triage.errors.severity ? "severity-error" : undefined}>
                {GRIEVANCE_SEVERITIES.map((s) => (
                  <option key={s} value={s}>
                    {t(`case.severity.${s}`)}
                  </option>
                ))}
              </select>
              <FieldError id="severity-error" error={triage.errors.severity} />
            </div>
            <label className="checkbox">
              <input type="checkbox" name="urgent" value="yes" defaultChecked={triage.values.intent ? triage.values.urgent === "yes" : c.urgent} /> {t("case.forms.triage.urgent")}
            </label>
            <IndicatorChoices name="indicators" idPrefix="triage-indicators" chosen={triage.values.intent ? (triage.lists.indicators ?? []) : c.indicators} error={triage.errors.indicators} />
            <button className="button" type="submit">
              {t("case.forms.triage.submit")}
            </button>
          </Form>
        </div>
      ) : null}

      {forms.canLead ? (
        <div className="card">
          <h2>{t("case.forms.assign.heading")}</h2>
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="assign" />
            <div className="field">
              <label htmlFor="assigneeId">{t("case.forms.assign.label")}</label>
              <select id="assigneeId" name="assigneeId" defaultValue={assign.values.assigneeId ?? String(c.assigneeId ?? "")} aria-invalid={assign.errors.assigneeId ? true : undefined} aria-describedby={assign.errors.assigneeId ? "assignee-error" : undefined}>
                <option value="">{t("case.forms.assign.choose")}</option>
                {forms.members.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.name}
                  </option>
                ))}
              </select>
              <FieldError id="assignee-error" error={assign.errors.assigneeId} />
            </div>
            <button className="button button--secondary" type="submit">
              {t("case.forms.assign.submit")}
            </button>
          </Form>
        </div>
      ) : null}

      <div className="card">
        <h2>{t("case.forms.forward.heading")}</h2>
        {forms.forward.length === 0 ? (
          <p className="muted">{t("case.forms.forward.nobody")}</p>
        ) : (
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="forward" />
            <fieldset className="field">
              <legend>{t("case.forms.forward.label")}</legend>
              {forms.forward.map((p) => (
                <label key={p.party} className="radio radio--block">
                  <input type="radio" name="party" value={p.party} defaultChecked={forward.values.party === p.party} />{" "}
                  <span>
                    {t(`case.party.${p.party}`)}: {p.orgs.join(", ")}
                    {p.small ? <span className="hint"> {t("case.forms.forward.smallCompany")}</span> : null}
                  </span>
                </label>
              ))}
              <FieldError id="party-error" error={forward.errors.party} />
            </fieldset>
            <p className="hint">{t("case.forms.forward.consentOnly")}</p>
            <button className="button button--secondary" type="submit">
              {t("case.forms.forward.submit")}
            </button>
          </Form>
        )}
      </div>

      <div className="card">
        <h2>{t("case.forms.refer.heading")}</h2>
        {forms.services.length === 0 ? (
          <p className="muted">{t("case.forms.refer.none")}</p>
        ) : (
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="refer" />
            <div className="field">
              <label htmlFor="serviceId">{t("case.forms.refer.label")}</label>
              <select id="serviceId" name="serviceId" defaultValue={refer.values.serviceId ?? ""} aria-invalid={refer.errors.serviceId ? true : undefined} aria-describedby={refer.errors.serviceId ? "service-error" : undefined}>
                <option value="">{t("case.forms.refer.choose")}</option>
                {forms.services.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                    {s.phone ? ` · ${s.phone}` : ""}
                  </option>
                ))}
              </select>
              <FieldError id="service-error" error={refer.errors.serviceId} />
            </div>
            <button className="button button--secondary" type="submit">
              {t("case.forms.refer.submit")}
            </button>
          </Form>
        )}
      </div>

      {forms.canLead ? (
        <div className="card">
          <h2>{t("case.forms.finding.heading")}</h2>
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="finding" />
            <fieldset className="field">
              <legend>{t("case.forms.finding.label")}</legend>
              {FINDINGS.map((v) => (
                <label key={v} className="radio">
                  <input type="radio" name="finding" value={v} defaultChecked={(finding.values.finding ?? (c.finding === "unknown" ? "" : c.finding)) === v} /> {t(`case.finding.${v}`)}
                </label>
              ))}
              <FieldError id="finding-error" error={finding.errors.finding} />
            </fieldset>
            <IndicatorChoices name="indicators" idPrefix="finding-indicators" chosen={finding.values.intent ? (finding.lists.indicators ?? []) : c.indicators} error={finding.errors.indicators} />
            <p className="hint">{t("case.forms.finding.hint")}</p>
            <button className="button button--secondary" type="submit">
              {t("case.forms.finding.submit")}
            </button>
          </Form>
        </div>
      ) : null}

      {forms.canLead ? (
        <div className="card">
          <h2>{t("case.forms.close.heading")}</h2>
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="close" />
            <div className="field">
              <label htmlFor="remedy">{t("case.forms.close.remedy")}</label>
              <span className="hint">{t("case.forms.close.hint")}</span>
              <textarea id="remedy" name="remedy" rows={3} maxLength={5000} defaultValue={close.values.remedy ?? ""} aria-invalid={close.errors.remedy ? true : undefined} aria-describedby={close.errors.remedy ? "remedy-error" : undefined} />
              <FieldError id="remedy-error" error={close.errors.remedy} />
            </div>
            <button className="button button--secondary" type="submit">
              {t("case.forms.close.submit")}
            </button>
          </Form>
        </div>
      ) : null}
    </>
  );
}

/**
 * The recruitment-fee case the worker's case is linked to, or the form that links it (fees.link):
 * once linked, the worker confirms the repayments on their own case page. Shown to unions and
 * inspectorates only; the company never learns which case answers for which fee case.
 */
function FeeLinkCard({ feeLink, result }: { feeLink: NonNullable<Data["feeLink"]>; result: Result }) {
  const { t } = useTranslation("grievances");
  const f = useFormat();
  const link = failureOf(result, "fee-link");
  // One fee case as the page names it: supplier (and recruiter), corridor, the fee each worker paid.
  const label = (fee: (typeof feeLink.choices)[number]) =>
    [
      t("case.fees.caseNumber", { id: fee.id }),
      fee.recruiterName ? `${fee.supplierName} · ${t("case.fees.recruiter", { name: fee.recruiterName })}` : fee.supplierName,
      t("case.fees.corridor", { origin: fee.origin, destination: fee.destination }),
      t("case.fees.perWorker", { amount: formatMoney(fee.amountPerWorkerMinor, fee.currency, f.locale), workers: f.number(fee.workers) }),
    ].join(" · ");
  return (
    <div className="card" id="fee-link">
      <h2>{feeLink.linked ? t("case.fees.linkedHeading") : t("case.fees.heading")}</h2>
      {feeLink.linked ? (
        <>
          <p>{t("case.fees.linked", { feeCase: label(feeLink.linked) })}</p>
          <p className="hint">{t("case.fees.linkedHint")}</p>
        </>
      ) : feeLink.noWorkplace ? (
        <p className="muted">{t("case.fees.noWorkplace")}</p>
      ) : feeLink.choices.length === 0 ? (
        <p className="muted">{t("case.fees.none")}</p>
      ) : (
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="fee-link" />
          <p className="hint">{t("case.fees.intro")}</p>
          <fieldset className="field" aria-describedby={link.errors.feeCaseId ? "fee-case-error" : undefined}>
            <legend>{t("case.fees.label")}</legend>
            {feeLink.choices.map((fee) => (
              <label key={fee.id} className="radio radio--block">
                <input type="radio" name="feeCaseId" value={fee.id} defaultChecked={link.values.feeCaseId === String(fee.id) || feeLink.choices.length === 1} /> <span>{label(fee)}</span>
              </label>
            ))}
            <FieldError id="fee-case-error" error={link.errors.feeCaseId} />
          </fieldset>
          <button className="button button--secondary" type="submit">
            {t("case.fees.submit")}
          </button>
        </Form>
      )}
    </div>
  );
}

function AnswerForm({ result }: { result: Result }) {
  const { t } = useTranslation("grievances");
  const answer = failureOf(result, "answer");
  return (
    <div className="card">
      <h2>{t("case.forms.answer.heading")}</h2>
      <p>{t("case.forms.answer.intro")}</p>
      <Form method="post" className="stack">
        <input type="hidden" name="intent" value="answer" />
        <div className="field">
          <label htmlFor="answer-body">{t("case.forms.answer.body")}</label>
          <textarea id="answer-body" name="body" rows={4} maxLength={5000} defaultValue={answer.values.body ?? ""} aria-invalid={answer.errors.body ? true : undefined} aria-describedby={answer.errors.body ? "answer-body-error" : undefined} />
          <FieldError id="answer-body-error" error={answer.errors.body} />
        </div>
        <div className="field">
          <label htmlFor="answer-remedy">{t("case.forms.answer.remedy")}</label>
          <textarea id="answer-remedy" name="remedy" rows={3} maxLength={5000} defaultValue={answer.values.remedy ?? ""} aria-invalid={answer.errors.remedy ? true : undefined} aria-describedby={answer.errors.remedy ? "answer-remedy-error" : undefined} />
          <FieldError id="answer-remedy-error" error={answer.errors.remedy} />
        </div>
        <button className="button" type="submit">
          {t("case.forms.answer.submit")}
        </button>
      </Form>
    </div>
  );
}
