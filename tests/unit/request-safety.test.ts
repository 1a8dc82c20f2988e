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

  // Each of these would leave the site (or crash the redirect) in some browser or in Node.
  const nasty = [
    "/\t/evil.example", // browsers strip the tab: //evil.example
    "/\n/evil.example",
    "/\r\n/evil.example",
    "/ /evil.example",
    "/\u00a0/evil.example",
    "/\u2028/evil.example",
    "/\u0000/evil.example",
    "\\evil.example",
    "\\\\evil.example",
    "/\\evil.example",
    "/\\/evil.example",
    "//evil.example",
    "///evil.example",
    "/.//evil.example", // normalises to //evil.example
    "/..//evil.example",
    "/%2e/%2fevil.example/..//evil.example",
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "https://evil.example",
    "http:/evil.example",
    "https:evil.example",
    "evil.example",
    "%2F%2Fevil.example",
    "",
  ];
  it.each(nasty)("refuses %j", (target) => {
    expect(safeRedirectPath(target)).toBe("/");
  });

  it("keeps encoded slashes as part of a path on this site", () => {
    // Encoded slashes are not decoded by browsers in a Location path: it stays on this host.
    expect(safeRedirectPath("/%2F%2Fevil.example")).toBe("/%2F%2Fevil.example");
    expect(safeRedirectPath("/invite/abc?x=1#top")).toBe("/invite/abc?x=1#top");
    expect(safeRedirectPath("/a/../b")).toBe("/b");
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
