/**
 * Column mapping: which file column feeds which platform field. Proposed from the header names,
 * changed by the user, remembered per organisation for files with the same headers.
 */
import { createHash } from "node:crypto";
import type { ImportKind } from "#db/schema";
import type { MessageValues } from "../errors";
import { FileRefused } from "./encoding.server";
import { fieldCatalogKey, fieldsFor, normaliseHeader, type FieldDef } from "./fields";
import { fieldName, storedMessage } from "./messages";
import type { MappedColumn, RowIssue } from "./rows";

export type Mapping = (string | null)[];

/** Refuses header rows a person must fix first: no header, or a header twice. */
export function checkHeaders(headers: string[]): void {
  if (headers.every((h) => h.trim() === "")) throw new FileRefused("imports:refused.emptyHeader");
  const seen = new Map<string, number>();
  headers.forEach((header, i) => {
    const key = header.trim().toLowerCase().replace(/\s+/g, " ");
    if (!key) return;
    const first = seen.get(key);
    if (first !== undefined) {
      throw new FileRefused("imports:refused.headerTwice", { column: header.trim(), first: first + 1, second: i + 1 });
    }
    seen.set(key, i);
  });
}

/** Each field's header names in normalised form (the aliases are written by people: Thai and German ones change). */
const known = new Map<FieldDef, Set<string>>();
function namesOf(field: FieldDef): Set<string> {
  let names = known.get(field);
  if (!names) known.set(field, (names = new Set([...field.aliases, field.label].map(normaliseHeader))));
  return names;
}

export function proposeMapping(headers: string[], kind: ImportKind): Mapping {
  const fields = fieldsFor(kind);
  const taken = new Set<string>();
  return headers.map((header) => {
    const key = normaliseHeader(header);
    if (!key) return null;
    const field = fields.find((f) => !taken.has(f.key) && (namesOf(f).has(key) || f.key.toLowerCase() === key.replace(/_/g, "")));
    if (!field) return null;
    taken.add(field.key);
    return field.key;
  });
}

/** Files with the same header names (in any case or spacing) share a remembered mapping. */
export function headerSignature(headers: string[]): string {
  return createHash("sha256").update(headers.map(normaliseHeader).join("\u0000")).digest("hex");
}

/** Problems with a mapping as the user chose it; empty when it can be used. */
/** What is wrong with a mapping, each an "imports:refused.*" key with the values it names (a field as its catalog key). */
export function mappingProblems(mapping: Mapping, kind: ImportKind, headers: string[]): { key: string; values: MessageValues }[] {
  const fields = fieldsFor(kind);
  const problems: { key: string; values: MessageValues }[] = [];
  const used = new Map<string, number>();
  mapping.forEach((key, i) => {
    if (!key) return;
    const field = fields.find((f) => f.key === key);
    if (!field) {
      problems.push({ key: "imports:refused.unknownField", values: { column: headers[i] ?? "" } });
      return;
    }
    const first = used.get(key);
    if (first !== undefined) problems.push({ key: "imports:refused.mappedTwice", values: { first: headers[first] ?? "", second: headers[i] ?? "", field: fieldCatalogKey(kind, field.key) } });
    used.set(key, i);
  });
  for (const field of fields.filter((f) => f.required)) {
    if (!used.has(field.key)) problems.push({ key: "imports:refused.requiredUnmapped", values: { field: fieldCatalogKey(kind, field.key) } });
  }
  return problems;
}

export function mappedColumns(mapping: Mapping, kind: ImportKind, headers: string[]): MappedColumn[] {
  const fields = fieldsFor(kind);
  return mapping.flatMap((key, index) => {
    const field: FieldDef | undefined = key ? fields.find((f) => f.key === key) : undefined;
    return field ? [{ index, header: headers[index]?.trim() || `column ${index + 1}`, field, kind }] : [];
  });
}

/**
 * The fields a risk score rests on beyond the name: where the workplace is, and what it does.
 * A usable mapping may leave them out, but the person checking the file is told so before
 * importing (a warning on the header row, row 1), rather than finding unscored suppliers later.
 */
const SCORING_FIELDS: Record<ImportKind, { keys: string[]; why: string }[]> = {
  suppliers: [
    { keys: ["country"], why: "imports:problem.scoring.supplierCountry" },
    { keys: ["sector", "products"], why: "imports:problem.scoring.sectorProducts" },
  ],
  recruiters: [{ keys: ["country"], why: "imports:problem.scoring.recruiterCountry" }],
};

export function scoringWarnings(mapping: Mapping, kind: ImportKind): RowIssue[] {
  return SCORING_FIELDS[kind]
    .filter(({ keys }) => !keys.some((k) => mapping.includes(k)))
    .map(({ keys, why }) => ({
      row: 1,
      severity: "warning" as const,
      column: null,
      value: null,
      message: storedMessage("imports:problem.scoring.notMapped", { fields: { list: keys.map((k) => fieldName(kind, k)), type: "disjunction" }, why: { key: why } }),
    }));
}
