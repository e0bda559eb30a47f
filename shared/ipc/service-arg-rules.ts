// Argument rules for every contract method, checked by the one dispatcher (for the Electron IPC
// host and the loopback HTTP host alike) before a call reaches a service. The table is typed
// against `Services`, so adding a method to a service interface without a rule here fails the type check.
import type { ServiceName, Services } from './service-contract'

/** One positional argument's rule: `check` says whether a value fits, `describe` names what was expected. */
export type ArgRule = { readonly optional: boolean; readonly describe: string; check(value: unknown): boolean }

const rule = (describe: string, check: (value: unknown) => boolean, optional = false): ArgRule => ({ describe, check, optional })
const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null)

/** Longest string accepted in any argument (a post may be large; 64 MB is far beyond any real one). */
export const MAX_STRING_LENGTH = 64 * 1024 * 1024
/** Longest path-like argument (file names, folders, URLs). */
export const MAX_PATH_LENGTH = 4096

const text = rule('a string', (v) => typeof v === 'string' && v.length <= MAX_STRING_LENGTH)
const path = rule('a non-empty path string', (v) => typeof v === 'string' && v.length > 0 && v.length <= MAX_PATH_LENGTH && !v.includes('\0'))
const versionOrNull = rule('a version string or null', (v) => v === null || (typeof v === 'string' && v.length <= MAX_PATH_LENGTH))
const trashId = rule('a trash entry id', (v) => typeof v === 'string' && /^[0-9]{13}-[0-9a-f]{8}$/.test(v))
const object = rule('an object', isPlainObject)
const optionalPath = rule('a path string', (v) => v === undefined || v === null || (typeof v === 'string' && v.length > 0 && v.length <= MAX_PATH_LENGTH && !v.includes('\0')), true)
const pathOrPathList = rule('a path string or an array of them', (v) => (typeof v === 'string' && v.length > 0 && v.length <= MAX_PATH_LENGTH) || (Array.isArray(v) && v.length <= 10_000 && v.every((p) => typeof p === 'string' && p.length <= MAX_PATH_LENGTH)))
const pathList = rule('an array of path strings', (v) => Array.isArray(v) && v.length <= 10_000 && v.every((p) => typeof p === 'string' && p.length <= MAX_PATH_LENGTH))
const optionalPathList = rule('an array of path strings', (v) => v === undefined || v === null || pathList.check(v), true)
const optionalObject = rule('an object', (v) => v === undefined || v === null || isPlainObject(v), true)

/** The rules for each argument of each contract method, in order. */
export const SERVICE_ARG_RULES: { readonly [S in ServiceName]: { readonly [M in keyof Services[S]]: readonly ArgRule[] } } = {
  app: { info: [], openExternal: [path] },
  site: { open: [path], current: [], recent: [] },
  library: { list: [optionalObject], tags: [] },
  post: { read: [path], create: [object], save: [path, text, versionOrNull, optionalObject], rename: [path, path], duplicate: [path], delete: [path], trashList: [], restore: [trashId] },
  recovery: { journal: [path, text], pending: [], discard: [path] },
  assets: { importImage: [path, object], describe: [path, pathList], report: [], deleteUnused: [pathList] },
  publish: { siteIndex: [], check: [optionalPathList], export: [pathOrPathList, optionalObject], importCache: [text, optionalPath] },
}

/** Largest byte array accepted in an argument (an imported image); the service applies the site's own, lower limit. */
export const MAX_BYTES_LENGTH = 1024 * 1024 * 1024

/** Deepest nesting accepted in an argument; the contract's objects are shallow. */
export const MAX_DEPTH = 8

/** True when `value` is plain data (what structured clone can carry, minus exotic objects; byte arrays allowed) no deeper than `depth`. */
function isPlainData(value: unknown, depth: number): boolean {
  if (value === null || value === undefined) return true
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true
    case 'number':
      return Number.isFinite(value)
    case 'object':
      if (value instanceof Uint8Array) return value.byteLength <= MAX_BYTES_LENGTH
      if (depth <= 0) return false
      if (Array.isArray(value)) return value.length <= 10_000 && value.every((v) => isPlainData(v, depth - 1))
      if (!isPlainObject(value)) return false
      return Object.keys(value).every((k) => k !== '__proto__' && k !== 'constructor' && k !== 'prototype' && isPlainData(value[k], depth - 1))
    default:
      return false
  }
}

/**
 * Checks `args` for `service.method` against its rules; returns a clear message for the first
 * problem, or null when every argument fits. Unknown methods are reported too (the dispatcher
 * would refuse them as well, this keeps the message specific).
 */
export function validateServiceArgs(service: string, method: string, args: unknown): string | null {
  const methods = Object.prototype.hasOwnProperty.call(SERVICE_ARG_RULES, service)
    ? (SERVICE_ARG_RULES as unknown as Record<string, Record<string, readonly ArgRule[]>>)[service]
    : undefined
  const rules = methods && Object.prototype.hasOwnProperty.call(methods, method) ? methods[method] : undefined
  if (!rules) return `Unknown service method: ${service}.${method}`
  if (!Array.isArray(args)) return `Arguments of ${service}.${method} must be an array`
  const required = rules.filter((r) => !r.optional).length
  if (args.length < required || args.length > rules.length) {
    return `${service}.${method} takes ${required === rules.length ? required : `${required}–${rules.length}`} argument(s), got ${args.length}`
  }
  for (let i = 0; i < args.length; i++) {
    if (!rules[i].check(args[i])) return `Argument ${i + 1} of ${service}.${method} must be ${rules[i].describe}`
    if (!isPlainData(args[i], MAX_DEPTH)) return `Argument ${i + 1} of ${service}.${method} must be plain data (no functions, class instances or deep nesting)`
  }
  return null
}
