import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guard.server";
import { CompanyHome, InspectorateHome, PlatformHome, RegulatorHome, SupplierHome, UnionHome } from "~/components/home/homes";
import { countryNames } from "~/domain/reference/countries.server";
import { organisationProfile } from "~/domain/organisations/organisations.server";
import { companyDashboard } from "~/domain/dashboard/dashboard.server";
import { companyHome } from "~/domain/home/company.server";
import { inspectorateHome } from "~/domain/home/inspectorate.server";
import { platformHome } from "~/domain/home/platform.server";
import { regulatorHome } from "~/domain/home/regulator.server";
import { supplierHome } from "~/domain/home/supplier.server";
import { unionHome } from "~/domain/home/union.server";
import { withDomainErrors } from "~/lib/http-errors.server";
import { serverT } from "~/i18n/i18n.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => (data ? [{ title: `${data.title} · ${data.site}` }] : []);

/** One home page per kind of organisation (app/domain/home/), the platform admin without one gets the operator's. */
export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  const m = session.membership;
  const greeting = { name: session.user.name, orgName: m?.orgName ?? null };
  const common = serverT(context.locale, "common");
  // The page's title, in the reader's language (meta cannot use the hooks).
  const page = { title: serverT(context.locale, "home")("meta.title"), site: common("site.name") };
  if (!m) return { kind: "platform" as const, ...page, greeting, home: await platformHome(context.db, session) };
  const country = countryNames(context.locale);
  const places = (await organisationProfile(context.db, session, m.orgId)).places.map((p) => ({ ...p, name: country(p.code) }));
  switch (m.orgType) {
    case "company": {
      const home = await companyHome(context.db, session, m.orgId);
      const dashboard = await companyDashboard(context.db, session, m.orgId);
      const codes = new Set([...dashboard.heatmap.countries, ...dashboard.corridors.flatMap((c) => [c.origin, c.destination]), ...(dashboard.byCountry ?? []).map((c) => c.country)]);
      return {
        kind: "company" as const,
        ...page,
        greeting,
        home,
        dashboard,
        countryName: Object.fromEntries([...codes].map((c) => [c, c === "—" ? common("value.unknown") : country(c)])),
      };
    }
    case "inspectorate":
      return { kind: "inspectorate" as const, ...page, greeting, places, home: await inspectorateHome(context.db, session) };
    case "union":
      return { kind: "union" as const, ...page, greeting, places, home: await unionHome(context.db, session) };
    case "regulator":
      return { kind: "regulator" as const, ...page, greeting, places, home: await regulatorHome(context.db, session) };
    case "supplier": {
      const home = await supplierHome(context.db, session);
      const codes = new Set(home.sites.flatMap((s) => (s.country ? [s.country] : [])));
      return { kind: "supplier" as const, ...page, greeting, home, countryName: Object.fromEntries([...codes].map((c) => [c, country(c)])) };
    }
  }
});

export default function Home() {
  const data = useLoaderData<typeof loader>();
  switch (data.kind) {
    case "platform":
      return <PlatformHome greeting={data.greeting} home={data.home} />;
    case "company":
      return <CompanyHome greeting={data.greeting} home={data.home} dashboard={data.dashboard} countryName={data.countryName} />;
    case "inspectorate":
      return <InspectorateHome greeting={data.greeting} places={data.places} home={data.home} />;
    case "union":
      return <UnionHome greeting={data.greeting} places={data.places} home={data.home} />;
    case "regulator":
      return <RegulatorHome greeting={data.greeting} places={data.places} home={data.home} />;
    case "supplier":
      return <SupplierHome greeting={data.greeting} home={data.home} countryName={data.countryName} />;
  }
}
