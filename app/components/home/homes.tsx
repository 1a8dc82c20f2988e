/**
 * One home page per kind of organisation. Every figure and every list comes from the role's home
 * function (app/domain/home/), counted when the page is asked for; an empty line is shown only
 * where that count is 0.
 */
import { Link } from "@remix-run/react";
import type { ParseKeys } from "i18next";
import type { ReactElement } from "react";
import { Trans, useTranslation } from "react-i18next";
import type { Dashboard } from "~/domain/dashboard/dashboard.server";
import type { CompanyHome as CompanyHomeData } from "~/domain/home/company.server";
import { FeesHomeCard } from "~/components/fees";
import type { InspectorateHomeData } from "~/domain/home/inspectorate.server";
import type { PlatformHomeData } from "~/domain/home/platform.server";
import type { RegulatorHomeData } from "~/domain/home/regulator.server";
import type { UnionHomeData } from "~/domain/home/union.server";
import type { SupplierHomeData } from "~/domain/home/supplier.server";
import { useFormat } from "~/i18n/format";
import { CompanyDashboard } from "./company-dashboard";
import { TodoList } from "./todo";
import { AuditType, windowInZones } from "~/components/audits";
import { StatCard } from "~/components/stat";
import { BandBadge } from "~/components/risk/band-badge";

interface Greeting {
  name: string;
  orgName: string | null;
}
interface Place {
  code: string;
  name: string;
}

type HomeKey = ParseKeys<"home">;
const LooseTrans = Trans as unknown as (props: { t: unknown; i18nKey: string; count: number; values: Record<string, string>; components: Record<string, ReactElement> }) => ReactElement;

/** The home namespace's words and the reader's formats, with the to-do titles built from them. */
function useHome() {
  const { t } = useTranslation(["home", "common"]);
  const f = useFormat();
  /** A to-do title: the count (formatted, in the element the list gives) inside its translated sentence. */
  const title = (key: HomeKey, total: number, values: Record<string, string> = {}) =>
    function TodoTitle(count: ReactElement) {
      // The key is checked as HomeKey above; Trans's own check of it over the whole catalog is a union too large for tsc.
      return <LooseTrans t={t} i18nKey={key} count={total} values={{ n: f.number(total), ...values }} components={{ 1: count }} />;
    };
  const companies = (n: number) => t("unit.companies", { count: n, n: f.number(n) });
  return { t, f, title, companies };
}

function Header({ greeting, kind }: { greeting: Greeting; kind: string }) {
  const { t } = useTranslation("home");
  return (
    <div className="page-header">
      <div>
        <h1>{t("header.welcome", { name: greeting.name })}</h1>
        <p>
          {kind}
          {greeting.orgName ? ` · ${greeting.orgName}` : ""}
        </p>
      </div>
    </div>
  );
}

function PlaceList({ places }: { places: Place[] }) {
  const { t } = useTranslation("home");
  const f = useFormat();
  if (places.length === 0) return <span className="muted">{t("places.none")}</span>;
  return <>{f.list(places.map((p) => `${p.name} (${p.code})`))}</>;
}

const ORG_TYPES = ["company", "inspectorate", "union", "regulator"] as const;

