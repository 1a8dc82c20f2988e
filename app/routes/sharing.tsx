import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { TFunction } from "i18next";
import { Trans, useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guard.server";
import { authorize } from "~/auth/permissions.server";
import { FormError } from "~/components/field";
import { Conflict, Invalid } from "~/domain/errors";
import {
  createShare,
  partnerOrganisations,
  previewRevocation,
  previewShare,
  revokeShare,
  shareChoices,
  shareForEditing,
  shareOutcome,
  sharesFrom,
  updateShare,
} from "~/domain/sharing/share-management.server";
import { ShareDraftSchema, SharingSchema } from "~/domain/sharing/share-management.schemas";
import { countryNameIn } from "~/domain/sharing/country-names.server";
import { SHARE_SCOPES, type ShareFilter } from "~/domain/sharing/sharing.server";
import { BANDS } from "~/domain/risk/types";
import { idParam, runAction, withDomainErrors } from "~/lib/actions.server";
import { parseForm } from "~/lib/forms";
import { formatsFor, useFormat } from "~/i18n/format";
import { serverT, translateMessage } from "~/i18n/i18n.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "" }];

/** The share form as the page fills it: text for the partner and the share edited, lists for the ticks. */
interface Draft {
  edit: string;
  toOrgId: string;
  scope: string[];
  countries: string[];
  sectors: string[];
  bands: string[];
  suppliers: string[];
}

const NEW_SHARE: Draft = { edit: "", toOrgId: "", scope: ["identity", "scores"], countries: [], sectors: [], bands: [], suppliers: [] };

/** A refusal the check names beside a field (the same refusals saving gives). */
const fieldRefusal = (error: unknown, locale: string) => (error instanceof Invalid || error instanceof Conflict ? { [error.field]: translateMessage(locale, error.message, error.values) } : null);

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  const db = context.db;
  const params = new URL(request.url).searchParams;
  const editParam = params.get("edit");
  // Another organisation's share (or none) answers 404 here, before anything is shown.
  const editing = editParam ? await shareForEditing(db, session, idParam(editParam)) : null;
  // "Find suppliers" and "Check what this share covers" send the whole form by GET (they change
  // nothing), so the URL holds the draft and the page comes back with every tick kept.
  const sent = params.has("intent") ? parseForm(ShareDraftSchema, toFormData(params)) : null;
  const fromUrl = sent?.ok ? sent.data : null;
  const draft: Draft = fromUrl
    ? { ...fromUrl, toOrgId: fromUrl.toOrgId }
    : editing && editing.revokedAt === null
      ? { edit: String(editing.id), toOrgId: String(editing.toOrgId), scope: editing.scope, countries: editing.filter.countries ?? [], sectors: editing.filter.sectors ?? [], bands: editing.filter.bands ?? [], suppliers: (editing.filter.supplierIds ?? []).map(String) }
      : NEW_SHARE;
  const found = await shareChoices(db, session, { q: fromUrl?.q, chosen: draft.suppliers.map(Number), countries: draft.countries, sectors: draft.sectors });
  const formats = formatsFor(context.locale);
  // Country names in the reader's language, in its alphabetical order.
  const choices = { ...found, countries: found.countries.map((c) => ({ ...c, name: countryNameIn(context.locale, c.code) })).sort((x, y) => formats.compare(x.name, y.name)) };
  let check = null;
  let checkErrors: Record<string, string> = {};
  if (fromUrl?.intent === "check") {
    try {
      check = await previewShare(db, session, { ...draft, toOrgId: Number(draft.toOrgId) }, editing && editing.revokedAt === null ? editing.id : null);
    } catch (error) {
      const refusal = fieldRefusal(error, context.locale);
      if (!refusal) throw error;
      checkErrors = refusal;
    }
  }
  // What was just done, computed from the share as it is now (never from the URL's say-so).
  const doneId = params.get("shared") ?? params.get("changed") ?? params.get("unchanged") ?? params.get("revoked");
  const t = serverT(context.locale, "sharing");
  const done = doneId && /^\d{1,15}$/.test(doneId) ? await doneMessage(db, session, Number(doneId), params, t, context.locale) : null;
  return {
    pageTitle: `${t("title")} · ${serverT(context.locale, "common")("site.name")}`,
    // What each share covers, in the reader's language (the domain's words are English, for the activity log).
    shares: (await sharesFrom(db, session)).map((s) => ({ ...s, filterText: describeFilterIn(t, context.locale, s.filter) })),
    partners: await partnerOrganisations(db, session),
    // The scopes come with the data: sharing.server.ts is not part of the browser bundle.
    scopes: SHARE_SCOPES,
    editing: editing && { id: editing.id, partner: editing.partner, revokedAt: editing.revokedAt },
    draft,
    choices,
    check,
    checkErrors,
    done,
  };
});

