/**
 * One home page per kind of organisation. Every figure and every list comes from the role's home
 * function (app/domain/home/), counted when the page is asked for; an empty line is shown only
 * where that count is 0.
 */
import { Link } from "@remix-run/react";
import type { Dashboard } from "~/domain/dashboard/dashboard.server";
import type { CompanyHome as CompanyHomeData } from "~/domain/home/company.server";
import type { InspectorateHomeData } from "~/domain/home/inspectorate.server";
import type { PlatformHomeData } from "~/domain/home/platform.server";
import type { RegulatorHomeData } from "~/domain/home/regulator.server";
import type { UnionHomeData } from "~/domain/home/union.server";
import { CompanyDashboard } from "./company-dashboard";
import { TodoList } from "./todo";
import { formatDate, formatDateTime, formatNumber } from "~/lib/format";
import { AuditType, windowInZones } from "~/components/audits";
import { STATUS_LABELS } from "~/domain/audits/status";
import { StatCard } from "~/components/stat";
import { BandBadge, bandLabel } from "~/components/risk/band-badge";

interface Greeting {
  name: string;
  orgName: string | null;
}
interface Place {
  code: string;
  name: string;
}

const plural = (n: number, one: string, many = `${one}s`) => `${formatNumber(n)} ${n === 1 ? one : many}`;

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

/** A date that never breaks at its hyphens. */
function Day({ at }: { at: number }) {
  return <span style={{ whiteSpace: "nowrap" }}>{formatDate(at)}</span>;
}

function PlaceList({ places }: { places: Place[] }) {
  if (places.length === 0) return <span className="muted">none recorded</span>;
  return <>{places.map((p) => `${p.name} (${p.code})`).join(", ")}</>;
}

const ORG_TYPE_LABEL: Record<string, [string, string]> = { company: ["company", "companies"], inspectorate: ["inspectorate", "inspectorates"], union: ["union", "unions"], regulator: ["regulator", "regulators"] };

