const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; worker-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";

/** One year: the browser keeps to https for this long after its last visit. */
export const HSTS_MAX_AGE_S = 365 * 24 * 60 * 60;

const COMMON = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

const PLAIN = { ...COMMON, 'content-security-policy': CONTENT_SECURITY_POLICY };

const SECURE = {
  ...COMMON,
  // Any http: address the page might name is fetched over https instead. Never over plain http:
  // there it would upgrade the page's own same-origin requests to an https that is not served.
  'content-security-policy': `${CONTENT_SECURITY_POLICY}; upgrade-insecure-requests`,
  // Only where the browser reached us over https (RFC 6797 has browsers ignore it on plain http
  // anyway, and a server without a certificate must never ask for https).
  'strict-transport-security': `max-age=${HSTS_MAX_AGE_S}; includeSubDomains`,
};

/**
 * The headers on every answer. `protocol` is Fastify's `request.protocol`: `https` when the
 * connection is TLS, or when a trusted reverse proxy (MEJA_TRUST_PROXY) says in
 * `X-Forwarded-Proto` that the browser reached it over https.
 */
export const securityHeadersFor = (protocol: string | undefined): Readonly<Record<string, string>> => (protocol === 'https' ? SECURE : PLAIN);
