/**
 * The regulator's view across the companies that submitted reports to it: patterns (risk bands,
 * countries, recruiters several companies use, corridors and their fee practices), never a worker's
 * data and never a group of fewer than five suppliers (k-anonymity.ts).
 */
import { rawAll, rawColumn, rawGet, type Db } from "#db/client";
import type { Group, GroupName, RegulatorSummaryData } from "#reports/types";
import { authorize, type Actor } from "~/auth/permissions.server";
import { countryName } from "../reference/countries.server";
import { activeMethodology } from "../risk/methodology-store.server";
import type { CountryFigures } from "../maps/world-map.server";
import { m49Of } from "../reference/m49-regions";
import { MINIMUM_GROUP } from "./k-anonymity";
import { poolThenSuppress } from "./pooling";
import { m49Name } from "./group-names";
import { sectorFamilyCodeOf, sectorFamilyOf } from "./sector-families";
import type { Loaded } from "./supplier-profile-data.server";

const DAY = 86_400_000;

/** A period of days as times: from its first midnight (UTC) to the midnight after its last day. */
function periodTimes(period: { from: string; to: string }): [Date, Date] {
  return [new Date(Date.parse(`${period.from}T00:00:00Z`)), new Date(Date.parse(`${period.to}T00:00:00Z`) + DAY)];
}

/** Companies with a report submitted to the regulator (in the period, when one is given). */
const BAND_ORDER = ["critical", "high", "medium", "low", "not scored"];
/** Each band's name in the risk catalog. */
const BAND_KEYS: Record<string, string> = { critical: "risk:band.critical", high: "risk:band.high", medium: "risk:band.medium", low: "risk:band.low", "not scored": "risk:band.none" };
/** A band's place from the worst down; pooled groups ("other bands") last. */
const bandRank = (label: string) => {
  const i = BAND_ORDER.indexOf(label);
  return i === -1 ? BAND_ORDER.length : i;
};

export async function submittingCompanies(db: Db, regulatorId: number, period?: { from: string; to: string }): Promise<number[]> {
  const range = period ? `and submitted_at >= ? and submitted_at < ?` : "";
  const args = period ? periodTimes(period) : [];
  return await rawColumn<number>(db, `select distinct org_id from reports where submitted_to = ? ${range} order by org_id`, regulatorId, ...args);
}

/** A country cell: one country (its code, for the map), or a pool of several (no code). */
export type CountryGroup = Group & { code: string | null; scored: number; meanScore: number | null; pooled?: number };

export interface Patterns {
  companies: number;
  suppliers: number;
  /** `higher`: suppliers of the band whose range reaches a higher band (null for critical and unscored: there is none). */
  bands: (Group & { higher: number | null })[];
  countries: CountryGroup[];
  sectors: (Group & { pooled?: number })[];
  sharedRecruiters: Group[];
  corridors: (Group & { charging: number })[];
  /** Groups in no cell shown, even after pooling (every table counted). */
  suppressed: number;
  /** Suppliers counted in those groups (a supplier may count once per table). */
  suppressedSuppliers: number;
  /** Small groups shown inside a pooled cell (a region, a sector family, "other"). */
  pooled: number;
}

/** A weighted mean of pooled means, by how many suppliers each has a score for. */
function pooledMean(groups: readonly { scored: number; meanScore: number | null }[]): number | null {
  const scored = groups.reduce((t, g) => t + g.scored, 0);
  return scored ? groups.reduce((t, g) => t + (g.meanScore ?? 0) * g.scored, 0) / scored : null;
}

