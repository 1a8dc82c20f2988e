/**
 * Issue 18: refusals from the account domain and /verify's answer in the reader's language. The
 * domain refuses with catalog keys (`public:invite.refused`, a reason code for /verify); the
 * language comes from the request as server.ts decides it (Accept-Language here), worker
 * languages included on these public pages (Nepali, Urdu), interface languages on /account.
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { describe, expect, it } from "vitest";
import { inviteMember, issuePasswordReset } from "~/domain/members/members.server";
import type { Verdict } from "~/domain/reports/verify.server";
import { VerifyResult } from "~/components/verify-result";
import { formatsFor } from "~/i18n/format";
import { i18nFor } from "~/i18n/i18n.server";
import { resolveLocale } from "~/i18n/locale.server";
import * as accountPage from "~/routes/account";
import * as invite from "~/routes/invite.$token";
import * as resetPage from "~/routes/reset-password.$token";
import * as verifyPage from "~/routes/verify";
import de from "../../app/i18n/catalogs/de/public.json";
import en from "../../app/i18n/catalogs/en/public.json";
import ne from "../../app/i18n/catalogs/ne/public.json";
import th from "../../app/i18n/catalogs/th/public.json";
import ur from "../../app/i18n/catalogs/ur/public.json";
import thAccount from "../../app/i18n/catalogs/th/account.json";
import { createTestDb } from "../support/db";
import { makeOrgWithRoles } from "../support/factories";
import { contextFor, get, post, responseOf } from "../support/routes";

const CATALOGS = { de, th, ne, ur } as const;
type Lng = keyof typeof CATALOGS;
const LANGUAGES = Object.keys(CATALOGS) as Lng[];

/** A request as a browser in `lng` sends it, answered in the language server.ts would choose. */
async function asReader(db: ReturnType<typeof createTestDb>, request: Request, lng: string, userId: number | null = null, orgId: number | null = null) {
  request.headers.set("accept-language", `${lng}, en;q=0.3`);
  const locale = await resolveLocale(request, null);
  return { request, context: await contextFor(db, userId, orgId, locale), locale };
}

const errorsOf = async (res: Response) => ((await res.json()) as { errors: Record<string, string> }).errors;

describe("account refusals in the reader's language", () => {
  it("a used or unknown invitation link is refused in German, Thai, Nepali and Urdu, never in English", async () => {
    const db = createTestDb();
    for (const lng of LANGUAGES) {
      const { request, context, locale } = await asReader(db, post("/invite/no-such-token", { intent: "create-account", name: "Mina", password: "a long enough passphrase" }), lng);
      expect(locale).toBe(lng);
      const res = await responseOf(() => invite.action({ request, context, params: { token: "no-such-token" } }));
      expect(res.status).toBe(400);
      const errors = await errorsOf(res);
      expect(errors.form, lng).toBe(CATALOGS[lng].invite.refused);
      expect(errors.form).not.toBe(en.invite.refused);
    }
  });

  it("a password that is too short is refused with the number in the reader's language", async () => {
    const db = createTestDb();
    const b = await makeOrgWithRoles(db, "union");
    for (const lng of LANGUAGES) {
      const { token } = await inviteMember(db, b.admin.actor, b.org.id, { email: `new-${lng}@example.org`, role: "member" }, null);
      const { request, context } = await asReader(db, post(`/invite/${token}`, { intent: "create-account", name: "Mina", password: "short" }), lng);
      const errors = await errorsOf(await responseOf(() => invite.action({ request, context, params: { token } })));
      // The number in the reader's digits (Nepali: १२).
      expect(errors.password, lng).toBe(CATALOGS[lng].password.tooShort.replace("{{min, number}}", formatsFor(lng).number(12)));
    }
    // A display name that could pass for an e-mail address, refused in Urdu (right-to-left).
    const { token } = await inviteMember(db, b.admin.actor, b.org.id, { email: "name-check@example.org", role: "member" }, null);
    const { request, context } = await asReader(db, post(`/invite/${token}`, { intent: "create-account", name: "Pat <admin@platform.example>", password: "a long enough passphrase" }), "ur");
    expect((await errorsOf(await responseOf(() => invite.action({ request, context, params: { token } })))).name).toBe(ur.validation.nameCharacters);
  });

  it("a password-reset link that is no longer valid is refused in German, Thai, Nepali and Urdu", async () => {
    const db = createTestDb();
    const b = await makeOrgWithRoles(db, "company");
    const { token } = await issuePasswordReset(db, b.admin.actor, b.org.id, b.member.user.id, null);
    // A newer link cancels this one.
    await issuePasswordReset(db, b.admin.actor, b.org.id, b.member.user.id, null);
    for (const lng of LANGUAGES) {
      const { request, context } = await asReader(db, post(`/reset-password/${token}`, { password: "a brand new passphrase", confirmPassword: "a brand new passphrase" }), lng);
      const res = await responseOf(() => resetPage.action({ request, context, params: { token } }));
      expect(res.status).toBe(400);
      expect((await errorsOf(res)).form, lng).toBe(CATALOGS[lng].reset.refused);
    }
  });

  it("an account page answers in an interface language: a Nepali browser's password refusal on /account is in the next language it names", async () => {
    const db = createTestDb();
    const b = await makeOrgWithRoles(db, "company");
    const request = post("/account", { intent: "change-password", currentPassword: "not it", newPassword: "a brand new passphrase", confirmPassword: "a brand new passphrase" });
    request.headers.set("accept-language", "ne-NP, th;q=0.6");
    const locale = await resolveLocale(request, null);
    expect(locale).toBe("th");
    const context = await contextFor(db, b.member.user.id, b.org.id, locale);
    const res = await responseOf(() => accountPage.action({ request, context, params: {} }));
    expect(res.status).toBe(400);
    expect((await errorsOf(res)).currentPassword).toBe(thAccount.members.errors.notCurrentPassword);
  });
});

