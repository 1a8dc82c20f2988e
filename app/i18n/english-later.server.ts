/**
 * English sentences for logs, error messages and stored English lines (an audit refusal's message,
 * the planner's English line), for code that the seed and the e2e fixtures load as well. Those run
 * under Playwright's loader, where a JSON import needs an attribute the app's bundler does not
 * write: a static import of i18n.server (which imports every catalog) there stops every e2e spec
 * from loading. So the English catalogs are read from disk here, once, into an i18next instance of
 * their own with the app's options: the same sentences, plurals and nesting as the pages' English.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { createInstance } from "i18next";
import type { Namespace } from "./languages";
import { i18nOptions } from "./options";

const DIR = path.resolve(process.cwd(), "app/i18n/catalogs/en");

let instance: ReturnType<typeof createInstance> | null = null;
function english() {
  if (!instance) {
    const en = Object.fromEntries(readdirSync(DIR).filter((f) => f.endsWith(".json")).map((f) => [f.slice(0, -5), JSON.parse(readFileSync(path.join(DIR, f), "utf8")) as object]));
    instance = createInstance();
    void instance.init({ ...i18nOptions, resources: { en }, lng: "en", initImmediate: false });
    instance.services.formatter?.add("lowercase", (value: unknown) => String(value).toLocaleLowerCase("en"));
  }
  return instance;
}

/** The English sentence of `ns:key` with its values. */
export function englishText(ns: Namespace, key: string, values?: Record<string, unknown>): string {
  return (english().getFixedT("en", ns) as unknown as (key: string, values?: Record<string, unknown>) => string)(key, values);
}
