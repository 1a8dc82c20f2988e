/**
 * The company's risk dashboard: where the risk is (bands, a world map, country × sector), what drives it,
 * through which recruitment corridors, and what got worse since the last import.
 */
import { Link } from "@remix-run/react";
import type { Dashboard } from "~/domain/dashboard/dashboard.server";
import { formatDateTime, formatNumber } from "~/lib/format";
import { BarChart } from "../charts/bar-chart";
import { Heatmap } from "../charts/heatmap";
import { WorldMap } from "../charts/world-map";
import { BandBadge } from "../risk/band-badge";
import { TableWrap, Th } from "../table-wrap";

const BAND_LABEL: Record<string, string> = { critical: "Critical", high: "High", medium: "Medium", low: "Low", "not scored": "Not scored" };

export function CompanyDashboard({ dashboard: d, countryName }: { dashboard: Dashboard & { updating: boolean; importedAt: number | null }; countryName: Record<string, string> }) {
  const name = (code: string) => countryName[code] ?? code;
  return (
    <>
      {d.updating ? (
        <p className="alert alert--info" role="status">
          Your data changed: these figures are being brought up to date. Reload the page in a moment.
        </p>
      ) : null}
      <div className="dashboard-grid">
        <section className="card" aria-labelledby="bands-heading">
          <h2 id="bands-heading">Suppliers by risk band</h2>
          <BarChart
            title="Suppliers by risk band"
            unit="Suppliers"
            bars={d.bands.map((b) => ({ label: BAND_LABEL[b.band] ?? b.band, value: b.suppliers, tone: b.band.replace(" ", "-"), href: b.band === "not scored" ? undefined : `/suppliers?band=${b.band}` }))}
          />
        </section>
        <section className="card" aria-labelledby="drivers-heading">
          <h2 id="drivers-heading">Most frequent risk drivers</h2>
          {d.drivers.length === 0 ? (
            <p>No scored supplier yet.</p>
          ) : (
            <BarChart title="Suppliers per risk driver" unit="Suppliers where it adds points" bars={d.drivers.map((x) => ({ label: x.label, value: x.suppliers }))} />
          )}
        </section>
      </div>
      {d.byCountry?.length ? (
        <section className="card" aria-labelledby="map-heading">
          <h2 id="map-heading">Suppliers by country</h2>
          <WorldMap
            src="/maps/suppliers.svg"
            alt={`World map of your suppliers in ${d.byCountry.length} ${d.byCountry.length === 1 ? "country" : "countries"}, shaded by mean score; the table beside it gives the figures.`}
            rows={d.byCountry.map((c) => ({ ...c, name: name(c.country) }))}
          />
        </section>
      ) : null}
      <section className="card" aria-labelledby="heatmap-heading">
        <h2 id="heatmap-heading">Country × sector</h2>
        {d.heatmap.allCountries > d.heatmap.countries.length || d.heatmap.allSectors > d.heatmap.sectors.length ? (
          // The grid keeps to the largest groups; say so, with the way to all of them (issue 17).
          <p className="muted">
            {[
              d.heatmap.allCountries > d.heatmap.countries.length ? `${d.heatmap.countries.length} of ${d.heatmap.allCountries} countries` : "",
              d.heatmap.allSectors > d.heatmap.sectors.length ? `${d.heatmap.sectors.length} of ${d.heatmap.allSectors} sectors` : "",
            ]
              .filter(Boolean)
              .join(" and ")}{" "}
            shown, those with the most suppliers first.{" "}
            <Link to="/suppliers?sort=country&dir=asc">All suppliers by country</Link>
          </p>
        ) : null}
        <Heatmap countries={d.heatmap.countries} sectors={d.heatmap.sectors} cells={d.heatmap.cells} countryName={countryName} />
      </section>
      <div>
        <section className="card" aria-labelledby="corridors-heading">
          <h2 id="corridors-heading">Recruitment corridors</h2>
          {d.corridors.length === 0 ? (
            <p>No recruiter is linked to a supplier yet: import your recruiter list, then your supplier list with its recruiter ids.</p>
          ) : (
            <TableWrap label="Recruitment corridors">
              <table>
                <thead>
                  <tr>
                    <Th>From → to</Th>
                    <Th num>Suppliers</Th>
                    <Th num>Recruiters</Th>
                    <Th>Recruiters charging workers fees</Th>
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
                        <td className="num">{formatNumber(c.suppliers)}</td>
                        <td className="num">{formatNumber(c.recruiters)}</td>
                        <td>
                          <span className="share-bar" aria-hidden="true">
                            <span className="share-bar__fill" style={{ width: `${Math.round(share * 100)}%` }} />
                          </span>
                          {Math.round(share * 100)} % ({c.charging} of {c.recruiters})
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
          <h2 id="risers-heading">Rose most since the last import</h2>
          {d.importedAt === null ? (
            <p>No import yet: after your next import, the suppliers whose score rose most are listed here.</p>
          ) : d.importedAt !== d.lastImportAt ? (
            <p role="status">
              Your import of {formatDateTime(d.importedAt)} is being taken into account: the suppliers whose score rose with it are listed here in a moment (reload the
              page).
            </p>
          ) : d.risers.length === 0 ? (
            <p>No supplier&apos;s score rose with the import of {formatDateTime(d.lastImportAt)}.</p>
          ) : (
            <TableWrap label="Suppliers whose score rose most">
              <table>
                <thead>
                  <tr>
                    <Th>Supplier</Th>
                    <Th num>Before</Th>
                    <Th num>Now</Th>
                    <Th num>Change</Th>
                  </tr>
                </thead>
                <tbody>
                  {d.risers.map((r) => (
                    <tr key={r.id}>
                      <th scope="row">
                        <Link to={`/suppliers/${r.id}`}>{r.name}</Link>
                      </th>
                      <td className="num">{r.before.toFixed(1)}</td>
                      <td className="num">
                        <BandBadge band={r.band} score={r.after} low={r.low} high={r.high} confidence={r.confidence} />
                      </td>
                      <td className="num">+{(r.after - r.before).toFixed(1)}</td>
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
