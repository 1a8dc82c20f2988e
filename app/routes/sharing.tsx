import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
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
  SCOPE_LABELS,
  shareChoices,
  shareForEditing,
  shareOutcome,
  sharesFrom,
  updateShare,
} from "~/domain/sharing/share-management.server";
import { ShareDraftSchema, SharingSchema } from "~/domain/sharing/share-management.schemas";
import { SHARE_SCOPES } from "~/domain/sharing/sharing.server";
import { BANDS } from "~/domain/risk/types";
import { idParam, runAction, withDomainErrors } from "~/lib/actions.server";
import { parseForm } from "~/lib/forms";
import { formatDateTime, formatNumber } from "~/lib/format";

export const meta: MetaFunction = () => [{ title: "Sharing · Labour Due Diligence" }];

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
const fieldRefusal = (error: unknown) => (error instanceof Invalid || error instanceof Conflict ? { [error.field]: error.message } : null);

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
  const choices = await shareChoices(db, session, { q: fromUrl?.q, chosen: draft.suppliers.map(Number), countries: draft.countries, sectors: draft.sectors });
  let check = null;
  let checkErrors: Record<string, string> = {};
  if (fromUrl?.intent === "check") {
    try {
      check = await previewShare(db, session, { ...draft, toOrgId: Number(draft.toOrgId) }, editing && editing.revokedAt === null ? editing.id : null);
    } catch (error) {
      const refusal = fieldRefusal(error);
      if (!refusal) throw error;
      checkErrors = refusal;
    }
  }
  // What was just done, computed from the share as it is now (never from the URL's say-so).
  const doneId = params.get("shared") ?? params.get("changed") ?? params.get("unchanged") ?? params.get("revoked");
  const done = doneId && /^\d{1,15}$/.test(doneId) ? await doneMessage(db, session, Number(doneId), params) : null;
  return {
    shares: await sharesFrom(db, session),
    partners: await partnerOrganisations(db, session),
    // The scopes come with the data: sharing.server.ts is not part of the browser bundle.
    scopes: SHARE_SCOPES,
    scopeLabels: SCOPE_LABELS,
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

/** Scopes in words; the labels are passed in because the page also calls it in the browser, where the .server module is absent. */
const scopeText = (scope: readonly string[], labels: Record<string, string> = SCOPE_LABELS) => scope.map((s) => labels[s]?.toLowerCase() ?? s).join("; ");
const suppliersText = (n: number) => `${formatNumber(n)} supplier${n === 1 ? "" : "s"}`;

async function doneMessage(db: Parameters<typeof shareOutcome>[0], session: Parameters<typeof shareOutcome>[1], shareId: number, params: URLSearchParams): Promise<string | null> {
  if (params.has("revoked")) {
    const share = await shareForEditing(db, session, shareId);
    return share.revokedAt === null ? null : `Revoked the share with ${share.partner}: they no longer see what it covered.`;
  }
  const outcome = await shareOutcome(db, session, shareId);
  if (!outcome) return null;
  if (params.has("shared")) return `Shared ${suppliersText(outcome.covered)} with ${outcome.partner}: ${scopeText(outcome.scope)}.`;
  if (params.has("unchanged")) return `Nothing to change: the share with ${outcome.partner} already covers ${formatNumber(outcome.covered)} of your ${suppliersText(outcome.total)}, showing ${scopeText(outcome.scope)}.`;
  return `Changed the share with ${outcome.partner}: it now covers ${formatNumber(outcome.covered)} of your ${suppliersText(outcome.total)}, showing ${scopeText(outcome.scope)}.`;
}

export const action = /* @__PURE__ */ withDomainErrors(async ({ request, context }: ActionFunctionArgs) => {
  const session = requireUser(request, context);
  // Refused before the form is read: whoever may not share learns nothing about what the form needs.
  authorize(session, "shares.manage", { orgId: session.membership?.orgId ?? -1 });
  return runAction(request, SharingSchema, async (input) => {
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
  });
});

const TYPE_NAMES: Record<string, string> = { inspectorate: "Inspectorate", union: "Union", regulator: "Regulator" };
/** A full stop, unless the text ends with one already (a name such as "Seafood Co."). */
const endSentence = (text: string) => (text.endsWith(".") ? text : `${text}.`);
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export default function Sharing() {
  const { shares, partners, scopes, scopeLabels, editing, draft: loaded, choices, check, checkErrors, done } = useLoaderData<typeof loader>();
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
  const ticked = draft.suppliers.map((id) => named.get(id) ?? { id: Number(id), name: `A supplier you chose (${id})`, country: null });
  const tickedIds = new Set(draft.suppliers);
  const found = choices.results.filter((s) => !tickedIds.has(String(s.id)));
  const activeShares = shares.filter((s) => s.revokedAt === null);
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Sharing</h1>
          <p>
            Share your suppliers with an inspectorate, a union or a regulator: one share per partner, which you can change at any time. They see what
            you choose, from the moment you share until you change or revoke it. Commercial information and workers&apos; personal data are never shared.
          </p>
        </div>
      </div>
      {done ? (
        <div className="alert alert--success" role="status">
          {done}
        </div>
      ) : null}
      <div className="card">
        <h2>Your shares</h2>
        {shares.length === 0 ? (
          <p className="muted">Nothing shared yet.</p>
        ) : (
          <ul className="contest-list">
            {shares.map((s) => (
              <li key={s.id} className="contest">
                <p>
                  <strong>{s.to}</strong> <span className="muted">({TYPE_NAMES[s.toType] ?? s.toType})</span>{" "}
                  {s.revokedAt ? <span className="badge badge--muted">Revoked {formatDateTime(s.revokedAt)}</span> : <span className="badge badge--ok">Active</span>}
                </p>
                {s.covers ? (
                  <p>
                    Covers {formatNumber(s.covers.covered)} of your {formatNumber(s.covers.total)} suppliers ({s.filterText}).
                  </p>
                ) : (
                  <p>Covered {s.filterText}.</p>
                )}
                <p>Sees: {s.scope.map((x) => scopeLabels[x]).join("; ")}.</p>
                {s.parallel > 1 ? (
                  <p className="alert alert--warning">
                    One of {s.parallel} active shares with {s.to}, made before one share per partner: they add up, and {s.to} sees what any of them covers.
                    Change one to cover what {s.to} should see, then revoke the others.
                  </p>
                ) : null}
                <p className="contest__meta">
                  Since {formatDateTime(s.createdAt)}
                  {s.by ? `, shared by ${s.by}` : ""}
                </p>
                {!s.revokedAt && confirm?.shareId === s.id ? (
                  <div className="alert alert--warning confirm-panel" role="alert" aria-labelledby={`confirm-${s.id}`}>
                    <h3 id={`confirm-${s.id}`}>Revoke the share with {confirm.partner}?</h3>
                    <p>
                      {confirm.partner} stops seeing {confirm.lost === confirm.covered ? `the ${confirm.covered} supplier${confirm.covered === 1 ? "" : "s"} it covers` : `${confirm.lost} of the ${confirm.covered} suppliers it covers (another of your shares with them covers the other ${confirm.covered - confirm.lost})`}{" "}
                      at once. A revoked share cannot be restored: to share again, create a new share.
                    </p>
                    <Form method="post" action="/sharing" className="actions">
                      <input type="hidden" name="intent" value="revoke" />
                      <input type="hidden" name="shareId" value={s.id} />
                      <input type="hidden" name="confirm" value="yes" />
                      <button className="button button--danger" type="submit">
                        Yes, revoke the share with {confirm.partner}
                      </button>
                      <Link className="button button--secondary" to="/sharing">
                        No, keep it
                      </Link>
                    </Form>
                  </div>
                ) : !s.revokedAt ? (
                  <Form method="post" action="/sharing" className="actions">
                    <Link className="button button--small button--secondary" to={`/sharing?edit=${s.id}#share-form`} aria-label={`Change the share with ${s.to}`}>
                      Change
                    </Link>
                    <input type="hidden" name="intent" value="revoke" />
                    <input type="hidden" name="shareId" value={s.id} />
                    <button className="button button--small button--danger" type="submit" aria-label={`Revoke the share with ${s.to}`}>
                      Revoke
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="card card--form" id="share-form">
        <h2>{edited ? `Change the share with ${edited.partner}` : "Share with a partner"}</h2>
        {editing && editing.revokedAt !== null ? (
          <p className="alert alert--info">
            The share with {editing.partner} was revoked on {formatDateTime(editing.revokedAt)} and cannot be changed; share with them again below.
          </p>
        ) : null}
        <FormError message={errors.form} />
        <Form method="post" action="/sharing" className="stack">
          {edited ? (
            <>
              <input type="hidden" name="edit" value={edited.id} />
              <input type="hidden" name="toOrgId" value={draft.toOrgId} />
              <p>
                Partner: <strong>{edited.partner}</strong>. <Link to="/sharing#share-form">Share with another partner instead</Link>
              </p>
            </>
          ) : (
            <div className="field">
              <label htmlFor="toOrgId">Partner</label>
              {activeShares.length ? (
                <span className="hint" id="toOrgId-hint">
                  You already share with {[...new Set(activeShares.map((s) => s.to))].join(", ")}: change those shares above.
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
                <option value="">Choose…</option>
                {partners.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name} ({TYPE_NAMES[p.type] ?? p.type})
                  </option>
                ))}
              </select>
              {errors.toOrgId ? (
                <span className="error" id="toOrgId-error">
                  {errors.toOrgId}
                  {existing ? (
                    <>
                      {" "}
                      <Link to={`/sharing?edit=${existing.id}#share-form`}>Change the share with {existing.to}</Link>
                    </>
                  ) : null}
                </span>
              ) : null}
            </div>
          )}
          <fieldset className="field">
            <legend>What they see</legend>
            {scopes.map((s) => (
              <label key={`${s}-${draft.scope.join()}`} className="checkbox">
                <input type="checkbox" name="scope" value={s} defaultChecked={draft.scope.includes(s) || s === "identity"} disabled={s === "identity"} /> {scopeLabels[s]}
                {s === "identity" ? <input type="hidden" name="scope" value="identity" /> : null}
              </label>
            ))}
            {errors.scope ? <span className="error">{errors.scope}</span> : null}
          </fieldset>
          <p className="hint">Which suppliers: tick nothing below to share all of them. Ticks in different lists narrow each other (Malaysia and Fishing: the fishing suppliers in Malaysia).</p>
          <ChoiceList legend="Countries" name="countries" error={errors.countries} options={choices.countries.map((c) => ({ value: c.code, label: c.name, n: c.n }))} chosen={draft.countries} />
          <ChoiceList legend="Sectors" name="sectors" error={errors.sectors} options={choices.sectors.map((s) => ({ value: s.name, label: s.name, n: s.n }))} chosen={draft.sectors} />
          <ChoiceList legend="Risk bands (as scored now; a supplier whose band changes moves in or out)" name="bands" error={errors.bands} options={BANDS.map((b) => ({ value: b, label: capital(b) }))} chosen={draft.bands} />
          <fieldset className="field">
            <legend>Only these suppliers</legend>
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
              <p className="hint">None chosen: the other lists decide.</p>
            )}
            <div className="field">
              <label htmlFor="q">Find suppliers by name</label>
              <div className="inline-search">
                <input id="q" name="q" type="search" defaultValue={choices.q} key={choices.q} />
                <button className="button button--secondary" type="submit" name="intent" value="search" formMethod="get" formAction="/sharing#share-form">
                  Find suppliers
                </button>
              </div>
            </div>
            {choices.q ? (
              found.length ? (
                <div className="choice-list" aria-label={`Suppliers matching “${choices.q}”`} role="group">
                  {found.map((s) => (
                    <label key={`${s.id}-found`} className="checkbox">
                      <input type="checkbox" name="suppliers" value={s.id} /> {s.name}
                      {s.country ? <span className="muted"> ({s.country})</span> : null}
                    </label>
                  ))}
                  {choices.more ? <p className="hint">More match: the first 20 are listed; type more of the name.</p> : null}
                </div>
              ) : (
                <p className="hint">{choices.results.length ? `Every supplier matching “${choices.q}” is ticked above.` : `None of your suppliers matches “${choices.q}”.`}</p>
              )
            ) : null}
            {errors.suppliers ? <span className="error">{errors.suppliers}</span> : null}
          </fieldset>
          {shown ? (
            <div className="alert alert--info" role="status" id="share-check">
              <p>
                <strong>
                  This share covers {formatNumber(shown.covered)} of your {formatNumber(shown.total)} suppliers
                </strong>
                {endSentence(shown.sample.length ? `: ${shown.sample.join(", ")}${shown.covered > shown.sample.length ? ` and ${formatNumber(shown.covered - shown.sample.length)} more` : ""}` : "")}
              </p>
              <p>
                {shown.partner} would see: {scopeText(shown.scope, scopeLabels)}.
              </p>
              {shown.existingShareId ? (
                <p>
                  You already share with {shown.partner}: <Link to={`/sharing?edit=${shown.existingShareId}#share-form`}>change that share</Link> instead.
                </p>
              ) : null}
            </div>
          ) : null}
          <div className="actions">
            <button className="button" type="submit" name="intent" value="save">
              {isEditing ? "Save changes" : "Share"}
            </button>
            <button className="button button--secondary" type="submit" name="intent" value="check" formMethod="get" formAction="/sharing#share-check">
              Check what this share covers
            </button>
            {isEditing ? (
              <Link className="button button--secondary" to="/sharing">
                Cancel
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
  return (
    <fieldset className="field">
      <legend>{legend}</legend>
      {options.length ? (
        <div className="choice-list">
          {options.map((o) => (
            <label key={`${o.value}-${chosen.includes(o.value)}`} className="checkbox">
              <input type="checkbox" name={name} value={o.value} defaultChecked={chosen.includes(o.value)} /> {o.label}
              {o.n === undefined ? null : <span className="muted"> ({formatNumber(o.n)})</span>}
            </label>
          ))}
        </div>
      ) : (
        <p className="hint">None among your suppliers.</p>
      )}
      {error ? <span className="error">{error}</span> : null}
    </fieldset>
  );
}
