import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/guard.server";
import { logRows, recordLogExport } from "~/domain/activity-log/activity-log-view.server";
import { toCsv } from "~/lib/csv";
import { readLogFilter } from "./activity-log";
import { withDomainErrors } from "~/lib/http-errors.server";

const CHUNK = 2000;

/** The filtered activity log as CSV, streamed in chunks, every cell neutralised against formula injection. */
export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  const filter = { ...readLogFilter(new URL(request.url)), page: undefined };
  const rows = logRows(context.db, session, filter);
  const first = await rows.next(); // authorises before the response starts
  await recordLogExport(context.db, session, filter, context.ip);
  const encoder = new TextEncoder();
  let pending: string[][] = first.done ? [] : [first.value];
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      while (pending.length < CHUNK) {
        const next = await rows.next();
        if (next.done) break;
        pending.push(next.value);
      }
      if (pending.length) controller.enqueue(encoder.encode(toCsv(pending)));
      const done = pending.length < CHUNK;
      pending = [];
      if (done) controller.close();
    },
  });
  return new Response(body, {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": 'attachment; filename="activity-log.csv"', "Cache-Control": "private, no-store" },
  });
});
