// Module resolve hooks for the reference harnesses: a bare package name that the reference's own
// node_modules cannot resolve (a site's own remark/rehype plugin, imported by name by Nuxt Content's
// markdown transformer) is resolved from the site root instead, as the site's build resolves it.
// Registered with `module.register(url, { data: { siteRoot } })`.
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

let siteParent

/** Receives the site root from `register`'s data. */
export function initialize(data) {
  siteParent = data?.siteRoot ? pathToFileURL(join(data.siteRoot, 'package.json')).href : undefined
}

/** Node's own resolution first; for a bare name it cannot find, the same resolution from the site root. */
export async function resolve(specifier, context, nextResolve) {
  try {
    return await nextResolve(specifier, context)
  } catch (error) {
    const bare = !/^(node:|data:|file:|\.{0,2}\/)/.test(specifier)
    if (!siteParent || !bare) throw error
    return nextResolve(specifier, { ...context, parentURL: siteParent })
  }
}
