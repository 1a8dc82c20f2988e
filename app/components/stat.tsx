import type { ReactNode } from "react";

/** A headline figure on its own card: the number large, what it counts beneath it. */
export function StatCard({ value, label }: { value: ReactNode; label: ReactNode }) {
  return (
    <div className="card">
      <div className="stat">{value}</div>
      <div className="stat-label">{label}</div>
    </div>
  );
}