export function PlatformHome({ greeting, home: h }: { greeting: Greeting; home: PlatformHomeData }) {
  const { t, f, title } = useHome();
  const orgType = (type: string) => (ORG_TYPES as readonly string[]).includes(type) ? t(`orgType.${type as (typeof ORG_TYPES)[number]}`) : type;
  const byType = {
    company: t("platform.byType.company", { count: h.byType.company ?? 0, n: f.number(h.byType.company ?? 0) }),
    inspectorate: t("platform.byType.inspectorate", { count: h.byType.inspectorate ?? 0, n: f.number(h.byType.inspectorate ?? 0) }),
    union: t("platform.byType.union", { count: h.byType.union ?? 0, n: f.number(h.byType.union ?? 0) }),
    regulator: t("platform.byType.regulator", { count: h.byType.regulator ?? 0, n: f.number(h.byType.regulator ?? 0) }),
  };
  return (
    <>
      <Header greeting={greeting} kind={t("common:user.platformAdministrator")} />
      <div className="summary-grid">
        <Link className="card stat-card" to="/admin/organisations">
          <div className="stat">{f.number(h.organisations)}</div>
          <div className="stat-label">{t("platform.organisations")}</div>
          <span className="cell-sub">{ORG_TYPES.map((type) => byType[type]).join(" · ")}</span>
        </Link>
        <StatCard value={f.number(h.people)} label={t("platform.people")} />
        <Link className="card stat-card" to="/admin/methodology">
          <div className="stat">{h.methodology ? h.methodology.version : t("platform.methodology.none")}</div>
          <div className="stat-label">{t("platform.methodology.label")}</div>
          <span className="cell-sub">
            {h.draftMethodologies ? t("platform.methodology.drafts", { count: h.draftMethodologies, n: f.number(h.draftMethodologies) }) : t("platform.methodology.noDraft")}
          </span>
        </Link>
        <Link className="card stat-card" to="/admin/reference">
          <div className="stat">{f.number(h.references.length)}</div>
          <div className="stat-label">{t("platform.references.label")}</div>
          <span className="cell-sub">
            {h.draftReferences ? t("platform.references.drafts", { count: h.draftReferences, n: f.number(h.draftReferences) }) : t("platform.references.noDraft")}
          </span>
        </Link>
      </div>
      <TodoList
        label={t("todo.nothingYet")}
        items={[
          {
            id: "method-contests",
            title: title("platform.methodContests.title", h.methodContests.total),
            total: h.methodContests.total,
            to: "/contests?status=open",
            more: t("platform.methodContests.more"),
            empty: t("platform.methodContests.empty"),
            lines: h.methodContests.latest.map((c) => (
              <li key={c.id}>
                <Link to={`/contests/${c.id}`}>{t("platform.methodContests.contest", { id: c.id })}</Link>{" "}
                <span className="muted">{t("todo.byOn", { name: c.unionName, date: f.date(c.createdAt) })}</span>
              </li>
            )),
          },
          {
            id: "orgs",
            title: title("platform.orgs.title", h.organisations),
            total: h.organisations,
            to: "/admin/organisations",
            more: t("platform.orgs.more"),
            empty: t("platform.orgs.empty"),
            lines: h.latestOrgs.map((o) => (
              <li key={o.id}>
                <Link to={`/orgs/${o.id}/members`}>{o.name}</Link> <span className="muted">{t("platform.orgs.since", { type: orgType(o.type), date: f.date(o.createdAt) })}</span>
              </li>
            )),
          },
          {
            id: "references",
            title: title("platform.referenceEditions.title", h.references.length),
            total: h.references.length,
            to: "/admin/reference",
            more: t("platform.referenceEditions.more"),
            empty: t("platform.referenceEditions.empty"),
            lines: h.references.map((r) => (
              <li key={r.id}>
                <Link to={`/admin/reference/${r.id}`}>{r.name}</Link> <span className="muted">{t("platform.referenceEditions.edition", { edition: r.edition })}</span>
              </li>
            )),
          },
        ]}
      />
      <div className="card">
        <h2>{t("platform.next.heading")}</h2>
        <p>{t("platform.next.text")}</p>
        <Link className="button" to="/admin/organisations">
          {t("platform.next.button")}
        </Link>
      </div>
    </>
  );
}

