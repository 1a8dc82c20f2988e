/**
 * A new methodology version drafted as a form (issue 17, item 16): the method's numeric parameters,
 * each with its meaning (taken from the method itself, so that the form says what the version
 * says) and its bounds; a draft built from the active version with the values a person typed; and
 * the difference between two versions in words. Parameters the form does not show (sector
 * baselines, keyword lists, prior probabilities per signal, texts) are copied from the base version
 * unchanged, and the diff still names any that differ.
 */
import { MethodologyInvalid, parseMethodology, type Methodology, type MethodologyIssue } from "./methodology";

/** The form's sections. */
export type ParameterGroup = "bands" | "supplier" | "indicators" | "mitigations" | "recruiter";

/**
 * What a parameter is, for the page to name it in the reader's language (issue 18): a band's
 * start, the red-flag floor, a factor's weight (its code as in a score's factor lines, and the
 * method's own label, shown as written when an administrator renamed it), an indicator's weight or
 * its red flag.
 */
export type ParameterSubject =
  | { kind: "band"; band: "medium" | "high" | "critical" }
  | { kind: "redFlagFloor" }
  | { kind: "factor"; code: string; label: string }
  | { kind: "indicatorWeight"; code: string }
  | { kind: "indicatorFlag"; code: string };

export interface Parameter {
  /** The form field's name: the parameter's path in the definition ("bands.high"). */
  key: string;
  group: ParameterGroup;
  subject: ParameterSubject;
  /** The method's own rationale (its published words); absent where the platform itself explains the parameter. */
  meaning?: string;
  kind: "number" | "flag";
  min: number;
  max: number;
  step: number;
  value: number | boolean;
}

/** A message for the page to translate: a catalog key ("admin:…") and its values (decision 025). */
export interface DraftMessage {
  key: string;
  values?: Record<string, string | number>;
  /** The schema's issues, for the page to list in the reader's language as the message's `problems`. */
  issues?: MethodologyIssue[];
}

type Weighted = { label: string; weight: number; rationale: string };

const SUPPLIER_FACTORS = ["country", "countryIndex", "sector", "commodity", "uflpa", "migrantShare", "recruiterLicence", "recruiterFees"] as const;
const RECRUITER_FACTORS = ["licence", "fees", "corridors", "complaints", "servedSuppliers", "organisationsUsing", "certification"] as const;

/** A factor's code as a score's factor lines name it ("migrantShare" → "migrant_share"). */
const factorCode = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Every parameter the form edits, with its value in `m`. */
export function draftParameters(m: Methodology): Parameter[] {
  const weight = (key: string, group: ParameterGroup, code: string, f: Weighted): Parameter => ({ key, group, subject: { kind: "factor", code, label: f.label }, meaning: f.rationale, kind: "number", min: 0, max: 100, step: 0.5, value: f.weight });
  const params: Parameter[] = [
    ...(["medium", "high", "critical"] as const).map((b): Parameter => ({ key: `bands.${b}`, group: "bands", subject: { kind: "band", band: b }, kind: "number", min: 1, max: 100, step: 0.5, value: m.bands[b] })),
    { key: "redFlagFloor", group: "bands", subject: { kind: "redFlagFloor" }, kind: "number", min: 0, max: 100, step: 0.5, value: m.redFlagFloor },
    ...SUPPLIER_FACTORS.map((k) => weight(`supplier.${k}.weight`, "supplier", factorCode(k), m.supplier[k])),
    ...(m.regions ? [weight("regions.weight", "supplier", "region", m.regions)] : []),
  ];
  for (const [i, ind] of m.supplier.indicators.entries()) {
    params.push({ key: `supplier.indicators.${i}.weight`, group: "indicators", subject: { kind: "indicatorWeight", code: ind.code }, meaning: ind.rationale, kind: "number", min: 0, max: 100, step: 0.5, value: ind.weight });
    params.push({ key: `supplier.indicators.${i}.redFlag`, group: "indicators", subject: { kind: "indicatorFlag", code: ind.code }, kind: "flag", min: 0, max: 1, step: 1, value: ind.redFlag });
  }
  for (const [i, mit] of m.supplier.mitigations.entries()) params.push(weight(`supplier.mitigations.${i}.weight`, "mitigations", `mitigation.${mit.code}`, mit));
  params.push(...RECRUITER_FACTORS.map((k) => weight(`recruiter.${k}.weight`, "recruiter", factorCode(k), m.recruiter[k])));
  return params;
}

/** The form's other fields: what names the version. */
export interface DraftHeader {
  version: string;
  name: string;
  effective: string;
  summary: string;
}

/** Refusals keyed by the field they belong beside; a parameter's message names it with `{{label}}`, which the page fills in. */
export type DraftResult = { ok: true; methodology: Methodology } | { ok: false; errors: Record<string, DraftMessage> };

function setPath(target: Record<string, unknown>, path: string, value: unknown) {
  const parts = path.split(".");
  let node: Record<string, unknown> = target;
  for (const part of parts.slice(0, -1)) node = node[part] as Record<string, unknown>;
  node[parts.at(-1)!] = value;
}

