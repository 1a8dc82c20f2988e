import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guard.server";
import { CompanyHome, InspectorateHome, PlatformHome, RegulatorHome, UnionHome } from "~/components/home/homes";
import { countryName } from "~/domain/reference/countries.server";
import { organisationProfile } from "~/domain/organisations/organisations.server";
import { platformOverview } from "~/domain/organisations/platform.server";
import { companyDashboard } from "~/domain/dashboard/dashboard.server";
import { inspectorateOverview } from "~/domain/audits/overview.server";
import { withDomainErrors } from "~/lib/http-errors.server";

export const meta: MetaFunction = () => [{ title: "Home · Labour Due Diligence" }];

/** One home page per kind of organisation; the platform admin without one gets the operator's. */
export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  const m = session.membership;
  const greeting = { name: session.user.name, orgName: m?.orgName ?? null };
  if (!m) return { kind: "platform" as const, greeting, overview: await platformOverview(context.db, session) };
  const { places } = await organisationProfile(context.db, session, m.orgId);
  switch (m.orgType) {
    case "company": {
      const dashboard = await companyDashboard(context.db, session, m.orgId);
      const codes = new Set([...dashboard.heatmap.countries, ...dashboard.corridors.flatMap((c) => [c.origin, c.destination])]);
      return {
        kind: "company" as const,
        greeting,
        dashboard,
        countryName: Object.fromEntries([...codes].map((c) => [c, c === "—" ? "Unknown" : countryName(c)])),
      };
    }
    case "inspectorate":
      return { kind: "inspectorate" as const, greeting, places, overview: await inspectorateOverview(context.db, session) };
    case "union":
      return { kind: "union" as const, greeting, places };
    case "regulator":
      return { kind: "regulator" as const, greeting, places };
  }
});

export default function Home() {
  const data = useLoaderData<typeof loader>();
  switch (data.kind) {
    case "platform":
      return <PlatformHome greeting={data.greeting} overview={data.overview} />;
    case "company":
      return <CompanyHome greeting={data.greeting} dashboard={data.dashboard} countryName={data.countryName} />;
    case "inspectorate":
      return <InspectorateHome greeting={data.greeting} places={data.places} overview={data.overview} />;
    case "union":
      return <UnionHome greeting={data.greeting} places={data.places} />;
    case "regulator":
      return <RegulatorHome greeting={data.greeting} places={data.places} />;
  }
}
