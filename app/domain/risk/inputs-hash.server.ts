/**
 * The inputs hash stored with every score: SHA-256 of a canonical JSON of what the score rests on
 * (the entity's inputs, the methodology version and the reference edition ids). Object keys are
 * sorted at every level so that the order in which fields were assembled does not matter; arrays
 * keep their order, so callers pass lists sorted (supplier products, origin countries).
 */
import { createHash } from "node:crypto";

function canonical(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  const entries = Object.keys(value)
    .sort()
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`);
  return `{${entries.join(",")}}`;
}

export function inputsHash(kind: "supplier" | "recruiter", inputs: object, methodologyVersion: string, referenceVersionIds: readonly number[]): string {
  return createHash("sha256").update(canonical({ kind, inputs, methodology: methodologyVersion, references: referenceVersionIds })).digest("hex");
}
