import { Link } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";

export interface MergeStatusView {
  mergedInto: { id: number; name: string; decisionId: number | null } | null;
  merged: { id: number; name: string; externalId: string }[];
  canMerge: boolean;
}

/**
 * The supplier page's part of the duplicate review (decision 033): on a merged record, the notice
 * naming the record it was merged into (and where to undo it); on a kept record, the records
 * merged into it. Nothing when neither.
 */
export function SupplierMerges({ merges }: { merges: MergeStatusView }) {
  const { t } = useTranslation("suppliers");
  const undoHref = merges.mergedInto?.decisionId ? `/suppliers/duplicates#decision-${merges.mergedInto.decisionId}` : "/suppliers/duplicates";
  return (
    <>
      {merges.mergedInto ? (
        <div className="alert alert--warning" role="note" data-testid="merged-notice">
          <Trans t={t} i18nKey="duplicates.review.notice" values={{ name: merges.mergedInto.name }} components={{ 1: <Link to={`/suppliers/${merges.mergedInto.id}`} translate="no" />, 3: <Link to={undoHref} /> }} />
        </div>
      ) : null}
      {merges.merged.length ? (
        <section className="card" aria-labelledby="merged-here-heading" data-testid="merged-here">
          <h2 id="merged-here-heading">{t("duplicates.review.mergedHere")}</h2>
          <ul>
            {merges.merged.map((m) => (
              <li key={m.id}>
                <Link to={`/suppliers/${m.id}`} translate="no">
                  {m.name}
                </Link>{" "}
                <span className="muted" translate="no">
                  ({m.externalId})
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
