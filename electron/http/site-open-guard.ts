import { promises as fsp } from 'node:fs'
import path from 'node:path'
import type { Services } from '../../shared/ipc/service-contract'
import { ServiceError } from '../../shared/services/service-error'
import type { SiteService } from '../../shared/services/site-service'

/** What the browser host lets `site.open` reach. */
export interface SiteOpenPolicy {
  /** Any folder (`inkpost serve --allow-open`). */
  allowAny: boolean
  /** Folders named on the command line (the served site); the recent-sites list is allowed too. */
  openable: string[]
}

async function real(dir: string): Promise<string> {
  try {
    return await fsp.realpath(dir)
  } catch {
    return path.resolve(dir)
  }
}

/**
 * Wraps the services for the loopback host so `site.open` only reaches the folders the writer
 * chose — the site given on the command line and the recent-sites list — unless the policy allows
 * any folder: a token holder cannot switch the server to an arbitrary folder and read it. The
 * refusal is a clear `unauthorized` error the welcome screen shows.
 */
export function guardSiteOpen(services: Services, policy: SiteOpenPolicy): Services {
  if (policy.allowAny) return services
  const inner = services.site
  const site: SiteService = {
    current: () => inner.current(),
    recent: () => inner.recent(),
    open: async (dir: string) => {
      if (typeof dir === 'string' && path.isAbsolute(dir)) {
        const wanted = await real(dir)
        const allowed = await Promise.all([...policy.openable, ...(await inner.recent())].map(real))
        if (!allowed.includes(wanted)) {
          throw new ServiceError('unauthorized', `Opening ${dir} is refused: in the browser, Inkpost only opens the site it was started with or one from the recent sites. To open any folder, restart with \`inkpost serve --allow-open\`, or run \`inkpost serve ${dir}\`.`)
        }
      }
      return inner.open(dir)
    },
  }
  return { ...services, site }
}
