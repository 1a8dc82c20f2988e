/** The method version that ships with the platform (read from fixtures, checked like any other). */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseMethodology, type Methodology } from "./methodology";

export const DEFAULT_METHODOLOGY_FILE = "fixtures/methodology/v1.json";

export function loadDefaultMethodology(): Methodology {
  return parseMethodology(JSON.parse(readFileSync(path.resolve(process.cwd(), DEFAULT_METHODOLOGY_FILE), "utf8")));
}
