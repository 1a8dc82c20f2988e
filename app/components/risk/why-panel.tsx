/**
 * "Why this score": every factor of a stored score, grouped by layer (inherent context, observed
 * indicators, mitigation), with what the input was, its weight, the points it adds and the
 * sources it rests on, then the sum. A compliance team must be able to read this aloud in front
 * of a court, so nothing here is carried by colour alone: signs, words and a text marker do it.
 * Prop-driven (no data fetching), so the union's shared view renders the same panel.
 */
import { Trans } from "react-i18next";
import { indicatorStatus, narrowingQuestions } from "~/domain/risk/narrow-range";
import { round1 } from "~/domain/risk/score-common";
import type { Factor, FactorLayer } from "~/domain/risk/types";
import { TableWrap } from "~/components/table-wrap";
import type { Formats } from "~/i18n/format";
import { causeText, factorLabel, factorValue, indicatorQuestion, scoreText, sourceCitation, useRiskText, type RiskText } from "./risk-text";

export interface WhyPanelProps {
  factors: Factor[];
  score: number;
  confidence: number;
  inputsHash: string;
  methodologyVersion: string;
  computedAt: string | Date;
  cause: string;
  /** Heading text; defaults to "Why this score". */
  title?: string;
  /** The section's id (a link target: the indicators page returns to "#why"). */
  id?: string;
  /** The score's range (methodology 2): every unknown input absent / present; absent before version 2. */
  low?: number | null;
  high?: number | null;
  /** Where to contest one line (a union's shared view), or null for a line that cannot be contested; absent: no links. */
  contestHref?: (code: string) => string | null;
}

const LAYERS = [
  { layer: "inherent", title: "why.layer.inherent.title", help: "why.layer.inherent.help", subtotal: "why.layer.inherent.subtotal" },
  { layer: "observed", title: "why.layer.observed.title", help: "why.layer.observed.help", subtotal: "why.layer.observed.subtotal" },
  { layer: "mitigation", title: "why.layer.mitigation.title", help: "why.layer.mitigation.help", subtotal: "why.layer.mitigation.subtotal" },
] as const satisfies readonly { layer: FactorLayer; title: string; help: string; subtotal: string }[];

