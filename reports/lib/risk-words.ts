/**
 * The risk explanation's words in a report's language (issue 18): factor labels and values, the
 * range and share observed, indicator names and questions, the regulator's group names. Read from
 * the `risk`, `indicators` and `regulator` catalogs through the same functions the web pages use
 * (app/components/risk/risk-text.tsx, app/domain/reports/group-names.ts), never copied.
 */
import type { TFunction } from "i18next";
import { factorLabel, factorValue, indicatorName, indicatorQuestion, rangeLine, sourceCitation } from "~/components/risk/risk-text";
import { INDICATORS } from "~/domain/indicators";
import { groupText } from "~/domain/reports/group-names";
import type { Factor } from "~/domain/risk/types";
import { serverT, translateMessage } from "~/i18n/i18n.server";
import type { Words } from "./words";
import type { GroupName } from "../types";

type RiskT = TFunction<["risk", "indicators"]>;

const riskTs = new Map<string, RiskT>();
/** `t` for "risk:…" and "indicators:…" keys in the report's language. */
export function riskT(w: Words): RiskT {
  let t = riskTs.get(w.lang);
  if (!t) riskTs.set(w.lang, (t = serverT(w.lang, "risk") as unknown as RiskT));
  return t;
}

export const factorLabelIn = (w: Words, f: Pick<Factor, "code" | "label">): string => factorLabel(riskT(w), f);
export const factorValueIn = (w: Words, f: Pick<Factor, "code" | "value">): string => factorValue(riskT(w), w.f, f.value, f.code);
export const rangeIn = (w: Words, low: number | null | undefined, high: number | null | undefined, confidence: number | null | undefined): string => rangeLine(riskT(w), w.f, low, high, confidence);
export const questionIn = (w: Words, code: string, fallback: string): string => indicatorQuestion(riskT(w), code) ?? fallback;
export const indicatorIn = (w: Words, code: string): string => indicatorName(riskT(w), code);

/** An observed indicator's status as the scorer wrote it ("prior 0.25 (expected)", "observed present"), in the report's language. */
export function statusIn(w: Words, status: string): string {
  const t = riskT(w);
  if (status === "observed present") return t("risk:why.status.present");
  if (status === "observed absent") return t("risk:why.status.absent");
  if (status === "unknown (no prior)") return t("risk:why.status.noPrior");
  const prior = /^prior (\d+(?:\.\d+)?) \(expected\)$/.exec(status);
  if (prior) return t("risk:why.status.prior", { prior: w.f.number(Number(prior[1]), { minimumFractionDigits: 2, maximumFractionDigits: 2 }) });
  return status;
}

const BY_LABEL = new Map<string, (typeof INDICATORS)[number]>(INDICATORS.map((i) => [i.label, i]));

/**
 * An indicator as the report data names it in English ("Debt bondage", "ILO 9. Debt bondage",
 * "Recruitment: Recruitment debt"): its name from the indicators catalog, the ILO number kept.
 */
export function indicatorLabelIn(w: Words, label: string): string {
  const ilo = /^ILO (\d+)\. (.+)$/.exec(label);
  const recruitment = /^Recruitment: (.+)$/.exec(label);
  const bare = ilo?.[2] ?? recruitment?.[1] ?? label;
  const indicator = BY_LABEL.get(bare);
  if (!indicator) return label;
  const name = indicatorIn(w, indicator.code);
  if (ilo) return `${ilo[1]}. ${name}`;
  if (recruitment) return `${riskT(w)("indicators:group.recruitment")}: ${name}`;
  return name;
}

/** A regulator's group (a band, a country, an M49 region, a pooled cell) in the report's language. */
export const groupIn = (w: Words, g: { label: string; name?: GroupName }): string => groupText(g, (key, values) => translateMessage(w.lang, key, values), w.f.country);

/** A factor's source as the scorer wrote it: "supplier list, import 12" and "recruiter list" are the platform's words; a reference edition is cited as published. */
export const sourceIn = (w: Words, source: string): string => sourceCitation(riskT(w), w.f, source);
