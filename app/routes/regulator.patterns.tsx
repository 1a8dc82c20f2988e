import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guard.server";
import { WorldMap } from "~/components/charts/world-map";
import { TableWrap, Th } from "~/components/table-wrap";
import { groupText, type Translate } from "~/domain/reports/group-names";
import { MINIMUM_GROUP } from "~/domain/reports/k-anonymity";
import type { GroupName } from "#reports/types";
import { regulatorPatterns } from "~/domain/reports/regulator-data.server";
import { useFormat } from "~/i18n/format";
import { serverT } from "~/i18n/i18n.server";
import { withDomainErrors } from "~/lib/http-errors.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "" }];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  return {
    pageTitle: `${serverT(context.locale, "regulator")("patterns.title")} · ${serverT(context.locale, "common")("site.name")}`,
    patterns: await regulatorPatterns(context.db, session),
    minimum: MINIMUM_GROUP,
  };
});

/** A group's name in the reader's language (regions, bands, pooled cells); names that are data as they are. */
function useGroupText() {
  const { t } = useTranslation(["regulator", "risk"]);
  const format = useFormat();
  return (g: { label: string; name?: GroupName }) => groupText(g, t as unknown as Translate, format.country);
}

function Groups({ label, rows, extra }: { label: string; rows: { label: string; name?: GroupName; suppliers: number; companies?: number; charging?: number; higher?: number | null }[]; extra?: "companies" | "charging" | "higher" }) {
  const { t } = useTranslation("regulator");
  const format = useFormat();
  const nameOf = useGroupText();
  if (rows.length === 0) return <p className="muted">{t("patterns.tooSmall", { minimum: MINIMUM_GROUP })}</p>;
  return (
    <TableWrap label={label}>
      <table>
        <thead>
          <tr>
            <Th>{label}</Th>
            <Th num>{t("patterns.col.suppliers")}</Th>
            {extra === "companies" ? <Th num>{t("patterns.col.companies")}</Th> : null}
            {extra === "charging" ? <Th num>{t("patterns.col.charging")}</Th> : null}
            {extra === "higher" ? <Th num>{t("patterns.col.higher")}</Th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.label}>
              <td>{nameOf(r)}</td>
              <td className="num">{format.number(r.suppliers)}</td>
              {extra === "companies" ? <td className="num">{format.number(r.companies ?? null)}</td> : null}
              {extra === "charging" ? <td className="num">{format.number(r.charging ?? null)}</td> : null}
              {extra === "higher" ? <td className="num">{format.number(r.higher ?? null)}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

export default function Patterns() {
  const { patterns: p, minimum } = useLoaderData<typeof loader>();
  const { t } = useTranslation("regulator");
  const nameOf = useGroupText();
  return (
    <>
      <p className="breadcrumbs">
        <Link to="/regulator">{t("submitted.title")}</Link> ›
      </p>
      <div className="page-header">
        <div>
          <h1>{t("patterns.title")}</h1>
          <p>{t("patterns.intro", { count: p.companies, suppliers: p.suppliers, minimum })}</p>
          <p>
            {p.pooled ? `${t("patterns.pooled", { count: p.pooled })} ` : ""}
            {p.suppressed ? t("patterns.suppressed", { count: p.suppressed, suppliers: p.suppressedSuppliers, minimum }) : t("patterns.nothingLeftOut")}
          </p>
        </div>
      </div>
      <div className="grid">
        <div className="card">
          <h2>{t("patterns.bands")}</h2>
          <Groups label={t("patterns.band")} rows={p.bands} extra="higher" />
          <p className="muted small">{t("patterns.bandsNote")}</p>
        </div>
        <div className="card">
          <h2>{t("patterns.sectors")}</h2>
          <Groups label={t("patterns.sector")} rows={p.sectors} extra="companies" />
        </div>
      </div>
      <div className="card">
        <h2>{t("patterns.countries")}</h2>
        {p.countries.length === 0 ? (
          <p className="muted">{t("patterns.tooSmall", { minimum: MINIMUM_GROUP })}</p>
        ) : (
          <WorldMap
            src="/regulator/map.svg"
            alt={t("patterns.mapAlt", { count: p.countries.filter((c) => c.code && !c.pooled).length, minimum })}
            rows={p.countries.map((c) => ({ country: c.pooled ? "" : (c.code ?? ""), name: nameOf(c), suppliers: c.suppliers, scored: c.scored, meanScore: c.meanScore }))}
            linkCountry={null}
            note={t("patterns.mapNote", { minimum })}
          />
        )}
      </div>
      <div className="card">
        <h2>{t("patterns.recruiters")}</h2>
        <Groups label={t("patterns.recruiter")} rows={p.sharedRecruiters} extra="companies" />
      </div>
      <div className="card">
        <h2>{t("patterns.corridors")}</h2>
        <Groups label={t("patterns.corridor")} rows={p.corridors} extra="charging" />
      </div>
    </>
  );
}
