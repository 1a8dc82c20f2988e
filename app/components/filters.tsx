/**
 * The pieces of a list's GET filter form: a labelled choice with an "any" option, the search box,
 * the risk-band checkboxes and the form's buttons. The supplier and recruiter lists share them so
 * that the same filter reads and behaves the same on both (labels, names and ids are what the
 * end-to-end tests and assistive technology find them by).
 */
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { queryString } from "~/components/pagination";
import { BAND_FILTERS } from "~/domain/risk/band-filters";

export function FilterSelect({
  name,
  id = name,
  label,
  value,
  any,
  options,
}: {
  name: string;
  /** The element id, when it must differ from the name (the entity lists prefix theirs "f-"). */
  id?: string;
  label: string;
  value: string | number | undefined | null;
  any: string;
  options: readonly (readonly [string | number, string])[];
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={value ?? ""}>
        <option value="">{any}</option>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}

export function FilterSubmit({ label }: { label?: string }) {
  const { t } = useTranslation("suppliers");
  return (
    <div className="filters__actions">
      <button className="button button--secondary" type="submit">
        {label ?? t("filters.show")}
      </button>
    </div>
  );
}

/** The list's search box (parameter `q`). */
export function FilterSearch({ value, placeholder }: { value: string; placeholder: string }) {
  const { t } = useTranslation("suppliers");
  return (
    <div className="field">
      <label htmlFor="f-q">{t("filters.search")}</label>
      <input id="f-q" type="search" name="q" defaultValue={value} placeholder={placeholder} />
    </div>
  );
}

/** One checkbox per risk band and one for "not scored yet" (parameter `band`, repeated). */
export function BandFilterFieldset({ selected }: { selected: readonly string[] }) {
  const { t } = useTranslation("suppliers");
  return (
    <fieldset>
      <legend>{t("filters.band.legend")}</legend>
      <div className="checks">
        {BAND_FILTERS.map((b) => (
          <label key={b}>
            <input type="checkbox" name="band" value={b} defaultChecked={selected.includes(b)} />
            {t(`filters.band.${b}`)}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/**
 * The end of a sortable list's filter form: the current sort rides along as hidden fields (only
 * when it is not the default, as in the list's links) so that applying filters keeps it, and
 * "Clear filters" drops the filters but keeps the sort.
 */
export function FilterActions({ sort, filtered }: { sort: { sort: string; dir: string } | null; filtered: boolean }) {
  const { t } = useTranslation("suppliers");
  return (
    <>
      {sort ? (
        <>
          <input type="hidden" name="sort" value={sort.sort} />
          <input type="hidden" name="dir" value={sort.dir} />
        </>
      ) : null}
      <div className="filters__actions">
        <button className="button" type="submit">
          {t("filters.apply")}
        </button>
        {filtered ? <Link to={queryString(sort ? { sort: sort.sort, dir: sort.dir } : {})}>{t("filters.clear")}</Link> : null}
      </div>
    </>
  );
}
