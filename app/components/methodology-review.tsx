import type { ReactNode } from "react";
import { Trans } from "react-i18next";
import { TableWrap, Th } from "~/components/table-wrap";
import { bandName, scoreText, useRiskText, type RiskText } from "~/components/risk/risk-text";

export interface ReviewBandChanges {
  scored: number;
  total: number;
  up: number;
  changes: { supplierId: number; supplier: string; company: string; scoreBefore: number | null; bandBefore: string | null; scoreAfter: number; bandAfter: string }[];
}

const score = ({ t, format }: RiskText, n: number | null) => (n === null ? t("review.notScored") : scoreText(format, n));

/** What a version changes against the active one, in words (the lines are the methodology's comparison, as built on the server). */
export function Differences({ lines, against }: { lines: string[]; against: string }) {
  const { t } = useRiskText();
  return (
    <section aria-labelledby="diff-title">
      <h2 id="diff-title">{t("review.diffHeading", { version: against })}</h2>
      {lines.length ? (
        <ul className="diff-list">
          {lines.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ) : (
        <p>{t("review.noDifference", { version: against })}</p>
      )}
    </section>
  );
}

/** The suppliers whose band the version would change, scored by the real scorer; the first few, with the count. */
export function BandChangeList({ bands, more }: { bands: ReviewBandChanges; more?: ReactNode }) {
  const text = useRiskText();
  const { t, i18n, format } = text;
  const down = bands.total - bands.up;
  return (
    <section aria-labelledby="bands-title">
      <h2 id="bands-title">{t("review.bandsHeading")}</h2>
      <p>
        <Trans
          t={t}
          i18n={i18n}
          i18nKey="review.bandsSummary"
          count={bands.scored}
          values={{ scored: format.number(bands.scored), total: format.number(bands.total), up: format.number(bands.up), down: format.number(down) }}
          components={{ 1: <strong /> }}
        />
        {bands.total > bands.changes.length ? ` ${t("review.largestListed", { count: bands.changes.length, shown: format.number(bands.changes.length) })}` : ""}
      </p>
      {bands.changes.length ? (
        <TableWrap label={t("review.bandsHeading")}>
          <table className="stack-table">
            <thead>
              <tr>
                <Th>{t("review.column.supplier")}</Th>
                <Th>{t("review.column.company")}</Th>
                <Th>{t("review.column.now")}</Th>
                <Th>{t("review.column.after")}</Th>
              </tr>
            </thead>
            <tbody>
              {bands.changes.map((c) => (
                <tr key={c.supplierId}>
                  <td className="cell-name" data-label={t("review.column.supplier")}>
                    {c.supplier}
                  </td>
                  <td data-label={t("review.column.company")}>{c.company}</td>
                  <td data-label={t("review.column.now")}>
                    {c.bandBefore ? bandName(t, c.bandBefore) : "—"} ({score(text, c.scoreBefore)})
                  </td>
                  <td data-label={t("review.column.after")}>
                    <strong>{bandName(t, c.bandAfter)}</strong> ({score(text, c.scoreAfter)})
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
      {more}
    </section>
  );
}
