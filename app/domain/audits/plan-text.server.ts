/**
 * The planner's stored texts (plan-text.ts) in the reader's language, for the plan page's loader.
 * English shows the line as the planner wrote it (the same words the queue page shows); other
 * languages are said from the keys; a row written before issue 18 has only its English line.
 */
import { formatsFor } from "~/i18n/format";
import { serverT } from "~/i18n/i18n.server";
import type { ProposalWhy, Said, StoredText } from "./plan-text";

type Values = Record<string, string | number>;

export function planWords(locale: string) {
  const t = serverT(locale, "audits") as unknown as (key: string, values?: Values) => string;
  const f = formatsFor(locale);
  const band = (b: unknown) => (b === "critical" || b === "high" || b === "medium" || b === "low" ? t(`band.${b}`) : String(b ?? ""));
  /** A value as the reader writes it: days as dates, counts for the plural and as numbers, codes as words. */
  const format = (values: Said["values"] = {}): Values => {
    const out: Values = {};
    for (const [name, value] of Object.entries(values)) {
      if (typeof value === "object") out[name] = say(value);
      else if (name === "day" && typeof value === "string") out[name] = value ? f.date(value) : "";
      else if (name === "indicator") out[name] = t(`indicator.${value}`, { defaultValue: String(value) } as unknown as Values);
      else if (name === "band") out[name] = band(value);
      else if (name === "top") out[name] = f.number(Number(value), { minimumFractionDigits: 1, maximumFractionDigits: 1 });
      else if (name === "observed") out[name] = f.percent(Number(value) / 100);
      else if (name === "count") {
        out.count = Number(value);
        out.number = f.number(Number(value));
      } else if (typeof value === "number" && name !== "id" && name !== "rank") out[name] = f.number(value);
      else out[name] = value;
    }
    return out;
  };
  const say = (said: Said): string => t(said.key, format(said.values));
  const reasonLine = (why: ProposalWhy): string => {
    const parts = f.list(
      why.parts.map((p) => {
        const reason = say({ key: p.key, values: p.values });
        return p.points === null ? reason : t("plan.reason.part", { reason, points: f.number(p.points) });
      }),
    );
    const line = why.priority === null ? t("plan.reason.rankOnly", { rank: why.rank, parts }) : t("plan.reason.rank", { rank: why.rank, priority: f.number(why.priority), parts });
    if (!why.followUp) return line;
    const interval = f.number(why.followUp.interval, { style: "unit", unit: "day", unitDisplay: "long" });
    return t("plan.reason.followUp", { line, interval, why: say(why.followUp.why) });
  };
  return {
    /** A stored text in the reader's language. */
    text(stored: StoredText | null | undefined): string {
      if (!stored) return "";
      if (locale === "en") return stored.en;
      if (stored.why) return reasonLine(stored.why);
      if (stored.said) return say(stored.said);
      return stored.en;
    },
  };
}
