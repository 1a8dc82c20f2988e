/**
 * A filing's answers as the governments' own forms ask for them (issue 21 item 2): the UK Modern
 * Slavery statement registry's row and Public Safety Canada's questionnaire answers. Pure functions
 * from the same FilingData the PDF is rendered from, so the form and the statement cannot disagree.
 * CSV through app/lib/csv.ts: RFC 4180 quoting, every cell neutralised against formula injection.
 */
import { REGIMES } from "~/domain/filings/regimes";
import { toCsv } from "~/lib/csv";
import { roleName, sectionBody, withFigures } from "./filing";
import { wordsFor } from "./lib/words";
import type { FilingData } from "./types";

/** The registry's turnover bands, in its wording. */
const UK_TURNOVER: Record<string, string> = {
  under_36m: "Under £36 million",
  "36m_60m": "£36 million to £60 million",
  "60m_100m": "£60 million to £100 million",
  "100m_500m": "£100 million to £500 million",
  over_500m: "Over £500 million",
};

/** The six areas of s.54(5) the registry asks about, as our UK parts name them, with the registry's question. */
const UK_AREAS: [part: string, column: string][] = [
  ["structure", "Covers organisation structure and supply chains"],
  ["policies", "Covers policies on slavery and human trafficking"],
  ["due_diligence", "Covers due diligence processes"],
  ["risk_assessment", "Covers risk assessment and management"],
  ["effectiveness", "Covers key performance indicators to measure effectiveness"],
  ["training", "Covers training on modern slavery and trafficking"],
];

/**
 * One header row and one statement row for the UK government's modern slavery statement registry.
 * The columns follow the registry's questions as its guidance states them (URL, period, approving
 * person and date, the six areas, sectors, turnover, group statement); the exact column names of
 * the registry's current bulk download were NOT confirmed (no access to it): check them before
 * relying on a machine import. An area counts as covered only when every section it is written from
 * has text. A draft (no approval) leaves the approval columns empty: the registry asks for an
 * approved statement, and this row must not claim one.
 */
export function ukRegistryCsv(data: FilingData, statementUrl: string): string {
  const en = wordsFor("en");
  const parts = new Map(REGIMES.uk_msa.parts.map((p) => [p.code, p]));
  const covered = (code: string) => {
    const part = parts.get(code);
    return part !== undefined && part.sections.length > 0 && part.sections.every((s) => sectionBody(data, s) !== null);
  };
  const header = [
    "Statement URL",
    "Statement start date",
    "Statement end date",
    "Approved by",
    "Approver's role",
    "Approval date",
    ...UK_AREAS.map(([, column]) => column),
    "Sectors",
    "Turnover",
    "Group statement",
  ];
  const row = [
    statementUrl,
    data.period.from,
    data.period.to,
    data.approval?.name ?? "",
    data.approval ? roleName(en, data.approval.role) : "",
    data.approval?.approvedOn ?? "",
    ...UK_AREAS.map(([part]) => (covered(part) ? "Yes" : "No")),
    data.company.sectors.join("; "),
    data.company.turnoverBand ? (UK_TURNOVER[data.company.turnoverBand] ?? data.company.turnoverBand) : "",
    data.company.groupStatement ? "Yes" : "No",
  ];
  return toCsv([header, row]);
}

/** Public Safety Canada's questionnaire: an optional text answer holds at most this many characters. */
export const S211_ANSWER_LIMIT = 1500;

/**
 * The answers to Public Safety Canada's online questionnaire that the platform can give: the
 * entity's name, the financial year, its sectors, and for each area of the report the text of the
 * sections it is written from (figures inserted), one row per question.
 *
 * CSV rather than JSON: the questionnaire is filled in by a person, answer by answer, in Public
 * Safety Canada's web form, which takes no file; a spreadsheet with one row per question is what
 * that person copies from, and the same injection-safe CSV writer serves every export. An answer
 * over the limit is never cut (the company's words are its own): its row says by how many
 * characters it is over, counted as the form's text box counts them (UTF-16 units, line breaks as
 * one character).
 */
export function s211QuestionnaireCsv(data: FilingData, language = "en"): string {
  const w = wordsFor(language);
  const { t } = w;
  const tt = w.t as unknown as (key: string) => string;
  const rows: string[][] = [[t("filing.questionnaire.question"), t("filing.questionnaire.answer"), t("filing.questionnaire.characters"), t("filing.questionnaire.overBy")]];
  const answer = (question: string, text: string, limited: boolean) => {
    const length = text.length;
    const over = limited && length > S211_ANSWER_LIMIT ? String(length - S211_ANSWER_LIMIT) : "";
    rows.push([question, text, String(length), over]);
  };
  answer(t("filing.questionnaire.entity"), data.company.name, false);
  answer(t("filing.questionnaire.year"), `${data.period.from} – ${data.period.to}`, false);
  answer(t("filing.questionnaire.sectors"), data.company.sectors.join("; "), false);
  for (const part of REGIMES.ca_s211.parts) {
    const text = part.sections
      .map((code) => sectionBody(data, code))
      .filter((body): body is string => body !== null)
      .map((body) => withFigures(w, body.trim(), data.figures))
      .join("\n\n");
    answer(tt(`filing.ca_s211.parts.${part.code}`), text, true);
  }
  return toCsv(rows);
}
