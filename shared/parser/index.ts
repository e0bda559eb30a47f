/**
 * Inkpost's shared post parser: the same JSON Nuxt Content 2.7 produces for a markdown post, in
 * the browser (preview) and in Node (CLI, export). Public API used by the CLI, services and renderer.
 */
export { parsePost, tryParsePost } from './parse-post'
export { decodePostText } from './decode-post-text'
export { contentIdFor } from './content-id-for'
export { urlPathFor } from './url-path-for'
export { toCacheEntry, type CacheEntry } from './to-cache-entry'
export { PostParseFailure } from './post-parse-failure'
export type * from './parse-types'