/**
 * The active version with the form's values put in: each number checked against its bounds, the
 * bands in order, and the whole checked by the methodology schema. Errors are keyed by the field.
 */
export function buildDraft(base: Methodology, header: DraftHeader, values: Record<string, string | undefined>): DraftResult {
  const errors: Record<string, DraftMessage> = {};
  const draft = structuredClone(base) as unknown as Record<string, unknown>;
  for (const p of draftParameters(base)) {
    const raw = values[p.key];
    if (p.kind === "flag") {
      setPath(draft, p.key, raw === "on" || raw === "true" || raw === "yes");
      continue;
    }
    const text = (raw ?? "").trim().replace(",", ".");
    const n = Number(text);
    if (text === "" || !Number.isFinite(n)) errors[p.key] = text ? { key: "admin:methodology.draft.error.notANumber", values: { min: p.min, max: p.max, raw: raw ?? "" } } : { key: "admin:methodology.draft.error.noNumber", values: { min: p.min, max: p.max } };
    else if (n < p.min || n > p.max) errors[p.key] = { key: "admin:methodology.draft.error.outside", values: { value: text, min: p.min, max: p.max } };
    else setPath(draft, p.key, n);
  }
  const bands = draft.bands as Methodology["bands"];
  if (!errors["bands.medium"] && !errors["bands.high"] && bands.high <= bands.medium) errors["bands.high"] = { key: "admin:methodology.draft.error.highAboveMedium", values: { medium: bands.medium } };
  if (!errors["bands.high"] && !errors["bands.critical"] && bands.critical <= bands.high) errors["bands.critical"] = { key: "admin:methodology.draft.error.criticalAboveHigh", values: { high: bands.high } };
  const version = header.version.trim();
  if (!/^\d+\.\d+(\.\d+)?(-[a-z0-9-]+)?$/.test(version)) errors.version = version ? { key: "admin:methodology.draft.error.versionNotOne", values: { version } } : { key: "admin:methodology.draft.error.version" };
  if (!header.name.trim()) errors.name = { key: "admin:methodology.draft.error.name" };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(header.effective) || Number.isNaN(Date.parse(header.effective))) errors.effective = { key: "admin:methodology.draft.error.effective" };
  if (!header.summary.trim()) errors.summary = { key: "admin:methodology.draft.error.summary" };
  if (Object.keys(errors).length) return { ok: false, errors };
  Object.assign(draft, { version, name: header.name.trim(), effective: header.effective, summary: header.summary.trim() });
  try {
    return { ok: true, methodology: parseMethodology(draft) };
  } catch (error) {
    return { ok: false, errors: { form: invalidMethodMessage(error) } };
  }
}

/** Paths where two JSON values differ (leaves), for what the form does not show. */
function differingPaths(a: unknown, b: unknown, path: string, out: string[]) {
  if (JSON.stringify(a) === JSON.stringify(b)) return;
  if (a && b && typeof a === "object" && typeof b === "object" && !Array.isArray(a) === !Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) differingPaths((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], path ? `${path}.${k}` : k, out);
    return;
  }
  out.push(path);
}

/** One change a version makes, for the page to say in the reader's language. */
export type Difference =
  | { kind: "value"; subject: ParameterSubject; value: number; was: number }
  | { kind: "flag"; subject: ParameterSubject; on: boolean }
  /** A part of the definition the form does not show, named by its path ("supplier.sector.baselines.0.intensity"). */
  | { kind: "other"; path: string };

const sameSubject = (a: ParameterSubject, b: ParameterSubject) => JSON.stringify(a) === JSON.stringify(b);

/**
 * What `next` changes against `base`, one line per change: each edited parameter with its old
 * and new value, and any other part of the definition that differs named by its place.
 */
export function describeDifferences(base: Methodology, next: Methodology): Difference[] {
  const lines: Difference[] = [];
  const before = new Map(draftParameters(base).map((p) => [p.key, p]));
  const shown = new Set<string>();
  for (const p of draftParameters(next)) {
    shown.add(p.key);
    const old = before.get(p.key);
    if (!old || !sameSubject(old.subject, p.subject)) continue;
    if (old.value === p.value) continue;
    if (p.kind === "flag") lines.push({ kind: "flag", subject: p.subject, on: p.value === true });
    else lines.push({ kind: "value", subject: p.subject, value: Number(p.value), was: Number(old.value) });
  }
  const other: string[] = [];
  differingPaths(base, next, "", other);
  const header = new Set(["version", "name", "effective", "summary"]);
  for (const path of other) {
    if (header.has(path) || shown.has(path)) continue;
    lines.push({ kind: "other", path });
  }
  return lines;
}

/**
 * A definition the method's schema refused, as a message: its `problems` are the schema's issues,
 * which the page puts in words (`draftMessageText`); `values.problems` is their plain form
 * ("path: message"), for a reader that does not.
 */
export function invalidMethodMessage(error: unknown): DraftMessage {
  if (error instanceof MethodologyInvalid) return { key: "admin:methodology.errors.invalid", values: { problems: error.issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join("; ") }, issues: error.issues };
  return { key: "admin:methodology.errors.invalid", values: { problems: error instanceof Error ? error.message : String(error) } };
}
