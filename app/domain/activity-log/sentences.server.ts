/**
 * The activity log in words (issues 17 and 18): each entry's action code and details become one
 * sentence in the reader's language ("Pat Lee shared suppliers in TH with Plantation Workers'
 * Union: identity and location, risk scores"), written when the log is read. The stored entries
 * are append-only evidence and stay as they were recorded: codes and details, never words. People
 * read sentences; the codes and raw details stay in the CSV export, where a court or an auditor
 * can check them.
 *
 * Every sentence is a whole sentence of the `activity` catalog with placeholders, so each language
 * orders its words freely. Values that are data (names, file names, what people typed) are shown
 * as recorded; values that are enumerations (roles, statuses, bands, scopes, indicators, kinds of
 * report) come from the catalog namespace that already names them. Every recorded action has a
 * sentence (`SENTENCES` is keyed by the `AuditAction` type; tests/unit/activity-sentences.test.ts
 * reads the codes from the code base and checks each language's catalog).
 */
import type { TFunction } from "i18next";
import { formatsFor, type Formats } from "~/i18n/format";
import { serverT, translateMessage } from "~/i18n/i18n.server";
import { countryNameIn } from "../reference/countries.server";
import { readCause } from "../risk/cause";
import type { AuditAction } from "./activity-log.server";
import type { ImportKind } from "#db/schema";
import { fieldLabels } from "../import/field-labels.server";
import { fieldsFor } from "../import/fields";

/** Names the sentences may use, resolved by the reader (only what the viewer may see). */
export interface LogNames {
  orgs: Record<number, string>;
  suppliers: Record<number, string>;
  users: Record<number, string>;
}

export interface LogEntry {
  action: string;
  actorName: string | null;
  targetType: string | null;
  targetId: string | null;
  /** JSON text (SQLite) or an object (PostgreSQL). */
  details: unknown;
}

/** One entry, read with its names and the reader's language: what a sentence is built from. */
interface Said {
  t: TFunction<"activity">;
  lng: string;
  f: Formats;
  who: string;
  target: string;
  /** The entry's target as recorded (an audit's, report's or import's number). */
  id: string;
  d: Record<string, unknown>;
  text: (key: string) => string;
  /** What someone typed, or a recorded name: shown as written, in the language's quotation marks. */
  quote: (value: unknown) => string;
  num: (key: string) => number | null;
  /** A recorded count, formatted; "an unknown number" never a made-up 0. */
  count: (key: string) => string;
  /** The number that picks a plural form: the count, or "many" when it was not recorded. */
  plural: (key: string) => number;
  org: (id: unknown) => string;
  supplier: (id: unknown) => string;
  user: (id: unknown) => string;
  /** A recorded instant, with its zone; "an unrecorded time" when there is none. */
  when: (value: unknown) => string;
  /** A recorded calendar day ("2026-05-01") in the reader's format. */
  day: (value: unknown) => string;
  /** An enumeration's name from the namespace that owns it, or `fallback` for a code it does not know. */
  label: (prefix: string, code: unknown, fallback: string) => string;
  indicator: (code: unknown) => string;
}

/** The fields a write through the API changed (records-write.server.ts), named in the reader's language. */
function changedFields(s: Said, kind: ImportKind): string {
  const label = fieldLabels(s.lng, kind);
  const names = Object.keys(s.d.changed && typeof s.d.changed === "object" ? s.d.changed : {}).map((key) => {
    if (key === "indicators" || key === "identifiers") return s.t(`recordField.${key}`);
    const field = fieldsFor(kind).find((f) => f.key === key);
    return field ? label(field) : s.t("value.otherData");
  });
  if (Array.isArray(s.d.linked) && s.d.linked.length) names.push(s.t(`recordField.links.${kind}`));
  return names.length ? s.f.list(names) : s.t("value.nothingRecorded");
}

/** "identity and location and risk scores and their breakdown" from a share's scope. */
function shareScopeText(s: Said, scope: unknown): string {
  const labels = Array.isArray(scope) ? scope.map((x) => s.label("sharing:scope", typeof x === "string" ? `${x}.phrase` : null, s.t("value.otherData"))) : [];
  return labels.length ? s.f.list(labels) : s.t("value.nothingRecorded");
}

/** "its suppliers in Malaysia and Thailand and of high risk" from a share's filter. */
function shareFilterText(s: Said, filter: unknown): string {
  const f = (filter && typeof filter === "object" ? filter : {}) as { countries?: unknown; sectors?: unknown; bands?: unknown; supplierIds?: unknown };
  const strings = (v: unknown) => (Array.isArray(v) ? v.map(String) : []);
  const countries = strings(f.countries);
  const sectors = strings(f.sectors);
  const bands = strings(f.bands);
  const criteria = [
    countries.length ? s.t("share.criteria.countries", { countries: s.f.list(countries.map((c) => countryNameIn(c, s.lng))) }) : "",
    sectors.length ? s.t("share.criteria.sectors", { count: sectors.length, sectors: s.f.list(sectors.map((x) => s.quote(x))) }) : "",
    bands.length ? s.t("share.criteria.bands", { bands: s.f.list(bands.map((b) => s.label("sharing:band", b, b)), "disjunction") }) : "",
  ].filter(Boolean);
  const chosen = Array.isArray(f.supplierIds) ? f.supplierIds.length : 0;
  const joined = s.f.list(criteria);
  if (chosen) return criteria.length ? s.t("share.filter.chosenMatching", { count: chosen, n: s.f.number(chosen), criteria: joined }) : s.t("share.filter.chosen", { count: chosen, n: s.f.number(chosen) });
  return criteria.length ? s.t("share.filter.matching", { criteria: joined }) : s.t("share.filter.all");
}

/**
 * The cause of a recomputation as recorded: a rescore's cause document (app/domain/risk/cause.ts),
 * or the English line older entries and the per-organisation scorings hold ("import 3",
 * "methodology 2.1 (resumed)"), in words.
 */
