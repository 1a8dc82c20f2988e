/**
 * The worker's intake, shared by /g/<token> (a workplace's channel) and /report (the general page):
 * what the page shows before the worker sends (who may receive it), and the POST (an upload: up to
 * three files, checked like evidence). The order of refusals matters: the honeypot and the signed
 * form time are checked before any file is stored; a refused file refuses the whole report, with
 * the input kept and nothing stored; a report refused after its files were stored removes them.
 */
import path from "node:path";
import type { AppLoadContext } from "@remix-run/node";
import { Invalid, InputError } from "~/domain/errors";
import { checkFormTime, formTimeToken } from "~/domain/grievances/form-time.server";
import { submitGrievance } from "~/domain/grievances/intake.server";
import { isSmallWorkplace, partiesFor, reportCountries, type Channel } from "~/domain/grievances/routing.server";
import { IntakeSchema } from "~/domain/grievances/schemas";
import { translateMessage } from "~/i18n/i18n.server";
import { discardStoredEvidence, storeEvidenceFiles, type StoredEvidence } from "./evidence.server";
import { failure, runAction } from "./actions.server";
import { stripPhotoMetadata, UnreadablePhoto } from "./photo-metadata.server";
import { discardUpload, readUpload, uploadedFiles } from "./upload.server";

export const MAX_FILES = 3;
/** Three phone photos; the evidence store refuses any one file over its own limit. */
export const INTAKE_UPLOAD_LIMIT = 30 * 1024 * 1024;

/**
 * The worker pages are never cached (a shared phone's back button, a proxy). Their referrer policy
 * is the server's `same-origin` (server.ts): no other site learns the /g/<token> address a reader
 * came from. Not `no-referrer`: under it a browser sends `Origin: null` with the form's POST, which
 * the cross-site checks (server.ts and Remix's) rightly refuse, so no worker could send the form.
 */
export const workerPageHeaders = () => ({ "Cache-Control": "no-store" });

/** What the intake form shows: the channel's workplace, each party with its organisations, and a fresh form-time token. */
export async function intakePage(context: AppLoadContext, channel: Channel | null, country: string | null) {
  const parties = await partiesFor(context.db, channel, country);
  return {
    workplace: channel ? { name: channel.workplaceName, postedBy: channel.orgName, country: channel.country, small: channel.supplierId !== null && isSmallWorkplace(channel.workersTotal) } : null,
    parties: parties.map((p) => ({ party: p.party, names: p.orgs.map((o) => o.name) })),
    formTime: formTimeToken(),
    countries: channel ? [] : await reportCountries(context.db),
  };
}

/** The evidence store's refusals in the worker's words (the worker languages carry only `public`). */
const FILE_REFUSALS: Record<string, string> = {
  "common:evidence.empty": "public:report.errors.fileEmpty",
  "common:evidence.tooLarge": "public:report.errors.fileTooLarge",
  "common:evidence.wrongType": "public:report.errors.fileType",
};

/** What a worker may send, as the form says: photos and PDFs (office documents carry their author's name; text can be typed). */
const WORKER_FILE_TYPES = ["image/jpeg", "image/png", "application/pdf"] as const;

/**
 * Stores a worker's files like evidence, then cleans each photo of its metadata (place, time,
 * phone: photo-metadata.server.ts) before anything else can read it. One refused file refuses all:
 * the ones already stored are removed.
 */
export async function storeWorkerFiles(files: Parameters<typeof storeEvidenceFiles>[0], context: AppLoadContext, field: string): Promise<StoredEvidence[]> {
  if (files.length > MAX_FILES) throw new Invalid(field, "public:report.errors.tooManyFiles", { max: MAX_FILES });
  let stored: StoredEvidence[];
  try {
    stored = storeEvidenceFiles(files, path.join(context.uploads.dir, "grievances"), field, WORKER_FILE_TYPES);
  } catch (error) {
    if (error instanceof InputError && FILE_REFUSALS[error.message]) throw new Invalid(field, FILE_REFUSALS[error.message]!, error.values);
    throw error;
  }
  try {
    const cleaned: StoredEvidence[] = [];
    for (const file of stored) cleaned.push(await stripPhotoMetadata(file));
    return cleaned;
  } catch (error) {
    discardStoredEvidence(stored);
    if (error instanceof UnreadablePhoto) throw new Invalid(field, "public:report.errors.fileUnreadable", { name: error.fileName });
    throw error;
  }
}

export async function intakeAction(request: Request, context: AppLoadContext, channel: Channel | null) {
  const upload = await readUpload(request, context.uploads.dir, INTAKE_UPLOAD_LIMIT, context.locale);
  if (!upload.ok) return failure({ files: translateMessage(context.locale, "public:report.errors.filesTotal", { max: INTAKE_UPLOAD_LIMIT / 1024 / 1024 }) }, {}, undefined, {}, { status: 413 });
  try {
    return await runAction(
      upload.form,
      IntakeSchema,
      async (input) => {
        if (input.website) throw new Invalid("form", "public:report.errors.robot");
        checkFormTime(input.formTime);
        const stored = await storeWorkerFiles(uploadedFiles(upload, "files"), context, "files");
        try {
          const result = await submitGrievance(context.db, {
            channel,
            input: { ...input, country: channel ? null : input.country, language: context.locale },
            files: stored,
            ip: context.ip,
          });
          return { ok: true as const, receipt: { caseCode: result.caseCode, secret: result.secret, reached: result.reached } };
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
