/**
 * The Content-Security-Policy of every page: scripts only from our origin or with this request's
 * nonce (never 'unsafe-inline'), no plugins, no framing by anyone (clickjacking), forms only to
 * ourselves. Inline style attributes stay allowed: the bar charts size their bars with them.
 */
export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}
