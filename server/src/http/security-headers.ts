/**
 * The security headers of every response, computed once. (@fastify/helmet rebuilt its whole
 * configuration, CSP parsing included, on every request: 6 % of a small request's CPU.)
 * Routes that serve something else — file downloads, the API docs — set their own CSP after this.
 *
 * Only headers a current browser acts on: every header is written and checked by Node on every
 * response. Left out as obsolete: X-XSS-Protection (the auditor it switched is gone from every
 * browser; helmet sent it only to say `0`), X-Download-Options (Internet Explorer 8's download
 * dialog), X-DNS-Prefetch-Control (a prefetch hint, not a protection).
 */
export function securityHeaders(opts: { hsts: boolean }): Record<string, string> {
  const csp = [
    "default-src 'self'",
    "base-uri 'self'",
    "font-src 'self' data:",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "img-src 'self' data: blob:",
    "object-src 'none'",
    "script-src 'self'",
    "script-src-attr 'none'",
    // antd writes its styles at run time (CSS-in-JS).
    "style-src 'self' 'unsafe-inline'",
    "connect-src 'self'",
  ].join(';');
  return {
    'content-security-policy': csp,
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'origin-agent-cluster': '?1',
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'x-permitted-cross-domain-policies': 'none',
    ...(opts.hsts && { 'strict-transport-security': 'max-age=31536000; includeSubDomains' }),
  };
}

/**
 * The headers of the document only, which a browser ignores on a script or style it loads: a
 * hashed asset goes without them (about 500 bytes of its 900 of headers, on each of the 50 files a
 * phone's first visit loads). Kept on an asset: nosniff and the cross-origin resource policy.
 */
export const DOCUMENT_ONLY_HEADERS = [
  'content-security-policy',
  'cross-origin-opener-policy',
  'origin-agent-cluster',
  'referrer-policy',
  'x-frame-options',
  'x-permitted-cross-domain-policies',
] as const;
