import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "~/auth/guard.server";
import { isCrossSiteRequest } from "~/auth/origin-check";
import { readSessionToken, sessionCookie } from "~/auth/session.server";

const headers = (h: Record<string, string>) => ({ get: (name: string) => h[name.toLowerCase()] ?? null });

describe("cross-site request check", () => {
  it("lets safe methods through without looking at headers", () => {
    expect(isCrossSiteRequest("GET", headers({ "sec-fetch-site": "cross-site" }), "app.example")).toBe(false);
  });
  it("accepts a same-origin POST by Sec-Fetch-Site or by Origin", () => {
    expect(isCrossSiteRequest("POST", headers({ "sec-fetch-site": "same-origin" }), "app.example")).toBe(false);
    expect(isCrossSiteRequest("POST", headers({ origin: "https://app.example" }), "app.example")).toBe(false);
  });
  it("refuses cross-site and same-site (sibling subdomain) POSTs", () => {
    expect(isCrossSiteRequest("POST", headers({ "sec-fetch-site": "cross-site" }), "app.example")).toBe(true);
    expect(isCrossSiteRequest("POST", headers({ "sec-fetch-site": "same-site" }), "app.example")).toBe(true);
    expect(isCrossSiteRequest("DELETE", headers({ origin: "https://evil.example" }), "app.example")).toBe(true);
  });
  it("refuses a state-changing request that carries neither header, or a malformed Origin", () => {
    expect(isCrossSiteRequest("POST", headers({}), "app.example")).toBe(true);
    expect(isCrossSiteRequest("POST", headers({ origin: "null" }), "app.example")).toBe(true);
  });
});

describe("redirect targets", () => {
  it("keeps same-site paths and refuses everything else", () => {
    expect(safeRedirectPath("/orgs/1/members?x=1")).toBe("/orgs/1/members?x=1");
    expect(safeRedirectPath("https://evil.example")).toBe("/");
    expect(safeRedirectPath("//evil.example")).toBe("/");
    expect(safeRedirectPath("/\\evil.example")).toBe("/");
    expect(safeRedirectPath(null)).toBe("/");
  });
});

describe("session cookie", () => {
  it("is HttpOnly, SameSite=Lax, and Secure when asked", () => {
    const cookie = sessionCookie("abcdefghijklmnopqrst", new Date("2030-01-01T00:00:00Z"), { secure: true });
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Secure/);
    expect(sessionCookie("abcdefghijklmnopqrst", new Date(), { secure: false })).not.toMatch(/Secure/);
  });
  it("reads only well-formed tokens from the Cookie header", () => {
    expect(readSessionToken("a=1; ldd_session=abcdefghijklmnopqrst; b=2")).toBe("abcdefghijklmnopqrst");
    expect(readSessionToken("ldd_session=<script>")).toBeNull();
    expect(readSessionToken("other=abcdefghijklmnopqrst")).toBeNull();
    expect(readSessionToken(undefined)).toBeNull();
  });
});
