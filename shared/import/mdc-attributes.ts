import { dump } from 'js-yaml'

const SIMPLE_TOKEN = /^[A-Za-z_][\w-]*$/
const ATTRIBUTE_NAME = /^[^\s"'=<>{}/]+$/

/** One MDC attribute (`key="value"`, `.class`, `#id`), or undefined when `{…}` cannot write it. */
function mdcAttribute(key: string, value: unknown): string | undefined {
  if (typeof value !== 'string' || !ATTRIBUTE_NAME.test(key) || value === '' || /[\n\r]/.test(value)) return undefined
  if (key === 'class' && SIMPLE_TOKEN.test(value)) return `.${value}`
  if (key === 'id' && SIMPLE_TOKEN.test(value)) return `#${value}`
  if (!value.includes('"')) return `${key}="${value}"`
  if (!value.includes("'")) return `${key}='${value}'`
  return undefined
}

/**
 * MDC inline attributes for props (`{type="info" .big #top}`), `''` for none, or undefined when a
 * prop cannot be written that way (not a string, empty, multi-line, or holding both quote kinds).
 */
export function mdcAttributes(props: Record<string, unknown>): string | undefined {
  const parts: string[] = []
  for (const [key, value] of Object.entries(props)) {
    const attribute = mdcAttribute(key, value)
    if (attribute === undefined) return undefined
    parts.push(attribute)
  }
  return parts.length ? `{${parts.join(' ')}}` : ''
}

/**
 * A block component's props as a YAML props block (`---\n…\n---`), for props `{…}` cannot hold.
 * String props only: `:name` props are written as that string too (the site keeps string values).
 */
export function mdcYamlProps(props: Record<string, unknown>): string | undefined {
  if (!Object.keys(props).length) return ''
  if (Object.values(props).some(value => typeof value !== 'string')) return undefined
  return `---\n${dump(props, { lineWidth: -1 }).trimEnd()}\n---`
}
