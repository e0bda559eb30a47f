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
 * CSP for files served from the site's public folder: they are images and media, never
 * documents, so even an SVG opened on its own cannot run script (`sandbox`).
 */
export const SITE_FILE_CSP = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; sandbox"
