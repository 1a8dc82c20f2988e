/**
 * Limits on expensive work per organisation (issuing reports, uploading lists), so that one
 * organisation cannot monopolise the machine: at most `limit` events in a sliding window. Kept in
 * memory: the platform runs as one process, and a restart forgetting the counts is harmless.
 */
import { InputError } from "~/domain/errors";

export const LIMITS = {
  "reports.issue": { limit: 30, windowMs: 10 * 60_000, what: "reports issued" },
  "imports.upload": { limit: 20, windowMs: 10 * 60_000, what: "lists uploaded" },
} as const;

export type LimitedAction = keyof typeof LIMITS;

/** Refused: too many in the window; says when to try again. The route answers 429. */
export class RateLimited extends InputError {
  override name = "RateLimited";
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super("form", message);
  }
}

const events = new Map<string, number[]>();

export function takeRateLimit(action: LimitedAction, orgId: number, now = Date.now()): void {
  const rule = LIMITS[action];
  const key = `${action}:${orgId}`;
  const recent = (events.get(key) ?? []).filter((t) => t > now - rule.windowMs);
  if (recent.length >= rule.limit) {
    const retry = Math.ceil((recent[0]! + rule.windowMs - now) / 1000);
    events.set(key, recent);
    throw new RateLimited(`Your organisation has ${rule.limit} ${rule.what} in the last ${rule.windowMs / 60_000} minutes, the most allowed; try again in ${Math.max(1, Math.ceil(retry / 60))} minute${retry > 60 ? "s" : ""}.`, retry);
  }
  recent.push(now);
  events.set(key, recent);
}

/** For tests: forget every count. */
export function resetRateLimits(): void {
  events.clear();
}
