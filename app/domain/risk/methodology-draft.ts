/**
 * A new methodology version drafted as a form (issue 17, item 16): the method's numeric parameters,
 * each with its meaning (taken from the method itself, so that the form says what the version
 * says) and its bounds; a draft built from the active version with the values a person typed; and
 * the difference between two versions in words. Parameters the form does not show (sector
 * baselines, keyword lists, prior probabilities per signal, texts) are copied from the base version
 * unchanged, and the diff still names any that differ.
 */
import { INDICATORS } from "../indicators";
import { parseMethodology, type Methodology } from "./methodology";

export interface Parameter {
  /** The form field's name: the parameter's path in the definition ("bands.high"). */
  key: string;
  group: "Bands" | "Supplier factors" | "Indicators" | "Mitigations" | "Recruiter factors";
  label: string;
  meaning: string;
  kind: "number" | "flag";
  min: number;
  max: number;
  step: number;
  value: number | boolean;
}

const BAND_MEANING = {
  medium: "Scores from this value up are in the medium band (below it: low).",
  high: "Scores from this value up are in the high band.",
  critical: "Scores from this value up are in the critical band.",
} as const;

type Weighted = { label: string; weight: number; rationale: string };

const SUPPLIER_FACTORS = ["country", "countryIndex", "sector", "commodity", "uflpa", "migrantShare", "recruiterLicence", "recruiterFees"] as const;
const RECRUITER_FACTORS = ["licence", "fees", "corridors", "complaints", "servedSuppliers", "organisationsUsing", "certification"] as const;

const indicatorLabel = (code: string) => INDICATORS.find((i) => i.code === code)?.label ?? code.replace(/_/g, " ");

/** Every parameter the form edits, with its value in `m`. */
export function draftParameters(m: Methodology): Parameter[] {
  const weight = (key: string, group: Parameter["group"], f: Weighted, label = f.label): Parameter => ({ key, group, label, meaning: f.rationale, kind: "number", min: 0, max: 100, step: 0.5, value: f.weight });
  const params: Parameter[] = [
    ...(["medium", "high", "critical"] as const).map((b): Parameter => ({ key: `bands.${b}`, group: "Bands", label: `Start of the ${b} band`, meaning: BAND_MEANING[b], kind: "number", min: 1, max: 100, step: 0.5, value: m.bands[b] })),
    {
      key: "redFlagFloor",
      group: "Bands",
      label: "Score floor when a red flag is present",
      meaning: "A supplier with a red-flag indicator present scores at least this, whatever else is known (the ILO notes that one such indicator can itself mean forced labour).",
      kind: "number",
      min: 0,
      max: 100,
      step: 0.5,
      value: m.redFlagFloor,
    },
    ...SUPPLIER_FACTORS.map((k) => weight(`supplier.${k}.weight`, "Supplier factors", m.supplier[k])),
    ...(m.regions ? [weight("regions.weight", "Supplier factors", m.regions)] : []),
  ];
  for (const [i, ind] of m.supplier.indicators.entries()) {
    params.push({ ...weight(`supplier.indicators.${i}.weight`, "Indicators", { label: indicatorLabel(ind.code), weight: ind.weight, rationale: ind.rationale }), label: `${indicatorLabel(ind.code)}: weight` });
    params.push({ key: `supplier.indicators.${i}.redFlag`, group: "Indicators", label: `${indicatorLabel(ind.code)}: red flag`, meaning: "Present, it lifts the score to at least the red-flag floor.", kind: "flag", min: 0, max: 1, step: 1, value: ind.redFlag });
  }
  for (const [i, mit] of m.supplier.mitigations.entries()) params.push(weight(`supplier.mitigations.${i}.weight`, "Mitigations", mit));
  params.push(...RECRUITER_FACTORS.map((k) => weight(`recruiter.${k}.weight`, "Recruiter factors", m.recruiter[k])));
  return params;
}

