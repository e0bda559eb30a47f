import { SERVICE_METHODS, type ServiceName, type Services } from './service-contract'

/** Sends one call across the boundary and resolves with its result (or rejects with a ServiceError). */
export type Transport = (service: ServiceName, method: string, args: unknown[]) => Promise<unknown>

/** Builds a typed `Services` object whose every method forwards to `transport`. Used by the renderer over IPC or HTTP alike. */
export function createServiceClient(transport: Transport): Services {
  const client: Record<string, Record<string, (...args: unknown[]) => Promise<unknown>>> = {}
  for (const service of Object.keys(SERVICE_METHODS) as ServiceName[]) {
    const methods: Record<string, (...args: unknown[]) => Promise<unknown>> = {}
    for (const method of Object.keys(SERVICE_METHODS[service])) {
      methods[method] = (...args: unknown[]) => transport(service, method, args)
    }
    client[service] = Object.freeze(methods)
  }
  return Object.freeze(client) as unknown as Services
}