export function CompanyHome({ greeting, home: h, dashboard, countryName }: { greeting: Greeting; home: CompanyHomeData; dashboard: Dashboard & { updating: boolean; importedAt: number | null }; countryName: Record<string, string> }) {
  const { t, f, title } = useHome();
  const band = (b: string | null) =>
    b === "critical" ? t("band.critical") : b === "high" ? t("band.high") : b === "medium" ? t("band.medium") : b === "low" ? t("band.low") : t("band.notScored");
  return (
    <>
      <Header greeting={greeting} kind={t("header.compliance")} />
      <TodoList
        items={[
          {
            id: "corrections",
            title: title("company.corrections.title", h.correctionsRequested.total),
            total: h.correctionsRequested.total,
            to: "/reports",
            more: t("company.corrections.more"),
            empty: t("company.corrections.empty"),
            lines: h.correctionsRequested.latest.map((c) => (
              <li key={c.id}>
                <Link to={`/reports/${c.id}#review`}>{c.title}</Link>{" "}
                <span className="muted">{t("company.corrections.line", { regulator: c.regulator, reason: c.reason, date: f.date(c.at) })}</span>
              </li>
            )),
          },
          {
            id: "contests",
            title: title("company.contests.title", h.openContests.total),
            total: h.openContests.total,
            to: "/contests",
            empty: t("company.contests.empty"),
            lines: h.openContests.latest.map((c) => (
              <li key={c.id}>
                <Link to={`/contests/${c.id}`}>{c.supplierName}</Link> <span className="muted">{t("todo.byOn", { name: c.partner, date: f.date(c.createdAt) })}</span>
              </li>
            )),
          },
          {
            id: "overdue",
            title: title("company.overdue.title", h.overdueActions.total),
            total: h.overdueActions.total,
            to: "/actions?overdue=1",
            empty: t("company.overdue.empty"),
            lines: h.overdueActions.latest.map((a) => (
              <li key={a.id}>
                <Link to={`/actions/${a.id}`}>{a.supplierName}</Link> <span className="muted">{t("company.overdue.due", { date: f.date(a.dueOn) })}</span>
              </li>
            )),
          },
          {
            id: "audits",
            title: title("company.audits.title", h.reportedAudits.total),
            total: h.reportedAudits.total,
            to: null,
            empty: t("company.audits.empty"),
            lines: h.reportedAudits.latest.map((a) => (
              <li key={a.id}>
                <Link to={`/audits/${a.id}`}>{a.supplierName}</Link>{" "}
                <span className="muted">
                  {a.inspectorate} · {f.date(a.reportedAt)}
                </span>
              </li>
            )),
          },
          {
            id: "rises",
            title: title("company.rises.title", h.bandRises.total),
            total: h.bandRises.total,
            to: "/suppliers",
            more: t("company.rises.more"),
            empty: t("company.rises.empty"),
            lines: h.bandRises.latest.map((s) => (
              <li key={s.id}>
                <Link to={`/suppliers/${s.id}#why`}>{s.name}</Link>{" "}
                <span className="muted">
                  {band(s.before)} → {band(s.after)} · {f.date(s.at)}
                </span>
              </li>
            )),
          },
          {
            id: "imports",
            title: title("company.imports.title", h.waitingImports.total),
            total: h.waitingImports.total,
            to: "/imports",
            more: t("company.imports.more"),
            empty: t("company.imports.empty"),
            lines: h.waitingImports.latest.map((i) => (
              <li key={i.id}>
                <Link to={`/imports/${i.id}`}>{i.fileName}</Link>{" "}
                <span className="muted">
                  {i.kind === "recruiters" ? t("company.imports.kind.recruiters") : t("company.imports.kind.suppliers")} ·{" "}
                  {i.status === "analysed" ? t("company.imports.step.analysed") : t("company.imports.step.uploaded")}
                </span>
              </li>
            )),
          },
        ]}
      />
      <FeesHomeCard currencies={h.fees.currencies} overdue={h.fees.overdue} workerPaid={h.fees.workerPaid} canRecord={h.fees.canRecord} />
      {h.suppliers === 0 ? (
        <div className="card empty-state">
          <h2>{t("company.empty.heading")}</h2>
          <p>{t("company.empty.text")}</p>
          <Link className="button" to="/imports">
            {t("company.empty.button")}
          </Link>
        </div>
      ) : (
        <>
          <div className="grid">
            <StatCard value={f.number(h.suppliers)} label={t("company.stat.suppliers")} />
            <StatCard value={f.number(dashboard.recruiters)} label={t("company.stat.recruiters")} />
            <StatCard value={f.number(dashboard.countries)} label={t("company.stat.countries")} />
            <StatCard value={f.number(dashboard.workers)} label={t("company.stat.workers")} />
          </div>
          <CompanyDashboard dashboard={dashboard} countryName={countryName} />
          <p style={{ marginTop: "1rem" }}>
            <Link className="button" to="/suppliers">
              {t("company.seeAll")}
            </Link>
          </p>
        </>
      )}
    </>
  );
}

