import { Link } from "@remix-run/react";
import type { Dashboard } from "~/domain/dashboard/dashboard.server";
import { CompanyDashboard } from "./company-dashboard";
import { formatNumber } from "~/lib/format";
import type { InspectorateOverview } from "~/domain/audits/overview.server";
import { AuditType, windowText } from "~/components/audits";
import { StatCard } from "~/components/stat";

interface Greeting {
  name: string;
  orgName: string | null;
}
interface Place {
  code: string;
  name: string;
}


function Header({ greeting, kind }: { greeting: Greeting; kind: string }) {
  return (
    <div className="page-header">
      <div>
        <h1>Welcome, {greeting.name}</h1>
        <p>
          {kind}
          {greeting.orgName ? ` · ${greeting.orgName}` : ""}
        </p>
      </div>
    </div>
  );
}

function PlaceList({ places }: { places: Place[] }) {
  if (places.length === 0) return <span className="muted">none recorded</span>;
  return <>{places.map((p) => `${p.name} (${p.code})`).join(", ")}</>;
}

export function PlatformHome({ greeting, overview }: { greeting: Greeting; overview: { byType: Record<string, number>; people: number } }) {
  return (
    <>
      <Header greeting={greeting} kind="Platform administrator" />
      <div className="grid">
        {(["company", "inspectorate", "union", "regulator"] as const).map((type) => (
          <StatCard key={type} value={overview.byType[type] ?? 0} label={type === "company" ? "companies" : `${type}s`} />
        ))}
        <StatCard value={overview.people} label="people with an account" />
      </div>
      <div className="card">
        <h2>What to do next</h2>
        <p>
          Create an organisation for each company, inspectorate, union or regulator that joins, and send its first admin the one-time invitation
          link. From then on, that admin invites their own colleagues.
        </p>
        <Link className="button" to="/admin/organisations">
          Manage organisations
        </Link>
      </div>
    </>
  );
}


export function CompanyHome({ greeting, dashboard, countryName }: { greeting: Greeting; dashboard: Dashboard & { updating: boolean }; countryName: Record<string, string> }) {
  const overview = dashboard;
  return (
    <>
      <Header greeting={greeting} kind="Compliance" />
      {overview.suppliers === 0 ? (
        <div className="card empty-state">
          <h2>No suppliers yet</h2>
          <p>Your supplier and labour-recruiter lists are the starting point: once they are on the platform, each supplier is scored against forced-labour risk indicators.</p>
        </div>
      ) : (
        <>
          <div className="grid">
            <StatCard value={formatNumber(overview.suppliers)} label="suppliers" />
            <StatCard value={formatNumber(overview.recruiters)} label="labour recruiters" />
            <StatCard value={formatNumber(overview.countries)} label="countries" />
            <StatCard value={formatNumber(overview.workers)} label="workers at suppliers (as reported)" />
          </div>
          <CompanyDashboard dashboard={dashboard} countryName={countryName} />
          <p style={{ marginTop: "1rem" }}>
            <Link className="button" to="/suppliers">
              See all suppliers
            </Link>
          </p>
        </>
      )}
    </>
  );
}

export function InspectorateHome({ greeting, places, overview }: { greeting: Greeting; places: Place[]; overview: InspectorateOverview }) {
  const o = overview;
  return (
    <>
      <Header greeting={greeting} kind="Labour inspectorate" />
      <p>
        Jurisdiction: <PlaceList places={places} />
      </p>
      {o.workplaces === 0 ? (
        <div className="card empty-state">
          <h2>No workplaces shared with you yet</h2>
          <p>
            When companies share suppliers located in your jurisdiction, those workplaces appear here, ranked by forced-labour risk, so your team can plan
            audits where they matter most.
          </p>
        </div>
      ) : (
        <>
          <div className="summary-grid">
            <Link className="card stat-card" to="/audits/queue">
              <div className="stat">{formatNumber(o.workplaces)}</div>
              <div className="stat-label">Workplaces in the queue</div><span className="cell-sub">{formatNumber(o.unplanned)} without a planned audit</span>
            </Link>
            <Link className="card stat-card" to="/audits">
              <div className="stat">{formatNumber(o.upcomingTotal)}</div>
              <div className="stat-label">Upcoming audits</div>
            </Link>
            <Link className="card stat-card" to="/actions?overdue=1">
              <div className="stat">{formatNumber(o.overdueActions)}</div>
              <div className="stat-label">Overdue corrective actions</div>
            </Link>
            <Link className="card stat-card" to="/actions?status=submitted">
              <div className="stat">{formatNumber(o.toVerify)}</div>
              <div className="stat-label">Actions to verify</div>
            </Link>
            <Link className="card stat-card" to="/audits/plan#proposals">
              <div className="stat">{formatNumber(o.proposals)}</div>
              <div className="stat-label">Pending proposals</div>
            </Link>
          </div>
          <div className="grid">
            <div className="card">
              <h2>Highest priority</h2>
              <ol className="entity-list">
                {o.top.map((t) => (
                  <li key={t.supplierId}>
                    <Link to={`/shared/${t.supplierId}`}>{t.name}</Link> <span className="muted">priority {t.priority} · {t.companyName}</span>
                    {t.planned ? <span className="badge badge--muted">planned</span> : null}
                  </li>
                ))}
              </ol>
              <Link to="/audits/queue">The whole queue</Link>
            </div>
            <div className="card">
              <h2>Next audits</h2>
              {o.upcoming.length === 0 ? (
                <p className="muted">Nothing planned.</p>
              ) : (
                <ul className="entity-list">
                  {o.upcoming.map((a) => (
                    <li key={a.id}>
                      <Link to={`/audits/${a.id}`}>{windowText(a.startsAt, a.endsAt, o.zone)}</Link> {a.supplierName}{" "}
                      <span className="muted">
                        <AuditType type={a.type} /> · {a.lead}
                      </span>
                    </li>
                  ))}
                </ul>
              )}
              <Link to="/audits/calendar">Calendar</Link>
            </div>
          </div>
        </>
      )}
    </>
  );
}

export function UnionHome({ greeting, places }: { greeting: Greeting; places: Place[] }) {
  return (
    <>
      <Header greeting={greeting} kind="Union" />
      <div className="card empty-state">
        <h2>No suppliers shared with your union yet</h2>
        <p>
          Companies share the risk scores of their suppliers with you. You will be able to review each score, contest it and add counter-evidence
          from workers.
        </p>
        <p className="muted">
          Where you organise: <PlaceList places={places} />
        </p>
      </div>
    </>
  );
}

export function RegulatorHome({ greeting, places }: { greeting: Greeting; places: Place[] }) {
  return (
    <>
      <Header greeting={greeting} kind="Regulator" />
      <div className="card empty-state">
        <h2>No reports submitted yet</h2>
        <p>
          Companies under your supervision submit their due-diligence reports here. You will be able to download them, verify that they are
          authentic, and see patterns across companies without seeing personal data.
        </p>
        <p className="muted">
          Your jurisdiction: <PlaceList places={places} />
        </p>
      </div>
    </>
  );
}
