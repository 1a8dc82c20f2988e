import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { IntakeForm, Receipt, type IntakeAnswer } from "~/components/grievances/intake-form";
import { NotFound } from "~/domain/errors";
import { channelByToken } from "~/domain/grievances/routing.server";
import { serverT } from "~/i18n/i18n.server";
import { intakeAction, intakePage, workerPageHeaders } from "~/lib/grievance-intake.server";
import { withDomainErrors } from "~/lib/http-errors.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];
export const headers = workerPageHeaders;
/** No client scripts: the form works as plain HTML, and a cheap phone on a slow line loads less (root.tsx reads this). */
export const handle = { scripts: false };

/** A workplace's channel, the short link on the poster. An unknown or closed link is a plain 404 like any missing page. */
export const loader = /* @__PURE__ */ withDomainErrors(async ({ params, context }: LoaderFunctionArgs) => {
  const channel = await channelByToken(context.db, params.token ?? "");
  if (!channel) throw new NotFound();
  return { ...(await intakePage(context, channel, null)), title: serverT(context.locale, "public")("report.metaTitle") };
});

export const action = /* @__PURE__ */ withDomainErrors(async ({ request, params, context }: ActionFunctionArgs) => {
  const channel = await channelByToken(context.db, params.token ?? "");
  if (!channel) throw new NotFound();
  return intakeAction(request, context, channel);
});

export default function ChannelReport() {
  const page = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>() as IntakeAnswer | undefined;
  if (answer?.receipt) return <Receipt receipt={answer.receipt} />;
  return <IntakeForm page={page} answer={answer} general={false} country={null} />;
}
