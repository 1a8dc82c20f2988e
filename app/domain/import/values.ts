/**
 * Parsers for the values found in real spreadsheets. Each returns the value, or what was expected
 * in words a compliance officer understands, as a catalog key (`imports:expected.*`, issue 18: the
 * reader's language is chosen when the problem is read; the caller adds row, column and the value).
 */
export type Parsed<T> = { ok: true; value: T } | { ok: false; expected: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = (expected: string): Parsed<never> => ({ ok: false, expected });

const GROUPED = /^[+-]?\d{1,3}([,.'\u00a0\u202f ]\d{3})+$/;

/** "1,200", "1.200", "1 200", "1'200" and "1200" are all twelve hundred. */
const PLAIN_INTEGER = /^\d{1,15}$/;
const PLAIN_DECIMAL = /^\d{1,15}(\.\d{1,15})?$/;

export function parseInteger(text: string): Parsed<number> {
  // Fast path for the common case; the general rules below handle every locale's separators.
  if (PLAIN_INTEGER.test(text)) return ok(Number(text));
  const t = text.trim();
  const digits = GROUPED.test(t) ? t.replace(/[,.'\u00a0\u202f ]/g, "") : t;
  if (!/^[+-]?\d+$/.test(digits)) return bad(/^[+-]?\d+[.,]\d+$/.test(t) ? "imports:expected.wholeNumberNoDecimals" : "imports:expected.wholeNumber");
  const value = Number(digits);
  if (!Number.isSafeInteger(value)) return bad("imports:expected.wholeNumberRealistic");
  return ok(value);
}

/**
 * A decimal amount written in any common locale: "1,234.56", "1.234,56", "1234,5", "4 200".
 * With both separators the last one is the decimal point; a lone separator followed by exactly
 * three digits is a thousands separator.
 */
export function parseAmount(text: string): Parsed<number> {
  if (PLAIN_DECIMAL.test(text)) return ok(Number(text));
  let t = text.trim().replace(/[\u00a0\u202f ']/g, "");
  t = t.replace(/^[A-Z]{3}|[A-Z]{3}$/g, "").replace(/^[$€£¥₹]|[$€£¥₹]$/g, "");
  const lastComma = t.lastIndexOf(",");
  const lastDot = t.lastIndexOf(".");
  if (lastComma >= 0 && lastDot >= 0) {
    const decimal = lastComma > lastDot ? "," : ".";
    const thousands = decimal === "," ? "." : ",";
    t = t.split(thousands).join("").replace(decimal, ".");
  } else if (lastComma >= 0 || lastDot >= 0) {
    const sep = lastComma >= 0 ? "," : ".";
    t = GROUPED.test(t) ? t.split(sep).join("") : t.split(sep).length === 2 ? t.replace(sep, ".") : "x";
  }
  if (!/^[+-]?\d+(\.\d+)?$/.test(t)) return bad("imports:expected.amount");
  return ok(Number(t));
}

/**
 * A share of workers: "35%", "0.35" and "35" all mean 35 %. Plain numbers up to 1 are read as
 * fractions and larger ones as percentages (documented on the columns page).
 */
export function parseShare(text: string): Parsed<number> {
  const t = text.trim();
  if (PLAIN_DECIMAL.test(t)) return shareOf(Number(t), false);
  if (t.endsWith("%") && PLAIN_DECIMAL.test(t.slice(0, -1))) return shareOf(Number(t.slice(0, -1)), true);
  const percent = t.endsWith("%");
  const amount = parseAmount(percent ? t.slice(0, -1) : t);
  if (!amount.ok) return bad("imports:expected.share");
  return shareOf(amount.value, percent);
}

function shareOf(v: number, percent: boolean): Parsed<number> {
  if (v < 0) return bad("imports:expected.shareNotNegative");
  const fraction = percent || v > 1 ? v / 100 : v;
  if (fraction > 1) return bad("imports:expected.shareRange");
  return ok(Math.round(fraction * 10000) / 10000);
}

// The interface languages' own words too (German, French, Spanish, Malay, Thai): the expected-value message offers them.
const TRUE = new Set(["yes", "y", "true", "t", "1", "x", "ja", "oui", "si", "sí", "ya", "ใช่", "✓"]);
const FALSE = new Set(["no", "n", "false", "f", "0", "nein", "non", "tidak", "ไม่", "ไม่ใช่"]);

export function parseBoolean(text: string): Parsed<boolean> {
  const t = text.trim().toLowerCase();
  if (TRUE.has(t)) return ok(true);
  if (FALSE.has(t)) return ok(false);
  return bad("imports:expected.boolean");
}

/** Semicolons separate list items; a list without semicolons may use commas or pipes instead. */
export function parseList(text: string): string[] {
  const sep = text.includes(";") ? ";" : text.includes("|") ? "|" : ",";
  const items = text.split(sep).map((s) => s.trim()).filter(Boolean);
  return [...new Set(items)];
}

const LICENCE: Record<string, "valid" | "expired" | "revoked" | "none" | "unknown"> = {
  valid: "valid", active: "valid", licensed: "valid", licenced: "valid", current: "valid", yes: "valid", y: "valid", true: "valid",
  expired: "expired", lapsed: "expired",
  revoked: "revoked", suspended: "revoked", cancelled: "revoked", canceled: "revoked", withdrawn: "revoked",
  none: "none", unlicensed: "none", unlicenced: "none", no: "none", n: "none", false: "none",
  unknown: "unknown",
};

export function parseLicenceStatus(text: string): Parsed<"valid" | "expired" | "revoked" | "none" | "unknown"> {
  const v = LICENCE[text.trim().toLowerCase()];
  return v ? ok(v) : bad("imports:expected.licenceStatus");
}

export function parseCurrency(text: string): Parsed<string> {
  const t = text.trim().toUpperCase();
  return /^[A-Z]{3}$/.test(t) ? ok(t) : bad("imports:expected.currency");
}
