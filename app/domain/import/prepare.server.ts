/**
 * The database-free half of the analysis: read the file, validate every row, and turn each valid
 * row into what the database half needs (its id, name key, hash and column values). (Running it
 * in a second thread was measured: copying the prepared rows between threads cost more than the
 * overlap gained, so it runs in the import worker itself.)
 */
import type { ImportKind } from "#db/schema";
import type { TextEncoding } from "./encoding.server";
import { derivedExternalId, nameKey, normaliseAddress } from "./dedupe";
import { mappedColumns, scoringWarnings, type Mapping } from "./mapping";
import { storedMessage } from "./messages";
import { nearDuplicateMessage, NearDuplicateFinder } from "./near-duplicates";
import { readRecords } from "./reader.server";
import { shown, validateRow, type CellValue, type RowIssue } from "./rows";

export interface PrepareJob {
  kind: ImportKind;
  filePath: string;
  encoding: string;
  delimiter: string;
  headers: string[];
  mapping: Mapping;
  /**
   * Supplier lists: whether the risk method recognises a product (a TVPRA good or a synonym) and a
   * sector (one of its baselines). A term it does not recognise is said once, where it first
   * appears: "Palmöl" or "Landwirtschaft" would otherwise count as a product on no list and an
   * "other" sector, and a palm-oil estate would look safe.
   */
  recognise?: { product: (term: string) => boolean; sector: (text: string) => boolean };
}

/** A valid row, ready for classification and staging. */
export interface PreparedRow {
  row: number;
  externalId: string;
  /** Whether the id came from the file (otherwise it was derived from name and country). */
  given: boolean;
  key: string;
  /** Normalised address, for matching rows without ids. */
  address: string | null;
  hash: string;
  values: (string | number | null)[];
  links: string[] | null;
  parent: string | null;
  /** Where the record is (its city, or its whole address): two rows that share it and a name are probable duplicates. */
  place: string | null;
}

export interface PreparedBatch {
  rows: PreparedRow[];
  issues: RowIssue[];
  /** Data rows (not blank) read in this batch, and how many of them were invalid. */
  read: number;
  invalid: number;
  bytes: number;
}

/** Field key → column, for the columns an import fills (same names in staging and target). */
export const COLUMNS: Record<ImportKind, [string, string][]> = {
  suppliers: [
    ["name", "name"],
    ["address", "address"],
    ["country", "country"],
    ["region", "region"],
    ["sector", "sector"],
    ["products", "products"],
    ["tier", "tier"],
    ["parentExternalId", "parent_external_id"],
    ["workersTotal", "workers_total"],
    ["migrantShare", "migrant_share"],
    ["femaleShare", "female_share"],
    ["identifiers", "identifiers"],
    ["indicators", "indicators"],
  ],
  recruiters: [
    ["name", "name"],
    ["licenceNumber", "licence_number"],
    ["licenceStatus", "licence_status"],
    ["country", "country"],
    ["originCountries", "origin_countries"],
    ["feesChargedToWorkers", "fees_charged_to_workers"],
    ["feeAmount", "fee_amount"],
    ["feeCurrency", "fee_currency"],
    ["certification", "certification"],
  ],
};
export const JSON_LISTS = new Set(["products", "origin_countries"]);
export const JSON_MAPS = new Set(["identifiers", "indicators"]);
/** NOT NULL columns of the target tables: what an empty cell inserts. */
export const DEFAULTS: Record<string, string> = { products: "'[]'", origin_countries: "'[]'", licence_status: "'unknown'", identifiers: "'{}'", indicators: "'{}'" };


/**
 * A fast 53-bit hash of a row's values (two interleaved multiplicative hashes, cyrb53-style): a
 * change detector for "unchanged" rows, not a signature. Hashes the values in place rather than
 * building a JSON string first: this runs once per row of a million-row file.
 */
export function rowHash(values: (string | number | null)[]): string {
  return hash53(values).toString(36);
}

/** The same hash as a number (no string to keep), for values remembered across a whole file. */
export function hash53(values: (string | number | null)[]): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (const value of values) {
    const text = value === null ? "\u0000" : String(value);
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
    // A separator, so that ["ab", "c"] and ["a", "bc"] differ.
    h1 = Math.imul(h1 ^ 0x1f, 2654435761);
    h2 = Math.imul(h2 ^ 0x1f, 1597334677);
  }
  return finish(h1, h2);
}

