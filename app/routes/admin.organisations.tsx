import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ORG_TYPES } from "#db/schema";
import { requireUser } from "~/auth/guard.server";
import { authorize } from "~/auth/permissions.server";
import { OrgTypeName } from "~/components/org-type";
import { Field } from "~/components/field";
import { OneTimeLink } from "~/components/one-time-link";
import { CountryPicker } from "~/components/country-picker";
import { NewOrganisationSchema } from "~/domain/members/members.schemas";
import { countryChoices, createOrganisation, listOrganisations } from "~/domain/organisations/organisations.server";
import { countryName } from "~/domain/reference/countries.server";
import { runAction, withDomainErrors } from "~/lib/actions.server";
import { formatDateTime } from "~/lib/format";
import { TableWrap, Th } from "~/components/table-wrap";

export const meta: MetaFunction = () => [{ title: "Organisations · Labour Due Diligence" }];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  const organisations = (await listOrganisations(context.db, session)).map((o) => ({ ...o, places: o.jurisdictions.map(countryName), createdAt: o.createdAt.getTime(), deactivatedAt: o.deactivatedAt?.getTime() ?? null }));
  return { organisations, countries: countryChoices() };
});

export const action = /* @__PURE__ */ withDomainErrors(async ({ request, context }: ActionFunctionArgs) => {
  const session = requireUser(request, context);
  authorize(session, "organisations.manage");
  return runAction(request, NewOrganisationSchema, async (input) => {
    const { org, inviteToken } = await createOrganisation(context.db, session, input, context.ip);
    return { ok: true as const, orgName: org.name, link: `${new URL(request.url).origin}/invite/${inviteToken}` };
  });
});

export default function Organisations() {
  const { organisations, countries } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const failed = result && !result.ok ? result : null;
  const errors: Record<string, string> = failed?.errors ?? {};
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Organisations</h1>
          <p>Every company, inspectorate, union and regulator on the platform. Open one to edit its name and jurisdictions, or to deactivate it.</p>
        </div>
      </div>
      {result?.ok ? (
        <div className="alert alert--success" role="status">
          <p>
            {result.orgName} was created. Send this one-time link to its first admin; it works once, for 7 days.
          </p>
          <OneTimeLink href={result.link} />
        </div>
      ) : null}
      <TableWrap label="Organisations">
        <table className="stack-table">
          <thead>
            <tr>
              <Th>Name</Th>
              <Th>Type</Th>
              <Th>Jurisdictions</Th>
              <Th num>Members</Th>
              <Th>State</Th>
            </tr>
          </thead>
          <tbody>
            {organisations.map((o) => (
              <tr key={o.id}>
                <td className="cell-name" data-label="Name">
                  <Link to={`/admin/organisations/${o.id}`}>{o.name}</Link>
                </td>
                <td data-label="Type"><OrgTypeName type={o.type} /></td>
                <td data-label="Jurisdictions">{o.places.join(", ") || "—"}</td>
                <td className="num" data-label="Members">
                  <Link to={`/orgs/${o.id}/members`} aria-label={`${o.members} member${o.members === 1 ? "" : "s"} of ${o.name}`}>
                    {o.members}
                  </Link>
                </td>
                <td data-label="State">{o.deactivatedAt ? <span className="badge badge--muted">Deactivated {formatDateTime(o.deactivatedAt)}</span> : "Active"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <h2>Create an organisation</h2>
      <div className="card" style={{ maxWidth: "40rem" }}>
        <Form method="post" className="stack" noValidate>
          <div className="field">
            <label htmlFor="org-type">Type</label>
            <select id="org-type" name="type" defaultValue={failed?.values.type ?? "company"} aria-invalid={errors.type ? true : undefined}>
              {ORG_TYPES.map((t) => (
                <option key={t} value={t}>
                  <OrgTypeName type={t} />
                </option>
              ))}
            </select>
            {errors.type ? <span className="error">{errors.type}</span> : null}
          </div>
          <Field name="name" label="Name" type="text" required defaultValue={failed?.values.name} error={errors.name} />
          <CountryPicker name="jurisdictions" legend="Jurisdictions" countries={countries} chosen={failed?.lists.jurisdictions ?? []} error={errors.jurisdictions} hint="Where an inspectorate or regulator has authority, or where a company or union works." />
          <Field name="adminEmail" label="First admin's e-mail address" type="email" required defaultValue={failed?.values.adminEmail} error={errors.adminEmail} hint="You get a one-time invitation link for this person." />
          <button className="button" type="submit" disabled={busy}>
            Create organisation
          </button>
        </Form>
      </div>
    </>
  );
}
