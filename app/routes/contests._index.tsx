import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guard.server";
import { ContestList } from "~/components/contests";
import { FilterSelect, FilterSubmit } from "~/components/filters";
import { ContestStatusFilter } from "~/domain/contests/contests.schemas";
import { myContests } from "~/domain/contests/contests.server";
import { serverT } from "~/i18n/i18n.server";
import { withDomainErrors } from "~/lib/http-errors.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "" }];

/** One list, three readers: the company's inbox, the union's own contests, the administrator's method contests. */
export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  const status = ContestStatusFilter.parse(new URL(request.url).searchParams.get("status") || undefined);
  const mine = await myContests(context.db, session, status);
  return {
    ...mine,
    pageTitle: `${serverT(context.locale, "contests")(`list.title.${mine.as}`)} · ${serverT(context.locale, "common")("site.name")}`,
    status: status ?? null,
    contests: mine.contests.map((c) => ({ ...c, createdAt: c.createdAt.getTime(), respondedAt: c.respondedAt?.getTime() ?? null })),
  };
});

export default function Contests() {
  const { as, counts, total, contests, status } = useLoaderData<typeof loader>();
  const { t } = useTranslation("contests");
  const shown = total === 0 ? t("list.noneYet") : status ? t(`list.shown.${status}`, { count: contests.length, total }) : t("list.shown.open", { count: counts.open, total });
  return (
    <>
      <div className="page-header">
        <div>
          <h1>{t(`list.title.${as}`)}</h1>
          <p>
            {t(`list.intro.${as}`)}
            {as === "union" ? (
              <>
                {" "}
                <Trans t={t} i18nKey="list.howToContest" components={{ 1: <Link to="/shared" /> }} />
              </>
            ) : null}
          </p>
        </div>
      </div>
      <Form method="get" className="card filters" aria-label={t("list.filter.label")}>
        <FilterSelect
          name="status"
          label={t("list.filter.status")}
          value={status}
          any={t("list.filter.all", { count: total })}
          options={[
            ["open", t("list.filter.open", { count: counts.open })],
            ["answered", t("list.filter.answered", { count: counts.answered })],
            ["closed", t("list.filter.closed", { count: counts.closed })],
          ]}
        />
        <FilterSubmit />
      </Form>
      <div className="card">
        <h2>{shown}</h2>
        {contests.length === 0 && status ? <p>{t(`list.noneWithStatus.${status}`)}</p> : <ContestList contests={contests} linkTo={(id) => `/contests/${id}`} showSupplier viewer={as} />}
      </div>
    </>
  );
}