/**
 * hash53 of a place as written, ignoring case, spaces and ASCII punctuation ("Fresno" and
 * "FRESNO "), or 0 when it has no letter or digit. Folds while hashing: this runs once per row.
 */
export function placeHash(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  let any = false;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x80) {
      if (c >= 0x41 && c <= 0x5a) c |= 0x20;
      else if (!((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a))) continue;
    }
    any = true;
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  return any ? finish(h1, h2) : 0;
}

function finish(h1: number, h2: number): number {
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}


/** Where the value of a mapped column goes in the prepared row. */
type Target =
  | { kind: "column"; at: number; json: boolean }
  | { kind: "externalId" | "links" | "city" | "postcode" }
  | { kind: "indicators" | "identifiers"; name: string };

function targetOf(kind: ImportKind, fieldKey: string): Target {
  const colon = fieldKey.indexOf(":");
  if (colon >= 0) return { kind: fieldKey.startsWith("indicator:") ? "indicators" : "identifiers", name: fieldKey.slice(colon + 1) };
  if (fieldKey === "externalId" || fieldKey === "links" || fieldKey === "city" || fieldKey === "postcode") return { kind: fieldKey };
  const at = COLUMNS[kind].findIndex(([field]) => field === fieldKey);
  if (at < 0) throw new Error(`field ${fieldKey} has no column`);
  return { kind: "column", at, json: JSON_LISTS.has(COLUMNS[kind][at]![1]) };
}

/**
 * The address of a list that splits it into columns: "street, postcode city, state" (the order of
 * most of the interface countries; the state stays in its own column too). Null when all are empty.
 */
export function combinedAddress(street: string | null, postcode: string | null, city: string | null, state: string | null): string | null {
  const place = [postcode, city].filter(Boolean).join(" ");
  return [street, place, state].filter(Boolean).join(", ") || null;
}

/** What a row preparer needs to know: the list's kind, its headers and their mapping. */
export type RowJob = Pick<PrepareJob, "kind" | "headers" | "mapping" | "recognise">;

/**
 * Checks and prepares one row at a time, the same way for a row of a file and for one record sent
 * over the API (records-write.server.ts): the cells are validated (rows.ts), the mapped values put
 * in the import's columns, the address made of its parts, the name key, id and hash computed. Built
 * once per list: `prepare` runs once per row of a million-row file.
 */
