import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { IntakeForm, Receipt, type IntakeAnswer } from "~/components/grievances/intake-form";
import { serverT } from "~/i18n/i18n.server";
import { intakeAction, intakePage, workerPageHeaders } from "~/lib/grievance-intake.server";
import { withDomainErrors } from "~/lib/http-errors.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];
export const headers = workerPageHeaders;
export const handle = { scripts: false };

/**
 * The general page, for a workplace without a poster: the worker first chooses the country (a GET
 * form, no script), then sees who could receive the report there and says where it happens.
 */
export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, context }: LoaderFunctionArgs) => {
  const typed = (new URL(request.url).searchParams.get("country") ?? "").toUpperCase();
  const page = await intakePage(context, null, null);
  const country = page.countries.includes(typed) ? typed : null;
  return { ...(country ? await intakePage(context, null, country) : page), country, title: serverT(context.locale, "public")("report.metaTitle") };
});

export const action = /* @__PURE__ */ withDomainErrors(async ({ request, context }: ActionFunctionArgs) => intakeAction(request, context, null));

export default function GeneralReport() {
  const page = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>() as IntakeAnswer | undefined;
  if (answer?.receipt) return <Receipt receipt={answer.receipt} />;
  // After a refused POST the country comes back with the input.
  const country = page.country ?? answer?.values?.country ?? null;
  return <IntakeForm page={page} answer={answer} general country={country} />;
}