/** The form's other fields: what names the version. */
export interface DraftHeader {
  version: string;
  name: string;
  effective: string;
  summary: string;
}

export type DraftResult = { ok: true; methodology: Methodology } | { ok: false; errors: Record<string, string> };

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
  const errors: Record<string, string> = {};
  const draft = structuredClone(base) as unknown as Record<string, unknown>;
  for (const p of draftParameters(base)) {
    const raw = values[p.key];
    if (p.kind === "flag") {
      setPath(draft, p.key, raw === "on" || raw === "true" || raw === "yes");
      continue;
    }
    const text = (raw ?? "").trim().replace(",", ".");
    const n = Number(text);
    if (text === "" || !Number.isFinite(n)) errors[p.key] = `${p.label}: enter a number from ${p.min} to ${p.max}${text ? ` ("${raw}" is not a number)` : ""}.`;
    else if (n < p.min || n > p.max) errors[p.key] = `${p.label}: ${text} is outside ${p.min}–${p.max}.`;
    else setPath(draft, p.key, n);
  }
  const bands = draft.bands as Methodology["bands"];
  if (!errors["bands.medium"] && !errors["bands.high"] && bands.high <= bands.medium) errors["bands.high"] = `The high band must start above the medium band (${bands.medium}).`;
  if (!errors["bands.high"] && !errors["bands.critical"] && bands.critical <= bands.high) errors["bands.critical"] = `The critical band must start above the high band (${bands.high}).`;
  const version = header.version.trim();
  if (!/^\d+\.\d+(\.\d+)?(-[a-z0-9-]+)?$/.test(version)) errors.version = `Give a version number such as 2.2${version ? ` ("${version}" is not one)` : ""}.`;
  if (!header.name.trim()) errors.name = "Name the version, e.g. “Forced-labour risk method, version 2.2”.";
  if (!/^\d{4}-\d{2}-\d{2}$/.test(header.effective) || Number.isNaN(Date.parse(header.effective))) errors.effective = "Give the date the method takes effect.";
  if (!header.summary.trim()) errors.summary = "Say what changed and why: people who must explain a score in court read it.";
  if (Object.keys(errors).length) return { ok: false, errors };
  Object.assign(draft, { version, name: header.name.trim(), effective: header.effective, summary: header.summary.trim() });
  try {
    return { ok: true, methodology: parseMethodology(draft) };
  } catch (error) {
    return { ok: false, errors: { form: error instanceof Error ? error.message : String(error) } };
  }
}

const fmt = (v: unknown) => (typeof v === "boolean" ? (v ? "yes" : "no") : String(v));

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

/**
 * What `next` changes against `base`, one sentence per change: each edited parameter with its old
 * and new value, and any other part of the definition that differs named by its place.
 */
export function describeDifferences(base: Methodology, next: Methodology): string[] {
  const lines: string[] = [];
  const before = new Map(draftParameters(base).map((p) => [p.key, p]));
  const shown = new Set<string>();
  for (const p of draftParameters(next)) {
    shown.add(p.key);
    const old = before.get(p.key);
    if (!old || old.label !== p.label) continue;
    if (old.value === p.value) continue;
    if (p.kind === "flag") lines.push(`${indicatorLabelOf(p.label)} ${p.value ? "becomes a red flag" : "is no longer a red flag"}.`);
    else lines.push(`${p.label}: ${fmt(p.value)} (was ${fmt(old.value)}; ${Number(p.value) > Number(old.value) ? "up" : "down"} ${round(Math.abs(Number(p.value) - Number(old.value)))}).`);
  }
  const other: string[] = [];
  differingPaths(base, next, "", other);
  const header = new Set(["version", "name", "effective", "summary"]);
  for (const path of other) {
    if (header.has(path) || shown.has(path)) continue;
    lines.push(`${path} differs from the active version.`);
  }
  return lines;
}

const round = (n: number) => Math.round(n * 100) / 100;
const indicatorLabelOf = (label: string) => label.replace(/: red flag$/, "");
