/**
 * Stands in for `#mdc-imports`, the module @nuxtjs/mdc's parser imports and Nuxt generates. Outside
 * Nuxt that import fails and the parser goes on with no module plugins — exactly what this empty
 * module gives a bundler that must resolve it (esbuild, vite). Inkpost passes every plugin inline.
 */
export {}
