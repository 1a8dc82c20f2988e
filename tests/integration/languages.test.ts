/**
 * Issue 18: which language a request is answered in, and the switcher's target. Real route
 * modules, a real database (both engines: the account's saved language is a column).
 */
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "#db/client";
import { users } from "#db/schema";
import { negotiate, resolveLocale, resolveLocaleWithSource, pagePath } from "../../app/i18n/locale.server";
import { action as languageAction } from "../../app/routes/language";
import { action as accountAction } from "../../app/routes/account";
import de_account from "../../app/i18n/catalogs/de/account.json";
import en_account from "../../app/i18n/catalogs/en/account.json";
import th_account from "../../app/i18n/catalogs/th/account.json";
import { loader as catalogsLoader } from "../../app/routes/locales.$lng[.json]";
import { catalogVersion } from "../../app/i18n/catalogs.server";
import { createTestDb } from "../support/db";
import { makeOrg, makeUser } from "../support/factories";
import { contextFor, post } from "../support/routes";

const req = (path: string, headers: Record<string, string> = {}) => new Request(`http://localhost${path}`, { headers });
const cookieFor = (code: string) => `lng=${encodeURIComponent(Buffer.from(JSON.stringify(code)).toString("base64"))}`;

describe("the request's language", () => {
  it("weighs every language the browser names, matching a regional tag by its base language", () => {
    expect(negotiate("de-AT", ["en", "de"])).toBe("de");
    expect(negotiate("en;q=0.3, th;q=0.9, *", ["en", "th"])).toBe("th");
    expect(negotiate("fil-PH", ["en", "fil"])).toBe("fil");
    expect(negotiate("zh, ja;q=0", ["en", "ja"])).toBeNull();
    expect(negotiate("", ["en"])).toBeNull();
  });

  it("follows the browser's Accept-Language when nothing was chosen", async () => {
    expect(await resolveLocale(req("/suppliers", { "accept-language": "de-DE,de;q=0.9,en;q=0.5" }), null)).toBe("de");
    expect(await resolveLocale(req("/suppliers", { "accept-language": "th" }), null)).toBe("th");
    expect(await resolveLocale(req("/suppliers", { "accept-language": "zh-CN" }), null)).toBe("en");
    expect(await resolveLocale(req("/suppliers"), null)).toBe("en");
  });

  it("offers worker languages on public pages only: a Nepali reader's account pages are in the best interface language", async () => {
    const nepaliFirst = { "accept-language": "ne-NP, ms;q=0.6" };
    expect(await resolveLocale(req("/verify", nepaliFirst), null)).toBe("ne");
    expect(await resolveLocale(req("/sign-in?redirectTo=%2F", nepaliFirst), null)).toBe("ne");
    expect(await resolveLocale(req("/suppliers", nepaliFirst), null)).toBe("ms");
    // Remix asks for a page's data at /path.data and the root's at /_root.data.
    expect(await resolveLocale(req("/verify.data", nepaliFirst), null)).toBe("ne");
    expect(pagePath("/_root.data")).toBe("/");
    expect(await resolveLocale(req("/verify", { "accept-language": "ur" }), null)).toBe("ur");
  });

  it("offers every language on a supplier's questionnaire and clarifications (issue 20), and on no other page of its workplace", async () => {
    const nepali = { cookie: cookieFor("ne"), "accept-language": "de" };
    expect(await resolveLocale(req("/sites/12/questionnaire", nepali), "en")).toBe("ne");
    expect(await resolveLocale(req("/sites/12/questionnaire.data", nepali), "en")).toBe("ne");
    expect(await resolveLocale(req("/sites/12/reviews", nepali), "en")).toBe("ne");
    // The workplace's own page, its audits and a file download: the account's interface language.
    for (const path of ["/sites/12", "/sites/12/audits", "/sites/12/questionnaire/files/3", "/sites/x/questionnaire", "/sites/12/questionnaire/extra"]) {
      expect(await resolveLocale(req(path, nepali), "en"), path).toBe("en");
    }
  });

  it("puts the reader's choice (cookie) before the account's saved language, and that before the browser", async () => {
    expect(await resolveLocale(req("/suppliers", { cookie: cookieFor("fr"), "accept-language": "de" }), "es")).toBe("fr");
    expect(await resolveLocale(req("/suppliers", { "accept-language": "de" }), "es")).toBe("es");
    // A worker language chosen on a public page does not turn account pages half-Nepali.
    expect(await resolveLocale(req("/suppliers", { cookie: cookieFor("ne"), "accept-language": "de" }), null)).toBe("de");
    expect(await resolveLocale(req("/verify", { cookie: cookieFor("ne") }), "de")).toBe("ne");
    // A made-up or hostile cookie is ignored.
    expect(await resolveLocale(req("/suppliers", { cookie: "lng=%3Cscript%3E", "accept-language": "th" }), null)).toBe("th");
    expect(await resolveLocale(req("/suppliers", { cookie: cookieFor("xx") }), null)).toBe("en");
  });

  it("says where the language came from, so the account page does not guess", async () => {
    expect(await resolveLocaleWithSource(req("/account", { cookie: cookieFor("fr") }), "de")).toEqual({ locale: "fr", source: "cookie" });
    expect(await resolveLocaleWithSource(req("/account", { "accept-language": "th" }), "de")).toEqual({ locale: "de", source: "account" });
    expect(await resolveLocaleWithSource(req("/account", { "accept-language": "th" }), null)).toEqual({ locale: "th", source: "browser" });
    expect(await resolveLocaleWithSource(req("/account", { "accept-language": "zh" }), null)).toEqual({ locale: "en", source: "default" });
  });
});

