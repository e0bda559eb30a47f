import type { AppService, HostInfo } from '../../shared/services/app-service'
import { ServiceError } from '../../shared/services/service-error'

/** Dependencies of AppServiceImpl. */
export interface AppServiceDeps {
  host: HostInfo
  /** Opens a URL in the system browser (Electron: shell.openExternal). Absent in browser mode, where the renderer opens a tab itself. */
  openExternal?: (url: string) => Promise<void>
}

/** Only these URL schemes may leave the app. */
const EXTERNAL_SCHEMES = new Set(['http:', 'https:', 'mailto:'])

/** Host facts and opening external links (validated to http/https/mailto). */
export class AppServiceImpl implements AppService {
  constructor(private readonly deps: AppServiceDeps) {}

  async info(): Promise<HostInfo> {
    return { ...this.deps.host }
  }

  async openExternal(url: string): Promise<void> {
    if (typeof url !== 'string') throw new ServiceError('invalid-argument', 'openExternal needs a URL string')
    let parsed: URL
    try {
      parsed = new URL(url)
    } catch {
      throw new ServiceError('invalid-argument', `Not a valid URL: ${url.slice(0, 200)}`)
    }
    if (!EXTERNAL_SCHEMES.has(parsed.protocol)) throw new ServiceError('invalid-argument', `Refusing to open a ${parsed.protocol} link; only http, https and mailto links open outside the app`)
    if (this.deps.openExternal) await this.deps.openExternal(parsed.href)
  }
}
