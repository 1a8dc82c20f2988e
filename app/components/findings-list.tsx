/** An audit's findings with their evidence (file names and SHA-256), for both sides. */
import { Link } from "@remix-run/react";
import type { FindingView } from "~/domain/audits/audit-views.server";
import { formatBytes } from "~/lib/format";
import { indicatorLabel, Severity } from "./audits";

export function FindingsList({ findings, children }: { findings: FindingView[]; children?: (f: FindingView) => React.ReactNode }) {
  if (findings.length === 0) return <p className="muted">No findings recorded yet.</p>;
  const order = { critical: 0, major: 1, minor: 2, not_observed: 3 } as const;
  const sorted = [...findings].sort((a, b) => order[a.result] - order[b.result] || a.id - b.id);
  return (
    <ul className="contest-list">
      {sorted.map((f) => (
        <li key={f.id} className="contest" id={`finding-${f.id}`}>
          <p>
            <strong>{indicatorLabel(f.indicator)}</strong> <Severity result={f.result} />
          </p>
          {f.description ? <p>{f.description}</p> : null}
          <p className="contest__meta">
            {f.workersInterviewed !== null ? `${f.workersInterviewed} workers interviewed · ` : ""}recorded by {f.recordedBy ?? "a former member"}
          </p>
          {f.evidence.length ? (
            <ul>
              {f.evidence.map((e) => (
                <li key={e.id}>
                  <Link to={`/evidence/${e.id}`} reloadDocument>
                    {e.fileName}
                  </Link>{" "}
                  <span className="muted">
                    ({formatBytes(e.size)}) SHA-256{" "}
                    <span className="mono">
                      {e.sha256}
                    </span>
                  </span>
                </li>
              ))}
            </ul>
          ) : null}
          {children?.(f)}
        </li>
      ))}
    </ul>
  );
}
