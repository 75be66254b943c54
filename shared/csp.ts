// The page's Content-Security-Policy, written once: web mode sends it as a header, the Electron
// window adds it to every response, and the Vite build writes it into index.html's meta tag (for
// file:// loads, where there are no headers). Everything is the app's own: no remote script,
// style, font or connection; inline styles only because React sets style attributes.
const policy = (connectSrc: string, extra: readonly string[]): string =>
  [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    `connect-src ${connectSrc}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    ...extra,
  ].join('; ');

/** As an HTTP header (web mode, Electron's session): framing is refused too. */
export const CONTENT_SECURITY_POLICY = policy("'self'", ["frame-ancestors 'none'"]);

/**
 * In the page's meta tag: frame-ancestors is ignored there (browsers say so in the console), and
 * the Vite dev server's hot reload connects over ws to localhost.
 */
export const CONTENT_SECURITY_POLICY_META = policy("'self' ws://127.0.0.1:* ws://localhost:*", []);
