import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/guard.server";
import { recordSupplierExport } from "~/domain/activity-log/exports.server";
import { NotFound } from "~/domain/errors";
import { exportSuppliers, parseSupplierQuery } from "~/domain/suppliers/suppliers.server";
import { toCsv } from "~/lib/csv";
import { withDomainErrors } from "~/lib/http-errors.server";

/** Rows per chunk of the stream: small enough to keep the server responsive between chunks. */
const CHUNK_ROWS = 2000;

/**
 * Downloads every supplier the list's filters select (not only the page shown), in the list's
 * order, with the current score, band, confidence, red flags, methodology version and inputs
 * hash. Streamed in chunks; every cell is neutralised against formula injection.
 *
 * The header stays in machine form (`external_id`, `workers_total`, `risk_band`…) in every
 * language, and so do the values (ISO country codes, band codes, "60.0", ISO times) — issue 18
 * decided so on purpose: the file is meant to be read by programs and re-imported (its column names
 * are the import's own field names, so an edited export goes back through Import unchanged, and the
 * methodology version and inputs hash let anyone recompute a score). A header in the reader's
 * language would make the same export differ by who downloaded it and break that round trip.
 */
export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  if (!session.membership) throw new NotFound();
  const query = parseSupplierQuery(new URL(request.url).searchParams);
  const { fileName, header, read, close } = await exportSuppliers(context.db, session, session.membership.orgId, { ...query, language: context.locale });
  try {
    await recordSupplierExport(context.db, session, session.membership.orgId, query, context.ip);
  } catch (error) {
    await close();
    throw error;
  }
  let headerSent = false;
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const chunk: string[][] = [];
        if (!headerSent) {
          chunk.push(header);
          headerSent = true;
        }
        chunk.push(...(await read(CHUNK_ROWS - chunk.length)));
        // A UTF-8 byte order mark first, so that spreadsheets read the names' accents correctly.
        if (chunk.length) controller.enqueue(encoder.encode((chunk[0] === header ? "\uFEFF" : "") + toCsv(chunk)));
        if (chunk.length < CHUNK_ROWS) {
          await close();
          controller.close();
        }
      } catch (error) {
        await close().catch(() => undefined);
        controller.error(error);
      }
    },
    async cancel() {
      await close();
    },
  });
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
});