function causeText(s: Said, recorded: unknown): string {
  if (recorded === undefined || recorded === null || recorded === "") return s.t("cause.onRequest");
  const cause = readCause(recorded);
  const said = "key" in cause ? keyedCauseText(s, cause.key, cause.values ?? {}) : englishCauseText(s, cause.en);
  return cause.resumed ? s.t("cause.resumed", { cause: said }) : said;
}

/** A keyed cause in the log's own words where it has them (as for the older English lines), else the risk catalog's. */
function keyedCauseText(s: Said, key: string, values: Record<string, string | number>): string {
  if (key === "risk:cause.methodology") return s.t("cause.methodology", { version: String(values.version ?? "") });
  if (key === "risk:cause.referenceEdition") return s.t("cause.reference", { edition: `${values.source ?? ""} ${values.edition ?? ""}`.trim() });
  if (key === "risk:cause.missingAtStart") return s.t("cause.startUp");
  return translateMessage(s.lng, key, values);
}

function englishCauseText(s: Said, recorded: string): string {
  let m: RegExpExecArray | null;
  if ((m = /^import (\d+)$/.exec(recorded))) return s.t("cause.import", { id: m[1] });
  if ((m = /^methodology (.+)$/.exec(recorded))) return s.t("cause.methodology", { version: m[1] });
  if ((m = /^reference (.+)$/.exec(recorded))) return s.t("cause.reference", { edition: m[1] });
  if ((m = /^findings of audit #(\d+)$/.exec(recorded))) return s.t("cause.findings", { id: m[1] });
  if ((m = /^corrective action #(\d+) opened$/.exec(recorded))) return s.t("cause.actionOpened", { id: m[1] });
  if ((m = /^corrective action #(\d+) verified closed$/.exec(recorded))) return s.t("cause.actionClosed", { id: m[1] });
  if ((m = /^corrective action #(\d+) sent back$/.exec(recorded))) return s.t("cause.actionReopened", { id: m[1] });
  if ((m = /^audit #(\d+) (.+)$/.exec(recorded))) return s.t("cause.audit", { id: m[1] });
  if (recorded === "scores missing at start-up") return s.t("cause.startUp");
  return s.quote(recorded);
}

/** Why an invitation was refused, as members.server.ts records it, in words. */
const INVITATION_REASONS: Record<string, "orgDeactivated" | "linkInvalid" | "otherAccount" | "platformAdmin" | "notSignedIn"> = {
  "the organisation is deactivated": "orgDeactivated",
  "link no longer valid": "linkInvalid",
  "signed in as another account": "otherAccount",
  "platform administrator": "platformAdmin",
  "account exists, not signed in": "notSignedIn",
};

const reasonOf = (value: unknown) => (typeof value === "string" && value.trim() ? value.trim() : null);

export const SENTENCES: Record<AuditAction, (s: Said) => string> = {
  "auth.sign_in": (s) => s.t("sentence.auth.sign_in", { who: s.who }),
  "auth.sign_in_failed": (s) => {
    const email = s.text("email") || s.t("value.unknownAddress");
    if (s.d.why === "no membership") return s.t("sentence.auth.sign_in_failed.noMembership", { email });
    if (s.d.why === "organisation deactivated") return s.t("sentence.auth.sign_in_failed.deactivated", { email });
    return s.t("sentence.auth.sign_in_failed.wrong", { email });
  },
  "auth.sign_in_throttled": (s) => {
    const email = s.text("email") || s.t("value.unknownAddress");
    const ms = s.num("retryAfterMs");
    if (!ms) return s.t("sentence.auth.sign_in_throttled.plain", { email });
    const seconds = Math.ceil(ms / 1000);
    return s.t("sentence.auth.sign_in_throttled.for", { email, count: seconds, n: s.f.number(seconds) });
  },
  "auth.sign_out": (s) => s.t("sentence.auth.sign_out", { who: s.who }),
  "auth.password_changed": (s) => s.t("sentence.auth.password_changed", { who: s.who }),
  "auth.name_changed": (s) => s.t("sentence.auth.name_changed", { who: s.who, from: s.quote(s.text("from")), to: s.quote(s.text("to")) }),
  "auth.password_reset_issued": (s) => s.t("sentence.auth.password_reset_issued", { who: s.who, target: s.target }),
  "auth.password_reset_used": (s) => s.t("sentence.auth.password_reset_used", { who: s.who }),
  "auth.password_reset_refused": (s) => s.t("sentence.auth.password_reset_refused", { target: s.target }),
  "auth.org_switched": (s) => s.t("sentence.auth.org_switched", { who: s.who }),
  "organisation.created": (s) => {
    const name = s.quote(s.text("name"));
    const type = s.label("common:orgType", s.d.type, "");
    return type ? s.t("sentence.organisation.created.typed", { who: s.who, name, type }) : s.t("sentence.organisation.created.plain", { who: s.who, name });
  },
  "organisation.updated": (s) => {
    const parts: string[] = [];
    const name = s.d.name as { from?: unknown; to?: unknown } | undefined;
    if (name && typeof name === "object") parts.push(s.t("sentence.organisation.updated.renamed", { from: s.quote(String(name.from ?? "")), to: s.quote(String(name.to ?? "")) }));
    const j = s.d.jurisdictions as { from?: unknown; to?: unknown } | undefined;
    if (j && typeof j === "object") {
      const from = Array.isArray(j.from) ? j.from.map(String) : [];
      const to = Array.isArray(j.to) ? j.to.map(String) : [];
      const added = to.filter((c) => !from.includes(c)).map((c) => countryNameIn(c, s.lng));
      const removed = from.filter((c) => !to.includes(c)).map((c) => countryNameIn(c, s.lng));
      if (added.length) parts.push(s.t("sentence.organisation.updated.added", { countries: s.f.list(added) }));
      if (removed.length) parts.push(s.t("sentence.organisation.updated.removed", { countries: s.f.list(removed) }));
    }
    return s.t("sentence.organisation.updated.sentence", { who: s.who, name: s.quote(s.text("organisation")), changes: parts.length ? s.f.list(parts) : s.t("sentence.organisation.updated.noChange") });
  },
  "organisation.deactivated": (s) => s.t("sentence.organisation.deactivated", { who: s.who, name: s.quote(s.text("name")), sessions: s.count("sessionsEnded") }),
  "organisation.reactivated": (s) => s.t("sentence.organisation.reactivated", { who: s.who, name: s.quote(s.text("name")) }),
  "member.invited": (s) => s.t("sentence.member.invited", { who: s.who, email: s.text("email") || s.t("value.unknownAddress"), role: s.label("account:role", s.d.role, s.t("value.someRole")) }),
  "member.invitation_revoked": (s) => s.t("sentence.member.invitation_revoked", { who: s.who }),
  "member.joined": (s) => s.t("sentence.member.joined", { who: s.who, role: s.label("account:role", s.d.role, s.t("value.someRole")) }),
  "member.invitation_refused": (s) => {
    const reason = reasonOf(s.d.reason);
    if (!reason) return s.t("sentence.member.invitation_refused.plain");
    const known = INVITATION_REASONS[reason];
    return s.t("sentence.member.invitation_refused.reason", { reason: known ? s.t(`invitationReason.${known}`) : s.quote(reason) });
  },
  "member.role_changed": (s) => s.t("sentence.member.role_changed", { who: s.who, target: s.target, from: s.label("account:role", s.d.from, s.t("value.someRole")), to: s.label("account:role", s.d.to, s.t("value.someRole")) }),
  "member.removed": (s) => s.t("sentence.member.removed", { who: s.who, person: s.text("email") || s.target, role: s.label("account:role", s.d.role, s.t("value.someRole")) }),
  "import.uploaded": (s) =>
    s.t("sentence.import.uploaded", { who: s.who, file: s.quote(s.text("fileName")), kind: s.label("imports:kind", s.d.kind, s.t("value.someFile")), size: s.f.bytes(s.num("size") ?? 0), id: s.id }),
  "import.analysed": (s) => s.t("sentence.import.analysed", { id: s.id, valid: s.count("valid"), rows: s.count("rows"), invalid: s.count("invalid") }),
  "import.committed": (s) => {
    const c = (s.d.counts && typeof s.d.counts === "object" ? s.d.counts : {}) as Record<string, unknown>;
    const n = (v: unknown) => s.f.number(typeof v === "number" ? v : 0);
    return s.t("sentence.import.committed", { who: s.who, file: s.quote(s.text("fileName")), id: s.id, new: n(c.new), updated: n(c.updated), unchanged: n(c.unchanged) });
  },
  "import.cancelled": (s) => s.t("sentence.import.cancelled", { who: s.who, id: s.id }),
  "import.duplicate_decided": (s) => (s.d.choice === "merge" ? s.t("sentence.import.duplicate_decided.merge", { who: s.who, row: s.count("row"), id: s.id }) : s.t("sentence.import.duplicate_decided.keep", { who: s.who, row: s.count("row"), id: s.id })),
  "import.failed": (s) => {
    const message = s.text("message").trim();
    const analysing = s.d.phase === "analyse";
    if (!message) return analysing ? s.t("sentence.import.failed.analyse", { id: s.id }) : s.t("sentence.import.failed.write", { id: s.id });
    // A refused file's key names values (run.server.ts); an older entry or another error has none.
    const values = s.d.values && typeof s.d.values === "object" ? (s.d.values as Record<string, string | number>) : undefined;
    const error = s.quote(translateMessage(s.lng, message, values));
    return analysing ? s.t("sentence.import.failed.analyseWithError", { id: s.id, error }) : s.t("sentence.import.failed.writeWithError", { id: s.id, error });
  },
  "risk.rescored": (s) => s.t("sentence.risk.rescored", { cause: causeText(s, s.d.cause), scored: s.count("scored"), changed: s.count("changed") }),
  "reference.uploaded": (s) => s.t("sentence.reference.uploaded", { who: s.who, name: s.text("name"), edition: s.text("edition"), count: s.plural("rows"), n: s.count("rows") }),
  "reference.activated": (s) => s.t("sentence.reference.activated", { who: s.who, name: s.text("name"), edition: s.text("edition") }),
  "reference.discarded": (s) => s.t("sentence.reference.discarded", { who: s.who, name: s.text("name"), edition: s.text("edition") }),
  "reference.synonym_added": (s) => s.t("sentence.reference.synonym_added", { who: s.who, term: s.quote(s.text("term")), good: s.quote(s.text("good")) }),
  "reference.synonym_removed": (s) => s.t("sentence.reference.synonym_removed", { who: s.who, term: s.quote(s.text("term")), good: s.quote(s.text("good")) }),
  "methodology.added": (s) => s.t("sentence.methodology.added", { who: s.who, version: s.text("version") }),
  "methodology.activated": (s) => s.t("sentence.methodology.activated", { who: s.who, version: s.text("version") }),
  "supplier.indicators_changed": (s) => {
    const changed = Object.entries((s.d.changed && typeof s.d.changed === "object" ? s.d.changed : {}) as Record<string, unknown>).map(([code, v]) => {
      const indicator = s.indicator(code);
      return v === "yes" ? s.t("indicatorChange.observed", { indicator }) : v === "no" ? s.t("indicatorChange.notObserved", { indicator }) : s.t("indicatorChange.unknown", { indicator });
    });
    const changes = changed.length ? s.f.list(changed) : s.t("indicatorChange.none");
    const note = reasonOf(s.d.note);
    return note ? s.t("sentence.supplier.indicators_changed.note", { who: s.who, supplier: s.target, changes, note: s.quote(note) }) : s.t("sentence.supplier.indicators_changed.plain", { who: s.who, supplier: s.target, changes });
  },
  "supplier.created": (s) => s.t("sentence.supplier.created", { who: s.who, supplier: s.target, via: s.quote(s.d.via) }),
  "supplier.updated": (s) => s.t("sentence.supplier.updated", { who: s.who, supplier: s.target, fields: changedFields(s, "suppliers"), via: s.quote(s.d.via) }),
  "recruiter.created": (s) => s.t("sentence.recruiter.created", { who: s.who, recruiter: s.quote(s.d.name), via: s.quote(s.d.via) }),
  "recruiter.updated": (s) => s.t("sentence.recruiter.updated", { who: s.who, recruiter: s.quote(s.d.name), fields: changedFields(s, "recruiters"), via: s.quote(s.d.via) }),
  // The case by its number, never the worker: the indicators it was tagged with, now on the supplier's record.
  "supplier.grievance_applied": (s) => {
    const codes = Object.keys((s.d.changed && typeof s.d.changed === "object" ? s.d.changed : {}) as Record<string, unknown>);
    const changes = codes.length ? s.f.list(codes.map((code) => s.t("indicatorChange.observed", { indicator: s.indicator(code) }))) : s.t("indicatorChange.none");
    return s.t("sentence.supplier.grievance_applied", { id: s.id, supplier: s.supplier(s.d.supplierId), changes });
  },
  // A reversed finding: the indicators that left the supplier's record because this case was still their source.
  "supplier.grievance_withdrawn": (s) => {
    const codes = Object.keys((s.d.changed && typeof s.d.changed === "object" ? s.d.changed : {}) as Record<string, unknown>);
    const changes = codes.length ? s.f.list(codes.map((code) => s.t("indicatorChange.unknown", { indicator: s.indicator(code) }))) : s.t("indicatorChange.none");
    return s.t("sentence.supplier.grievance_withdrawn", { id: s.id, supplier: s.supplier(s.d.supplierId), changes });
  },
  // The supplier portal (issue 20): the buyer's record by name, the supplier organisation by name.
  "supplier.invited": (s) => s.t("sentence.supplier.invited", { who: s.who, email: s.quote(s.d.email), supplier: s.supplier(s.d.supplierId) }),
  "supplier.invitation_revoked": (s) => s.t("sentence.supplier.invitation_revoked", { who: s.who, supplier: s.supplier(s.d.supplierId) }),
  "supplier.claimed": (s) =>
    s.d.supplierId !== undefined
      ? s.t("sentence.supplier.claimed.buyer", { who: s.who, supplier: s.supplier(s.d.supplierId), org: s.org(s.d.supplierOrg) })
      : s.t("sentence.supplier.claimed.supplier", { who: s.who, buyer: s.org(s.d.buyerOrg) }),
  "supplier.claim_refused": (s) => s.t("sentence.supplier.claim_refused"),
  "supplier.identity_corrected": (s) => {
    const fields = Array.isArray(s.d.fields) ? s.d.fields.map((f) => s.label("home:site.field", typeof f === "string" ? f.replace(/^identifier:/, "") : null, s.t("value.otherData"))) : [];
    return s.t("sentence.supplier.identity_corrected", { who: s.who, site: s.quote(s.d.site), fields: fields.length ? s.f.list(fields) : s.t("indicatorChange.none") });
  },
  // The duplicate review (decision 033): both of the organisation's own records, by name.
  "supplier.merged": (s) => s.t("sentence.supplier.merged", { who: s.who, other: s.supplier(s.d.otherId), supplier: s.supplier(s.d.supplierId) }),
  "supplier.kept_apart": (s) => s.t("sentence.supplier.kept_apart", { who: s.who, other: s.supplier(s.d.otherId), supplier: s.supplier(s.d.supplierId) }),
  "supplier.merge_undone": (s) => s.t("sentence.supplier.merge_undone", { who: s.who, other: s.supplier(s.d.otherId), supplier: s.supplier(s.d.supplierId) }),
  "supplier.kept_apart_undone": (s) => s.t("sentence.supplier.kept_apart_undone", { who: s.who, other: s.supplier(s.d.otherId), supplier: s.supplier(s.d.supplierId) }),
  "watchlist.matched": (s) => s.t("sentence.watchlist.matched", { names: s.count("names"), hits: s.count("hits"), added: s.count("added") }),
  "watchlist.match_decided": (s) => (s.d.decision === "confirmed" ? s.t("sentence.watchlist.match_decided.confirmed", { who: s.who }) : s.t("sentence.watchlist.match_decided.dismissed", { who: s.who })),
  "contest.raised": (s) => {
    const values = { who: s.who, supplier: s.supplier(s.d.supplierId), company: s.org(s.d.companyOrgId), id: s.id };
    return s.d.kind === "method" ? s.t("sentence.contest.raised.method", values) : s.t("sentence.contest.raised.score", values);
  },
  "contest.answered": (s) => (s.d.status === "closed" ? s.t("sentence.contest.answered.closed", { who: s.who, id: s.id }) : s.t("sentence.contest.answered.answered", { who: s.who, id: s.id })),
  "audit.scheduled": (s) => {
    const type = s.label("audits:type", s.d.type, "");
    const values = { who: s.who, supplier: s.supplier(s.d.supplierId), time: s.when(s.d.startsAt), id: s.id, type };
    return type ? s.t("sentence.audit.scheduled.typed", values) : s.t("sentence.audit.scheduled.plain", values);
  },
  "audit.rescheduled": (s) => {
    const time = s.when((s.d.to as { startsAt?: unknown } | undefined)?.startsAt);
    const reason = reasonOf(s.d.reason);
    return reason ? s.t("sentence.audit.rescheduled.reason", { who: s.who, id: s.id, time, reason: s.quote(reason) }) : s.t("sentence.audit.rescheduled.plain", { who: s.who, id: s.id, time });
  },
  "audit.status_changed": (s) => {
    const values = { who: s.who, id: s.id, from: s.label("audits:statusLower", s.d.from, s.t("value.someState")), to: s.label("audits:statusLower", s.d.to, s.t("value.someState")) };
    const reason = reasonOf(s.d.reason);
    return reason ? s.t("sentence.audit.status_changed.reason", { ...values, reason: s.quote(reason) }) : s.t("sentence.audit.status_changed.plain", values);
  },
  "audit.settings_changed": (s) => s.t("sentence.audit.settings_changed", { who: s.who }),
  "audit.plan_generated": (s) => s.t("sentence.audit.plan_generated", { who: s.who, proposed: s.count("proposed"), unplaced: s.count("unplaced") }),
  "audit.proposal_rejected": (s) => {
    const reason = reasonOf(s.d.reason);
    const supplier = s.supplier(s.d.supplierId);
    return reason ? s.t("sentence.audit.proposal_rejected.reason", { who: s.who, supplier, reason: s.quote(reason) }) : s.t("sentence.audit.proposal_rejected.plain", { who: s.who, supplier });
  },
  "audit.unavailability_added": (s) => s.t("sentence.audit.unavailability_added", { who: s.who, target: s.target, from: s.day(s.d.startsOn), to: s.day(s.d.endsOn) }),
  "audit.unavailability_removed": (s) => s.t("sentence.audit.unavailability_removed", { who: s.who, target: s.target, from: s.day(s.d.startsOn), to: s.day(s.d.endsOn) }),
  "audit.calendar_feed_created": (s) => s.t("sentence.audit.calendar_feed_created", { who: s.who }),
  "audit.calendar_feed_revoked": (s) => s.t("sentence.audit.calendar_feed_revoked", { who: s.who }),
  "finding.recorded": (s) => {
    const values = { who: s.who, id: s.id, indicator: s.indicator(s.d.indicator), result: s.label("audits:severity", s.d.result, s.t("value.assessed")) };
    return s.d.was ? s.t("sentence.finding.recorded.changed", { ...values, was: s.label("audits:severity", s.d.was, s.t("value.different")) }) : s.t("sentence.finding.recorded.plain", values);
  },
  "audit.interviews_recorded": (s) =>
    s.d.total === null || s.d.total === undefined ? s.t("sentence.audit.interviews_recorded.none", { who: s.who, id: s.id }) : s.t("sentence.audit.interviews_recorded.total", { who: s.who, id: s.id, total: s.count("total") }),
  "finding.removed": (s) => s.t("sentence.finding.removed", { who: s.who, id: s.id, indicator: s.indicator(s.d.indicator) }),
  "evidence.uploaded": (s) => s.t("sentence.evidence.uploaded", { who: s.who, file: s.quote(s.text("name")), size: s.f.bytes(s.num("size") ?? 0) }),
  "corrective_action.created": (s) => {
    const owner = s.text("owner") || s.t("value.theSupplier");
    const due = s.text("dueOn");
    return due ? s.t("sentence.corrective_action.created.dated", { who: s.who, id: s.id, owner, due: s.day(due) }) : s.t("sentence.corrective_action.created.undated", { who: s.who, id: s.id, owner });
  },
  "corrective_action.answered": (s) => {
    const files = Array.isArray(s.d.files) ? s.d.files.length : 0;
    const status = s.label("audits:actionStatus", s.d.to, s.t("value.answered"));
    return files ? s.t("sentence.corrective_action.answered.files", { who: s.who, id: s.id, status, count: files, n: s.f.number(files) }) : s.t("sentence.corrective_action.answered.plain", { who: s.who, id: s.id, status });
  },
  "corrective_action.verified": (s) => {
    const note = reasonOf(s.d.note);
    return note ? s.t("sentence.corrective_action.verified.note", { who: s.who, id: s.id, note: s.quote(note) }) : s.t("sentence.corrective_action.verified.plain", { who: s.who, id: s.id });
  },
  "corrective_action.reopened": (s) => {
    const note = reasonOf(s.d.note);
    return note ? s.t("sentence.corrective_action.reopened.note", { who: s.who, id: s.id, note: s.quote(note) }) : s.t("sentence.corrective_action.reopened.plain", { who: s.who, id: s.id });
  },
  "report.issued": (s) => {
    const type = s.label("reports:type", s.d.type, "");
    return type ? s.t("sentence.report.issued.typed", { who: s.who, id: s.id, type }) : s.t("sentence.report.issued.plain", { who: s.who, id: s.id });
  },
  "report.submitted": (s) => {
    const values = { who: s.who, id: s.id, regulator: s.org(s.d.regulatorId) };
    return s.d.supersedes ? s.t("sentence.report.submitted.correction", { ...values, supersedes: s.text("supersedes") }) : s.t("sentence.report.submitted.plain", values);
  },
  "report.downloaded": (s) => s.t("sentence.report.downloaded", { who: s.who, id: s.id }),
  "report.reviewed": (s) => {
    if (s.d.step === "correction_requested") {
      const reason = reasonOf(s.d.reason);
      return reason ? s.t("sentence.report.reviewed.correctionReason", { who: s.who, id: s.id, reason: s.quote(reason) }) : s.t("sentence.report.reviewed.correction", { who: s.who, id: s.id });
    }
    return s.d.step === "accepted" ? s.t("sentence.report.reviewed.accepted", { who: s.who, id: s.id }) : s.t("sentence.report.reviewed.acknowledged", { who: s.who, id: s.id });
  },
  "share.created": (s) => s.t("sentence.share.created", { who: s.who, suppliers: shareFilterText(s, s.d.filter), partner: s.org(s.d.to), scope: shareScopeText(s, s.d.scope) }),
  "share.changed": (s) => {
    // Before and after, each as the share's suppliers and what the partner sees.
    const side = (value: unknown) => (value && typeof value === "object" ? value : {}) as { scope?: unknown; filter?: unknown };
    const before = side(s.d.before);
    const after = side(s.d.after);
    return s.t("sentence.share.changed", {
      who: s.who,
      partner: s.org(s.d.to),
      beforeSuppliers: shareFilterText(s, before.filter),
      beforeScope: shareScopeText(s, before.scope),
      afterSuppliers: shareFilterText(s, after.filter),
      afterScope: shareScopeText(s, after.scope),
    });
  },
  "share.revoked": (s) => s.t("sentence.share.revoked", { who: s.who, partner: s.org(s.d.to) }),
  "export.suppliers": (s) => s.t("sentence.export.suppliers", { who: s.who, count: s.plural("rows"), n: s.count("rows") }),
  "export.submissions": (s) => s.t("sentence.export.submissions", { who: s.who, count: s.plural("rows"), n: s.count("rows") }),
  "export.filing": (s) => s.t(s.d.form === "uk-registry" ? "sentence.export.filing.uk" : "sentence.export.filing.ca", { who: s.who, id: s.id }),
  "export.audit_log": (s) => s.t("sentence.export.audit_log", { who: s.who, count: s.plural("rows"), n: s.count("rows") }),
  "export.import_errors": (s) => s.t("sentence.export.import_errors", { who: s.who, count: s.plural("rows"), n: s.count("rows"), id: s.id }),
  "evidence.downloaded": (s) => s.t("sentence.evidence.downloaded", { who: s.who, file: s.quote(s.text("fileName")) }),
  // The entry names the case, never the worker: there is no worker identity on the platform to name.
  "grievance.received": (s) => (s.d.urgent === true ? s.t("sentence.grievance.received.urgent", { who: s.who, id: s.id }) : s.t("sentence.grievance.received.normal", { who: s.who, id: s.id })),
  // A channel is named by its number and its workplace (or country), never by its link: the link is what a worker scans.
  "grievance_channel.created": (s) =>
    s.d.supplierId != null
      ? s.t("sentence.grievance_channel.created.workplace", { who: s.who, id: s.id, workplace: s.supplier(s.d.supplierId) })
      : s.t("sentence.grievance_channel.created.country", { who: s.who, id: s.id, country: countryNameIn(s.text("country"), s.lng) }),
  "grievance_channel.closed": (s) => s.t("sentence.grievance_channel.closed", { who: s.who, id: s.id }),
  "support_service.added": (s) => s.t("sentence.support_service.added", { who: s.who, name: s.quote(s.d.name), country: countryNameIn(s.text("country"), s.lng) }),
  "support_service.retired": (s) => s.t("sentence.support_service.retired", { who: s.who, name: s.quote(s.d.name), country: countryNameIn(s.text("country"), s.lng) }),
  "grievance.triaged": (s) => s.t("sentence.grievance.triaged", { who: s.who, id: s.id }),
  "grievance.assigned": (s) => s.t("sentence.grievance.assigned", { who: s.who, id: s.id }),
  "grievance.forwarded": (s) => s.t("sentence.grievance.forwarded", { who: s.who, id: s.id }),
  // Written by the sweep, not a person: "who" is the system's name.
  "grievance.escalated": (s) => s.t("sentence.grievance.escalated", { id: s.id }),
  "grievance.finding_recorded": (s) => (s.d.finding === "substantiated" ? s.t("sentence.grievance.finding_recorded.substantiated", { who: s.who, id: s.id }) : s.t("sentence.grievance.finding_recorded.not_substantiated", { who: s.who, id: s.id })),
  "grievance.answered": (s) => s.t("sentence.grievance.answered", { who: s.who, id: s.id }),
  "grievance.closed": (s) => s.t("sentence.grievance.closed", { who: s.who, id: s.id }),
  // Every reveal of a worker's contact is in the log the organisation's admins read.
  "grievance.contact_revealed": (s) => s.t("sentence.grievance.contact_revealed", { who: s.who, id: s.id }),
  "fee.case_recorded": (s) => s.t("sentence.fee.case_recorded", { who: s.who, id: s.id, supplier: s.supplier(s.d.supplierId) }),
  "fee.instalment_paid": (s) => s.t("sentence.fee.instalment_paid", { who: s.who, id: s.id, day: s.day(s.d.paidOn) }),
  // The grievance case is named by its number (the union's own log), the fee case too.
  "fee.case_linked": (s) => s.t("sentence.fee.case_linked", { who: s.who, id: s.id, fee: s.text("feeCaseId") }),
  // No "who": the worker answered with their case code, and the company's log never says which case.
  "fee.confirmed": (s) => s.t("sentence.fee.confirmed", { id: s.id, answer: s.label("fees:answer", s.d.answer, s.text("answer")) }),
  // A buyer's copy of a supplier's audit names the supplier organisation and the buyer's own record.
  "third_party_audit.recorded": (s) =>
    s.d.side === "buyer"
      ? s.t("sentence.third_party_audit.recordedBySupplier", { supplierOrg: s.org(s.d.supplierOrgId), supplier: s.supplier(s.d.supplierId), id: s.id, body: s.text("body"), day: s.day(s.d.auditedOn) })
      : s.t("sentence.third_party_audit.recorded", { who: s.who, id: s.id, body: s.text("body"), day: s.day(s.d.auditedOn) }),
  "filing.profile_saved": (s) => s.t("sentence.filing.profile_saved", { who: s.who }),
  "filing.section_saved": (s) => s.t("sentence.filing.section_saved", { who: s.who, id: s.id, section: s.text("section"), version: String(s.num("version") ?? "") }),
  "filing.approved": (s) => s.t("sentence.filing.approved", { who: s.who, id: s.id, approver: s.quote(s.d.approver), day: s.day(s.d.approvedOn) }),
  "filing.created": (s) => s.t("sentence.filing.created", { who: s.who, id: s.id }),
  "api_token.created": (s) => s.t("sentence.api_token.created", { who: s.who, name: s.quote(s.text("name")), id: s.id }),
  "api_token.revoked": (s) => s.t("sentence.api_token.revoked", { who: s.who, name: s.quote(s.text("name")), id: s.id }),
  "webhook.created": (s) => s.t(s.d.allowPrivate === true ? "sentence.webhook.created.private" : "sentence.webhook.created.public", { who: s.who, id: s.id, url: s.quote(s.text("url")) }),
  "webhook.disabled": (s) => s.t("sentence.webhook.disabled", { who: s.who, id: s.id, url: s.quote(s.text("url")) }),
  "webhook.replayed": (s) => s.t("sentence.webhook.replayed", { who: s.who, id: s.id, event: s.text("eventId") }),
  // A call through a token: who created the token is who acts (decision 037); the entry names the token, the operation and the answer.
  "api.call": (s) => s.t("sentence.api.call", { who: s.who, name: s.quote(s.text("token")), call: `${s.text("method")} ${s.text("path")}`, status: s.text("status") }),
  // Questionnaire shares and requests are written to both organisations' logs (questionnaires/log.server.ts):
  // the supplier's entry names its site and the buyer, the buyer's its own record and the supplier organisation.
  "questionnaire.shared": (s) =>
    s.d.side === "buyer"
      ? s.t("sentence.questionnaire.shared.buyer", { supplierOrg: s.org(s.d.supplierOrgId), supplier: s.supplier(s.d.supplierId) })
      : s.t("sentence.questionnaire.shared.supplier", { who: s.who, site: siteText(s), buyer: s.org(s.d.buyerOrgId) }),
  "questionnaire.share_revoked": (s) =>
    s.d.side === "buyer"
      ? s.t("sentence.questionnaire.share_revoked.buyer", { supplierOrg: s.org(s.d.supplierOrgId), supplier: s.supplier(s.d.supplierId) })
      : s.t("sentence.questionnaire.share_revoked.supplier", { who: s.who, site: siteText(s), buyer: s.org(s.d.buyerOrgId) }),
  "questionnaire.requested": (s) =>
    s.d.side === "supplier"
      ? s.t("sentence.questionnaire.requested.supplier", { buyer: s.org(s.d.buyerOrgId), site: siteText(s), day: s.day(s.d.dueOn) })
      : s.t("sentence.questionnaire.requested.buyer", { who: s.who, supplier: s.supplier(s.d.supplierId), day: s.day(s.d.dueOn) }),
  // The supplier's entry names its site; each buyer the answers are shared with gets its own, naming its record.
  "questionnaire.submitted": (s) =>
    s.d.side === "buyer"
      ? s.t("sentence.questionnaire.submitted.buyer", { supplierOrg: s.org(s.d.supplierOrgId), supplier: s.supplier(s.d.supplierId), version: s.text("version") })
      : s.t("sentence.questionnaire.submitted.supplier", { who: s.who, site: siteText(s), version: s.text("version"), count: Number(s.d.sharedWith ?? 0) }),
  // Written by the platform when a shared submission answers the request: "at once" when the answers existed before the request.
  "questionnaire.request_answered": (s) => {
    const atOnce = s.d.atOnce === true;
    if (s.d.side === "supplier") {
      const values = { id: s.id, buyer: s.org(s.d.buyerOrgId), site: siteText(s), day: s.day(s.d.submittedOn) };
      return atOnce ? s.t("sentence.questionnaire.request_answered.supplierAtOnce", values) : s.t("sentence.questionnaire.request_answered.supplier", values);
    }
    const values = { id: s.id, supplier: s.supplier(s.d.supplierId), supplierOrg: s.org(s.d.supplierOrgId), day: s.day(s.d.submittedOn) };
    return atOnce ? s.t("sentence.questionnaire.request_answered.buyerAtOnce", values) : s.t("sentence.questionnaire.request_answered.buyer", values);
  },
  // A buyer's review of shared answers (reviews.server.ts): accepted, or a clarification asked; the supplier's log names the buyer, not the person.
  "questionnaire.reviewed": (s) => {
    const outcome = s.d.outcome === "accepted" ? "accepted" : "clarification";
    return s.d.side === "supplier"
      ? s.t(`sentence.questionnaire.reviewed.supplier.${outcome}`, { buyer: s.org(s.d.buyerOrgId), site: siteText(s) })
      : s.t(`sentence.questionnaire.reviewed.buyer.${outcome}`, { who: s.who, supplier: s.supplier(s.d.supplierId) });
  },
  // Only in the buyer's log: its own recruiter records, created from what the supplier named.
  "questionnaire.recruiters_added": (s) => s.t("sentence.questionnaire.recruiters_added", { who: s.who, supplier: s.supplier(s.d.supplierId), created: s.count("created"), linked: s.count("linked") }),
  "questionnaire.clarification_replied": (s) =>
    s.d.side === "buyer"
      ? s.t("sentence.questionnaire.clarification_replied.buyer", { supplierOrg: s.org(s.d.supplierOrgId), supplier: s.supplier(s.d.supplierId) })
      : s.t("sentence.questionnaire.clarification_replied.supplier", { who: s.who, site: siteText(s), buyer: s.org(s.d.buyerOrgId) }),
};

/** A supplier's site by the name recorded in the entry (sites are the supplier's own, not in the buyers' lists). */
function siteText(s: Said): string {
  const name = s.text("site").trim();
  return name ? s.quote(name) : s.t("value.siteUnknown");
}

/** The group of an event, by its code's prefix: its name is `activity:group.<prefix>`. */
export const EVENT_GROUPS = [
  "auth",
  "organisation",
  "member",
  "import",
  "risk",
  "reference",
  "methodology",
  "supplier",
  "recruiter",
  "watchlist",
  "contest",
  "audit",
  "finding",
  "evidence",
  "corrective_action",
  "report",
  "share",
  "export",
  "grievance",
  "grievance_channel",
  "support_service",
  "fee",
  "questionnaire",
  "third_party_audit",
  "filing",
  "api_token",
  "api",
  "webhook",
] as const;
export type EventGroup = (typeof EVENT_GROUPS)[number];

const isGroup = (group: string): group is EventGroup => (EVENT_GROUPS as readonly string[]).includes(group);
const isAction = (action: string): action is AuditAction => Object.hasOwn(SENTENCES, action);

/** The name of a group of events in the filter: "audit" → "Audits", "Prüfungen". */
export function groupName(group: string, lng: string): string {
  const t = serverT(lng, "activity");
  return isGroup(group) ? t(`group.${group}`) : t("group.other");
}

/** The name of one kind of event in the filter: "auth.sign_in" → "Signed in", "Angemeldet". */
export function eventName(action: string, lng: string): string {
  const t = serverT(lng, "activity");
  return isAction(action) ? (t as unknown as (key: string) => string)(`event.${action}`) : t("event.other");
}

/** A catalog key's text in `lng`, or null when no catalog has it (an enumeration's code this version does not know). */
function lookUp(lng: string, key: string): string | null {
  const text = translateMessage(lng, key);
  const bare = key.slice(key.indexOf(":") + 1);
  return text === key || text === bare || !/^[a-z]+:[A-Za-z0-9_.]+$/.test(key) ? null : text;
}

/** The one way the log is put into words, in the reader's language. An action without a sentence (an old code) says so plainly. */
export function describeEvent(entry: LogEntry, names: LogNames, lng = "en"): string {
  const t = serverT(lng, "activity");
  const f = formatsFor(lng);
  const d = parseDetails(entry.details);
  const idOf = (id: unknown) => (typeof id === "number" ? id : typeof id === "string" && /^\d+$/.test(id) ? Number(id) : null);
  const named = (table: Record<number, string>, kind: "person" | "supplier" | "organisation") => (id: unknown) => {
    const n = idOf(id);
    if (n !== null && table[n]) return table[n];
    return n !== null ? t(`value.${kind}Numbered`, { n: String(n) }) : t(`value.${kind}Unknown`);
  };
  const target = entry.targetType === "user" ? named(names.users, "person")(entry.targetId) : entry.targetType === "supplier" ? named(names.suppliers, "supplier")(entry.targetId) : (entry.targetId ?? "");
  const text = (key: string) => (typeof d[key] === "string" ? (d[key] as string) : typeof d[key] === "number" ? String(d[key]) : "");
  const label = (prefix: string, code: unknown, fallback: string) => (typeof code === "string" && /^[a-z0-9_.]+$/.test(code) ? (lookUp(lng, `${prefix}.${code}`) ?? fallback) : fallback);
  const said: Said = {
    t,
    lng,
    f,
    who: entry.actorName ?? t("value.platform"),
    target,
    id: entry.targetId ?? "",
    d,
    text,
    quote: (value) => t("value.quoted", { text: typeof value === "string" || typeof value === "number" ? String(value) : "" }),
    num: (key) => (typeof d[key] === "number" ? (d[key] as number) : null),
    count: (key) => (typeof d[key] === "number" ? f.number(d[key] as number) : t("value.unknownNumber")),
    plural: (key) => (typeof d[key] === "number" ? (d[key] as number) : 99),
    org: named(names.orgs, "organisation"),
    supplier: named(names.suppliers, "supplier"),
    user: named(names.users, "person"),
    when: (value) => (typeof value === "number" || (typeof value === "string" && !Number.isNaN(Date.parse(value))) ? f.dateTime(value) : t("value.unknownTime")),
    day: (value) => (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) ? f.date(value) : typeof value === "string" && value ? value : t("value.unknownDay")),
    label,
    indicator: (code) => label("indicators:ilo", code, "") || label("indicators:recruitment", code, t("value.someIndicator")),
  };
  const sentence = isAction(entry.action) ? SENTENCES[entry.action] : undefined;
  return sentence ? sentence(said) : t("sentence.unknown", { who: said.who });
}

export function parseDetails(details: unknown): Record<string, unknown> {
  if (details && typeof details === "object") return details as Record<string, unknown>;
  if (typeof details !== "string" || !details) return {};
  try {
    const parsed: unknown = JSON.parse(details);
    return parsed && typeof parsed === "object" ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The ids a page of entries names, to be resolved to names in one query per table. */
export function namedIds(entries: LogEntry[]): { orgs: number[]; suppliers: number[]; users: number[] } {
  const orgs = new Set<number>();
  const suppliers = new Set<number>();
  const users = new Set<number>();
  const add = (set: Set<number>, v: unknown) => {
    if (typeof v === "number" && Number.isSafeInteger(v)) set.add(v);
    else if (typeof v === "string" && /^\d{1,15}$/.test(v)) set.add(Number(v));
  };
  for (const e of entries) {
    const d = parseDetails(e.details);
    add(orgs, d.to);
    add(orgs, d.regulatorId);
    add(orgs, d.companyOrgId);
    add(orgs, d.buyerOrgId);
    add(orgs, d.supplierOrgId);
    add(orgs, d.supplierOrg);
    add(orgs, d.buyerOrg);
    add(suppliers, d.supplierId);
    if (e.targetType === "supplier") add(suppliers, e.targetId);
    if (e.targetType === "user") add(users, e.targetId);
  }
  return { orgs: [...orgs], suppliers: [...suppliers], users: [...users] };
}
