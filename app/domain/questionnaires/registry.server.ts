/**
 * The questionnaires that ship with the platform, each version a file of fixtures/questionnaires,
 * read from the project's directory on first use (as the methodology files are): a JSON import
 * would need an import attribute under plain Node (the e2e harness and scripts load this module
 * unbundled), and pages get the definition through their loaders.
 * A version is checked on first use and kept; a broken file throws QuestionnaireDefinitionError
 * naming the file and the question. Old versions stay: answers given to them are read with them.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { NotFound } from "../errors";
import { SAQ_QUESTIONNAIRE } from "./constants";
import { parseQuestionnaireDefinition, QuestionnaireDefinitionError, type QuestionnaireDefinition } from "./definition";

/** The forced-labour and ethical-recruitment self-assessment (issue 20): one id, kept in constants.ts. */
export const SAQ_FORCED_LABOUR = SAQ_QUESTIONNAIRE;

/** id → version → the file, relative to the project's directory (the server's working directory). */
const SHIPPED: Record<string, Record<string, { file: string }>> = {
  [SAQ_FORCED_LABOUR]: {
    "1": { file: "fixtures/questionnaires/saq-forced-labour/v1.json" },
    "2": { file: "fixtures/questionnaires/saq-forced-labour/v2.json" },
  },
};

const checked = new Map<string, QuestionnaireDefinition>();

/** Versions compare as numbers, part by part ("2.1" after "2", "10" after "9"). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** The versions of a questionnaire, oldest first (empty for an unknown id). */
export function questionnaireVersions(id: string): string[] {
  return Object.keys(SHIPPED[id] ?? {}).sort(compareVersions);
}

/** A questionnaire's definition: the given version, or the latest. NotFound for an unknown id or version. */
export function loadQuestionnaire(id: string, version?: string): QuestionnaireDefinition {
  const v = version ?? questionnaireVersions(id).at(-1);
  const entry = v === undefined ? undefined : SHIPPED[id]?.[v];
  if (!entry || v === undefined) throw new NotFound();
  const key = `${id}@${v}`;
  let def = checked.get(key);
  if (!def) {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(path.resolve(process.cwd(), entry.file), "utf8"));
    } catch (error) {
      throw new QuestionnaireDefinitionError(`${entry.file}: cannot be read as JSON (${(error as Error).message})`);
    }
    def = parseQuestionnaireDefinition(json, entry.file);
    // The file must say what it is filed as, or answers would be read with the wrong questions.
    if (def.id !== id || def.version !== v) throw new QuestionnaireDefinitionError(`${entry.file}: says ${def.id} version ${def.version}, filed as ${id} version ${v}`);
    checked.set(key, def);
  }
  return def;
}
