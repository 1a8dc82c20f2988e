import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { searchKey, useFormat } from "~/i18n/format";
import { languageOf } from "~/i18n/languages";

export interface CountryChoice {
  code: string;
  name: string;
}

/**
 * Countries chosen by name from a list of checkboxes (never typed codes). It works without
 * JavaScript: the chosen countries come first, the others follow in alphabetical groups, and the
 * browser's find-in-page searches the list. With JavaScript a filter box narrows the list as one
 * types; a country hidden by the filter keeps its tick (hidden checkboxes are still sent).
 */
export function CountryPicker({ name, legend, hint, countries, chosen, error }: { name: string; legend: string; hint?: string; countries: CountryChoice[]; chosen: string[]; error?: string }) {
  const { t } = useTranslation("suppliers");
  const formats = useFormat();
  const lng = formats.locale;
  const [filter, setFilter] = useState("");
  const [enhanced, setEnhanced] = useState(false);
  useEffect(() => setEnhanced(true), []);
  const picked = new Set(chosen);
  const first = countries.filter((c) => picked.has(c.code));
  const groups = new Map<string, CountryChoice[]>();
  for (const c of countries) {
    if (picked.has(c.code)) continue;
    const letter = c.name.charAt(0).toLocaleUpperCase(languageOf(lng).intl);
    groups.set(letter, [...(groups.get(letter) ?? []), c]);
  }
  const needle = searchKey(filter.trim(), lng);
  const shown = (c: CountryChoice) => !needle || searchKey(c.name, lng).includes(needle) || c.code.toLowerCase() === needle;
  const id = `picker-${name}`;
  const box = (c: CountryChoice) => (
    <label key={c.code} className="country-picker__item" hidden={!shown(c)}>
      <input type="checkbox" name={name} value={c.code} defaultChecked={picked.has(c.code)} /> {c.name}
    </label>
  );
  return (
    <fieldset className="field country-picker" aria-describedby={[hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined}>
      <legend>{legend}</legend>
      {hint ? (
        <span className="hint" id={`${id}-hint`}>
          {hint} {first.length ? t("countryPicker.chosenNow", { names: first.map((c) => c.name).join(", ") }) : t("countryPicker.noneChosen")}
        </span>
      ) : null}
      {error ? (
        <span className="error" id={`${id}-error`}>
          {error}
        </span>
      ) : null}
      {enhanced ? (
        <div className="country-picker__filter">
          <label htmlFor={`${id}-filter`}>{t("countryPicker.find")}</label>
          <input id={`${id}-filter`} type="search" value={filter} onChange={(e) => setFilter(e.target.value)} autoComplete="off" />
        </div>
      ) : null}
      <div className="country-picker__list">
        {first.length ? (
          <div className="country-picker__group">
            <p className="country-picker__letter">{t("countryPicker.chosen")}</p>
            {first.map(box)}
          </div>
        ) : null}
        {[...groups].map(([letter, list]) => (
          <div key={letter} className="country-picker__group" hidden={!list.some(shown)}>
            <p className="country-picker__letter" aria-hidden="true">
              {letter}
            </p>
            {list.map(box)}
          </div>
        ))}
      </div>
    </fieldset>
  );
}
