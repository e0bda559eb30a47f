/** A plain object: `{}`-like, not an array, Date, Map or class instance (what defu merges into). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false
  const prototype = Object.getPrototypeOf(value)
  if (prototype !== null && prototype !== Object.prototype && Object.getPrototypeOf(prototype) !== null) return false
  if (Symbol.iterator in value) return false
  if (Symbol.toStringTag in value) return Object.prototype.toString.call(value) === '[object Module]'
  return true
}

/**
 * `defu(value, defaults)` as Nuxt Content merges its options (defu 6): the defaults' keys first,
 * then every key of `value` that is not null/undefined wins — arrays are concatenated (value's
 * items first), plain objects merged recursively. A `value` or `defaults` that is not a plain
 * object counts as `{}`.
 */
export function mergeDefaults(value: unknown, defaults: unknown): Record<string, unknown> {
  const base = isPlainObject(value) ? value : {}
  const object: Record<string, unknown> = isPlainObject(defaults) ? { ...defaults } : {}
  for (const key of Object.keys(base)) {
    if (key === '__proto__' || key === 'constructor') continue
    const item = base[key]
    if (item === null || item === undefined) continue
    const current = object[key]
    if (Array.isArray(item) && Array.isArray(current)) object[key] = [...item, ...current]
    else if (isPlainObject(item) && isPlainObject(current)) object[key] = mergeDefaults(item, current)
    else object[key] = item
  }
  return object
}
