import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireUser } from "~/auth/guard.server";
import { authorize } from "~/auth/permissions.server";
import { Field, FormError } from "~/components/field";
import { BandChangeList, Differences } from "~/components/methodology-review";
import { bandChanges, draftFromForm, draftStart } from "~/domain/risk/methodology-changes.server";
import type { Parameter } from "~/domain/risk/methodology-draft";
import { storeDraftVersion } from "~/domain/risk/methodology-store.server";
import { MethodologyDraftSchema } from "~/domain/risk/schemas";
import { failure, runAction, withDomainErrors } from "~/lib/actions.server";
import { formLists, formValues } from "~/lib/forms";

export const meta: MetaFunction = () => [{ title: "Draft a methodology version · Labour Due Diligence" }];

/** How many band changes the preview names (the stored draft's page can list them all). */
const PREVIEW_LIMIT = 25;

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  authorize(session, "reference.manage");
  return { start: await draftStart(context.db, session), today: new Date().toISOString().slice(0, 10) };
});

export const action = /* @__PURE__ */ withDomainErrors(async ({ request, context }: ActionFunctionArgs) => {
  const session = requireUser(request, context);
  authorize(session, "reference.manage");
  return runAction(request, MethodologyDraftSchema, async (input, form) => {
    const values = Object.fromEntries([...form.keys()].map((k) => [k, form.get(k) as string | undefined]));
    const built = await draftFromForm(context.db, session, input, values);
    // Every parameter out of bounds is said beside its own field at once, not one per attempt.
    if (!built.ok) return failure(built.errors, formValues(form), input.intent, formLists(form));
    if (input.intent === "preview") {
      return { ok: true as const, values: formValues(form), differences: built.differences, bands: await bandChanges(context.db, session, built.methodology, PREVIEW_LIMIT) };
    }
    const id = await storeDraftVersion(context.db, session, built.methodology, context.ip);
    throw redirect(`/admin/methodology/${id}?stored=1`);
  });
});

const GROUPS: Parameter["group"][] = ["Bands", "Supplier factors", "Indicators", "Mitigations", "Recruiter factors"];

