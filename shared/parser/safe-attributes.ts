/** URL schemes that would run code or smuggle documents when used in `href`/`src`. */
const UNSAFE_URL_PREFIXES = [
  'javascript:',
  'data:text/html',
  'vbscript:',
  'data:text/javascript',
  'data:text/vbscript',
  'data:text/css',
  'data:text/plain',
  'data:text/xml',
]

/** Thrown when an `href`/`src` attribute has no text value, which the site cannot check either. */
export class UncheckableUrlAttribute extends Error {}

/**
 * Whether an attribute may stay in the parsed tree: event handlers (`on…`) are removed, and so are
 * `href`/`src` values with a script or data-document scheme (case-insensitive), as the site does.
 */
export function isSafeAttribute(name: string, value: unknown): boolean {
  if (name.startsWith('on')) return false
  if (name === 'href' || name === 'src') {
    if (typeof value !== 'string') {
      throw new UncheckableUrlAttribute(`the "${name}" attribute has no text value (${JSON.stringify(value)})`)
    }
    const lower = value.toLowerCase()
    return !UNSAFE_URL_PREFIXES.some(prefix => lower.startsWith(prefix))
  }
  return true
}