export function PlatformHome({ greeting, home: h }: { greeting: Greeting; home: PlatformHomeData }) {
  return (
    <>
      <Header greeting={greeting} kind="Platform administrator" />
      <div className="summary-grid">
        <Link className="card stat-card" to="/admin/organisations">
          <div className="stat">{formatNumber(h.organisations)}</div>
          <div className="stat-label">organisations</div>
          <span className="cell-sub">{(["company", "inspectorate", "union", "regulator"] as const).map((t) => plural(h.byType[t] ?? 0, ...ORG_TYPE_LABEL[t]!)).join(" · ")}</span>
        </Link>
        <StatCard value={formatNumber(h.people)} label="people with an account" />
        <Link className="card stat-card" to="/admin/methodology">
          <div className="stat">{h.methodology ? h.methodology.version : "none"}</div>
          <div className="stat-label">active methodology</div>
          <span className="cell-sub">{h.draftMethodologies ? `${plural(h.draftMethodologies, "draft")} waiting` : "no draft waiting"}</span>
        </Link>
        <Link className="card stat-card" to="/admin/reference">
          <div className="stat">{formatNumber(h.references.length)}</div>
          <div className="stat-label">active reference editions</div>
          <span className="cell-sub">{h.draftReferences ? `${plural(h.draftReferences, "new edition")} to review` : "none waiting for review"}</span>
        </Link>
      </div>
      <TodoList
        label="Nothing yet"
        items={[
          {
            id: "method-contests",
            title: h.methodContests.total === 1 ? "open contest of the method" : "open contests of the method",
            total: h.methodContests.total,
            to: "/contests?status=open",
            more: "Method contests",
            empty: "no union is waiting for your answer about the method",
            lines: h.methodContests.latest.map((c) => (
              <li key={c.id}>
                <Link to={`/contests/${c.id}`}>Contest #{c.id}</Link> <span className="muted">by {c.unionName} · <Day at={c.createdAt} /></span>
              </li>
            )),
          },
          {
            id: "orgs",
            title: "organisations, newest first",
            total: h.organisations,
            to: "/admin/organisations",
            more: "Manage organisations",
            empty: "create one for each company, inspectorate, union or regulator that joins",
            lines: h.latestOrgs.map((o) => (
              <li key={o.id}>
                <Link to={`/orgs/${o.id}/members`}>{o.name}</Link> <span className="muted">
                  {o.type} · since <Day at={o.createdAt} />
                </span>
              </li>
            )),
          },
          {
            id: "references",
            title: "reference editions in use",
            total: h.references.length,
            to: "/admin/reference",
            more: "Reference data",
            empty: "no reference edition is active, so scores rest on none",
            lines: h.references.map((r) => (
              <li key={r.id}>
                <Link to={`/admin/reference/${r.id}`}>{r.name}</Link> <span className="muted">edition {r.edition}</span>
              </li>
            )),
          },
        ]}
      />
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

const IMPORT_STEP: Record<string, string> = { uploaded: "columns to confirm", analysed: "checked, ready to import" };

export function CompanyHome({ greeting, home: h, dashboard, countryName }: { greeting: Greeting; home: CompanyHomeData; dashboard: Dashboard & { updating: boolean; importedAt: number | null }; countryName: Record<string, string> }) {
  return (
    <>
      <Header greeting={greeting} kind="Compliance" />
      <TodoList
        items={[
          {
            id: "corrections",
            title: h.correctionsRequested.total === 1 ? "report a regulator asked you to correct" : "reports a regulator asked you to correct",
            total: h.correctionsRequested.total,
            to: "/reports",
            more: "All reports",
            empty: "no regulator has asked for a correction",
            lines: h.correctionsRequested.latest.map((c) => (
              <li key={c.id}>
                <Link to={`/reports/${c.id}#review`}>{c.title}</Link>{" "}
                <span className="muted">
                  {c.regulator}: “{c.reason}” · {formatDate(c.at)}
                </span>
              </li>
            )),
          },
          {
            id: "contests",
            title: h.openContests.total === 1 ? "open contest" : "open contests",
            total: h.openContests.total,
            to: "/contests",
            empty: "partners have nothing waiting for your answer",
            lines: h.openContests.latest.map((c) => (
              <li key={c.id}>
                <Link to={`/contests/${c.id}`}>{c.supplierName}</Link> <span className="muted">by {c.partner} · {formatDate(c.createdAt)}</span>
              </li>
            )),
          },
          {
            id: "overdue",
            title: h.overdueActions.total === 1 ? "overdue corrective action" : "overdue corrective actions",
            total: h.overdueActions.total,
            to: "/actions?overdue=1",
            empty: "none is past its due date",
            lines: h.overdueActions.latest.map((a) => (
              <li key={a.id}>
                <Link to={`/actions/${a.id}`}>{a.supplierName}</Link> <span className="muted">due {a.dueOn}</span>
              </li>
            )),
          },
          {
            id: "audits",
            title: h.reportedAudits.total === 1 ? "audit reported (30 days)" : "audits reported (30 days)",
            total: h.reportedAudits.total,
            to: null,
            empty: "no audit report was issued on your suppliers in the last 30 days",
            lines: h.reportedAudits.latest.map((a) => (
              <li key={a.id}>
                <Link to={`/audits/${a.id}`}>{a.supplierName}</Link> <span className="muted">{a.inspectorate} · {formatDate(a.reportedAt)}</span>
              </li>
            )),
          },
          {
            id: "rises",
            title: h.bandRises.total === 1 ? "supplier whose band rose (30 days)" : "suppliers whose band rose (30 days)",
            total: h.bandRises.total,
            to: "/suppliers",
            more: "All suppliers, highest score first",
            empty: "no supplier moved to a higher risk band in the last 30 days",
            lines: h.bandRises.latest.map((s) => (
              <li key={s.id}>
                <Link to={`/suppliers/${s.id}#why`}>{s.name}</Link>{" "}
                <span className="muted">
                  {bandLabel(s.before)} → {bandLabel(s.after)} · {formatDate(s.at)}
                </span>
              </li>
            )),
          },
          {
            id: "imports",
            title: h.waitingImports.total === 1 ? "import waiting for you" : "imports waiting for you",
            total: h.waitingImports.total,
            to: "/imports",
            more: "All imports",
            empty: "no uploaded list waits for its columns or its import",
            lines: h.waitingImports.latest.map((i) => (
              <li key={i.id}>
                <Link to={`/imports/${i.id}`}>{i.fileName}</Link> <span className="muted">{i.kind} · {IMPORT_STEP[i.status]}</span>
              </li>
            )),
          },
        ]}
      />
      {h.suppliers === 0 ? (
        <div className="card empty-state">
          <h2>No suppliers yet</h2>
          <p>Your supplier and labour-recruiter lists are the starting point: once they are on the platform, each supplier is scored against forced-labour risk indicators.</p>
          <Link className="button" to="/imports">
            Import a list
          </Link>
        </div>
      ) : (
        <>
          <div className="grid">
            <StatCard value={formatNumber(h.suppliers)} label="suppliers" />
            <StatCard value={formatNumber(dashboard.recruiters)} label="labour recruiters" />
            <StatCard value={formatNumber(dashboard.countries)} label="countries" />
            <StatCard value={formatNumber(dashboard.workers)} label="workers at suppliers (as reported)" />
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

export function InspectorateHome({ greeting, places, home }: { greeting: Greeting; places: Place[]; home: InspectorateHomeData }) {
  const o = home.overview;
  return (
    <>
      <Header greeting={greeting} kind="Labour inspectorate" />
      <p>
        Jurisdiction: <PlaceList places={places} />
      </p>
      <TodoList
        items={[
          {
            id: "today",
            title: `audit${home.auditsToday.total === 1 ? "" : "s"} today (${home.today})`,
            total: home.auditsToday.total,
            to: "/audits/calendar",
            more: "Calendar",
            empty: "no audit is under way or planned today",
            lines: home.auditsToday.latest.map((a) => (
              <li key={a.id}>
                <Link to={`/audits/${a.id}`}>{a.supplierName}</Link> <span className="muted">{windowInZones(a.startsAt, a.endsAt, a.placeZone, home.zone)}</span>
              </li>
            )),
          },
          {
            id: "overdue-audits",
            title: `planned audit${home.overduePlanned.total === 1 ? "" : "s"} past their window`,
            total: home.overduePlanned.total,
            to: "/audits?when=past&status=planned",
            empty: "every audit whose window has passed was started, done or cancelled",
            lines: home.overduePlanned.latest.map((a) => (
              <li key={a.id}>
                <Link to={`/audits/${a.id}`}>{a.supplierName}</Link>{" "}
                <span className="muted">
                  {windowInZones(a.startsAt, a.endsAt, a.placeZone, home.zone)} · {STATUS_LABELS[a.status as keyof typeof STATUS_LABELS] ?? a.status}
                </span>
              </li>
            )),
          },
          {
            id: "open-actions",
            title: `open corrective action${home.openActions === 1 ? "" : "s"}`,
            total: home.openActions,
            to: "/actions",
            empty: "every corrective action is verified closed",
            lines: (
              <>
                <li>
                  <Link to="/actions?overdue=1">{plural(o.overdueActions, "overdue", "overdue")}</Link>
                </li>
                <li>
                  <Link to="/actions?status=submitted">{formatNumber(o.toVerify)} to verify</Link>
                </li>
              </>
            ),
          },
        ]}
      />
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
              <div className="stat-label">Workplaces in the queue</div>
              <span className="cell-sub">{formatNumber(o.unplanned)} without a planned audit</span>
            </Link>
            <Link className="card stat-card" to="/audits">
              <div className="stat">{formatNumber(o.upcomingTotal)}</div>
              <div className="stat-label">Upcoming audits</div>
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
                    <Link to={`/shared/${t.supplierId}`}>{t.name}</Link>{" "}
                    <span className="muted">
                      priority {t.priority} · {t.companyName}
                    </span>
                    {t.planned ? <span className="badge badge--muted">planned</span> : null}
                  </li>
                ))}
              </ol>
              <Link to="/audits/queue">The whole queue</Link>
            </div>
            <div className="card">
              <h2>Next audits</h2>
              {o.upcomingTotal === 0 ? (
                <p className="muted">Nothing planned.</p>
              ) : (
                <ul className="entity-list">
                  {o.upcoming.map((a) => (
                    <li key={a.id}>
                      <Link to={`/audits/${a.id}`}>{windowInZones(a.startsAt, a.endsAt, a.placeZone, o.zone)}</Link> {a.supplierName}{" "}
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

const CONTEST_STATUS: Record<string, string> = { open: "open", answered: "answered", closed: "closed" };

export function UnionHome({ greeting, places, home: h }: { greeting: Greeting; places: Place[]; home: UnionHomeData }) {
  return (
    <>
      <Header greeting={greeting} kind="Union" />
      <p>
        Where you organise: <PlaceList places={places} />
      </p>
      {h.shared === 0 ? (
        <div className="card empty-state">
          <h2>No suppliers shared with your union yet</h2>
          <p>
            Companies share the risk scores of their suppliers with you. You will be able to review each score, contest it and add counter-evidence
            from workers.
          </p>
        </div>
      ) : null}
      <TodoList
        items={[
          ...(h.shared > 0
            ? [
                {
                  id: "shared",
                  title: `supplier${h.shared === 1 ? "" : "s"} shared with you by ${plural(h.companies, "company", "companies")}`,
                  total: h.shared,
                  to: "/shared",
                  more: "All shared suppliers",
                  empty: "",
                  lines: h.top.map((s) => (
                    <li key={s.id}>
                      <Link to={`/shared/${s.id}`}>{s.name}</Link>{" "}
                      <span className="muted">
                        {s.companyName} · {s.scoreShared ? <BandBadge band={s.riskBand} score={s.riskScore} /> : "score not shared"}
                      </span>
                    </li>
                  )),
                },
              ]
            : []),
          {
            id: "contests",
            title: `contest${h.contests.total === 1 ? "" : "s"} raised`,
            total: h.contests.total,
            to: "/contests",
            more: "My contests",
            empty: "you have not contested a score; open a shared supplier to contest its score",
            lines: (
              <>
                <li className="muted">
                  {formatNumber(h.contests.byStatus.open)} open · {formatNumber(h.contests.byStatus.answered)} answered · {formatNumber(h.contests.byStatus.closed)} closed
                </li>
                {h.contests.latest.map((c) => (
                  <li key={c.id}>
                    <Link to={`/contests/${c.id}`}>{c.supplierName}</Link>{" "}
                    <span className="muted">
                      {c.kind === "method" ? "the method · " : ""}
                      {CONTEST_STATUS[c.status]} · {formatDate(c.respondedAt ?? c.createdAt)}
                    </span>
                  </li>
                ))}
              </>
            ),
          },
        ]}
      />
    </>
  );
}

export function RegulatorHome({ greeting, places, home: h }: { greeting: Greeting; places: Place[]; home: RegulatorHomeData }) {
  return (
    <>
      <Header greeting={greeting} kind="Regulator" />
      <p>
        Your jurisdiction: <PlaceList places={places} />
      </p>
      {h.received === 0 ? (
        <div className="card empty-state">
          <h2>No reports submitted yet</h2>
          <p>
            Companies under your supervision submit their due-diligence reports here. You will be able to download them, verify that they are
            authentic, and see patterns across companies without seeing personal data.
          </p>
        </div>
      ) : (
        <TodoList
          items={[
            {
              id: "unopened",
              title: `report${h.awaitingReview.total === 1 ? "" : "s"} awaiting review (not downloaded yet)`,
              total: h.awaitingReview.total,
              to: "/regulator",
              more: "All submitted reports",
              empty: "every report received has been downloaded by your team",
              lines: h.awaitingReview.latest.map((r) => (
                <li key={r.id}>
                  <Link to={`/reports/${r.id}`}>{r.title}</Link> <span className="muted">{r.issuer} · {r.submittedAt ? formatDateTime(r.submittedAt) : ""}</span>
                </li>
              )),
            },
            {
              id: "received",
              title: `report${h.received === 1 ? "" : "s"} received from ${plural(h.companies, "company", "companies")}`,
              total: h.received,
              to: "/regulator",
              more: "All submitted reports",
              empty: "",
              lines: h.latest.map((r) => (
                <li key={r.id}>
                  <Link to={`/reports/${r.id}`}>{r.title}</Link>{" "}
                  <span className="muted">
                    {r.issuer}
                    {r.superseded ? " · superseded" : ""}
                    {r.opened ? "" : " · not downloaded yet"}
                  </span>
                </li>
              )),
            },
          ]}
        />
      )}
    </>
  );
}
