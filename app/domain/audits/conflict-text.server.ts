/**
 * A scheduling conflict in English, from the catalog: the line the logs (`SchedulingConflict`'s
 * message) and the planner's stored English line keep (plan-text.ts); days stay as the platform
 * writes them in English ("2026-12-08"), as the English pages show them.
 */
import { serverT } from "~/i18n/i18n.server";
import { conflictText } from "./conflict-text";
import type { Conflict } from "./conflicts";

const english = { t: serverT("en", "audits") as unknown as (key: string, values: Record<string, string | number>) => string, day: (day: string) => day };

export const conflictInEnglish = (c: Conflict): string => conflictText(c, english);
