import { ServiceError, serializeError, type SerializedServiceError } from '../services/service-error'
import { SERVICE_METHODS, isContractMethod, type Services } from './service-contract'

/** Outcome of one dispatched call, ready to send back over IPC or HTTP. */
export type DispatchResult = { result: unknown } | { error: SerializedServiceError }

/**
 * The generic host side of the bridge: checks that `service.method` is in the contract and the
 * argument count fits, then calls the implementation. Electron's IPC host and the HTTP host both use it.
 */
export function createDispatcher(services: Services): (service: string, method: string, args: unknown) => Promise<DispatchResult> {
  return async (service, method, args) => {
    try {
      if (typeof service !== 'string' || typeof method !== 'string' || !isContractMethod(service, method)) {
        throw new ServiceError('invalid-argument', `Unknown service method: ${String(service)}.${String(method)}`)
      }
      if (!Array.isArray(args)) throw new ServiceError('invalid-argument', 'Arguments must be an array')
      const [min, max] = (SERVICE_METHODS as unknown as Record<string, Record<string, readonly [number, number]>>)[service][method]
      if (args.length < min || args.length > max) {
        throw new ServiceError('invalid-argument', `${service}.${method} takes ${min === max ? min : `${min}–${max}`} argument(s), got ${args.length}`)
      }
      const impl = (services as unknown as Record<string, Record<string, (...a: unknown[]) => Promise<unknown>>>)[service]
      const result = await impl[method](...args)
      return { result: result === undefined ? null : result }
    } catch (error) {
      return { error: serializeError(error) }
    }
  }
}
