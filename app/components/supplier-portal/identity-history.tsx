import { useTranslation } from "react-i18next";
import { TableWrap, Th } from "~/components/table-wrap";
import { useFormat } from "~/i18n/format";

type Dated = number | string | Date;

/** "identifier:lei" → "lei": the key of the field's name in the `home` catalog (site.field.*). */
export const fieldKey = (field: string) => field.replace(/^identifier:/, "");

/**
 * A site's identity corrections (field, before → after, who, when), newest first: the same table
 * on the supplier's site page and on each buyer's supplier page.
 */
export function IdentityHistory({ history }: { history: { id: number; field: string; before: string | null; after: string | null; by: string | null; at: Dated }[] }) {
  const { t } = useTranslation("home");
  const f = useFormat();
  if (history.length === 0) return <p className="muted">{t("site.history.none")}</p>;
  return (
    <TableWrap label={t("site.history.heading")}>
      <table className="stack-table" data-testid="identity-history">
        <thead>
          <tr>
            <Th>{t("site.history.field")}</Th>
            <Th>{t("site.history.change")}</Th>
            <Th>{t("site.history.by")}</Th>
            <Th>{t("site.history.at")}</Th>
          </tr>
        </thead>
        <tbody>
          {history.map((h) => (
            <tr key={h.id}>
              <td className="cell-name">{t(`site.field.${fieldKey(h.field)}`, { defaultValue: h.field })}</td>
              <td className="cell-wrap" data-label={t("site.history.change")}>
                <span translate="no">{h.before ?? t("site.history.empty")}</span> → <span translate="no">{h.after ?? t("site.history.empty")}</span>
              </td>
              <td data-label={t("site.history.by")}>{h.by ?? "—"}</td>
              <td data-label={t("site.history.at")}>{f.dateTime(h.at)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
