/**
 * The method versions that ship with the platform (read from fixtures, checked like any other).
 * The newest is the default; the older ones stay so that their scores remain reproducible.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseMethodology, type Methodology } from "./methodology";

/** Oldest first; the last is the default active method of a new database. */
export const SHIPPED_METHODOLOGY_FILES = ["fixtures/methodology/v1.json", "fixtures/methodology/v2.json", "fixtures/methodology/v2.1.json", "fixtures/methodology/v2.2.json"] as const;
export const DEFAULT_METHODOLOGY_FILE = SHIPPED_METHODOLOGY_FILES[SHIPPED_METHODOLOGY_FILES.length - 1]!;

export function loadMethodologyFile(file: string): Methodology {
  return parseMethodology(JSON.parse(readFileSync(path.resolve(process.cwd(), file), "utf8")));
}

export function loadDefaultMethodology(): Methodology {
  return loadMethodologyFile(DEFAULT_METHODOLOGY_FILE);
}
