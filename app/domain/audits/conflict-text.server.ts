/**
 * A scheduling conflict in English, from the catalog: the line the logs (`SchedulingConflict`'s
 * message) and the planner's stored English line keep (plan-text.ts); days stay as the platform
 * writes them in English ("2026-12-08"), as the English pages show them.
 */
import { englishText } from "~/i18n/english-later.server";
import { conflictText } from "./conflict-text";
import type { Conflict } from "./conflicts";

const english = { t: (key: string, values: Record<string, string | number>) => englishText("audits", key, values), day: (day: string) => day };

export const conflictInEnglish = (c: Conflict): string => conflictText(c, english);
