/** The fields shared by scheduling and rescheduling: the time window and the team. */
import { Field } from "~/components/field";
import { zoneName } from "~/lib/format";

export interface TeamFieldsProps {
  inspectors: { id: number; name: string }[];
  values: { startsAt?: string; endsAt?: string; leadInspectorId?: string | number; teamIds?: (string | number)[] };
  errors: Record<string, string>;
  /** The workplace's zone: the times typed are read in it. */
  zone: string;
  /** The inspectorate's zone, named beside when it differs. */
  viewerZone?: string;
}

export function WindowAndTeamFields({ inspectors, values, errors, zone, viewerZone }: TeamFieldsProps) {
  const hint = `The workplace's local time: ${zoneName(zone)}${viewerZone && viewerZone !== zone ? ` (not your ${zoneName(viewerZone)})` : ""}`;
  const team = new Set((values.teamIds ?? []).map(String));
  return (
    <>
      <div className="form-row">
        <Field name="startsAt" label="Starts" type="datetime-local" required defaultValue={values.startsAt ?? ""} error={errors.startsAt} hint={hint} />
        <Field name="endsAt" label="Ends" type="datetime-local" required defaultValue={values.endsAt ?? ""} error={errors.endsAt} hint="At most 14 days after the start" />
      </div>
      <div className="field">
        <label htmlFor="leadInspectorId">Lead inspector</label>
        <select id="leadInspectorId" name="leadInspectorId" required defaultValue={String(values.leadInspectorId ?? "")} aria-invalid={errors.leadInspectorId ? true : undefined} aria-describedby={errors.leadInspectorId ? "leadInspectorId-error" : undefined}>
          <option value="">Choose…</option>
          {inspectors.map((i) => (
            <option key={i.id} value={i.id}>
              {i.name}
            </option>
          ))}
        </select>
        {errors.leadInspectorId ? (
          <span className="error" id="leadInspectorId-error">
            {errors.leadInspectorId}
          </span>
        ) : null}
      </div>
      <fieldset className="field" aria-describedby={errors.teamIds ? "teamIds-error" : undefined}>
        <legend>Team (besides the lead)</legend>
        {inspectors.map((i) => (
          <label key={i.id} className="checkbox">
            <input type="checkbox" name="teamIds" value={i.id} defaultChecked={team.has(String(i.id))} /> {i.name}
          </label>
        ))}
        {errors.teamIds ? (
          <span className="error" id="teamIds-error">
            {errors.teamIds}
          </span>
        ) : null}
      </fieldset>
    </>
  );
}
