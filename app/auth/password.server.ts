/**
 * Password hashing with argon2id (@node-rs/argon2), at the OWASP-recommended minimum cost
 * (19 MiB, 2 iterations, 1 lane): about 30 ms on this class of machine.
 */
import { hash, verify } from "@node-rs/argon2";

const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}

/**
 * A hash of a random string, verified against when the e-mail is unknown so that a failed
 * sign-in takes the same time whether or not the account exists.
 */
let dummyHash: Promise<string> | null = null;
export function timingDummyHash(): Promise<string> {
  dummyHash ??= hashPassword(crypto.randomUUID());
  return dummyHash;
}

/** Why a password is refused: a `public` catalog key and its values, translated where it is shown. */
export interface PasswordProblem {
  message: "public:password.tooShort" | "public:password.tooLong" | "public:password.containsEmail" | "public:password.tooSimple";
  values?: Record<string, number>;
}

/** Returns why the password is refused (a catalog key, issue 18), or null when it is acceptable. */
export function passwordProblem(password: string, email?: string): PasswordProblem | null {
  if (password.length < PASSWORD_MIN_LENGTH) return { message: "public:password.tooShort", values: { min: PASSWORD_MIN_LENGTH } };
  if (password.length > PASSWORD_MAX_LENGTH) return { message: "public:password.tooLong", values: { max: PASSWORD_MAX_LENGTH } };
  const localPart = email?.split("@")[0]?.toLowerCase() ?? "";
  if (localPart.length >= 4 && password.toLowerCase().includes(localPart)) return { message: "public:password.containsEmail" };
  if (new Set(password).size < 5) return { message: "public:password.tooSimple" };
  return null;
}
