/** The fields shared by scheduling and rescheduling: the time window and the team. */
import { useTranslation } from "react-i18next";
import { Field } from "~/components/field";
import { useZoneText } from "./audits";

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
  const { t } = useTranslation("audits");
  const zones = useZoneText();
  const team = new Set((values.teamIds ?? []).map(String));
  return (
    <>
      {/* The zone is said once, in the legend (announced with both fields), not as a hint under
          "Starts" alone: a hint of its own would push "Starts" out of line with "Ends". */}
      <fieldset className="field">
        <legend>
          {t("form.when")}
          <span className="hint">{viewerZone && viewerZone !== zone ? t("form.whenHintOtherZone", { zone: zones.zone(zone), viewerZone: zones.zone(viewerZone) }) : t("form.whenHint", { zone: zones.zone(zone) })}</span>
        </legend>
        <div className="form-row form-row--top">
          <Field name="startsAt" label={t("form.starts")} type="datetime-local" required defaultValue={values.startsAt ?? ""} error={errors.startsAt} />
          <Field name="endsAt" label={t("form.ends")} type="datetime-local" required defaultValue={values.endsAt ?? ""} error={errors.endsAt} />
        </div>
      </fieldset>
      <div className="field">
        <label htmlFor="leadInspectorId">{t("form.leadInspector")}</label>
        <select id="leadInspectorId" name="leadInspectorId" required defaultValue={String(values.leadInspectorId ?? "")} aria-invalid={errors.leadInspectorId ? true : undefined} aria-describedby={errors.leadInspectorId ? "leadInspectorId-error" : undefined}>
          <option value="">{t("form.choose")}</option>
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
        <legend>{t("form.team")}</legend>
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
