import { ServiceError, serializeError, type SerializedServiceError } from '../services/service-error'
import { validateServiceArgs } from './service-arg-rules'
import { isContractMethod, type Services } from './service-contract'

/** Outcome of one dispatched call, ready to send back over IPC or HTTP. */
export type DispatchResult = { result: unknown } | { error: SerializedServiceError }

/**
 * The generic host side of the bridge: checks that `service.method` is in the contract and that
 * its arguments fit their rules (`service-arg-rules.ts`: count, types, plain data), then calls the
 * implementation. Electron's IPC host and the HTTP host both use it, so arguments are validated
 * once, the same way, for both.
 */
export function createDispatcher(services: Services): (service: string, method: string, args: unknown) => Promise<DispatchResult> {
  return async (service, method, args) => {
    try {
      if (typeof service !== 'string' || typeof method !== 'string' || !isContractMethod(service, method)) {
        throw new ServiceError('invalid-argument', `Unknown service method: ${String(service)}.${String(method)}`)
      }
      if (!Array.isArray(args)) throw new ServiceError('invalid-argument', 'Arguments must be an array')
      const problem = validateServiceArgs(service, method, args)
      if (problem) throw new ServiceError('invalid-argument', problem)
      const impl = (services as unknown as Record<string, Record<string, (...a: unknown[]) => Promise<unknown>>>)[service]
      const result = await impl[method](...args)
      return { result: result === undefined ? null : result }
    } catch (error) {
      return { error: serializeError(error) }
    }
  }
}
