import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TableWrap, Th } from "~/components/table-wrap";
import { useFormat } from "~/i18n/format";
import type { NearDuplicatePair } from "~/domain/import/near-duplicates.server";


/**
 * The probable duplicates a check found, each with a plain form (it works without JavaScript) to
 * merge the two rows into one record or keep both.
 */
export function NearDuplicates({ pairs, canDecide, busy }: { pairs: NearDuplicatePair[]; canDecide: boolean; busy: boolean }) {
  const { t } = useTranslation("suppliers");
  const formats = useFormat();
  if (pairs.length === 0) return null;
  return (
    <section aria-labelledby="near-duplicates">
      <h2 id="near-duplicates">{t("duplicates.heading", { n: formats.number(pairs.length) })}</h2>
      <p className="muted">{t("duplicates.intro")}</p>
      <TableWrap label={t("duplicates.label")}>
        <table>
          <thead>
            <tr>
              <Th num>{t("duplicates.row")}</Th>
              <Th num>{t("duplicates.sameAs")}</Th>
              <Th>{t("duplicates.name")}</Th>
              <Th>{t("duplicates.choice")}</Th>
            </tr>
          </thead>
          <tbody>
            {pairs.map((p) => (
              <tr key={p.row}>
                <td className="num">{formats.number(p.row, { useGrouping: false })}</td>
                <td className="num">{formats.number(p.of, { useGrouping: false })}</td>
                <td>{p.name ?? "—"}</td>
                <td>
                  {canDecide && p.state !== "merged" ? (
                    <Form method="post" className="actions">
                      <input type="hidden" name="intent" value="duplicate" />
                      <input type="hidden" name="row" value={p.row} />
                      <button className="button" type="submit" name="choice" value="merge" disabled={busy}>
                        {t("duplicates.merge", { row: formats.number(p.of, { useGrouping: false }) })}
                      </button>
                      <button className="button button--secondary" type="submit" name="choice" value="keep" disabled={busy || p.state === "kept"}>
                        {t("duplicates.keep")}
                      </button>
                      {p.state === "kept" ? <span className="muted">{t("duplicates.state.kept")}</span> : null}
                    </Form>
                  ) : (
                    t(`duplicates.state.${p.state}`)
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </section>
  );
}
