/**
 * The one action behind both record forms of a third-party audit (issue 20 item 5): the supplier's
 * page for its site and the buyer's page for its record. The caller has authorised and found the
 * subject before the body is read (decision 017); this reads the upload, checks the form, stores
 * the report (PDF only: a scheme's report is a PDF) and records the audit. A refused form keeps
 * nothing: the report stored for it is removed again, and the upload's temporary files always.
 */
import type { AppLoadContext } from "@remix-run/node";
import type { Actor } from "~/auth/permissions.server";
import { Invalid } from "~/domain/errors";
import { RecordThirdPartyAuditSchema } from "~/domain/third-party-audits/schemas";
import { checkAuditInput, recordThirdPartyAudit, type AuditSubject } from "~/domain/third-party-audits/third-party-audits.server";
import { serverT } from "~/i18n/i18n.server";
import { failure, runAction } from "./actions.server";
import { discardStoredEvidence, EVIDENCE_MAX_BYTES, storeEvidenceFiles } from "./evidence.server";
import { discardUpload, readUpload, uploadedFile, type UploadedFile } from "./upload.server";

const REPORT_TYPES = ["application/pdf"] as const;

/** The report, stored as evidence; a file that is not a PDF is refused with a sentence that says PDF only. */
function storeReport(files: UploadedFile[], directory: string) {
  try {
    return storeEvidenceFiles(files, directory, "report", REPORT_TYPES);
  } catch (error) {
    if (error instanceof Invalid && error.message === "common:evidence.wrongType") throw new Invalid("report", "suppliers:thirdPartyAudits.errors.reportType", error.values);
    throw error;
  }
}

export async function recordAuditFromForm(request: Request, context: AppLoadContext, actor: Actor, subject: AuditSubject) {
  const upload = await readUpload(request, context.uploads.dir, EVIDENCE_MAX_BYTES, context.locale);
  if (!upload.ok) return failure({ report: serverT(context.locale, "common")("evidence.tooLarge", { max: EVIDENCE_MAX_BYTES / 1024 / 1024 }) }, {}, undefined, {}, { status: 413 });
  try {
    return await runAction(
      upload.form,
      RecordThirdPartyAuditSchema,
      async (input) => {
        // The fields first: a mistyped day is refused before a report is moved into the store.
        checkAuditInput(input, Date.now());
        const file = uploadedFile(upload, "report");
        const stored = storeReport(file ? [file] : [], context.uploads.dir);
        try {
          const row = await recordThirdPartyAudit(context.db, actor, subject, input, stored[0] ?? null, Date.now(), context.ip);
          return { ok: true as const, auditId: row.id };
        } catch (error) {
          discardStoredEvidence(stored);
          throw error;
        }
      },
      context.locale,
    );
  } finally {
    discardUpload(upload);
  }
}