/** "+12.5", "−3.0", "0.0" in the reader's number format ("+12,5" in German), with a true minus sign, so screen readers say "minus". */
const signedPointsIn = (format: Formats, n: number): string => {
  const rounded = Math.round(n * 10) / 10;
  const abs = format.number(Math.abs(rounded), { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return rounded === 0 ? abs : `${rounded > 0 ? "+" : "−"}${abs}`;
};

const formatWeight = (format: Formats, w: number): string => format.number(w, { maximumFractionDigits: 3 });

/** An indicator line's status ("observed present", "prior 0.25 (expected)") in the reader's language. */
function statusText({ t, format }: RiskText, f: Factor): string | null {
  const status = indicatorStatus(f);
  if (status === null) return null;
  if (status === "observed present") return t("why.status.present");
  if (status === "observed absent") return t("why.status.absent");
  const prior = /^prior (\d+(?:\.\d+)?) \(expected\)$/.exec(status);
  if (prior) return t("why.status.prior", { prior: format.number(Number(prior[1]), { minimumFractionDigits: 2, maximumFractionDigits: 2 }) });
  return t("why.status.noPrior");
}


/** A small bar proportional to the contribution, right of the axis for risk, left for mitigation. */
function ContributionBar({ value, max }: { value: number; max: number }) {
  const share = max > 0 ? Math.min(1, Math.abs(value) / max) : 0;
  const width = `${(share * 50).toFixed(1)}%`;
  return (
    <span className="why-bar" aria-hidden="true">
      <span className={`why-bar__fill ${value < 0 ? "why-bar__fill--minus" : "why-bar__fill--plus"}`} style={value < 0 ? { right: "50%", width } : { left: "50%", width }} />
    </span>
  );
}

function unknownText({ t }: RiskText, withPoints: number, unknown: number): string {
  if (withPoints === 0) return t("why.unknown.none");
  if (withPoints === unknown) return t("why.unknown.all");
  return t("why.unknown.some", { withPoints });
}

export function WhyPanel({ factors, score, confidence, inputsHash, methodologyVersion, computedAt, cause, title, id = "why", low, high, contestHref }: WhyPanelProps) {
  const text = useRiskText();
  const { t, i18n, format } = text;
  const strong = { 1: <strong /> };
  const questions = narrowingQuestions(factors);
  const hasRange = low !== null && low !== undefined && high !== null && high !== undefined;
  const max = Math.max(1, ...factors.map((f) => Math.abs(f.contribution)));
  const sum = round1(factors.reduce((acc, f) => acc + f.contribution, 0));
  const redFlags = factors.filter((f) => f.redFlag);
  const unknown = factors.filter((f) => !f.known).length;
  // Version 1 added nothing for an unknown input; version 2 counts its expected value (the prior).
  const unknownWithPoints = factors.filter((f) => !f.known && f.contribution !== 0).length;
  const regionFlag = redFlags.some((f) => f.code === "region");
  const watchlistFlag = redFlags.some((f) => f.code === "watchlist");
  const shortHash = inputsHash.length > 16 ? `${inputsHash.slice(0, 12)}…${inputsHash.slice(-4)}` : inputsHash;
  return (
    <section className="card why-panel" id={id} aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{title ?? t("why.title")}</h2>
      <p>
        <Trans
          t={t}
          i18n={i18n}
          i18nKey="why.summary"
          values={{ score: scoreText(format, score), version: methodologyVersion, computed: format.dateTime(computedAt), cause: causeText(t, cause), confidence: format.percent(confidence) }}
          components={strong}
        />
        {hasRange ? (
          <>
            {" "}
            <Trans t={t} i18n={i18n} i18nKey="why.range" values={{ low: scoreText(format, low), high: scoreText(format, high) }} components={strong} />
          </>
        ) : null}
        {unknown > 0 ? ` ${t("why.unknown.lines", { unknown, total: factors.length })} ${unknownText(text, unknownWithPoints, unknown)}` : ` ${t("why.unknown.allKnown")}`}
      </p>
      {redFlags.length > 0 ? (
        <div className="alert alert--warning" role="note">
          <strong>
            {t("why.redFlags.line", { flags: t("why.redFlags.count", { count: redFlags.length }), labels: redFlags.map((f) => factorLabel(t, f)).join("; ") })}
          </strong>{" "}
          {regionFlag ? `${t("why.redFlags.region")} ` : null}
          {watchlistFlag ? `${t("why.redFlags.watchlist")} ` : null}
          {redFlags.length > (regionFlag ? 1 : 0) + (watchlistFlag ? 1 : 0) ? t("why.redFlags.indicator") : null}
        </div>
      ) : null}
      {factors.length === 0 ? <p>{t("why.noFactors")}</p> : null}
      {LAYERS.map(({ layer, title: titleKey, help, subtotal: subtotalKey }) => {
        const layerTitle = t(titleKey);
        // Known inputs first, then the unknown ones (no points in version 1, their prior in version 2).
        const inLayer = factors.filter((f) => f.layer === layer);
        const rows = [...inLayer.filter((f) => f.known), ...inLayer.filter((f) => !f.known)];
        if (rows.length === 0) return null;
        const subtotal = round1(inLayer.reduce((acc, f) => acc + f.contribution, 0));
        const layerId = `${id}-${layer}`;
        return (
          <div key={layer} className="why-layer">
            <h3 id={layerId} className="why-layer__title">
              {layerTitle}
            </h3>
            <p className="why-layer__help" id={`${layerId}-help`}>
              {t(help)}
            </p>
            <TableWrap label={layerTitle}>
              <table className="stack-table" aria-labelledby={layerId} aria-describedby={`${layerId}-help`}>
                <thead>
                  <tr>
                    <th scope="col">{t("why.column.factor")}</th>
                    <th scope="col">{t("why.column.value")}</th>
                    <th scope="col" className="num">
                      {t("why.column.weight")}
                    </th>
                    <th scope="col" className="num">
                      {t("why.column.points")}
                    </th>
                    <th scope="col">{t("why.column.sources")}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((f) => {
                    const label = factorLabel(t, f);
                    const status = statusText(text, f);
                    return (
                    <tr key={f.code} className={f.redFlag ? "why-row--flag" : f.known ? undefined : "why-row--unknown"}>
                      <th scope="row" className="why-factor">
                        {f.redFlag ? (
                          <span className="why-flag">
                            <span aria-hidden="true">⚑ </span>
                            {t("why.redFlagMarker")}{" "}
                          </span>
                        ) : null}
                        {label}
                        {contestHref?.(f.code) ? (
                          // A plain link (this panel is rendered outside the router too): it works without JavaScript.
                          <a className="why-contest" href={contestHref(f.code)!}>
                            {t("why.contest")}
                            <span className="visually-hidden"> {label}</span>
                          </a>
                        ) : null}
                      </th>
                      <td data-label={t("why.column.value")}>
                        {status ? <span className={`why-status why-status--${f.known ? "observed" : "prior"}`}>{t("why.status.line", { status })}</span> : null}
                        {factorValue(t, format, f.value, f.code)}
                        {f.known || /unknown|not recorded|not known/i.test(f.value) ? null : <span className="muted"> {t("why.notKnown")}</span>}
                      </td>
                      <td className="num" data-label={t("why.column.weight")}>
                        {formatWeight(format, f.weight)}
                      </td>
                      <td className="num why-points" data-label={t("why.column.points")}>
                        <span className="why-points__value">{signedPointsIn(format, f.contribution)}</span>
                        <ContributionBar value={f.contribution} max={max} />
                      </td>
                      <td className="why-sources" data-label={t("why.column.sources")}>
                        {f.sources.length === 0 ? (
                          <span className="muted">—</span>
                        ) : (
                          <ul>
                            {f.sources.map((s) => (
                              <li key={s}>
                                <cite>{sourceCitation(t, format, s)}</cite>
                              </li>
                            ))}
                          </ul>
                        )}
                      </td>
                    </tr>
                    );
                  })}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row" colSpan={3}>
                      {t(subtotalKey)}
                    </th>
                    <td className="num">{signedPointsIn(format, subtotal)}</td>
                    <td />
                  </tr>
                </tfoot>
              </table>
            </TableWrap>
          </div>
        );
      })}
      {questions.length > 0 ? (
        <section className="why-narrow" aria-labelledby={`${id}-narrow`}>
          <h3 id={`${id}-narrow`} className="why-layer__title">
            {t("why.narrow.title")}
          </h3>
          <p className="why-layer__help">{t("why.narrow.help")}</p>
          <ol>
            {questions.map((q) => {
              const values = {
                label: factorLabel(t, { code: `indicator.${q.code}`, label: q.label }),
                points: format.number(q.narrowsBy, { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
                prior: q.prior === null ? "" : format.number(q.prior, { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
              };
              return (
                <li key={q.code}>
                  <strong>{indicatorQuestion(t, q.code) ?? q.question}</strong>{" "}
                  <span className="muted">{q.prior === null ? t("why.narrow.points", values) : t("why.narrow.pointsWithPrior", values)}</span>
                </li>
              );
            })}
          </ol>
        </section>
      ) : null}
      {factors.length > 0 ? (
        <p className="why-sum">
          <Trans t={t} i18n={i18n} i18nKey="why.sum" values={{ sum: signedPointsIn(format, sum), score: scoreText(format, score) }} components={strong} />
          {Math.abs(sum - score) >= 0.05 ? <span className="muted"> {t("why.sumHeld")}</span> : null}
        </p>
      ) : null}
      {/^[0-9a-f]{64}$/i.test(inputsHash) ? (
        <div className="why-hash">
          <p>
            {t("why.hash.label")}{" "}
            <code title={inputsHash} className="mono">
              {shortHash}
            </code>
          </p>
          <p className="muted">{t("why.hash.explain")}</p>
          <details>
            <summary>{t("why.hash.showFull")}</summary>
            <code className="mono why-hash__full">{inputsHash}</code>
          </details>
        </div>
      ) : (
        <p className="why-hash muted">{t("why.hash.plain", { hash: inputsHash })}</p>
      )}
    </section>
  );
}
