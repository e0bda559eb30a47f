// URLs of the desktop app's two custom schemes (no Electron import, so plain services and tests can use them).

/** Scheme and host of the renderer; `APP_ORIGIN + '/index.html'` is the window's only page. */
export const APP_SCHEME = 'app'
/** Host part of every renderer URL. */
export const APP_HOST = 'inkpost'
/** Origin of the renderer, as Chromium reports it for a standard scheme. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
/** The page the window loads. */
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`
/** Scheme serving the open site's public files; `SITE_FILE_BASE + '/images/x.png'` is `public/images/x.png`. */
export const SITE_SCHEME = 'inkpost-site'
/** Host part of every site-file URL. */
export const SITE_HOST = 'site'
/** What `app.info().siteFileBase` reports in Electron. */
export const SITE_FILE_BASE = `${SITE_SCHEME}://${SITE_HOST}`

/** True for a URL of the renderer's own origin (`app://inkpost/…`); anything else is foreign. */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url)
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && !parsed.username && !parsed.password
  } catch {
    return false
  }
}

/** URL schemes the window may hand to the system browser or mail client. */
export const EXTERNAL_PROTOCOLS: readonly string[] = ['http:', 'https:', 'mailto:']
