/**
 * Translation on the server: the render (app/entry.server.tsx) and everything a loader or action
 * writes for people — validation messages, CSV headers, PDFs, notices. One instance holds every
 * catalog; each request gets a clone fixed to its language (cheap: the catalogs are shared).
 */
import { createInstance, type i18n as I18n, type TFunction } from "i18next";
import { initReactI18next } from "react-i18next";
import { countryNameIn } from "~/domain/sharing/country-names.server";
import { resources } from "./catalogs.server";
import { i18nOptions } from "./options";
import type { Namespace } from "./languages";

const base = createInstance();
void base.use(initReactI18next).init({ ...i18nOptions, resources, lng: "en" });
// "{{field, lowercase}}": a name put inside a sentence in the languages that write it so (English
// "workers is required"; German keeps "Arbeitskräfte" capitalised by not asking for it).
base.services.formatter?.add("lowercase", (value: unknown, lng: string | undefined) => String(value).toLocaleLowerCase(lng));
// "{{suggestion, country}}": a refusal names a country by its ISO code (domain code does not know who
// reads it); the reader gets its name in their language, as the sharing page's list of countries
// names it (the ISO list's name in English, CLDR's in the others).
base.services.formatter?.add("country", (value: unknown, lng: string | undefined) => countryNameIn(lng ?? "en", String(value)));

/** An i18next instance in `lng` for React's provider. */
export const i18nFor = (lng: string): I18n => base.cloneInstance({ lng, initImmediate: false });

/** `t` for one language and namespace, for loaders, actions, CSV and PDF writers. */
export function serverT<N extends Namespace>(lng: string, ns: N): TFunction<N> {
  return base.getFixedT(lng, ns) as TFunction<N>;
}

/** A catalog key: "namespace:path.to.key". Anything else is a sentence written before issue 18, shown as it is. */
const KEY = /^[a-z]+:[A-Za-z0-9_.]+$/;

/** A message that may be a catalog key (a schema's or a domain refusal's) in the reader's language. */
export function translateMessage(lng: string, message: string, values?: Record<string, string | number>): string {
  if (!KEY.test(message)) return message;
  return (base.t as (key: string, options: Record<string, unknown>) => string)(message, { ...values, lng });
}
