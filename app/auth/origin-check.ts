/**
 * Cross-site request defence for every state-changing request (Lucia's CSRF guidance): a browser
 * always sends Sec-Fetch-Site and/or Origin with a non-GET request; we accept it only when it
 * comes from our own origin. SameSite=Lax cookies are the second layer.
 */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function isCrossSiteRequest(method: string, headers: { get(name: string): string | null }, host: string | null): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return false;
  const fetchSite = headers.get("sec-fetch-site");
  if (fetchSite) return fetchSite !== "same-origin" && fetchSite !== "none";
  const origin = headers.get("origin");
  if (!origin || !host) return true;
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

/** The JSON API's paths: authenticated by bearer token only, never by cookie (decision 037). */
export const isApiPath = (path: string): boolean => path === "/api" || path.startsWith("/api/");