export async function jurisdictionPatterns(db: Db, companyIds: number[]): Promise<Patterns> {
  const ids = JSON.stringify(companyIds);
  const inCompanies = `(select value from json_each(?))`;
  const suppliers = (await rawGet<{ n: number }>(db, `select count(*) as n from suppliers where merged_into_id is null and org_id in ${inCompanies}`, ids))!.n;
  let suppressed = 0;
  let suppressedSuppliers = 0;
  let pooled = 0;
  // Every table goes through the same pooling, with the categories that make sense for it; what
  // is left out is added up for the page's sentence ("3 suppliers in 2 groups not shown").
  const keep = <T extends Group>(groups: T[], levels: Parameters<typeof poolThenSuppress<T>>[1], merge: Parameters<typeof poolThenSuppress<T>>[2], rest: Parameters<typeof poolThenSuppress<T>>[3]) => {
    const r = poolThenSuppress(groups, levels, merge, rest);
    suppressed += r.suppressed.groups;
    suppressedSuppliers += r.suppressed.suppliers;
    pooled += r.pooled;
    return r.shown;
  };
  // Beside each band, how many of its suppliers have a range whose top reaches a higher band:
  // a band read alone would make missing data look like safety (methodology 2 stores the range).
  const t = (await activeMethodology(db)).methodology.bands;
  const bands = keep(
    await rawAll<Group & { higher: number | null }>(
      db,
      `select coalesce(risk_band, 'not scored') as label, count(*) as suppliers,
                case when risk_band in ('low', 'medium', 'high') then
                  sum(case when (risk_band = 'low' and risk_score_high >= ?) or (risk_band = 'medium' and risk_score_high >= ?) or (risk_band = 'high' and risk_score_high >= ?) then 1 else 0 end)
                end as higher
         from suppliers where merged_into_id is null and org_id in ${inCompanies} group by risk_band order by 2 desc, 1`,
      t.medium,
      t.high,
      t.critical,
      ids,
    ),
    [],
    (label, small, name) => ({ label, name, suppliers: sum(small), higher: small.reduce((total, g) => total + (g.higher ?? 0), 0) }),
    { label: "other bands (groups under 5)", name: { key: "regulator:pool.otherBands", values: { min: MINIMUM_GROUP } } },
  );
  // Countries: pooled into their M49 sub-region, then region, before anything is left out.
  const countryRows = await rawAll<{ code: string | null; suppliers: number; companies: number; scored: number; meanScore: number | null }>(
    db,
    `select country as code, count(*) as suppliers, count(distinct org_id) as companies, count(risk_score) as scored, avg(risk_score) as meanScore
       from suppliers where merged_into_id is null and org_id in ${inCompanies} group by country order by 2 desc, 1`,
    ids,
  );
  const countries = keep<CountryGroup>(
    countryRows.map((g) => ({
      label: g.code ? `${countryName(g.code)} (${g.code})` : "Unknown",
      name: (g.code ? { key: "regulator:pool.country", values: { country: { country: g.code }, code: g.code } } : { key: "regulator:pool.unknownCountry" }) as GroupName,
      code: g.code,
      suppliers: g.suppliers,
      companies: g.companies,
      scored: g.scored,
      meanScore: g.meanScore === null ? null : Number(g.meanScore),
    })),
    [
      (g) => (g.code && m49Of(g.code) ? { key: m49Of(g.code)!.subRegion, label: m49Of(g.code)!.subRegion, name: { key: "regulator:pool.area", values: { area: m49Name(m49Of(g.code)!.subRegion) } } } : null),
      // After the sub-regions: the rest of the region (a sub-region shown above is not in it).
      (g) => (g.code && m49Of(g.code) ? { key: m49Of(g.code)!.region, label: `Rest of ${m49Of(g.code)!.region}`, name: { key: "regulator:pool.restOf", values: { area: m49Name(m49Of(g.code)!.region) } } } : null),
    ],
    (label, small, name) => ({
      label: `${label}: ${small.length} countries under 5 each`,
      name: { key: "regulator:pool.countries", values: { group: name ?? label, count: small.length, min: MINIMUM_GROUP } },
      code: null,
      suppliers: sum(small),
      scored: small.reduce((total, g) => total + g.scored, 0),
      meanScore: pooledMean(small),
    }),
    { label: "other countries", name: { key: "regulator:pool.otherCountries" } },
  );
  // Sectors: pooled into their ISIC section (sector-families.ts).
  const sectors = keep(
    (await rawAll<Group>(db, `select coalesce(sector, '') as label, count(*) as suppliers, count(distinct org_id) as companies from suppliers where merged_into_id is null and org_id in ${inCompanies} group by 1 order by 2 desc, 1`, ids)).map((g) => ({
      ...g,
      label: g.label.trim() || "Not stated",
      // A sector is the data's own word; only "not stated" is the platform's.
      ...(g.label.trim() ? {} : { name: { key: "regulator:pool.sectorNotStated" } }),
    })),
    [(g) => (sectorFamilyOf(g.label) ? { key: sectorFamilyOf(g.label)!, label: sectorFamilyOf(g.label)!, name: { key: `regulator:isic.${sectorFamilyCodeOf(g.label)!}` } } : null)],
    (label, small, name) => ({ label: `${label}: ${small.length} sectors under 5 each`, name: { key: "regulator:pool.sectors", values: { group: name ?? label, count: small.length, min: MINIMUM_GROUP } }, suppliers: sum(small) }),
    { label: "other sectors", name: { key: "regulator:pool.otherSectors" } },
  );
  // The same agency in several companies' lists: matched by normalised name and country.
  const sharedRecruiters = keep(
    await rawAll<Group>(
      db,
      `select min(r.name) as label, count(distinct r.org_id) as companies, count(distinct sr.supplier_id) as suppliers
         from recruiters r left join supplier_recruiters sr on sr.recruiter_id = r.id
         where r.org_id in ${inCompanies} and r.name_key is not null group by r.name_key having count(distinct r.org_id) >= 2 order by 3 desc, 1`,
      ids,
    ),
    [],
    (label, small, name) => ({ label: `${label} (${small.length} recruiters)`, name: { key: "regulator:pool.recruiters", values: { group: name ?? label, count: small.length } }, suppliers: sum(small) }),
    { label: "other shared recruiters", name: { key: "regulator:pool.otherRecruiters" } },
  );
  // Corridors: pooled by the sub-regions, then the regions, at both ends.
  const corridorRows = await rawAll<{ origin: string; destination: string; suppliers: number; charging: number; companies: number }>(
    db,
    `select sr.origin_country as origin, s.country as destination, count(distinct s.id) as suppliers,
              count(distinct case when r.fees_charged_to_workers = ? then s.id end) as charging, count(distinct s.org_id) as companies
       from supplier_recruiters sr join suppliers s on s.id = sr.supplier_id join recruiters r on r.id = sr.recruiter_id
       where s.org_id in ${inCompanies} and s.merged_into_id is null and sr.origin_country != '' and s.country is not null group by 1, 2 order by 3 desc, 1, 2`,
    true, // a boolean on PostgreSQL, 1 on SQLite (the column's own type on each)
    ids,
  );
  const ends = (c: { origin: string; destination: string }, level: "subRegion" | "region") => {
    const from = m49Of(c.origin);
    const to = m49Of(c.destination);
    return from && to
      ? {
          key: `${from[level]}|${to[level]}`,
          label: `${from[level]} → ${to[level]}${level === "region" ? " (other corridors)" : ""}`,
          name: { key: level === "region" ? "regulator:pool.corridorOther" : "regulator:pool.corridor", values: { from: m49Name(from[level]), to: m49Name(to[level]) } },
        }
      : null;
  };
  const corridors = keep(
    corridorRows.map((c) => ({
      label: `${countryName(c.origin)} → ${countryName(c.destination)}`,
      name: { key: "regulator:pool.corridor", values: { from: { country: c.origin }, to: { country: c.destination } } } as GroupName,
      origin: c.origin,
      destination: c.destination,
      suppliers: c.suppliers,
      companies: c.companies,
      charging: c.charging,
    })),
    [(c) => ends(c, "subRegion"), (c) => ends(c, "region")],
    (label, small, name) => ({
      label: `${label}: ${small.length} corridors`,
      name: { key: "regulator:pool.corridors", values: { group: name ?? label, count: small.length } },
      origin: "",
      destination: "",
      suppliers: sum(small),
      companies: 0,
      charging: small.reduce((total, c) => total + c.charging, 0),
    }),
    { label: "other corridors", name: { key: "regulator:pool.otherCorridors" } },
  ).map(({ origin: _o, destination: _d, ...c }) => c);
  return {
    companies: companyIds.length,
    suppliers,
    // In the order of severity, not of size: a reader scans bands from the worst down.
    bands: [...bands]
      .sort((a, b) => bandRank(a.label) - bandRank(b.label))
      .map((b) => ({ ...b, label: b.label[0]!.toUpperCase() + b.label.slice(1), name: b.name ?? { key: BAND_KEYS[b.label] ?? "risk:band.unknown" } })),
    countries,
    sectors,
    sharedRecruiters,
    corridors,
    suppressed,
    suppressedSuppliers,
    pooled,
  };
}

