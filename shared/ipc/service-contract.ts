import type { AppService } from '../services/app-service'
import type { AssetsService } from '../services/assets-service'
import type { LibraryService } from '../services/library-service'
import type { PostService } from '../services/post-service'
import type { PublishService } from '../services/publish-service'
import type { RecoveryService } from '../services/recovery-service'
import type { SiteService } from '../services/site-service'

/** Every service the host offers the window, by name. The one IPC contract for Electron and browser mode. */
export interface Services {
  app: AppService
  site: SiteService
  library: LibraryService
  post: PostService
  recovery: RecoveryService
  assets: AssetsService
  publish: PublishService
}

/** A service name of the contract. */
export type ServiceName = keyof Services

/**
 * The callable methods of each service, with their argument count bounds. Hosts refuse any other
 * service/method pair before it reaches an implementation, so a compromised renderer cannot call
 * arbitrary properties (constructor, __proto__, …).
 */
export const SERVICE_METHODS: { readonly [S in ServiceName]: { readonly [M in keyof Services[S]]: readonly [min: number, max: number] } } = {
  app: { info: [0, 0], openExternal: [1, 1] },
  site: { open: [1, 1], current: [0, 0], recent: [0, 0] },
  library: { list: [0, 1], tags: [0, 0] },
  post: { read: [1, 1], create: [1, 1], save: [3, 4], rename: [2, 2], duplicate: [1, 1], delete: [1, 1], trashList: [0, 0], restore: [1, 1] },
  recovery: { journal: [2, 2], pending: [0, 0], discard: [1, 1] },
  assets: { importImage: [2, 2], describe: [2, 2], report: [0, 0], deleteUnused: [1, 1] },
  publish: { siteIndex: [0, 0], check: [0, 1], export: [1, 2], importCache: [1, 2] },
}

/** True when `service.method` is part of the contract. */
export function isContractMethod(service: string, method: string): boolean {
  const methods = Object.prototype.hasOwnProperty.call(SERVICE_METHODS, service)
    ? (SERVICE_METHODS as Record<string, Record<string, unknown>>)[service]
    : undefined
  return !!methods && Object.prototype.hasOwnProperty.call(methods, method)
}
