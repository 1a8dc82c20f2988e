import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guard.server";
import { authorize } from "~/auth/permissions.server";
import { Field, FormError } from "~/components/field";
import { createShare, partnerOrganisations, previewRevocation, revokeShare, SCOPE_LABELS, sharesFrom } from "~/domain/sharing/share-management.server";
import { SharingSchema } from "~/domain/sharing/share-management.schemas";
import { SHARE_SCOPES } from "~/domain/sharing/sharing.server";
import { BANDS } from "~/domain/risk/types";
import { idParam, runAction, withDomainErrors } from "~/lib/actions.server";
import { formatDateTime } from "~/lib/format";

export const meta: MetaFunction = () => [{ title: "Sharing · Labour Due Diligence" }];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  // The scopes come with the data: sharing.server.ts is not part of the browser bundle.
  return { shares: await sharesFrom(context.db, session), partners: await partnerOrganisations(context.db, session), scopes: SHARE_SCOPES, scopeLabels: SCOPE_LABELS };
});

export const action = /* @__PURE__ */ withDomainErrors(async ({ request, context }: ActionFunctionArgs) => {
  const session = requireUser(request, context);
  // Refused before the form is read: whoever may not share learns nothing about what the form needs.
  authorize(session, "shares.manage", { orgId: session.membership?.orgId ?? -1 });
  return runAction(request, SharingSchema, async (input) => {
    if (input.intent === "revoke") {
      if (!input.confirm) return { ok: true as const, confirm: await previewRevocation(context.db, session, idParam(input.shareId)) };
      await revokeShare(context.db, session, idParam(input.shareId), context.ip);
      throw redirect("/sharing?revoked=1");
    }
    await createShare(context.db, session, input, context.ip);
    throw redirect("/sharing?shared=1");
  });
});

const TYPE_NAMES: Record<string, string> = { inspectorate: "Inspectorate", union: "Union", regulator: "Regulator" };

export default function Sharing() {
  const { shares, partners, scopes, scopeLabels } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const result = answer && !answer.ok ? answer : undefined;
  const confirm = answer?.ok ? answer.confirm : null;
  const errors = result?.errors ?? {};
  const v = result?.values ?? {};
  const chosenScope = new Set(result ? (result.lists.scope ?? []) : ["identity", "scores"]);
  const chosenBands = new Set(result?.lists.bands ?? []);
  const describe = (f: { countries?: string[]; sectors?: string[]; bands?: string[]; supplierIds?: number[] }) =>
    [f.countries?.length ? `countries ${f.countries.join(", ")}` : "", f.sectors?.length ? `sectors ${f.sectors.join(", ")}` : "", f.bands?.length ? `bands ${f.bands.join(", ")}` : "", f.supplierIds?.length ? `${f.supplierIds.length} chosen suppliers` : ""]
      .filter(Boolean)
      .join("; ") || "all suppliers";
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Sharing</h1>
          <p>
            Share your suppliers with an inspectorate, a union or a regulator. They see what you choose, from the moment you share until you revoke.
            Commercial information and workers&apos; personal data are never shared.
          </p>
        </div>
      </div>
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
                <p>
                  Sees: {s.scope.map((x) => scopeLabels[x]).join("; ")}. Of: {describe(s.filter)}.
                </p>
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
                  <Form method="post" action="/sharing">
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
      <div className="card card--form">
        <h2>Share with a partner</h2>
        <FormError message={errors.form} />
        <Form method="post" className="stack">
          <div className="field">
            <label htmlFor="toOrgId">Partner</label>
            <select id="toOrgId" name="toOrgId" required defaultValue={v.toOrgId ?? ""} aria-invalid={errors.toOrgId ? true : undefined} aria-describedby={errors.toOrgId ? "toOrgId-error" : undefined}>
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
              </span>
            ) : null}
          </div>
          <fieldset className="field">
            <legend>What they see</legend>
            {scopes.map((s) => (
              <label key={s} className="checkbox">
                <input type="checkbox" name="scope" value={s} defaultChecked={chosenScope.has(s) || s === "identity"} disabled={s === "identity"} /> {scopeLabels[s]}
                {s === "identity" ? <input type="hidden" name="scope" value="identity" /> : null}
              </label>
            ))}
            {errors.scope ? <span className="error">{errors.scope}</span> : null}
          </fieldset>
          <p className="hint">Which suppliers: leave every filter empty to share all of them.</p>
          <Field name="countries" label="Countries" defaultValue={v.countries ?? ""} error={errors.countries} hint="ISO codes or names, e.g. MY, TH" />
          <Field name="sectors" label="Sectors" defaultValue={v.sectors ?? ""} error={errors.sectors} hint="As in your supplier list, separated by commas" />
          <fieldset className="field">
            <legend>Risk bands</legend>
            {BANDS.map((b) => (
              <label key={b} className="checkbox">
                <input type="checkbox" name="bands" value={b} defaultChecked={chosenBands.has(b)} /> {b[0]!.toUpperCase() + b.slice(1)}
              </label>
            ))}
            {errors.bands ? <span className="error">{errors.bands}</span> : null}
          </fieldset>
          <div className="field">
            <label htmlFor="supplierIds">Only these suppliers (your ids)</label>
            <textarea id="supplierIds" name="supplierIds" rows={3} defaultValue={v.supplierIds ?? ""} aria-invalid={errors.supplierIds ? true : undefined} aria-describedby={errors.supplierIds ? "supplierIds-error" : undefined} />
            {errors.supplierIds ? (
              <span className="error" id="supplierIds-error">
                {errors.supplierIds}
              </span>
            ) : null}
          </div>
          <button className="button" type="submit">
            Share
          </button>
        </Form>
      </div>
    </>
  );
}
