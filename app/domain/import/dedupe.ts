/**
 * Matching keys for de-duplication. The external id decides when there is one; otherwise two rows
 * are the same organisation when their names agree after normalisation (case, accents,
 * punctuation, legal-form suffixes such as Ltd, Co., GmbH, Sdn Bhd, whitespace) and they are in
 * the same country (and, when both give one, at the same address).
 */
import { createHash } from "node:crypto";

const LEGAL_FORMS = new Set([
  "ltd", "limited", "co", "company", "corp", "corporation", "inc", "incorporated", "llc", "llp", "lp", "plc", "pvt", "private", "pte",
  "gmbh", "mbh", "ag", "kg", "ohg", "ug", "ev", "sa", "sas", "sarl", "srl", "spa", "sl", "slu", "bv", "nv", "as", "asa", "ab", "oy", "oyj",
  "sdn", "bhd", "berhad", "pt", "tbk", "cv", "jsc", "ojsc", "pjsc", "ooo", "zao", "tnhh", "sp", "zoo", "sro", "kft", "zrt", "doo",
  "ltda", "limitada", "eireli", "me", "wll", "fze", "fzco", "fzc", "pty", "kk", "yk", "sti", "ltdsti", "cia", "y", "and", "the",
]);

const PLAIN_ASCII = /^[\x20-\x7e]*$/;

/** Drops accents: "Nguyễn" → "Nguyen". Skipped for plain ASCII, the common case on a hot path. */
function withoutAccents(text: string): string {
  return PLAIN_ASCII.test(text) ? text : text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
}

export function normaliseName(name: string): string {
  const plain = PLAIN_ASCII.test(name);
  const lower = (plain ? name : withoutAccents(name))
    .toLowerCase()
    .replace(/&/g, " and ")
    // Dotted abbreviations are one word: "A.Ş.", "W.L.L.", "S.A." become "as", "wll", "sa".
    .replace(/\./g, "");
  // The Unicode-aware pattern is only needed (and only paid for) when the name is not plain ASCII.
  const words = lower
    .replace(plain ? /[^a-z0-9]+/g : /[^\p{L}\p{N}]+/gu, " ")
    .trim()
    .split(" ")
    .filter(Boolean);
  // Strip legal forms from the end only ("Company of Heroes Ltd" keeps "company").
  while (words.length > 1 && LEGAL_FORMS.has(words[words.length - 1]!)) words.pop();
  return words.join(" ");
}

export function normaliseAddress(address: string): string {
  return withoutAccents(address)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** The key stored on a record for name matching: normalised name and country. */
export function nameKey(name: string, country: string | null): string {
  return `${normaliseName(name)}|${country ?? ""}`;
}

/** The id given to a record whose list carries no external id: stable for the same name and country. */
export function derivedExternalId(key: string): string {
  return `auto-${createHash("sha256").update(key).digest("hex").slice(0, 16)}`;
}
