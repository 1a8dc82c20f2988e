/**
 * A filing's answers for the governments' own forms (issue 21 item 2): `/filings/:id/uk-registry.csv`
 * (the UK statement registry's row) and `/filings/:id/s211-questionnaire.csv` (Public Safety
 * Canada's questionnaire). Drawn from the same data the filing's PDF is issued from, so only from an
 * approved statement; another organisation's filing answers like a missing one.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/guard.server";
import { NotFound } from "~/domain/errors";
import { filingData, ownFiling } from "~/domain/filings/filings.server";
import { recordEvent } from "~/domain/activity-log/activity-log.server";
import { idParam, withDomainErrors } from "~/lib/actions.server";
import { verifyUrlOf } from "~/lib/public-url.server";
import { s211QuestionnaireCsv, ukRegistryCsv } from "#reports/filing-exports";
import { reportLanguage } from "#reports/lib/words";

const FORMS = { "uk-registry": "uk_msa", "s211-questionnaire": "ca_s211" } as const;

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, params, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  const filingId = idParam(params.filingId);
  const form = params.form as keyof typeof FORMS;
  const filing = await ownFiling(context.db, session, filingId);
  if (!Object.hasOwn(FORMS, form) || FORMS[form] !== filing.regime) throw new NotFound();
  const language = reportLanguage(new URL(request.url).searchParams.get("language") ?? (form === "uk-registry" ? "en" : context.locale));
  const { data } = await filingData(context.db, session, filingId);
  // The registry asks where the statement is published; until the company says, the issued report's verify address.
  const url = new URL(request.url).searchParams.get("url")?.trim() ?? "";
  const statementUrl = /^https?:\/\/[^\s]{1,2000}$/.test(url) ? url : filing.reportId ? verifyUrlOf(context.publicBaseUrl, filing.reportId) : "";
  const csv = form === "uk-registry" ? ukRegistryCsv(data, statementUrl) : s211QuestionnaireCsv(data, language);
  await recordEvent(context.db, { action: "export.filing", actorUserId: session.user.id, orgId: filing.orgId, targetType: "filing", targetId: filingId, ip: context.ip, details: { form } });
  return new Response("\uFEFF" + csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${form}-${filing.id}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
});