function toFormData(params: URLSearchParams): FormData {
  const form = new FormData();
  for (const [key, value] of params) form.append(key, value);
  return form;
}

type SharingT = TFunction<"sharing">;

/** Scopes in words, in a sentence: "identity and location; risk scores and their breakdown". */
const SCOPE_WORDS = ["identity", "scores", "indicators", "audits", "recruiters"] as const satisfies readonly (typeof SHARE_SCOPES)[number][];
// A copy of SHARE_SCOPES: scopeText also runs in the browser, where sharing.server.ts is absent.
const scopeText = (t: SharingT, scope: readonly string[]) => scope.map((s) => ((SCOPE_WORDS as readonly string[]).includes(s) ? t(`scope.${s as (typeof SCOPE_WORDS)[number]}.phrase`) : s)).join(t("scopeSeparator"));

/** A share's filter in words: "suppliers in Malaysia, Thailand; sector Fishing; high or critical risk; 3 chosen suppliers". */
function describeFilterIn(t: SharingT, locale: string, filter: ShareFilter): string {
  const f = formatsFor(locale);
  const parts = [
    filter.countries?.length ? t("filter.countries", { list: f.list(filter.countries.map((c) => countryNameIn(locale, c))) }) : "",
    filter.sectors?.length ? t("filter.sectors", { count: filter.sectors.length, list: f.list(filter.sectors) }) : "",
    filter.bands?.length ? t("filter.bands", { list: f.list(filter.bands.map((b) => ((BANDS as readonly string[]).includes(b) ? t(`band.${b as (typeof BANDS)[number]}`) : b)), "disjunction") }) : "",
    filter.supplierIds?.length ? t("filter.chosen", { count: filter.supplierIds.length }) : "",
  ].filter(Boolean);
  return parts.length ? t("filter.some", { parts: parts.join(t("scopeSeparator")) }) : t("filter.all");
}

async function doneMessage(db: Parameters<typeof shareOutcome>[0], session: Parameters<typeof shareOutcome>[1], shareId: number, params: URLSearchParams, t: SharingT, locale: string): Promise<string | null> {
  if (params.has("revoked")) {
    const share = await shareForEditing(db, session, shareId);
    return share.revokedAt === null ? null : t("done.revoked", { partner: share.partner });
  }
  const outcome = await shareOutcome(db, session, shareId);
  if (!outcome) return null;
  const f = formatsFor(locale);
  const values = { partner: outcome.partner, scopes: scopeText(t, outcome.scope), covered: f.number(outcome.covered), total: f.number(outcome.total) };
  if (params.has("shared")) return t("done.shared", { ...values, count: outcome.covered });
  if (params.has("unchanged")) return t("done.unchanged", { ...values, count: outcome.total });
  return t("done.changed", { ...values, count: outcome.total });
}

export const action = /* @__PURE__ */ withDomainErrors(async ({ request, context }: ActionFunctionArgs) => {
  const session = requireUser(request, context);
  // Refused before the form is read: whoever may not share learns nothing about what the form needs.
  authorize(session, "shares.manage", { orgId: session.membership?.orgId ?? -1 });
  return runAction(
    request,
    SharingSchema,
    async (input) => {
    if (input.intent === "revoke") {
      const shareId = idParam(input.shareId);
      if (!input.confirm) return { ok: true as const, confirm: await previewRevocation(context.db, session, shareId) };
      await revokeShare(context.db, session, shareId, context.ip);
      throw redirect(`/sharing?revoked=${shareId}`);
    }
    if (input.intent === "check") {
      // The same check as the page's GET button, for a client that posts it.
      return { ok: true as const, check: await previewShare(context.db, session, input, input.edit ? idParam(input.edit) : null) };
    }
    if (input.edit) {
      const shareId = idParam(input.edit);
      const { changed } = await updateShare(context.db, session, shareId, input, context.ip);
      throw redirect(`/sharing?${changed ? "changed" : "unchanged"}=${shareId}`);
    }
    throw redirect(`/sharing?shared=${await createShare(context.db, session, input, context.ip)}`);
    },
    context.locale,
  );
});

