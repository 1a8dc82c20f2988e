import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guard.server";
import { authorize } from "~/auth/permissions.server";
import { FormError } from "~/components/field";
import { TableWrap, Th } from "~/components/table-wrap";
import { NotFound } from "~/domain/errors";
import { SupplierIndicatorsSchema } from "~/domain/suppliers/supplier-indicators.schemas";
import { indicatorChangeText, recordSupplierIndicators, supplierIndicators } from "~/domain/suppliers/supplier-indicators.server";
import { idParam, runAction, withDomainErrors } from "~/lib/actions.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Observed indicators · ${data?.name ?? "Supplier"} · Labour Due Diligence` }];

function companyOf(session: ReturnType<typeof requireUser>) {
  if (!session.membership) throw new NotFound();
  return session.membership.orgId;
}

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, params, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  const orgId = companyOf(session);
  const detail = await supplierIndicators(context.db, session, orgId, idParam(params.supplierId));
  authorize(session, "suppliers.edit", { orgId });
  return { id: detail.id, name: detail.name, rows: detail.rows };
});

export const action = /* @__PURE__ */ withDomainErrors(async ({ request, params, context }: ActionFunctionArgs) => {
  const session = requireUser(request, context);
  const orgId = companyOf(session);
  const supplierId = idParam(params.supplierId);
  return runAction(request, SupplierIndicatorsSchema, async (input) => {
    // The page answers with what changed (no redirect): the sentence is built from the scores
    // stored before and after, so the person reads what is on record, not what was expected.
    const { change } = await recordSupplierIndicators(context.db, session, orgId, supplierId, { ...input, ip: context.ip });
    return { ok: true as const, changed: change.recorded.length > 0, message: indicatorChangeText(change) };
  });
});

const CHOICES = [
  ["yes", "Present"],
  ["no", "Not present"],
  ["unknown", "Unknown"],
] as const;

export default function SupplierIndicators() {
  const { id, name, rows } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, string> = result && !result.ok ? result.errors : {};
  const values: Record<string, string> = result && !result.ok ? result.values : {};
  const firstError = Object.values(errors)[0];
  return (
    <>
      <p className="breadcrumbs">
        <Link to="/suppliers">Suppliers</Link> › <Link to={`/suppliers/${id}`}>{name}</Link> ›
      </p>
      <div className="page-header">
        <div>
          <h1>Observed indicators</h1>
          <p>Record what you observed at {name}. Each change is kept with your name and today&apos;s date as its source, and the risk score is recomputed at once.</p>
        </div>
      </div>
      {result?.ok ? (
        <div className={`alert ${result.changed ? "alert--success" : "alert--info"}`} role="status">
          <p>{result.message}</p>
          {result.changed ? (
            <p>
              <Link to={`/suppliers/${id}#why`}>See why this score</Link>
            </p>
          ) : null}
        </div>
      ) : null}
      <FormError message={firstError} />
      {/* A new form after a save (key): the note just recorded is not offered again for the next change. */}
      <Form method="post" className="stack" key={result?.ok ? result.message : "form"}>
        <TableWrap label="Observed indicators">
          <table>
            <thead>
              <tr>
                <Th>Indicator</Th>
                {CHOICES.map(([, label]) => (
                  <Th key={label}>{label}</Th>
                ))}
                <Th>Current source</Th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const chosen = values[r.code] ?? r.value;
                return (
                  <tr key={r.code}>
                    <th scope="row" id={`ind-${r.code}`}>
                      {r.label}
                      <div className="muted">{r.group === "ilo" ? `ILO indicator ${r.iloNumber}` : "Recruitment indicator"}</div>
                    </th>
                    {CHOICES.map(([value, label]) => (
                      <td key={value}>
                        <input type="radio" name={r.code} value={value} defaultChecked={chosen === value} aria-label={`${r.label}: ${label}`} />
                      </td>
                    ))}
                    <td className="muted">{r.source ?? "—"}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableWrap>
        <div className="field">
          <label htmlFor="note">Note (what you saw, where, which document)</label>
          <input id="note" name="note" type="text" maxLength={500} defaultValue={values.note ?? ""} aria-invalid={errors.note ? true : undefined} />
          {errors.note ? <span className="error">{errors.note}</span> : null}
        </div>
        <div className="actions">
          <button className="button" type="submit">
            Save and recompute the score
          </button>
          <Link to={`/suppliers/${id}`}>Cancel</Link>
        </div>
      </Form>
    </>
  );
}
