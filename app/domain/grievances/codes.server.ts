/**
 * Case codes and secrets: what a worker keeps (on paper or a phone photo) to come back to a case
 * without an account. The code names the case (60 random bits); the secret proves it is theirs
 * (100 random bits, only its SHA-256 stored, compared in constant time). Both are Crockford base32,
 * read aloud and typed on a phone without confusing 0/O or 1/I/L; input is normalised the same way.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

function randomBase32(chars: number): string {
  const bytes = randomBytes(chars);
  // 256 is a multiple of 32: every byte maps to a character without bias.
  return Array.from(bytes, (b) => ALPHABET[b % 32]).join("");
}

/** "G-7K2M-9QXD-4HTR": 12 characters after the prefix. */
export function newCaseCode(): string {
  const body = randomBase32(12);
  return `G-${body.slice(0, 4)}-${body.slice(4, 8)}-${body.slice(8)}`;
}

/** "4HTR-9QXD-7K2M-PW3A-ZZ8E": 20 characters = 100 bits. */
export function newCaseSecret(): string {
  return randomBase32(20).replace(/(.{4})(?=.)/g, "$1-");
}

/** Upper case, Crockford's look-alikes mapped, spaces and dashes dropped. */
function canonical(value: string): string {
  return value
    .toUpperCase()
    .replace(/[\s\-‐-―_.]/g, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1")
    .replace(/U/g, "V");
}

/** The stored form of a typed case code, or null if it cannot be one (no database read for junk). */
export function normaliseCaseCode(typed: string): string | null {
  const c = canonical(typed).replace(/^G/, "");
  if (!/^[0-9A-HJKMNP-TV-Z]{12}$/.test(c)) return null;
  return `G-${c.slice(0, 4)}-${c.slice(4, 8)}-${c.slice(8)}`;
}

export function hashCaseSecret(secret: string): string {
  return createHash("sha256").update(canonical(secret)).digest("hex");
}

export function secretMatches(typed: string, storedHash: string): boolean {
  const a = Buffer.from(hashCaseSecret(typed), "hex");
  const b = Buffer.from(storedHash, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A channel's short-link token: 10 characters, 50 bits (a channel is posted on a wall, not secret, but not enumerable). */
export function newChannelToken(): string {
  return randomBase32(10).toLowerCase();
}