export function InspectorateHome({ greeting, places, home }: { greeting: Greeting; places: Place[]; home: InspectorateHomeData }) {
  const { t, f, title } = useHome();
  const o = home.overview;
  const status = (s: string) =>
    s === "planned"
      ? t("auditStatus.planned")
      : s === "confirmed"
        ? t("auditStatus.confirmed")
        : s === "in_progress"
          ? t("auditStatus.in_progress")
          : s === "completed"
            ? t("auditStatus.completed")
            : s === "report_issued"
              ? t("auditStatus.report_issued")
              : s === "cancelled"
                ? t("auditStatus.cancelled")
                : s;
  return (
    <>
      <Header greeting={greeting} kind={t("common:orgType.inspectorate")} />
      <p>
        {t("inspectorate.jurisdiction")} <PlaceList places={places} />
      </p>
      <TodoList
        items={[
          {
            id: "today",
            title: title("inspectorate.today.title", home.auditsToday.total, { day: f.date(home.today) }),
            total: home.auditsToday.total,
            to: "/audits/calendar",
            more: t("common:nav.calendar"),
            empty: t("inspectorate.today.empty"),
            lines: home.auditsToday.latest.map((a) => (
              <li key={a.id}>
                <Link to={`/audits/${a.id}`}>{a.supplierName}</Link> <span className="muted">{windowInZones(a.startsAt, a.endsAt, a.placeZone, home.zone)}</span>
              </li>
            )),
          },
          {
            id: "overdue-audits",
            title: title("inspectorate.overduePlanned.title", home.overduePlanned.total),
            total: home.overduePlanned.total,
            to: "/audits?when=past&status=planned",
            empty: t("inspectorate.overduePlanned.empty"),
            lines: home.overduePlanned.latest.map((a) => (
              <li key={a.id}>
                <Link to={`/audits/${a.id}`}>{a.supplierName}</Link>{" "}
                <span className="muted">
                  {windowInZones(a.startsAt, a.endsAt, a.placeZone, home.zone)} · {status(a.status)}
                </span>
              </li>
            )),
          },
          {
            id: "open-actions",
            title: title("inspectorate.openActions.title", home.openActions),
            total: home.openActions,
            to: "/actions",
            empty: t("inspectorate.openActions.empty"),
            lines: (
              <>
                <li>
                  <Link to="/actions?overdue=1">{t("inspectorate.openActions.overdue", { count: o.overdueActions, n: f.number(o.overdueActions) })}</Link>
                </li>
                <li>
                  <Link to="/actions?status=submitted">{t("inspectorate.openActions.toVerify", { count: o.toVerify, n: f.number(o.toVerify) })}</Link>
                </li>
              </>
            ),
          },
        ]}
      />
      {o.workplaces === 0 ? (
        <div className="card empty-state">
          <h2>{t("inspectorate.empty.heading")}</h2>
          <p>{t("inspectorate.empty.text")}</p>
        </div>
      ) : (
        <>
          <div className="summary-grid">
            <Link className="card stat-card" to="/audits/queue">
              <div className="stat">{f.number(o.workplaces)}</div>
              <div className="stat-label">{t("inspectorate.stat.queue")}</div>
              <span className="cell-sub">{t("inspectorate.stat.unplanned", { count: o.unplanned, n: f.number(o.unplanned) })}</span>
            </Link>
            <Link className="card stat-card" to="/audits">
              <div className="stat">{f.number(o.upcomingTotal)}</div>
              <div className="stat-label">{t("inspectorate.stat.upcoming")}</div>
            </Link>
            <Link className="card stat-card" to="/audits/plan#proposals">
              <div className="stat">{f.number(o.proposals)}</div>
              <div className="stat-label">{t("inspectorate.stat.proposals")}</div>
            </Link>
          </div>
          <div className="grid">
            <div className="card">
              <h2>{t("inspectorate.priority.heading")}</h2>
              <ol className="entity-list">
                {o.top.map((p) => (
                  <li key={p.supplierId}>
                    <Link to={`/shared/${p.supplierId}`}>{p.name}</Link>{" "}
                    <span className="muted">{t("inspectorate.priority.line", { priority: f.number(p.priority), company: p.companyName })}</span>
                    {p.planned ? <span className="badge badge--muted">{t("inspectorate.priority.planned")}</span> : null}
                  </li>
                ))}
              </ol>
              <Link to="/audits/queue">{t("inspectorate.priority.wholeQueue")}</Link>
            </div>
            <div className="card">
              <h2>{t("inspectorate.next.heading")}</h2>
              {o.upcomingTotal === 0 ? (
                <p className="muted">{t("inspectorate.next.none")}</p>
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
              <Link to="/audits/calendar">{t("common:nav.calendar")}</Link>
            </div>
          </div>
        </>
      )}
    </>
  );
}

export function UnionHome({ greeting, places, home: h }: { greeting: Greeting; places: Place[]; home: UnionHomeData }) {
  const { t, f, title, companies } = useHome();
  const contestStatus = (s: string) => (s === "open" ? t("union.contests.status.open") : s === "answered" ? t("union.contests.status.answered") : s === "closed" ? t("union.contests.status.closed") : s);
  return (
    <>
      <Header greeting={greeting} kind={t("common:orgType.union")} />
      <p>
        {t("union.whereYouOrganise")} <PlaceList places={places} />
      </p>
      {h.shared === 0 ? (
        <div className="card empty-state">
          <h2>{t("union.empty.heading")}</h2>
          <p>{t("union.empty.text")}</p>
        </div>
      ) : null}
      <TodoList
        items={[
          ...(h.shared > 0
            ? [
                {
                  id: "shared",
                  title: title("union.shared.title", h.shared, { companies: companies(h.companies) }),
                  total: h.shared,
                  to: "/shared",
                  more: t("union.shared.more"),
                  empty: "",
                  lines: h.top.map((s) => (
                    <li key={s.id}>
                      <Link to={`/shared/${s.id}`}>{s.name}</Link>{" "}
                      <span className="muted">
                        {s.companyName} · {s.scoreShared ? <BandBadge band={s.riskBand} score={s.riskScore} /> : t("union.shared.scoreNotShared")}
                      </span>
                    </li>
                  )),
                },
              ]
            : []),
          {
            id: "contests",
            title: title("union.contests.title", h.contests.total),
            total: h.contests.total,
            to: "/contests",
            more: t("common:nav.myContests"),
            empty: t("union.contests.empty"),
            lines: (
              <>
                <li className="muted">
                  {t("union.contests.byStatus", { open: f.number(h.contests.byStatus.open), answered: f.number(h.contests.byStatus.answered), closed: f.number(h.contests.byStatus.closed) })}
                </li>
                {h.contests.latest.map((c) => (
                  <li key={c.id}>
                    <Link to={`/contests/${c.id}`}>{c.supplierName}</Link>{" "}
                    <span className="muted">{[...(c.kind === "method" ? [t("union.contests.method")] : []), contestStatus(c.status), f.date(c.respondedAt ?? c.createdAt)].join(" · ")}</span>
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
  const { t, title, companies } = useHome();
  const { dateTime } = useFormat();
  return (
    <>
      <Header greeting={greeting} kind={t("common:orgType.regulator")} />
      <p>
        {t("regulator.jurisdiction")} <PlaceList places={places} />
      </p>
      {h.received === 0 ? (
        <div className="card empty-state">
          <h2>{t("regulator.empty.heading")}</h2>
          <p>{t("regulator.empty.text")}</p>
        </div>
      ) : (
        <TodoList
          items={[
            {
              id: "unopened",
              title: title("regulator.unopened.title", h.awaitingReview.total),
              total: h.awaitingReview.total,
              to: "/regulator",
              more: t("regulator.unopened.more"),
              empty: t("regulator.unopened.empty"),
              lines: h.awaitingReview.latest.map((r) => (
                <li key={r.id}>
                  <Link to={`/reports/${r.id}`}>{r.title}</Link>{" "}
                  <span className="muted">{r.submittedAt ? `${r.issuer} · ${dateTime(r.submittedAt)}` : r.issuer}</span>
                </li>
              )),
            },
            {
              id: "received",
              title: title("regulator.received.title", h.received, { companies: companies(h.companies) }),
              total: h.received,
              to: "/regulator",
              more: t("regulator.received.more"),
              empty: "",
              lines: h.latest.map((r) => (
                <li key={r.id}>
                  <Link to={`/reports/${r.id}`}>{r.title}</Link>{" "}
                  <span className="muted">{[r.issuer, ...(r.superseded ? [t("regulator.received.superseded")] : []), ...(r.opened ? [] : [t("regulator.received.notDownloaded")])].join(" · ")}</span>
                </li>
              )),
            },
          ]}
        />
      )}
    </>
  );
}

/** The supplier's home: its workplaces and, for each, how many buyers list it and what they asked. */
export function SupplierHome({ greeting, home: h, countryName }: { greeting: Greeting; home: SupplierHomeData; countryName: Record<string, string> }) {
  const { t, f } = useHome();
  return (
    <>
      <Header greeting={greeting} kind={t("common:orgType.supplier")} />
      {h.sites.length === 0 ? (
        <div className="card empty-state">
          <h2>{t("supplier.empty.heading")}</h2>
          <p>{t("supplier.empty.text")}</p>
        </div>
      ) : (
        <>
          {h.nextRequest ? (
            <div className={`alert ${h.nextRequest.overdue ? "alert--warning" : "alert--info"}`} data-testid="next-request">
              {t(h.nextRequest.overdue ? "supplier.next.overdue" : "supplier.next.due", { buyer: h.nextRequest.buyer, site: h.nextRequest.site, day: f.date(h.nextRequest.dueOn) })}{" "}
              <Link to={`/sites/${h.nextRequest.siteId}/questionnaire`}>{t("supplier.next.open")}</Link>
            </div>
          ) : null}
          <section className="card">
          <h2>{t("supplier.sites.heading")}</h2>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("supplier.sites.name")}</th>
                  <th scope="col">{t("supplier.sites.country")}</th>
                  <th scope="col" className="num">{t("supplier.sites.buyers")}</th>
                  <th scope="col" className="num">{t("supplier.sites.requests")}</th>
                  <th scope="col">{t("supplier.sites.questionnaire")}</th>
                </tr>
              </thead>
              <tbody>
                {h.sites.map((s) => (
                  <tr key={s.id}>
                    <td>
                      <Link to={`/sites/${s.id}`}>{s.name}</Link>
                    </td>
                    <td>{s.country ? (countryName[s.country] ?? s.country) : t("common:value.unknown")}</td>
                    <td className="num">{f.number(s.buyers)}</td>
                    <td className="num">{f.number(s.openRequests)}</td>
                    <td>
                      <Link to={`/sites/${s.id}/questionnaire`}>
                        {s.questionnaire.state === "none"
                          ? t("supplier.questionnaire.none")
                          : s.questionnaire.state === "draft"
                            ? t("supplier.questionnaire.draft", { answered: f.number(s.questionnaire.answered), total: f.number(s.questionnaire.total) })
                            : t("supplier.questionnaire.submitted", { day: f.date(s.questionnaire.submittedAt) })}
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          </section>
        </>
      )}
    </>
  );
}