/**
 * The regulator's map, fed only from the k-anonymised table: a country is coloured only when it is
 * a row of its own (five suppliers or more); a pooled or left-out country is not coloured, named
 * or counted on the map.
 */
export function mapFigures(countries: readonly CountryGroup[]): CountryFigures[] {
  return countries.filter((c): c is CountryGroup & { code: string } => c.code !== null && !c.pooled).map((c) => ({ country: c.code, suppliers: c.suppliers, scored: c.scored, meanScore: c.meanScore }));
}

/** The jurisdiction view's figures for the regulator the actor acts for (across every company that submitted to it). */
export async function regulatorPatterns(db: Db, actor: Actor): Promise<Patterns> {
  const orgId = actor.membership?.orgId ?? -1;
  authorize(actor, "regulator.portal", { orgId });
  return await jurisdictionPatterns(db, await submittingCompanies(db, orgId));
}

const sum = (groups: readonly { suppliers: number }[]) => groups.reduce((t, g) => t + g.suppliers, 0);

export async function regulatorSummaryData(db: Db, actor: Actor, period: { from: string; to: string }): Promise<Loaded<RegulatorSummaryData>> {
  const orgId = actor.membership?.orgId ?? -1;
  authorize(actor, "regulator.portal", { orgId });
  const companyIds = await submittingCompanies(db, orgId, period);
  const submissions = await rawAll<{ company: string; reportId: string; title: string; submittedAt: number; supersedes: string | null }>(
    db,
    `select o.name as company, r.id as reportId, r.title, r.submitted_at as submittedAt, r.supersedes
       from reports r join organisations o on o.id = r.org_id where r.submitted_to = ? and r.submitted_at >= ? and r.submitted_at < ? order by r.submitted_at, r.id`,
    orgId,
    ...periodTimes(period),
  );
  const patterns = await jurisdictionPatterns(db, companyIds);
  // Null when there is none (a time column coalesced with 0 is an error on PostgreSQL).
  const latest = (await rawGet<{ suppliersAt: number | null; scoresAt: number | null }>(
    db,
    `select (select max(coalesce(updated_at, created_at)) from suppliers where org_id in (select value from json_each(?))) as suppliersAt,
                (select max(computed_at) from risk_scores where org_id in (select value from json_each(?))) as scoresAt`,
    JSON.stringify(companyIds),
    JSON.stringify(companyIds),
  ))!;
  const dataAsOf = Math.max(0, ...submissions.map((s) => s.submittedAt), latest.suppliersAt ?? 0, latest.scoresAt ?? 0);
  const data: RegulatorSummaryData = {
    regulator: actor.membership!.orgName,
    period,
    submissions: submissions.map((s) => ({ ...s, submittedAt: new Date(s.submittedAt).toISOString().slice(0, 10) })),
    minimumGroup: MINIMUM_GROUP,
    ...patterns,
  };
  return { data, dataAsOf, methodologyVersion: null, referenceVersions: [], references: [] };
}
