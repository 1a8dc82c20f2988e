/**
 * The inputs hash stored with every score: SHA-256 of a canonical JSON of what the score rests on
 * (the entity's inputs, the methodology version and the reference edition ids). Object keys are
 * sorted at every level so that the order in which fields were assembled does not matter; arrays
 * keep their order, so callers pass lists sorted (supplier products, origin countries).
 */
import { createHash } from "node:crypto";

/** JSON with object keys sorted at every level (arrays keep their order). */
export function canonical(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) {
    let out = "[";
    for (let i = 0; i < value.length; i++) out += (i ? "," : "") + canonical(value[i]);
    return out + "]";
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = "{";
  let first = true;
  for (const k of keys) {
    const v = record[k];
    if (v === undefined) continue;
    out += (first ? "" : ",") + JSON.stringify(k) + ":" + canonical(v);
    first = false;
  }
  return out + "}";
}

export function inputsHash(kind: "supplier" | "recruiter", inputs: object, methodologyVersion: string, referenceVersionIds: readonly number[]): string {
  return hashedInputs(kind, inputs, methodologyVersion, referenceVersionIds).hash;
}

/**
 * The hash and the canonical JSON of the inputs alone, which is what is stored as the score's
 * inputs: serialising them once serves both. The hashed text is the canonical JSON of
 * { inputs, kind, methodology, references } (keys in sorted order), composed from the parts.
 */
export function hashedInputs(kind: "supplier" | "recruiter", inputs: object, methodologyVersion: string, referenceVersionIds: readonly number[]): { hash: string; json: string } {
  const json = canonical(inputs);
  const text = `{"inputs":${json},"kind":${JSON.stringify(kind)},"methodology":${JSON.stringify(methodologyVersion)},"references":${canonical(referenceVersionIds)}}`;
  return { hash: createHash("sha256").update(text).digest("hex"), json };
}

/** SHA-256 (hex) of the canonical JSON of any value. */
export function canonicalHash(value: unknown): string {
  return createHash("sha256").update(canonical(value)).digest("hex");
}