describe("the language switcher (/language)", () => {
  const post = (fields: Record<string, string>) => new Request("http://localhost/language", { method: "POST", body: new URLSearchParams(fields) });
  async function answer(fields: Record<string, string>, context: Awaited<ReturnType<typeof contextFor>>): Promise<Response> {
    // The route module's action, as Remix calls it (it answers every case with a redirect).
    try {
      await languageAction({ request: post(fields), context, params: {} });
    } catch (thrown) {
      if (thrown instanceof Response) return thrown;
      throw thrown;
    }
    throw new Error("the action must redirect");
  }

  it("remembers a visitor's choice in a cookie and goes back to the same page", async () => {
    const db = createTestDb();
    const res = await answer({ lng: "th", redirectTo: "/verify?report=abc" }, await contextFor(db, null));
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/verify?report=abc");
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^lng=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(await resolveLocale(req("/verify", { cookie: cookie.split(";")[0]! }), null)).toBe("th");
  });

  it("saves an interface language in a signed-in user's account, not a worker language", async () => {
    const db: Db = createTestDb();
    const org = await makeOrg(db, "company");
    const user = await makeUser(db, { orgId: org.id, role: "member" });
    await answer({ lng: "ms", redirectTo: "/suppliers" }, await contextFor(db, user.id, org.id));
    expect((await db.select({ locale: users.locale }).from(users).where(eq(users.id, user.id)))[0]?.locale).toBe("ms");
    const worker = await answer({ lng: "bn", redirectTo: "/verify" }, await contextFor(db, user.id, org.id));
    expect(worker.headers.get("set-cookie")).toMatch(/^lng=/);
    expect((await db.select({ locale: users.locale }).from(users).where(eq(users.id, user.id)))[0]?.locale).toBe("ms");
  });

  it("refuses to be an open redirect, and changes nothing for a language the page is not offered in", async () => {
    const db = createTestDb();
    for (const target of ["//evil.example/", "https://evil.example/", "/\\evil.example", "javascript:alert(1)"]) {
      const res = await answer({ lng: "de", redirectTo: target }, await contextFor(db, null));
      expect(res.headers.get("location"), target).toBe("/");
    }
    const notOffered = await answer({ lng: "ne", redirectTo: "/suppliers" }, await contextFor(db, null));
    expect(notOffered.headers.get("location")).toBe("/suppliers");
    expect(notOffered.headers.get("set-cookie")).toBeNull();
    const madeUp = await answer({ lng: "klingon", redirectTo: "/" }, await contextFor(db, null));
    expect(madeUp.headers.get("set-cookie")).toBeNull();
  });
});

describe("the catalogs a browser fetches (/locales/<lng>.json)", () => {
  const get = async (lng: string, v = catalogVersion) => (await catalogsLoader({ request: req(`/locales/${lng}.json?v=${v}`), params: { lng }, context: {} as never })) as Response;

  it("sends an interface language alone, a worker language with English (the frame's fallback), cacheable for good only at the current version", async () => {
    const res = await get("de");
    expect(res.status).toBe(200);
    expect(Object.keys((await res.json()) as object)).toEqual(["de"]);
    expect(Object.keys((await (await get("ne")).json()) as object).sort()).toEqual(["en", "ne"]);
    expect(res.headers.get("cache-control")).toContain("immutable");
    expect((await get("de", "old")).headers.get("cache-control")).toBe("no-cache");
    const urdu = (await (await get("ur")).json()) as Record<string, object>;
    // A worker language carries the pages without an account, the supplier questionnaire with the
    // indicators it names (issue 20, for a supplier's staff) and the signed-in frame's words of `common`.
    expect(Object.keys(urdu.ur ?? {}).sort()).toEqual(["common", "indicators", "public", "questionnaire"]);
  });

  it("answers 404 for a language it does not have", async () => {
    expect((await get("xx")).status).toBe(404);
    expect((await get("../../etc/passwd")).status).toBe(404);
  });
});

describe("a refused form answers in the reader's language (the action contract)", () => {
  it("translates a schema's catalog-key message, keeps the input, and stays English for an English reader", async () => {
    const db = createTestDb();
    const org = await makeOrg(db, "company");
    const user = await makeUser(db, { orgId: org.id, role: "member", name: "Ana" });
    const fields = { intent: "change-password", currentPassword: "x", newPassword: "a-new-password-1", confirmPassword: "another-one" };
    const errorsIn = async (locale: string) => {
      const answer = (await accountAction({ request: post("/account", fields), context: await contextFor(db, user.id, org.id, locale), params: {} })) as unknown as { data: { errors: Record<string, string> }; init: { status: number } };
      expect(answer.init.status).toBe(400);
      return answer.data.errors;
    };
    expect((await errorsIn("de")).confirmPassword).toBe(de_account.password.mismatch);
    expect((await errorsIn("th")).confirmPassword).toBe(th_account.password.mismatch);
    expect((await errorsIn("en")).confirmPassword).toBe(en_account.password.mismatch);
    expect(en_account.password.mismatch).not.toBe(de_account.password.mismatch);
  });
});
