/**
 * What an API token may reach (issue 22, decision 037): a level per resource. Plain data, read by
 * the token form in the browser and by the API on the server.
 */
export const API_RESOURCES = ["suppliers", "recruiters", "audits", "shares", "questionnaires", "grievances", "reports"] as const;
export type ApiResource = (typeof API_RESOURCES)[number];

/** "write" includes "read". */
export const SCOPE_LEVELS = ["none", "read", "write"] as const;
export type ScopeLevel = (typeof SCOPE_LEVELS)[number];
export type Scopes = Partial<Record<ApiResource, "read" | "write">>;

/**
 * Which levels each resource offers. Reports are read-only over the API (issuing stays on the page,
 * with its approvals); so are grievance cases (a worker's case is handled by a person on the page,
 * where every reading of it is logged as such).
 */
export const RESOURCE_LEVELS = {
  suppliers: ["none", "read", "write"],
  recruiters: ["none", "read", "write"],
  audits: ["none", "read", "write"],
  shares: ["none", "read", "write"],
  questionnaires: ["none", "read", "write"],
  grievances: ["none", "read"],
  reports: ["none", "read"],
} as const satisfies Record<ApiResource, readonly [ScopeLevel, ...ScopeLevel[]]>;

/** Lifetimes an administrator chooses from, in days: no token lives for ever. */
export const TOKEN_LIFETIMES = [30, 90, 180, 365] as const;

export function allows(scopes: Scopes, resource: ApiResource, level: "read" | "write"): boolean {
  const granted = scopes[resource];
  return granted === "write" || (granted === "read" && level === "read");
}

/** The prefix that marks a token, so that secret scanners (and people) recognise one in a leaked file. */
export const TOKEN_PREFIX = "ldd_";
