/** CSP of the app page: only our own scripts; images also from data:/blob:/https (posts may embed remote images). */
export const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: https:",
  "media-src 'self' data: blob: https:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

/**
 * CSP of the app's own scripts. A worker runs under the policy of its script's response: the
 * app's, plus WebAssembly compilation (not eval) for the highlighter's regex engine in the parse worker.
 */
export const SCRIPT_CSP = APP_CSP.replace("script-src 'self'", "script-src 'self' 'wasm-unsafe-eval'")

/** CSP for site files: an SVG or HTML file from the site can never run script in our origin, nor be framed. */
export const SITE_FILE_CSP = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; frame-ancestors 'none'; sandbox"

/** CSP for API answers, the event stream and error pages that are not HTML: nothing may load or run. */
export const DATA_CSP = "default-src 'none'; frame-ancestors 'none'; sandbox"

/**
 * Headers every response of the loopback host carries (HTML, API, SSE, site files, 4xx): no MIME
 * sniffing, no Referer (the page never leaks its address), no framing, and neither other origins'
 * windows (COOP) nor their `<img>`/`<script>` (CORP) may get at our responses. Each response adds
 * its own Content-Security-Policy.
 */
export const REQUIRED_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
}

/** Headers of the app's HTML page (and the host's own HTML error pages). */
export const HTML_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': APP_CSP,
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
  'cache-control': 'no-cache',
}
