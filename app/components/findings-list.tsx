/** An audit's findings with their evidence (file names and SHA-256), for both sides. */
import { Link } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import type { FindingView } from "~/domain/audits/audit-views.server";
import { useFormat } from "~/i18n/format";
import { IndicatorName, Severity } from "./audits";

export function FindingsList({ findings, children }: { findings: FindingView[]; children?: (f: FindingView) => React.ReactNode }) {
  const { t } = useTranslation("audits");
  const f = useFormat();
  if (findings.length === 0) return <p className="muted">{t("findings.none")}</p>;
  const order = { critical: 0, major: 1, minor: 2, not_observed: 3 } as const;
  const sorted = [...findings].sort((a, b) => order[a.result] - order[b.result] || a.id - b.id);
  return (
    <ul className="contest-list">
      {sorted.map((finding) => (
        <li key={finding.id} className="contest" id={`finding-${finding.id}`}>
          <p>
            <strong>
              <IndicatorName code={finding.indicator} />
            </strong>{" "}
            <Severity result={finding.result} />
          </p>
          {finding.description ? <p>{finding.description}</p> : null}
          <p className="contest__meta">
            {finding.workersInterviewed !== null
              ? t("findings.interviewedAndRecordedBy", { count: finding.workersInterviewed, number: f.number(finding.workersInterviewed), name: finding.recordedBy ?? t("formerMember") })
              : t("findings.recordedBy", { name: finding.recordedBy ?? t("formerMember") })}
          </p>
          {finding.evidence.length ? (
            <ul>
              {finding.evidence.map((e) => (
                <li key={e.id}>
                  <Link to={`/evidence/${e.id}`} reloadDocument>
                    {e.fileName}
                  </Link>{" "}
                  <span className="muted">
                    <Trans t={t} i18nKey="findings.evidence" values={{ size: f.bytes(e.size), hash: e.sha256 }} components={{ 1: <span className="mono" /> }} />
                  </span>
                </li>
              ))}
            </ul>
          ) : null}
          {children?.(finding)}
        </li>
      ))}
    </ul>
  );
}
