import { useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export interface OfferedLanguage {
  code: string;
  name: string;
}

/**
 * On every page, signed in or not: a plain form (works without JavaScript) that posts to
 * /language and comes back to this very page, now in the chosen language. A full page load, not a
 * client-side navigation: the browser then fetches the new language's catalogs with the page.
 * Each language is named in itself ("Deutsch", "ไทย"), so a reader finds theirs whatever the
 * page's language; `lang` on each option lets a screen reader pronounce it. Its words are in the
 * `public` namespace, the one the worker languages have: on /verify in Nepali, the switcher is Nepali.
 */
export function LanguageSwitcher({ languages }: { languages: OfferedLanguage[] }) {
  const { t, i18n } = useTranslation("public");
  const { pathname, search } = useLocation();
  if (languages.length < 2) return null;
  return (
    <form className="language-switcher" method="post" action="/language">
      <input type="hidden" name="redirectTo" value={pathname + search} />
      <label htmlFor="language-switcher">{t("shell.language.label")}</label>
      <select id="language-switcher" name="lng" defaultValue={i18n.language} key={i18n.language}>
        {languages.map((l) => (
          <option key={l.code} value={l.code} lang={l.code}>
            {l.name}
          </option>
        ))}
      </select>
      <button className="button button--small" type="submit">
        {t("shell.language.change")}
      </button>
    </form>
  );
}
