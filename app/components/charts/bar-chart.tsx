/**
 * A horizontal bar chart in plain HTML and CSS: each bar carries its label and its number in text
 * (it reads without colour, without JavaScript, at any width), and the same numbers are in a
 * table for screen readers and for copying.
 */
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useFormat } from "~/i18n/format";

export interface Bar {
  label: string;
  value: number;
  /** CSS modifier for the bar's fill, e.g. a band name. */
  tone?: string;
  href?: string;
}

export function BarChart({ bars, title, unit }: { bars: Bar[]; title: string; unit: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const max = Math.max(1, ...bars.map((b) => b.value));
  return (
    <figure className="chart">
      <ul className="bars" aria-label={title}>
        {bars.map((b) => (
          <li key={b.label} className="bars__row">
            <span className="bars__label">{b.href ? <Link to={b.href}>{b.label}</Link> : b.label}</span>
            <span className="bars__track">
              <span className={`bars__fill${b.tone ? ` bars__fill--${b.tone}` : ""}`} style={{ width: `${(b.value / max) * 100}%` }} />
            </span>
            <span className="bars__value">{f.number(b.value)}</span>
          </li>
        ))}
      </ul>
      <details className="chart__data">
        <summary>{t("chart.numbers")}</summary>
        <table>
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{title}</th>
              <th scope="col" className="num">
                {unit}
              </th>
            </tr>
          </thead>
          <tbody>
            {bars.map((b) => (
              <tr key={b.label}>
                <th scope="row">{b.href ? <Link to={b.href}>{b.label}</Link> : b.label}</th>
                <td className="num">{f.number(b.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
