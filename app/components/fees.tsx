/** Parts of the recruitment-fee pages: money in minor units, and the figures per currency. */
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TableWrap, Th } from "~/components/table-wrap";
import { formatMoney } from "~/domain/fees/money";
import { useFormat } from "~/i18n/format";

/** An amount in its currency's minor units, in the reader's language ("NPR 45,000.50", "¥120,000"). */
export function Money({ minor, currency }: { minor: number; currency: string }) {
  const f = useFormat();
  return <span className="money">{formatMoney(minor, currency, f.locale)}</span>;
}

export interface CurrencyTotalsRow {
  currency: string;
  identified: number;
  repaid: number;
  confirmed: number;
  overdue: number;
  overdueAmount: number;
}

/** Identified, repaid, confirmed and overdue, one row per currency: amounts are never added across currencies. */
export function CurrencyTotalsTable({ rows, label }: { rows: CurrencyTotalsRow[]; label: string }) {
  const { t } = useTranslation("fees");
  const f = useFormat();
  return (
    <TableWrap label={label}>
      <table>
        <thead>
          <tr>
            <Th>{t("totals.currency")}</Th>
            <Th num>{t("totals.identified")}</Th>
            <Th num>{t("totals.repaid")}</Th>
            <Th num>{t("totals.confirmed")}</Th>
            <Th num>{t("totals.overdue")}</Th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.currency}>
              <td translate="no">{r.currency}</td>
              <td className="num">
                <Money minor={r.identified} currency={r.currency} />
              </td>
              <td className="num">
                <Money minor={r.repaid} currency={r.currency} />
              </td>
              <td className="num">
                <Money minor={r.confirmed} currency={r.currency} />
              </td>
              <td className="num">
                {r.overdue > 0 ? <span className="badge badge--danger">{f.number(r.overdue)}</span> : f.number(0)}
                {r.overdue > 0 ? (
                  <>
                    {" "}
                    <Money minor={r.overdueAmount} currency={r.currency} />
                  </>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

/**
 * The company home's figures of the fee ledger: per currency what was identified, repaid and
 * confirmed, and how many instalments are overdue, each computed from the ledger (feeTotals); and
 * the suppliers whose indicators show workers paying recruitment fees with no fee case yet
 * (workerPaidFeeSuppliers), so that "nothing recorded" never reads as "nothing to repay".
 */
export function FeesHomeCard({ currencies, overdue, workerPaid, canRecord }: { currencies: CurrencyTotalsRow[]; overdue: number; workerPaid: { suppliers: number; withoutCase: number }; canRecord: boolean }) {
  const { t } = useTranslation("fees");
  const f = useFormat();
  const noCase = workerPaid.withoutCase;
  return (
    <section className="card" aria-labelledby="home-fees-heading">
      <h2 id="home-fees-heading">{t("home.heading")}</h2>
      {currencies.length === 0 ? (
        <p className={noCase > 0 ? undefined : "muted"}>{noCase > 0 ? t("home.observedNoCase", { count: noCase, n: f.number(noCase) }) : t("home.none")}</p>
      ) : (
        <>
          <CurrencyTotalsTable rows={currencies} label={t("home.heading")} />
          {/* The table already gives each currency's overdue count (0 included, as computed). A line under it
              only for what the table lacks: the way to the instalments themselves, with the ledger's count. */}
          {overdue > 0 ? (
            <p>
              <Link to="/fees#overdue-heading">{t("home.overdue", { n: f.number(overdue) })}</Link>
            </p>
          ) : null}
          {noCase > 0 ? <p>{t("home.observedMore", { count: noCase, n: f.number(noCase) })}</p> : null}
        </>
      )}
      <p className="actions">
        {canRecord && noCase > 0 ? (
          <Link className="button" to="/fees#record-heading">
            {t("home.record")}
          </Link>
        ) : null}
        <Link to="/fees">{t("home.open")}</Link>
      </p>
    </section>
  );
}
