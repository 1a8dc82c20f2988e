/**
 * Server rendering, as Remix's default for Node, plus the Content-Security-Policy: every inline
 * script Remix writes (hydration data, streamed single-fetch chunks) carries this request's nonce,
 * so the policy can forbid every other inline script ('unsafe-inline' is never allowed for scripts).
 */
import { PassThrough } from "node:stream";
import type { ActionFunctionArgs, AppLoadContext, EntryContext, LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { contentSecurityPolicy } from "~/auth/csp";
import { NonceContext } from "~/nonce";

const ABORT_DELAY = 5_000;

/**
 * A page or data answer for a signed-in request holds that person's organisation's data: no
 * browser cache, back-forward cache or shared proxy may keep a copy (a shared computer's next
 * user must not page back into it after sign-out).
 */
function forbidCachingWhenSignedIn(headers: Headers, context: AppLoadContext): void {
  if (context.session) headers.set("Cache-Control", "no-store");
}

/** Single-fetch (`.data`) answers: the same rule as for documents. */
export function handleDataRequest(response: Response, { context }: LoaderFunctionArgs | ActionFunctionArgs): Response {
  forbidCachingWhenSignedIn(response.headers, context);
  return response;
}

export default function handleRequest(request: Request, status: number, headers: Headers, remixContext: EntryContext, loadContext: AppLoadContext) {
  const nonce = loadContext.cspNonce ?? "";
  // Bots (and SPA mode) get the whole document at once; browsers get it streamed.
  const waitForAll = isbot(request.headers.get("user-agent") ?? "") || remixContext.isSpaMode;
  headers.set("Content-Security-Policy", contentSecurityPolicy(nonce));
  forbidCachingWhenSignedIn(headers, loadContext);
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const ready = () => {
      shellRendered = true;
      const body = new PassThrough();
      headers.set("Content-Type", "text/html");
      resolve(new Response(createReadableStreamFromReadable(body), { headers, status }));
      pipe(body);
    };
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceContext.Provider>,
      {
        nonce,
        [waitForAll ? "onAllReady" : "onShellReady"]: ready,
        onShellError: reject,
        onError(error: unknown) {
          status = 500;
          // Errors in the shell reject (and are logged by Remix); later ones are logged here.
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}
