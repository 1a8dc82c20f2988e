/**
 * A signed form-time token against scripted floods of the worker's form (issue 19: no third-party
 * CAPTCHA, no network). The page carries the time it was rendered, signed; a POST sooner than
 * MIN_MS after it (no person reads the page and fills it that fast) or later than MAX_MS (a token
 * harvested once and replayed for days) is refused with a clear message, the input kept.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { Invalid } from "~/domain/errors";
import { derivedKey } from "./contact-seal.server";

export const FORM_MIN_MS = 3_000;
export const FORM_MAX_MS = 24 * 60 * 60_000;

const sign = (at: string) => createHmac("sha256", derivedKey("grievance-form-time")).update(at).digest("base64url").slice(0, 32);

/** "<ms>.<signature>": the time the form was rendered, and proof that we rendered it. */
export function formTimeToken(now = Date.now()): string {
  const at = String(now);
  return `${at}.${sign(at)}`;
}

/** Refuses (field "form") a token that is missing, forged, too fresh or too old. */
export function checkFormTime(token: string | undefined, now = Date.now()): void {
  const [at, signature] = (token ?? "").split(".");
  const expected = at && /^\d{10,16}$/.test(at) ? Buffer.from(sign(at)) : null;
  if (!expected || !signature || signature.length !== expected.length || !timingSafeEqual(Buffer.from(signature), expected)) throw new Invalid("form", "public:report.errors.formToken");
  const age = now - Number(at);
  if (age < FORM_MIN_MS) throw new Invalid("form", "public:report.errors.tooFast", { seconds: Math.ceil(FORM_MIN_MS / 1000) });
  if (age > FORM_MAX_MS) throw new Invalid("form", "public:report.errors.formExpired");
}
