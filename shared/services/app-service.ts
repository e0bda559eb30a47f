/** Facts about the host the renderer runs in. */
export interface HostInfo {
  mode: 'electron' | 'browser'
  /** Prefix that turns a site URL like `/images/x.png` into a loadable URL: `/site-file` (browser) or `inkpost-site://site` (Electron). */
  siteFileBase: string
  version: string
}

/** Host-level calls that are not about one file. */
export interface AppService {
  info(): Promise<HostInfo>
  /** Opens an external http(s)/mailto URL in the system browser (Electron) or a new tab (browser mode, done by the renderer). */
  openExternal(url: string): Promise<void>
}