export function rowPreparer(job: RowJob) {
  const cols = COLUMNS[job.kind];
  const columns = mappedColumns(job.mapping, job.kind, job.headers);
  const targets = columns.map((c) => targetOf(job.kind, c.field.key));
  const at = (field: string) => cols.findIndex(([f]) => f === field);
  const [nameAt, countryAt, addressAt, regionAt, parentAt, indicatorsAt, identifiersAt] = ["name", "country", "address", "region", "parentExternalId", "indicators", "identifiers"].map(at) as number[];
  // City and postcode have no column of their own: with them, the address is made of its parts.
  const addressInParts = targets.some((t) => t.kind === "city" || t.kind === "postcode");
  const cityInList = targets.some((t) => t.kind === "city");
  const parsed: (CellValue | undefined)[] = new Array(columns.length);
  const productsAt = columns.findIndex((c) => c.field.key === "products");
  const sectorAt = columns.findIndex((c) => c.field.key === "sector");
  const looked = new Set<string>();
  const unrecognised = (rowNumber: number, at: number, what: "product" | "sector", value: string): RowIssue | null => {
    const key = `${what}\u0000${value.toLowerCase()}`;
    if (!job.recognise || at < 0 || looked.has(key) || looked.size >= 10_000) return null;
    looked.add(key);
    if (what === "product" ? job.recognise.product(value) : job.recognise.sector(value)) return null;
    const message = storedMessage(what === "product" ? "imports:problem.unrecognisedProduct" : "imports:problem.unrecognisedSector", { value: shown(value) });
    return { row: rowNumber, severity: "warning", column: columns[at]!.header, value: shown(value), message };
  };
  /** The row prepared, or null when an error refuses it; its problems (errors and warnings) go to `issues`. */
  const prepare = (cells: string[], rowNumber: number, issues: RowIssue[]): PreparedRow | null => {
    const found = validateRow(cells, columns, job.headers.length, rowNumber, parsed);
    if (found) {
      issues.push(...found);
      if (found.some((i) => i.severity === "error")) return null;
    }
    if (job.recognise) {
      for (const term of (parsed[productsAt] as string[] | undefined) ?? []) {
        const issue = unrecognised(rowNumber, productsAt, "product", term);
        if (issue) issues.push(issue);
      }
      const sector = parsed[sectorAt] as string | undefined;
      const issue = sector === undefined ? null : unrecognised(rowNumber, sectorAt, "sector", sector);
      if (issue) issues.push(issue);
    }
    const row: (string | number | null)[] = new Array(cols.length).fill(null);
    let externalId: string | undefined;
    let links: string[] | null = null;
    let indicators: Record<string, unknown> | null = null;
    let identifiers: Record<string, unknown> | null = null;
    let city: string | null = null;
    let postcode: string | null = null;
    for (let i = 0; i < targets.length; i++) {
      const v = parsed[i];
      if (v === undefined) continue;
      const t = targets[i]!;
      switch (t.kind) {
        case "column":
          row[t.at] = t.json ? JSON.stringify(v) : typeof v === "boolean" ? (v ? 1 : 0) : (v as string | number);
          break;
        case "externalId":
          externalId = v as string;
          break;
        case "links":
          links = v as string[];
          break;
        case "city":
          city = v as string;
          break;
        case "postcode":
          postcode = v as string;
          break;
        case "indicators":
          (indicators ??= {})[t.name] = v;
          break;
        case "identifiers":
          (identifiers ??= {})[t.name] = v;
          break;
      }
    }
    if (addressInParts && addressAt! >= 0) {
      row[addressAt!] = combinedAddress(row[addressAt!] as string | null, postcode, city, regionAt! >= 0 ? (row[regionAt!] as string | null) : null);
    }
    if (indicators && indicatorsAt! >= 0) row[indicatorsAt!] = JSON.stringify(indicators);
    if (identifiers && identifiersAt! >= 0) row[identifiersAt!] = JSON.stringify(identifiers);
    const key = nameKey(row[nameAt!] as string, (row[countryAt!] as string | null) ?? null);
    // The normalised address only matters for rows without an id (derived id, name matching).
    const rawAddress = addressAt! >= 0 ? row[addressAt!] : null;
    const address = externalId === undefined && typeof rawAddress === "string" ? normaliseAddress(rawAddress) : null;
    return {
      row: rowNumber,
      externalId: externalId ?? derivedExternalId(address ? `${key}|${address}` : key),
      given: externalId !== undefined,
      key,
      address,
      // The place two rows must share: the city when the list has a city column, else the whole address.
      place: cityInList ? city : typeof rawAddress === "string" ? rawAddress : null,
      hash: rowHash(row),
      values: row,
      links,
      parent: parentAt! >= 0 && typeof row[parentAt!] === "string" ? (row[parentAt!] as string) : null,
    };
  };
  return { columns, prepare };
}

/** Yields the file's rows, prepared, in batches (one per chunk of the file). */
export async function* prepareRows(job: PrepareJob): AsyncGenerator<PreparedBatch> {
  const { columns, prepare } = rowPreparer(job);
  // Columns the score needs that are not mapped: said once, on the header row, before anything else.
  let pendingWarnings: RowIssue[] = scoringWarnings(job.mapping, job.kind);
  const nearDuplicates = new NearDuplicateFinder();
  const nameHeader = columns.find((c) => c.field.key === "name")?.header ?? null;
  let bytes = 0;
  let rowNumber = 0;
  let headerSeen = false;
  for await (const records of readRecords(job.filePath, { encoding: job.encoding as TextEncoding, delimiter: job.delimiter, onBytes: (b) => (bytes = b) })) {
    const batch: PreparedBatch = { rows: [], issues: pendingWarnings, read: 0, invalid: 0, bytes: 0 };
    pendingWarnings = [];
    for (const cells of records) {
      rowNumber++;
      if (cells.every((c) => c.trim() === "")) continue; // a blank line or a row of empty cells
      if (!headerSeen) {
        headerSeen = true; // the first line with content is the header, as at upload
        continue;
      }
      batch.read++;
      const p = prepare(cells, rowNumber, batch.issues);
      if (!p) {
        batch.invalid++;
        continue;
      }
      const of = nearDuplicates.check(rowNumber, p.key, hash53([p.externalId]), p.place ? placeHash(p.place) : 0);
      if (of !== null) {
        const name = p.values[COLUMNS[job.kind].findIndex(([f]) => f === "name")] as string;
        batch.issues.push({ row: rowNumber, severity: "warning", column: nameHeader, value: shown(name), message: nearDuplicateMessage(of, p.key, job.kind) });
      }
      batch.rows.push(p);
    }
    batch.bytes = bytes;
    yield batch;
  }
}
