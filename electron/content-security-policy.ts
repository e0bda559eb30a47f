// The Content-Security-Policy of the desktop window, sent as a response HEADER (by the app://
// protocol and again by the session's header hook), never only as a <meta> tag.

/**
 * CSP of the renderer page. Scripts and workers only from the app's own origin (no eval, no
 * inline script); styles may be inline (CodeMirror injects its theme as style elements); images
 * and media from the app, the open site's files, `data:`/`blob:` and https (a post may embed
 * remote images, as the blog would show them); no plugins, frames, forms, `<base>`, and no
 * fetch/XHR beyond the app origin. Same policy as the browser-mode host's, plus `inkpost-site:`.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' inkpost-site: data: blob: https:",
  "media-src 'self' inkpost-site: data: blob: https:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "frame-src 'none'",
  "child-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

/**
 * CSP of the app's own scripts. A worker runs under the policy of its script's response, not the
 * page's: this is the page's policy plus WebAssembly compilation (not eval), which the parse
 * worker's highlighter (shiki's oniguruma regex engine, as the 2.13 site uses) needs.
 */
export const SCRIPT_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace("script-src 'self'", "script-src 'self' 'wasm-unsafe-eval'")

/** The CSP for an app URL or path: {@link SCRIPT_CONTENT_SECURITY_POLICY} for a script, the page's otherwise. */
export function appCspFor(urlOrPath: string): string {
  const path = urlOrPath.replace(/[?#].*$/, '')
  return /\.m?js$/i.test(path) ? SCRIPT_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY
}

/**
 * CSP for files served from the site's public folder: they are images and media, never
 * documents, so even an SVG opened on its own cannot run script (`sandbox`).
 */
export const SITE_FILE_CSP = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; sandbox"
