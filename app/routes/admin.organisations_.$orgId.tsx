import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireUser } from "~/auth/guard.server";
import { authorize } from "~/auth/permissions.server";
import { OrgTypeName } from "~/components/org-type";
import { CountryPicker } from "~/components/country-picker";
import { Field, FormError } from "~/components/field";
import { EditOrganisationSchema } from "~/domain/members/members.schemas";
import { JURISDICTION_MEANING } from "~/domain/organisations/labels";
import { countryChoices, deactivateOrganisation, organisationForAdmin, reactivateOrganisation, updateOrganisation } from "~/domain/organisations/organisations.server";
import { idParam, runAction, withDomainErrors } from "~/lib/actions.server";
import { formatDateTime, formatNumber } from "~/lib/format";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.org.name ?? "Organisation"} · Organisations · Labour Due Diligence` }];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, params, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  authorize(session, "organisations.manage");
  const org = await organisationForAdmin(context.db, session, idParam(params.orgId));
  const url = new URL(request.url);
  return {
    org: { ...org, createdAt: org.createdAt.getTime(), deactivatedAt: org.deactivatedAt?.getTime() ?? null },
    countries: countryChoices(),
    done: url.searchParams.get("done"),
  };
});

export const action = /* @__PURE__ */ withDomainErrors(async ({ request, params, context }: ActionFunctionArgs) => {
  const session = requireUser(request, context);
  authorize(session, "organisations.manage");
  const orgId = idParam(params.orgId);
  return runAction(request, EditOrganisationSchema, async (input) => {
    if (input.intent === "edit") {
      const { changed } = await updateOrganisation(context.db, session, orgId, input, context.ip);
      throw redirect(`/admin/organisations/${orgId}?done=${changed ? "saved" : "unchanged"}`);
    }
    // Without confirm=yes the page only states what would happen (and works without JavaScript).
    if (!input.confirm) return { ok: true as const, confirm: input.intent };
    if (input.intent === "deactivate") await deactivateOrganisation(context.db, session, orgId, context.ip);
    else await reactivateOrganisation(context.db, session, orgId, context.ip);
    throw redirect(`/admin/organisations/${orgId}?done=${input.intent}d`);
  });
});

const DONE: Record<string, string> = {
  saved: "Saved. The change is in the activity log.",
  unchanged: "Nothing was changed: the name and jurisdictions were already as sent.",
  deactivated: "Deactivated. Its members were signed out and cannot sign in; its data is kept.",
  reactivated: "Reactivated. Its members can sign in again.",
};

export default function OrganisationAdmin() {
  const { org, countries, done } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const failed = answer && !answer.ok ? answer : null;
  const errors: Record<string, string> = failed?.errors ?? {};
  const confirm = answer?.ok ? answer.confirm : null;
  const plural = (n: number, one: string, many: string) => `${formatNumber(n)} ${n === 1 ? one : many}`;
  return (
    <>
      <p className="breadcrumbs">
        <Link to="/admin/organisations">Organisations</Link>
      </p>
      <div className="page-header">
        <div>
          <h1>{org.name}</h1>
          <p>
            <OrgTypeName type={org.type} /> · {plural(org.members, "member", "members")} (<Link to={`/orgs/${org.id}/members`}>members and invitations</Link>) · on the platform since {formatDateTime(org.createdAt)}
          </p>
        </div>
      </div>
      {done && DONE[done] && !answer ? (
        <div className="alert alert--success" role="status">
          {DONE[done]}
        </div>
      ) : null}
      {org.deactivatedAt ? (
        <div className="alert alert--warning" role="status">
          Deactivated since {formatDateTime(org.deactivatedAt)}: its members cannot sign in, its invitations do not work, and it receives no new shares or reports. Its data is kept.
        </div>
      ) : null}
      {errors.form ? <FormError message={errors.form} /> : null}
      {confirm === "deactivate" ? (
        <div className="alert alert--warning confirm-panel" role="alert" aria-labelledby="confirm-title">
          <h2 id="confirm-title">Deactivate {org.name}?</h2>
          <ul>
            <li>
              Its {plural(org.members, "member", "members")} cannot sign in for it, and {plural(org.sessions, "open session ends", "open sessions end")} at once.
            </li>
            <li>{plural(org.openInvitations, "open invitation stops", "open invitations stop")} working.</li>
            <li>
              It receives no new shares{org.type === "regulator" ? " and no new report submissions" : ""}; {plural(org.sharesReceived, "share already given to it stays", "shares already given to it stay")} as the companies set them.
            </li>
            <li>Nothing is deleted: its data stays, and you can reactivate it later.</li>
          </ul>
          <Form method="post" className="actions">
            <input type="hidden" name="intent" value="deactivate" />
            <input type="hidden" name="confirm" value="yes" />
            <button className="button button--danger" type="submit" disabled={busy}>
              Yes, deactivate {org.name}
            </button>
            <Link className="button button--secondary" to={`/admin/organisations/${org.id}`}>
              No, keep it active
            </Link>
          </Form>
        </div>
      ) : null}
      {confirm === "reactivate" ? (
        <div className="alert alert--warning confirm-panel" role="alert" aria-labelledby="confirm-title">
          <h2 id="confirm-title">Reactivate {org.name}?</h2>
          <p>
            Its {plural(org.members, "member", "members")} can sign in again, its invitations that have not expired work again, and companies can share with it{org.type === "regulator" ? " and submit reports to it" : ""} again.
          </p>
          <Form method="post" className="actions">
            <input type="hidden" name="intent" value="reactivate" />
            <input type="hidden" name="confirm" value="yes" />
            <button className="button" type="submit" disabled={busy}>
              Yes, reactivate {org.name}
            </button>
            <Link className="button button--secondary" to={`/admin/organisations/${org.id}`}>
              No, leave it deactivated
            </Link>
          </Form>
        </div>
      ) : null}
      <div className="card narrow-card">
        <h2>Name and jurisdictions</h2>
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="edit" />
          <Field name="name" label="Name" type="text" required defaultValue={failed?.intent === "edit" ? failed.values.name : org.name} error={errors.name} />
          <CountryPicker
            name="jurisdictions"
            legend="Jurisdictions"
            hint={JURISDICTION_MEANING[org.type]}
            countries={countries}
            chosen={failed?.intent === "edit" ? (failed.lists.jurisdictions ?? []) : org.jurisdictions}
            error={errors.jurisdictions}
          />
          <p className="hint">The type (<OrgTypeName type={org.type} />) cannot be changed: what its members may do and the data they hold depend on it.</p>
          <button className="button" type="submit" disabled={busy}>
            Save
          </button>
        </Form>
      </div>
      <div className="card narrow-card">
        {org.deactivatedAt ? (
          <>
            <h2>Reactivate</h2>
            <p>Let its members sign in again.</p>
            <Form method="post">
              <input type="hidden" name="intent" value="reactivate" />
              <button className="button button--secondary" type="submit" disabled={busy}>
                Reactivate…
              </button>
            </Form>
          </>
        ) : (
          <>
            <h2>Deactivate</h2>
            {org.platformAdmins > 0 ? (
              <p>This is the platform administrators&apos; own organisation: it cannot be deactivated.</p>
            ) : (
              <>
                <p>Stop its members signing in and its receiving anything new, keeping its data. You are asked to confirm first.</p>
                <Form method="post">
                  <input type="hidden" name="intent" value="deactivate" />
                  <button className="button button--danger" type="submit" disabled={busy}>
                    Deactivate…
                  </button>
                </Form>
              </>
            )}
          </>
        )}
      </div>
    </>
  );
}