const PARTNER_TYPES = ["inspectorate", "union", "regulator"] as const;
const partnerType = (t: SharingT, type: string) => ((PARTNER_TYPES as readonly string[]).includes(type) ? t(`partnerType.${type as (typeof PARTNER_TYPES)[number]}`) : type);
/** The sample's names; when the sentence ends with a full stop, a last name that ends with one ("Seafood Co.") gives it. */
const sampleNames = (names: string[], sentenceStops: boolean) => {
  const joined = names.join(", ");
  return sentenceStops && joined.endsWith(".") ? joined.slice(0, -1) : joined;
};

export default function Sharing() {
  const { shares, partners, scopes, editing, draft: loaded, choices, check, checkErrors, done } = useLoaderData<typeof loader>();
  const { t } = useTranslation(["sharing", "common"]);
  const f = useFormat();
  const answer = useActionData<typeof action>();
  const result = answer && !answer.ok ? answer : undefined;
  const confirm = answer?.ok && "confirm" in answer ? answer.confirm : null;
  const posted = answer?.ok && "check" in answer ? answer.check : null;
  const shown = check ?? posted;
  const errors: Record<string, string | undefined> = { ...checkErrors, ...(result?.errors ?? {}) };
  // A refused save keeps what was sent; otherwise the URL's draft, the share edited, or a new one.
  const draft: Draft = result
    ? {
        edit: result.values.edit ?? loaded.edit,
        toOrgId: result.values.toOrgId ?? "",
        scope: result.lists.scope ?? [],
        countries: result.lists.countries ?? [],
        sectors: result.lists.sectors ?? [],
        bands: result.lists.bands ?? [],
        suppliers: result.lists.suppliers ?? [],
      }
    : loaded;
  const edited = editing !== null && editing.revokedAt === null && draft.edit === String(editing.id) ? editing : null;
  const isEditing = edited !== null;
  const existing = !isEditing && draft.toOrgId ? shares.find((s) => String(s.toOrgId) === draft.toOrgId && s.revokedAt === null) : undefined;
  // Every supplier the page can name: the ticked ones (read for the draft) and the search's.
  const named = new Map([...choices.chosen, ...choices.results].map((s) => [String(s.id), s]));
  const ticked = draft.suppliers.map((id) => named.get(id) ?? { id: Number(id), name: t("form.chosenSupplier", { id }), country: null });
  const tickedIds = new Set(draft.suppliers);
  const found = choices.results.filter((s) => !tickedIds.has(String(s.id)));
  const activeShares = shares.filter((s) => s.revokedAt === null);
  return (
    <>
      <div className="page-header">
        <div>
          <h1>{t("title")}</h1>
          <p>{t("intro")}</p>
        </div>
      </div>
      {done ? (
        <div className="alert alert--success" role="status">
          {done}
        </div>
      ) : null}
      <div className="card">
        <h2>{t("shares.heading")}</h2>
        {shares.length === 0 ? (
          <p className="muted">{t("shares.none")}</p>
        ) : (
          <ul className="contest-list">
            {shares.map((s) => (
              <li key={s.id} className="contest">
                <p>
                  <strong>{s.to}</strong> <span className="muted">({partnerType(t, s.toType)})</span>{" "}
                  {s.revokedAt ? <span className="badge badge--muted">{t("shares.revokedAt", { date: f.dateTime(s.revokedAt) })}</span> : <span className="badge badge--ok">{t("shares.active")}</span>}
                </p>
                {s.covers ? (
                  <p>{t("shares.covers", { covered: f.number(s.covers.covered), total: f.number(s.covers.total), count: s.covers.total, filter: s.filterText })}</p>
                ) : (
                  <p>{t("shares.covered", { filter: s.filterText })}</p>
                )}
                <p>{t("shares.sees", { scopes: s.scope.map((x) => t(`scope.${x}.label`)).join(t("scopeSeparator")) })}</p>
                {s.parallel > 1 ? (
                  <p className="alert alert--warning">{t("shares.parallel", { count: s.parallel, partner: s.to })}</p>
                ) : null}
                <p className="contest__meta">{s.by ? t("shares.sinceBy", { date: f.dateTime(s.createdAt), name: s.by }) : t("shares.since", { date: f.dateTime(s.createdAt) })}</p>
                {!s.revokedAt && confirm?.shareId === s.id ? (
                  <div className="alert alert--warning confirm-panel" role="alert" aria-labelledby={`confirm-${s.id}`}>
                    <h3 id={`confirm-${s.id}`}>{t("revoke.question", { partner: confirm.partner })}</h3>
                    <p>
                      {confirm.lost === confirm.covered
                        ? t("revoke.loses", { partner: confirm.partner, count: confirm.covered, covered: f.number(confirm.covered) })
                        : t("revoke.losesSome", { partner: confirm.partner, count: confirm.covered, lost: f.number(confirm.lost), covered: f.number(confirm.covered), other: f.number(confirm.covered - confirm.lost) })}{" "}
                      {t("revoke.final")}
                    </p>
                    <Form method="post" action="/sharing" className="actions">
                      <input type="hidden" name="intent" value="revoke" />
                      <input type="hidden" name="shareId" value={s.id} />
                      <input type="hidden" name="confirm" value="yes" />
                      <button className="button button--danger" type="submit">
                        {t("revoke.yes", { partner: confirm.partner })}
                      </button>
                      <Link className="button button--secondary" to="/sharing">
                        {t("revoke.no")}
                      </Link>
                    </Form>
                  </div>
                ) : !s.revokedAt ? (
                  <Form method="post" action="/sharing" className="actions">
                    <Link className="button button--small button--secondary" to={`/sharing?edit=${s.id}#share-form`} aria-label={t("shares.changeLabel", { partner: s.to })}>
                      {t("shares.change")}
                    </Link>
                    <input type="hidden" name="intent" value="revoke" />
                    <input type="hidden" name="shareId" value={s.id} />
                    <button className="button button--small button--danger" type="submit" aria-label={t("shares.revokeLabel", { partner: s.to })}>
                      {t("shares.revoke")}
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="card card--form" id="share-form">
        <h2>{edited ? t("form.changeHeading", { partner: edited.partner }) : t("form.heading")}</h2>
        {editing && editing.revokedAt !== null ? (
          <p className="alert alert--info">{t("form.wasRevoked", { partner: editing.partner, date: f.dateTime(editing.revokedAt) })}</p>
        ) : null}
        <FormError message={errors.form} />
        <Form method="post" action="/sharing" className="stack">
          {edited ? (
            <>
              <input type="hidden" name="edit" value={edited.id} />
              <input type="hidden" name="toOrgId" value={draft.toOrgId} />
              <p>
                <Trans t={t} i18nKey="form.partnerIs" values={{ partner: edited.partner }} components={{ 1: <strong /> }} /> <Link to="/sharing#share-form">{t("form.anotherPartner")}</Link>
              </p>
            </>
          ) : (
            <div className="field">
              <label htmlFor="toOrgId">{t("form.partner")}</label>
              {activeShares.length ? (
                <span className="hint" id="toOrgId-hint">
                  {t("form.alreadySharing", { partners: f.list([...new Set(activeShares.map((s) => s.to))]) })}
                </span>
              ) : null}
              <select
                id="toOrgId"
                name="toOrgId"
                required
                defaultValue={draft.toOrgId}
                key={draft.toOrgId}
                aria-invalid={errors.toOrgId ? true : undefined}
                aria-describedby={[activeShares.length ? "toOrgId-hint" : "", errors.toOrgId ? "toOrgId-error" : ""].filter(Boolean).join(" ") || undefined}
              >
                <option value="">{t("form.choose")}</option>
                {partners.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name} ({partnerType(t, p.type)})
                  </option>
                ))}
              </select>
              {errors.toOrgId ? (
                <span className="error" id="toOrgId-error">
                  {errors.toOrgId}
                  {existing ? (
                    <>
                      {" "}
                      <Link to={`/sharing?edit=${existing.id}#share-form`}>{t("shares.changeLabel", { partner: existing.to })}</Link>
                    </>
                  ) : null}
                </span>
              ) : null}
            </div>
          )}
          <fieldset className="field">
            <legend>{t("form.whatTheySee")}</legend>
            {scopes.map((s) => (
              <label key={`${s}-${draft.scope.join()}`} className="checkbox">
                <input type="checkbox" name="scope" value={s} defaultChecked={draft.scope.includes(s) || s === "identity"} disabled={s === "identity"} /> {t(`scope.${s}.label`)}
                {s === "identity" ? <input type="hidden" name="scope" value="identity" /> : null}
              </label>
            ))}
            {errors.scope ? <span className="error">{errors.scope}</span> : null}
          </fieldset>
          <p className="hint">{t("form.whichHint")}</p>
          <ChoiceList legend={t("form.countries")} name="countries" error={errors.countries} options={choices.countries.map((c) => ({ value: c.code, label: c.name, n: c.n }))} chosen={draft.countries} />
          <ChoiceList legend={t("form.sectors")} name="sectors" error={errors.sectors} options={choices.sectors.map((s) => ({ value: s.name, label: s.name, n: s.n }))} chosen={draft.sectors} />
          <ChoiceList legend={t("form.bands")} name="bands" error={errors.bands} options={BANDS.map((b) => ({ value: b, label: t(`bandLabel.${b}`) }))} chosen={draft.bands} />
          <fieldset className="field">
            <legend>{t("form.onlyThese")}</legend>
            {ticked.length ? (
              <div className="choice-list">
                {ticked.map((s) => (
                  <label key={`${s.id}-chosen`} className="checkbox">
                    <input type="checkbox" name="suppliers" value={s.id} defaultChecked /> {s.name}
                    {s.country ? <span className="muted"> ({s.country})</span> : null}
                  </label>
                ))}
              </div>
            ) : (
              <p className="hint">{t("form.noneChosen")}</p>
            )}
            <div className="field">
              <label htmlFor="q">{t("form.findLabel")}</label>
              <div className="inline-search">
                <input id="q" name="q" type="search" defaultValue={choices.q} key={choices.q} />
                <button className="button button--secondary" type="submit" name="intent" value="search" formMethod="get" formAction="/sharing#share-form">
                  {t("form.find")}
                </button>
              </div>
            </div>
            {choices.q ? (
              found.length ? (
                <div className="choice-list" aria-label={t("form.matching", { q: choices.q })} role="group">
                  {found.map((s) => (
                    <label key={`${s.id}-found`} className="checkbox">
                      <input type="checkbox" name="suppliers" value={s.id} /> {s.name}
                      {s.country ? <span className="muted"> ({s.country})</span> : null}
                    </label>
                  ))}
                  {choices.more ? <p className="hint">{t("form.more", { max: 20 })}</p> : null}
                </div>
              ) : (
                <p className="hint">{choices.results.length ? t("form.allTicked", { q: choices.q }) : t("form.noMatch", { q: choices.q })}</p>
              )
            ) : null}
            {errors.suppliers ? <span className="error">{errors.suppliers}</span> : null}
          </fieldset>
          {shown ? (
            <div className="alert alert--info" role="status" id="share-check">
              <p>
                <Trans
                  t={t}
                  i18nKey={shown.sample.length ? (shown.covered > shown.sample.length ? "check.sampleMore" : "check.sample") : "check.none"}
                  count={shown.total}
                  values={{ covered: f.number(shown.covered), total: f.number(shown.total), names: sampleNames(shown.sample, t("check.none", { count: shown.total, covered: "", total: "" }).endsWith(".")), more: f.number(shown.covered - shown.sample.length) }}
                  components={{ 1: <strong /> }}
                />
              </p>
              <p>{t("check.wouldSee", { partner: shown.partner, scopes: scopeText(t, shown.scope) })}</p>
              {shown.existingShareId ? (
                <p>
                  <Trans t={t} i18nKey="check.existing" values={{ partner: shown.partner }} components={{ 1: <Link to={`/sharing?edit=${shown.existingShareId}#share-form`} /> }} />
                </p>
              ) : null}
            </div>
          ) : null}
          <div className="actions">
            <button className="button" type="submit" name="intent" value="save">
              {isEditing ? t("form.saveChanges") : t("form.share")}
            </button>
            <button className="button button--secondary" type="submit" name="intent" value="check" formMethod="get" formAction="/sharing#share-check">
              {t("form.check")}
            </button>
            {isEditing ? (
              <Link className="button button--secondary" to="/sharing">
                {t("common:action.cancel")}
              </Link>
            ) : null}
          </div>
        </Form>
      </div>
    </>
  );
}

/** A checkbox list of names with counts ("Malaysia (14)"), ticks kept. */
function ChoiceList({ legend, name, options, chosen, error }: { legend: string; name: string; options: { value: string; label: string; n?: number }[]; chosen: string[]; error?: string }) {
  const { t } = useTranslation("sharing");
  const f = useFormat();
  return (
    <fieldset className="field">
      <legend>{legend}</legend>
      {options.length ? (
        <div className="choice-list">
          {options.map((o) => (
            <label key={`${o.value}-${chosen.includes(o.value)}`} className="checkbox">
              <input type="checkbox" name={name} value={o.value} defaultChecked={chosen.includes(o.value)} /> {o.label}
              {o.n === undefined ? null : <span className="muted"> ({f.number(o.n)})</span>}
            </label>
          ))}
        </div>
      ) : (
        <p className="hint">{t("form.noneAmong")}</p>
      )}
      {error ? <span className="error">{error}</span> : null}
    </fieldset>
  );
}
