// A site's own remark/rehype plugins (those of `content.markdown.remarkPlugins` / `rehypePlugins`
// that are not Nuxt Content's defaults), resolved from the site root the way Node resolves a
// package there and imported, for the CLI and the main process to pass to the shared parser.
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { SiteParseSettings } from '../../shared/parser/content-options'
import { DEFAULT_REHYPE_PLUGINS, DEFAULT_REMARK_PLUGINS } from '../../shared/parser/resolve-markdown-plugins'
import type { LoadedPlugins } from '../../shared/parser/site-plugins'
import { DEFAULT_REHYPE_213, DEFAULT_REMARK_213 } from '../../shared/parser-213/default-plugins-213'

/** The result of {@link loadSitePlugins}. */
export interface SitePluginsResult {
  /** Package name → the plugin function (the module's default export, else the module). */
  plugins: LoadedPlugins
  /** Plugins that could not be loaded, and why (they are left out of every parse). */
  notices: string[]
}

/** The site's plugins that are on and not one of its family's defaults, in the site's order. */
export function extraPluginNames(settings: SiteParseSettings): string[] {
  const markdown = settings.options.markdown ?? {}
  const [remark, rehype] = settings.family === '2.13' ? [DEFAULT_REMARK_213, DEFAULT_REHYPE_213] : [DEFAULT_REMARK_PLUGINS, DEFAULT_REHYPE_PLUGINS]
  const extra = (plugins: Record<string, unknown> | undefined, defaults: readonly string[]): string[] => Object.entries(plugins ?? {}).filter(([name, setting]) => setting !== false && !defaults.includes(name)).map(([name]) => name)
  return [...new Set([...extra(markdown.remarkPlugins, remark), ...extra(markdown.rehypePlugins, rehype)])]
}

/** The `import` entry of a package's `exports` (string, `{ import | default }`, or `{ '.': … }`). */
function importEntry(exportsField: unknown): string | null {
  if (typeof exportsField === 'string') return exportsField
  if (!exportsField || typeof exportsField !== 'object' || Array.isArray(exportsField)) return null
  const map = exportsField as Record<string, unknown>
  if ('.' in map) return importEntry(map['.'])
  for (const condition of ['node', 'import', 'default']) {
    if (map[condition] !== undefined) {
      const found = importEntry(map[condition])
      if (found) return found
    }
  }
  return null
}

/**
 * The file Node would load for `name` imported from a module at the site root: CommonJS resolution
 * from `<root>/package.json` first; for an ESM-only package (whose `exports` has no `require`) the
 * nearest `node_modules/<name>` above the root and its `exports` import entry, `module` or `main`.
 */
export function resolveFromSite(root: string, name: string): string {
  try {
    return createRequire(path.join(root, 'package.json')).resolve(name)
  } catch (error) {
    for (let dir = root; ; dir = path.dirname(dir)) {
      const packageDir = path.join(dir, 'node_modules', ...name.split('/'))
      const manifestFile = path.join(packageDir, 'package.json')
      if (existsSync(manifestFile)) {
        const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { exports?: unknown; module?: string; main?: string }
        const entry = importEntry(manifest.exports) ?? manifest.module ?? manifest.main ?? 'index.js'
        return path.join(packageDir, entry)
      }
      if (path.dirname(dir) === dir) throw error
    }
  }
}

/**
 * Loads the site's own plugins ({@link extraPluginNames}) from its node_modules: each resolved from
 * `root` ({@link resolveFromSite}) and imported by file URL. One that is not installed or fails to
 * load is named in a notice and left out; the others are returned for the parser.
 */
export async function loadSitePlugins(root: string, settings: SiteParseSettings): Promise<SitePluginsResult> {
  const plugins: Record<string, unknown> = {}
  const notices: string[] = []
  for (const name of extraPluginNames(settings)) {
    let file: string
    try {
      file = resolveFromSite(root, name)
    } catch {
      notices.push(`The markdown plugin "${name}" is not installed in the site's node_modules, so it is left out (run the site's package install to include it).`)
      continue
    }
    try {
      const loaded = (await import(pathToFileURL(file).href)) as { default?: unknown }
      const plugin = loaded.default ?? loaded
      if (typeof plugin !== 'function') throw new Error('it does not export a function')
      plugins[name] = plugin
    } catch (error) {
      notices.push(`The markdown plugin "${name}" could not be loaded (${error instanceof Error ? error.message.split('\n')[0] : String(error)}), so it is left out.`)
    }
  }
  return { plugins, notices }
}
