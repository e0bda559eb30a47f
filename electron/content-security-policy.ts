// The Content-Security-Policy of the desktop window, sent as a response HEADER (by the app://
// protocol and again by the session's header hook), never only as a <meta> tag.

/**
 * CSP of the renderer page. Scripts and workers only from the app's own origin (no eval, no
 * inline script); styles may be inline (CodeMirror injects its theme as style elements); images
 * from the app, the open site's files and inline `data:`/`blob:` images; no plugins, frames,
 * forms, `<base>` or network access beyond the app origin.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' inkpost-site: data: blob:",
  "media-src 'self' inkpost-site:",
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
