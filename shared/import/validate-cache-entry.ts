import type { ParsedBody, ParsedContent } from '../parser'

/** Deeper trees than this are refused (the writer would overflow the stack on them). */
const MAX_DEPTH = 400

function kindOf(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function checkNode(node: unknown, path: string, depth: number): void {
  if (depth > MAX_DEPTH) throw new Error(`The cache entry's tree is nested more than ${MAX_DEPTH} levels deep (at ${path})`)
  if (!isObject(node)) throw new Error(`${path} is not a minimark node (got ${kindOf(node)})`)
  if (node.type === 'text') {
    if (typeof node.value !== 'string') throw new Error(`${path} is a text node without a string "value"`)
    return
  }
  if (node.type !== 'element') throw new Error(`${path} has type ${JSON.stringify(node.type)}; expected "element" or "text"`)
  if (typeof node.tag !== 'string' || !/^[A-Za-z][\w:.-]*$/.test(node.tag)) throw new Error(`${path} is an element without a valid "tag"`)
  if (!isObject(node.props)) throw new Error(`${path} (<${node.tag}>) has no "props" object`)
  if (!Array.isArray(node.children)) throw new Error(`${path} (<${node.tag}>) has no "children" array`)
  node.children.forEach((child, index) => checkNode(child, `${path}.children[${index}]`, depth + 1))
}

function checkRoot(root: unknown, path: string): asserts root is ParsedBody {
  if (root === undefined) throw new Error(`The cache entry has no "${path}"`)
  if (!isObject(root)) throw new Error(`"${path}" is not an object (got ${kindOf(root)})`)
  if (root.type !== 'root') throw new Error(`"${path}" is not a minimark root: its "type" is ${JSON.stringify(root.type)}, expected "root"`)
  if (!Array.isArray(root.children)) throw new Error(`"${path}.children" is not an array`)
  root.children.forEach((child, index) => checkNode(child, `${path}.children[${index}]`, 1))
}

/**
 * Checks that a value is a Nuxt Content cache entry (`{parsed, hash}` with a minimark body) and
 * returns its `parsed` document; throws an Error saying exactly what is wrong otherwise.
 */
export function validateCacheEntry(entry: unknown): ParsedContent {
  if (!isObject(entry)) throw new Error(`The cache entry is not a JSON object (got ${kindOf(entry)})`)
  if (!('parsed' in entry)) throw new Error('The cache entry has no "parsed" document (expected {"parsed": {...}, "hash": "..."})')
  const parsed = entry.parsed
  if (!isObject(parsed)) throw new Error(`"parsed" is not an object (got ${kindOf(parsed)})`)
  checkRoot(parsed.body, 'parsed.body')
  if (parsed.excerpt !== undefined) checkRoot(parsed.excerpt, 'parsed.excerpt')
  if (typeof parsed._id !== 'string' && typeof parsed._file !== 'string') {
    throw new Error('"parsed" has neither "_file" nor "_id": the post\'s path cannot be known')
  }
  if (parsed._id !== undefined && (typeof parsed._id !== 'string' || !/^[^:]+:.*\.[^.:]+$/.test(parsed._id))) {
    throw new Error(`"parsed._id" is not a content id like "content:blog:post.md" (got ${JSON.stringify(parsed._id)})`)
  }
  if (parsed._file !== undefined && (typeof parsed._file !== 'string' || !/\.[^./]+$/.test(parsed._file))) {
    throw new Error(`"parsed._file" is not a file path like "blog/post.md" (got ${JSON.stringify(parsed._file)})`)
  }
  for (const key of ['title', 'description'] as const) {
    if (parsed[key] !== undefined && typeof parsed[key] !== 'string') throw new Error(`"parsed.${key}" is not a string`)
  }
  return parsed as unknown as ParsedContent
}