describe("/verify's answer in the reader's language", () => {
  const render = (lng: string, verdict: Verdict) => renderToStaticMarkup(createElement(I18nextProvider, { i18n: i18nFor(lng) }, createElement(VerifyResult, { verdict })));

  it("the domain gives a reason code; the page words it in every worker language tested, with the id", async () => {
    const db = createTestDb();
    for (const lng of LANGUAGES) {
      const { request, context } = await asReader(db, get("/verify?q=R-AAAA-AAAA-AAAA-AAAA"), lng);
      const page = (await verifyPage.loader({ request, context, params: {} })) as { verdict: Verdict };
      expect(page.verdict).toEqual({ kind: "unknown", reason: "unknownId", values: { id: "R-AAAA-AAAA-AAAA-AAAA" } });
      const html = render(lng, page.verdict);
      expect(html, lng).toContain(CATALOGS[lng].verify.reason.unknownId.replace("{{id}}", "R-AAAA-AAAA-AAAA-AAAA"));
      expect(html).not.toContain("was issued by this platform");
    }
    const bad = (await verifyPage.loader({ request: get("/verify?q=hello"), context: await contextFor(db, null, null, "ne"), params: {} })) as { verdict: Verdict };
    expect(render("ne", bad.verdict)).toContain(ne.verify.reason.badQuery);
  });

  it("a found report's dates carry their zone, in the reader's calendar (Thai: Buddhist era)", () => {
    const report = {
      id: "R-AAAA-BBBB-CCCC-DDDD",
      type: "supplier_profile",
      title: "Estate A",
      issuer: "Northwind",
      issuedAt: Date.UTC(2026, 11, 1, 10, 0),
      dataAsOf: Date.UTC(2026, 11, 1, 9, 0),
      periodStart: null,
      periodEnd: null,
      sha256: "0".repeat(64),
      submittedTo: null,
      submittedAt: null,
      supersededBy: null,
      signedAt: Date.UTC(2026, 11, 1, 10, 0),
      certificateFingerprint: "ab".repeat(32),
    } as const;
    const thai = render("th", { kind: "issued", report, by: "id" });
    expect(thai).toContain("2569");
    expect(thai).toMatch(/UTC/);
    expect(render("de", { kind: "authentic", report, by: "file", signer: null })).toContain("1. Dez. 2026, 10:00 UTC");
    // A verified signature is named, in the reader's language, with the certificate's fingerprint shortened.
    const signed = render("de", { kind: "authentic", report, by: "file", signer: { organisation: "Northwind", signedAt: report.signedAt, fingerprint: report.certificateFingerprint } });
    expect(signed).toContain("Digital signiert von");
    expect(signed).toContain("ABAB ABAB ABAB ABAB");
  });
});
