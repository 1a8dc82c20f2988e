/**
 * The database-free half of the analysis: read the file, validate every row, and turn each valid
 * row into what the database half needs (its id, name key, hash and column values). (Running it
 * in a second thread was measured: copying the prepared rows between threads cost more than the
 * overlap gained, so it runs in the import worker itself.)
 */
import type { ImportKind } from "#db/schema";
import type { TextEncoding } from "./encoding.server";
import { derivedExternalId, nameKey, normaliseAddress } from "./dedupe";
import { mappedColumns, type Mapping } from "./mapping";
import { readRecords } from "./reader.server";
import { validateRow, type RecordValues, type RowIssue } from "./rows";

export interface PrepareJob {
  kind: ImportKind;
  filePath: string;
  encoding: string;
  delimiter: string;
  headers: string[];
  mapping: Mapping;
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
const JSON_LISTS = new Set(["products", "origin_countries"]);
export const JSON_MAPS = new Set(["identifiers", "indicators"]);
/** NOT NULL columns of the target tables: what an empty cell inserts. */
export const DEFAULTS: Record<string, string> = { products: "'[]'", origin_countries: "'[]'", licence_status: "'unknown'", identifiers: "'{}'", indicators: "'{}'" };


/** Groups "indicator:x" and "identifier:x" fields into their JSON maps. */
function groupValues(values: RecordValues, grouped: { key: string; group: "indicators" | "identifiers"; name: string }[]): RecordValues {
  if (grouped.length === 0) return values;
  let indicators: Record<string, unknown> | null = null;
  let identifiers: Record<string, unknown> | null = null;
  for (const g of grouped) {
    const v = values[g.key];
    if (v === undefined) continue;
    if (g.group === "indicators") (indicators ??= {})[g.name] = v;
    else (identifiers ??= {})[g.name] = v;
  }
  if (indicators) values.indicators = JSON.stringify(indicators);
  if (identifiers) values.identifiers = JSON.stringify(identifiers);
  return values;
}

function columnValue(column: string, v: RecordValues[string] | undefined): string | number | null {
  if (v === undefined) return null;
  if (JSON_LISTS.has(column)) return JSON.stringify(v);
  if (typeof v === "boolean") return v ? 1 : 0;
  return v as string | number;
}

/**
 * A fast 53-bit hash of a row's values (two interleaved multiplicative hashes, cyrb53-style): a
 * change detector for "unchanged" rows, not a signature. Hashes the values in place rather than
 * building a JSON string first: this runs once per row of a million-row file.
 */
export function rowHash(values: (string | number | null)[]): string {
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
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}


/** Yields the file's rows, prepared, in batches (one per chunk of the file). */
export async function* prepareRows(job: PrepareJob): AsyncGenerator<PreparedBatch> {
  const cols = COLUMNS[job.kind];
  const columns = mappedColumns(job.mapping, job.kind, job.headers);
  const groupedKeys = columns
    .filter((c) => c.field.key.includes(":"))
    .map((c) => {
      const [prefix, name] = c.field.key.split(":") as [string, string];
      return { key: c.field.key, group: prefix === "indicator" ? ("indicators" as const) : ("identifiers" as const), name };
    });
  let bytes = 0;
  let rowNumber = 0;
  let headerSeen = false;
  for await (const records of readRecords(job.filePath, { encoding: job.encoding as TextEncoding, delimiter: job.delimiter, onBytes: (b) => (bytes = b) })) {
    const batch: PreparedBatch = { rows: [], issues: [], read: 0, invalid: 0, bytes: 0 };
    for (const cells of records) {
      rowNumber++;
      if (cells.every((c) => c.trim() === "")) continue; // a blank line or a row of empty cells
      if (!headerSeen) {
        headerSeen = true; // the first line with content is the header, as at upload
        continue;
      }
      batch.read++;
      const checked = validateRow(cells, columns, job.headers.length, rowNumber);
      if (checked.issues.length) {
        batch.invalid++;
        batch.issues.push(...checked.issues);
        continue;
      }
      const values = groupValues(checked.values, groupedKeys);
      const key = nameKey(values.name as string, (values.country as string | undefined) ?? null);
      const given = values.externalId as string | undefined;
      // The normalised address only matters for rows without an id (derived id, name matching).
      const address = given === undefined && typeof values.address === "string" ? normaliseAddress(values.address) : null;
      const row = cols.map(([field, column]) => columnValue(column, values[field]));
      batch.rows.push({
        row: rowNumber,
        externalId: given ?? derivedExternalId(address ? `${key}|${address}` : key),
        given: given !== undefined,
        key,
        address,
        hash: rowHash(row),
        values: row,
        links: (values.links as string[] | undefined) ?? null,
        parent: typeof values.parentExternalId === "string" ? values.parentExternalId : null,
      });
    }
    batch.bytes = bytes;
    yield batch;
  }
}
