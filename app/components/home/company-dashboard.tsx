/**
 * The company's risk dashboard: where the risk is (bands, a world map, country × sector), what drives it,
 * through which recruitment corridors, and what got worse since the last import.
 */
import { Link } from "@remix-run/react";
import type { Dashboard } from "~/domain/dashboard/dashboard.server";
import { useTranslation } from "react-i18next";
import { useFormat } from "~/i18n/format";
import { BarChart } from "../charts/bar-chart";
import { Heatmap } from "../charts/heatmap";
import { WorldMap } from "../charts/world-map";
import { BandBadge } from "../risk/band-badge";
import { factorLabel, useRiskText } from "../risk/risk-text";
import { TableWrap, Th } from "../table-wrap";

export function CompanyDashboard({ dashboard: d, countryName }: { dashboard: Dashboard & { updating: boolean; importedAt: number | null }; countryName: Record<string, string> }) {
  const { t } = useTranslation("home");
  const f = useFormat();
  const { dateTime } = useFormat();
  const risk = useRiskText();
  const name = (code: string) => countryName[code] ?? code;
  const band = (b: string) =>
    b === "critical" ? t("band.critical") : b === "high" ? t("band.high") : b === "medium" ? t("band.medium") : b === "low" ? t("band.low") : b === "not scored" ? t("band.notScored") : b;
  const score = (n: number) => f.number(n, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const moreCountries = d.heatmap.allCountries > d.heatmap.countries.length;
  const moreSectors = d.heatmap.allSectors > d.heatmap.sectors.length;
  return (
    <>
      {d.updating ? (
        <p className="alert alert--info" role="status">
          {t("dashboard.updating")}
        </p>
      ) : null}
      <div className="dashboard-grid">
        <section className="card" aria-labelledby="bands-heading">
          <h2 id="bands-heading">{t("dashboard.bands.heading")}</h2>
          <BarChart
            title={t("dashboard.bands.heading")}
            unit={t("dashboard.bands.unit")}
            bars={d.bands.map((b) => ({ label: band(b.band), value: b.suppliers, tone: b.band.replace(" ", "-"), href: b.band === "not scored" ? undefined : `/suppliers?band=${b.band}` }))}
          />
        </section>
        <section className="card" aria-labelledby="drivers-heading">
          <h2 id="drivers-heading">{t("dashboard.drivers.heading")}</h2>
          {d.drivers.length === 0 ? (
            <p>{t("dashboard.drivers.none")}</p>
          ) : (
            <BarChart title={t("dashboard.drivers.title")} unit={t("dashboard.drivers.unit")} bars={d.drivers.map((x) => ({ label: factorLabel(risk.t, x), value: x.suppliers }))} />
          )}
        </section>
      </div>
      {d.byCountry?.length ? (
        <section className="card" aria-labelledby="map-heading">
          <h2 id="map-heading">{t("dashboard.map.heading")}</h2>
          <WorldMap
            src="/maps/suppliers.svg"
            alt={t("dashboard.map.alt", { count: d.byCountry.length, n: f.number(d.byCountry.length) })}
            rows={d.byCountry.map((c) => ({ ...c, name: name(c.country) }))}
          />
        </section>
      ) : null}
      <section className="card" aria-labelledby="heatmap-heading">
        <h2 id="heatmap-heading">{t("dashboard.grid.heading")}</h2>
        {moreCountries || moreSectors ? (
          // The grid keeps to the largest groups; say so, with the way to all of them (issue 17).
          <p className="muted">
            {moreCountries && moreSectors
              ? t("dashboard.grid.bothShown", {
                  countries: f.number(d.heatmap.countries.length),
                  allCountries: f.number(d.heatmap.allCountries),
                  sectors: f.number(d.heatmap.sectors.length),
                  allSectors: f.number(d.heatmap.allSectors),
                })
              : moreCountries
                ? t("dashboard.grid.countriesShown", { shown: f.number(d.heatmap.countries.length), all: f.number(d.heatmap.allCountries) })
                : t("dashboard.grid.sectorsShown", { shown: f.number(d.heatmap.sectors.length), all: f.number(d.heatmap.allSectors) })}{" "}
            <Link to="/suppliers?sort=country&dir=asc">{t("dashboard.grid.allByCountry")}</Link>
          </p>
        ) : null}
        <Heatmap countries={d.heatmap.countries} sectors={d.heatmap.sectors} cells={d.heatmap.cells} countryName={countryName} />
      </section>
      <div>
        <section className="card" aria-labelledby="corridors-heading">
          <h2 id="corridors-heading">{t("dashboard.corridors.heading")}</h2>
          {d.corridors.length === 0 ? (
            <p>{t("dashboard.corridors.none")}</p>
          ) : (
            <TableWrap label={t("dashboard.corridors.heading")}>
              <table>
                <thead>
                  <tr>
                    <Th>{t("dashboard.corridors.fromTo")}</Th>
                    <Th num>{t("dashboard.corridors.suppliers")}</Th>
                    <Th num>{t("dashboard.corridors.recruiters")}</Th>
                    <Th>{t("dashboard.corridors.charging")}</Th>
                  </tr>
                </thead>
                <tbody>
                  {d.corridors.map((c) => {
                    const share = c.recruiters ? c.charging / c.recruiters : 0;
                    return (
                      <tr key={`${c.origin}-${c.destination}`}>
                        <th scope="row">
                          {name(c.origin)} → {name(c.destination)}
                        </th>
                        <td className="num">{f.number(c.suppliers)}</td>
                        <td className="num">{f.number(c.recruiters)}</td>
                        <td>
                          <span className="share-bar" aria-hidden="true">
                            <span className="share-bar__fill" style={{ width: `${Math.round(share * 100)}%` }} />
                          </span>
                          {t("dashboard.corridors.share", { percent: f.percent(share), charging: f.number(c.charging), recruiters: f.number(c.recruiters) })}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </TableWrap>
          )}
        </section>
        <section className="card" aria-labelledby="risers-heading">
          <h2 id="risers-heading">{t("dashboard.risers.heading")}</h2>
          {d.importedAt === null ? (
            <p>{t("dashboard.risers.noImport")}</p>
          ) : d.importedAt !== d.lastImportAt ? (
            <p role="status">{t("dashboard.risers.pending", { date: dateTime(d.importedAt) })}</p>
          ) : d.risers.length === 0 ? (
            <p>{t("dashboard.risers.none", { date: dateTime(d.lastImportAt) })}</p>
          ) : (
            <TableWrap label={t("dashboard.risers.label")}>
              <table>
                <thead>
                  <tr>
                    <Th>{t("dashboard.risers.supplier")}</Th>
                    <Th num>{t("dashboard.risers.before")}</Th>
                    <Th num>{t("dashboard.risers.now")}</Th>
                    <Th num>{t("dashboard.risers.change")}</Th>
                  </tr>
                </thead>
                <tbody>
                  {d.risers.map((r) => (
                    <tr key={r.id}>
                      <th scope="row">
                        <Link to={`/suppliers/${r.id}`}>{r.name}</Link>
                      </th>
                      <td className="num">{score(r.before)}</td>
                      <td className="num">
                        <BandBadge band={r.band} score={r.after} low={r.low} high={r.high} confidence={r.confidence} />
                      </td>
                      <td className="num">{f.number(r.after - r.before, { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: "always" })}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )}
        </section>
      </div>
    </>
  );
}
