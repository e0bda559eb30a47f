import type { ContentOptions } from './content-options'

/**
 * A site's own remark/rehype plugins (not one of Nuxt Content's defaults), loaded from its
 * `node_modules` by the host (the CLI or the main process; never in the renderer), by package name:
 * the function a `.use()` takes. They travel beside the JSON settings, never inside them.
 */
export type LoadedPlugins = Readonly<Record<string, unknown>>

const attached = new WeakMap<object, LoadedPlugins>()
const ids = new WeakMap<object, number>()
let nextId = 1

/**
 * A copy of `content` that carries `plugins` for the 2.7 parser (which takes only the `content:`
 * options): the copy stays plain JSON, the functions are looked up by {@link loadedPluginsOf}.
 * No plugins → `content` itself.
 */
export function withLoadedPlugins(content: ContentOptions, plugins: LoadedPlugins | undefined): ContentOptions {
  if (!plugins || Object.keys(plugins).length === 0) return content
  const copy = { ...content }
  attached.set(copy, plugins)
  return copy
}

/** The plugins attached to `content` with {@link withLoadedPlugins}, or an empty map. */
export function loadedPluginsOf(content: ContentOptions | undefined): LoadedPlugins {
  return (content && attached.get(content)) || {}
}

/** A number naming one loaded plugin function, for the cache keys of processors built with it. */
export function pluginId(plugin: unknown): number {
  if ((typeof plugin !== 'function' && typeof plugin !== 'object') || plugin === null) return 0
  let id = ids.get(plugin)
  if (id === undefined) {
    id = nextId++
    ids.set(plugin, id)
  }
  return id
}
