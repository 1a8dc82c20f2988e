/**
 * Amounts of the fee ledger: kept as integers in the minor unit of their ISO 4217 currency (no
 * rounding in sums), typed by people as they write money ("45,000.50", "45000", "¥ 120 000").
 * Shared by the server (parsing) and the pages (showing), so it has no server-only imports.
 */

/** Whether `code` is an ISO 4217 currency the runtime knows (Intl's list, the same one formatting uses). */
export function isCurrency(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && Intl.supportedValuesOf("currency").includes(code);
}

/** The currency's minor-unit digits as Intl formats it: JPY 0, NPR 2, BHD 3. */
export function currencyDigits(currency: string): number {
  return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/**
 * The largest amount accepted, in minor units: far above any recruitment fee, and small enough that
 * a sum over thousands of workers stays an exact integer in JavaScript and in a 64-bit column.
 */
export const AMOUNT_MAX_MINOR = 1_000_000_000_000;

export type AmountProblem = "required" | "format" | "negative" | "tooManyDigits" | "zero" | "tooLarge";

/**
 * A typed amount in minor units, or why not. Digits may be grouped by commas, spaces or
 * apostrophes; the one decimal separator is a point. Refused: empty, a sign, exponents ("1e9"),
 * two points ("1.2.3"), more decimals than the currency has (JPY "100.5"), zero, and amounts
 * over AMOUNT_MAX_MINOR. No guessing whether "1,5" meant one and a half: that is refused too,
 * because a wrong guess would record a fee a thousand times too small.
 */
export function parseAmount(typed: string, currency: string): { ok: true; minor: number } | { ok: false; problem: AmountProblem; digits: number } {
  const digits = currencyDigits(currency);
  // A leading currency symbol or code, as people paste it ("¥ 120 000", "NPR 45,000"), is dropped.
  const text = typed.trim().replace(/^(?:\p{Sc}|[A-Za-z]{3}(?=[\s\d]))\s*/u, "");
  if (!typed.trim()) return { ok: false, problem: "required", digits };
  if (/^[-−]/.test(text)) return { ok: false, problem: "negative", digits };
  // Grouping: digits in threes after the first group, separated by one of , space ' (NBSP and narrow NBSP too).
  const match = /^(\d{1,3}(?:[, '\u00a0\u202f]\d{3})+|\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) return { ok: false, problem: "format", digits };
  const whole = match[1]!.replace(/[, '\u00a0\u202f]/g, "");
  const fraction = match[2] ?? "";
  if (fraction.length > digits) return { ok: false, problem: "tooManyDigits", digits };
  // Integer arithmetic on the digit strings: never through a float ("0.29" * 100 is 28.999…).
  const minorText = (whole + fraction.padEnd(digits, "0")).replace(/^0+(?=\d)/, "");
  if (minorText.length > String(AMOUNT_MAX_MINOR).length) return { ok: false, problem: "tooLarge", digits };
  const minor = Number(minorText);
  if (minor > AMOUNT_MAX_MINOR) return { ok: false, problem: "tooLarge", digits };
  if (minor === 0) return { ok: false, problem: "zero", digits };
  return { ok: true, minor };
}

/** Minor units as the plain decimal a form shows back ("45000.50"), without grouping. */
export function minorToPlain(minor: number, currency: string): string {
  const digits = currencyDigits(currency);
  if (digits === 0) return String(minor);
  const text = String(minor).padStart(digits + 1, "0");
  return `${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

/** Minor units as money in the reader's language ("NPR 45,000.50", "45.000,50 NPR"). */
export function formatMoney(minor: number, currency: string, locale: string): string {
  const digits = currencyDigits(currency);
  return new Intl.NumberFormat(locale, { style: "currency", currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(minor / 10 ** digits);
}
