/**
 * Stands in for `#mdc-configs`, which Nuxt generates from `defineConfig` files of MDC: a site
 * without any (what the parser sees outside Nuxt, where that import fails) has none.
 */
export function getMdcConfigs(): [] {
  return []
}