export default function DraftMethodology() {
  const { start, today } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const failed = answer && !answer.ok ? answer : null;
  const preview = answer?.ok ? answer : null;
  const errors: Record<string, string> = failed?.errors ?? {};
  // After any answer the form shows what was sent (the browser's fields are re-rendered from it).
  const sent = failed?.values ?? preview?.values;
  const value = (key: string, fallback: string) => sent?.[key] ?? fallback;
  const fieldErrors = Object.keys(errors).filter((k) => k !== "form").length;
  return (
    <>
      <p className="breadcrumbs">
        <Link to="/admin/methodology">Methodology versions</Link>
      </p>
      <div className="page-header">
        <div>
          <h1>Draft a methodology version</h1>
          <p>
            Starts from the active version {start.active.version}. Change the weights, band limits and red flags below; &ldquo;Preview&rdquo; shows what differs and which suppliers would change band, and &ldquo;Store as draft&rdquo; keeps it for review. Nothing is rescored
            until you activate the draft. Sector baselines, keyword lists, prior probabilities and the texts of each factor are copied from version {start.active.version} unchanged.
          </p>
        </div>
      </div>
      {errors.form ? <FormError message={errors.form} /> : null}
      {fieldErrors ? (
        <div className="alert alert--error" role="alert">
          <p>
            {fieldErrors} field{fieldErrors === 1 ? " needs" : "s need"} correcting; each says why beside it:
          </p>
          <ul>
            {Object.entries(errors)
              .filter(([k]) => k !== "form")
              .map(([k, message]) => (
                <li key={k}>
                  <a href={`#${fieldId(k)}`}>{message}</a>
                </li>
              ))}
          </ul>
        </div>
      ) : null}
      {preview ? (
        <div className="card stack" aria-live="polite">
          <Differences lines={preview.differences} against={start.active.version} />
          <BandChangeList bands={preview.bands} more={preview.bands.total > preview.bands.changes.length ? <p>Store the draft to see every supplier on its page.</p> : null} />
        </div>
      ) : null}
      <Form method="post" className="stack" noValidate key={preview ? "previewed" : failed ? "failed" : "fresh"}>
        <div className="card narrow-card draft-header">
          <h2>The version</h2>
          <Field name="version" label="Version number" type="text" required defaultValue={value("version", start.suggested.version)} error={errors.version} hint={`A new number, e.g. ${start.suggested.version}; every score names the version that produced it.`} />
          <Field name="name" label="Name" type="text" required defaultValue={value("name", start.suggested.name)} error={errors.name} />
          <Field name="effective" label="Takes effect on" type="date" required defaultValue={value("effective", today)} error={errors.effective} />
          <div className="field">
            <label htmlFor="field-summary">What changed and why</label>
            <span className="hint" id="field-summary-hint">
              Shown on the Methodology page; the people who must explain a score read it.
            </span>
            <textarea id="field-summary" name="summary" rows={4} defaultValue={value("summary", "")} aria-describedby={errors.summary ? "field-summary-hint field-summary-error" : "field-summary-hint"} aria-invalid={errors.summary ? true : undefined} />
            {errors.summary ? (
              <span className="error" id="field-summary-error">
                {errors.summary}
              </span>
            ) : null}
          </div>
        </div>
        {GROUPS.map((group) => (
          <fieldset key={group} className="card param-group">
            <legend>{group}</legend>
            {group === "Bands" ? <p className="hint">A score is 0–100. Each limit is where a band starts; they must rise: medium, then high, then critical.</p> : <p className="hint">Each weight is the most points the factor adds to the 0–100 score (a mitigation takes them off); 0 switches it off.</p>}
            <div className="param-grid">
              {start.parameters
                .filter((p) => p.group === group && p.kind === "number")
                .map((p) => {
                  // An indicator's red flag sits with its weight, in the same box.
                  const flag = start.parameters.find((f) => f.kind === "flag" && f.key === p.key.replace(/\.weight$/, ".redFlag"));
                  return (
                    <div key={p.key} className={flag ? "param-pair" : undefined}>
                      <ParameterField p={p} sent={sent} error={errors[p.key]} />
                      {flag ? <ParameterField p={flag} sent={sent} error={errors[flag.key]} /> : null}
                    </div>
                  );
                })}
            </div>
          </fieldset>
        ))}
        <div className="actions">
          <button className="button button--secondary" type="submit" name="intent" value="preview" disabled={busy}>
            Preview the changes
          </button>
          <button className="button" type="submit" name="intent" value="save" disabled={busy}>
            Store as draft
          </button>
        </div>
      </Form>
    </>
  );
}

/** The id of a field's input: the version's own fields, or a parameter by its path. */
const fieldId = (key: string) => (["version", "name", "effective", "summary"].includes(key) ? `field-${key}` : `param-${key.replace(/\./g, "-")}`);

function ParameterField({ p, sent, error }: { p: Parameter; sent: Record<string, string> | undefined; error?: string }) {
  const id = fieldId(p.key);
  if (p.kind === "flag") {
    const checked = sent ? sent[p.key] === "on" : p.value === true;
    return (
      <div className="field param param--flag">
        <label className="check">
          <input type="checkbox" name={p.key} defaultChecked={checked} aria-describedby={`${id}-hint`} /> {p.label}
        </label>
        <span className="hint" id={`${id}-hint`}>
          {p.meaning} Active version: {p.value ? "yes" : "no"}.
        </span>
      </div>
    );
  }
  return (
    <div className="field param">
      <label htmlFor={id}>{p.label}</label>
      <span className="hint" id={`${id}-hint`}>
        {p.meaning} From {p.min} to {p.max}; active version: {String(p.value)}.
      </span>
      <input
        id={id}
        name={p.key}
        type="number"
        inputMode="decimal"
        min={p.min}
        max={p.max}
        step="any"
        defaultValue={sent?.[p.key] ?? String(p.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
      />
      {error ? (
        <span className="error" id={`${id}-error`}>
          {error}
        </span>
      ) : null}
    </div>
  );
}
