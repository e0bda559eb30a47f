import path from 'node:path'
import type { SiteSettings } from '../../shared/services/site-service'
import { ServiceError } from '../../shared/services/service-error'
import { errnoCode, type ServiceFs } from './fs-facade'
import { splitRelativePath } from './site-paths'
import { IMAGE_NAME_VARIABLES } from '../../shared/assets/image-file-name'

/** Name of the optional per-site settings file at the site root. */
export const SETTINGS_FILE = 'inkpost.config.json'

/** The `<figure>` block exactly as the sample post writes it (4-space indent, trailing spaces after `<img>`). */
export const DEFAULT_FIGURE_TEMPLATE = [
  '<figure>',
  '    <img src="{src}" title="{alt}">    ',
  '    <figcaption style="text-align: center;">{caption}</figcaption>',
  '</figure>',
].join('\n')

/** Settings used when `inkpost.config.json` is absent or leaves a key out; they match the sample site. */
export const DEFAULT_SITE_SETTINGS: Readonly<SiteSettings> = Object.freeze({
  contentDir: 'content',
  publicDir: 'public',
  imageDir: 'images/blogImg',
  imageNamePattern: '{date}-{n}.{ext}',
  figureTemplate: DEFAULT_FIGURE_TEMPLATE,
  insertImageAs: 'figure',
  optimizeImages: true,
  maxImageWidth: 1600,
  imageQuality: 82,
  maxImportBytes: 64 * 1024 * 1024,
  allowUnsafeHtml: false,
  loadRemoteMedia: false,
})

function integerSetting(value: unknown, key: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) throw bad(`"${key}" must be a whole number from ${min} to ${max}`)
  return value
}

function bad(message: string): ServiceError {
  return new ServiceError('invalid-argument', `${SETTINGS_FILE}: ${message}`)
}

function folderSetting(value: unknown, key: string): string {
  if (typeof value !== 'string') throw bad(`"${key}" must be a string (a folder relative to the site root)`)
  const trimmed = value.replace(/\/+$/, '')
  try {
    return splitRelativePath(trimmed, key).join('/')
  } catch (error) {
    throw bad(`"${key}" must be a relative folder inside the site: ${(error as Error).message}`)
  }
}

/**
 * Validates the parsed JSON of `inkpost.config.json` and merges it over the defaults. Unknown keys
 * are ignored; wrong types, folders leaving the site, a name pattern without `{n}`/`{ext}`, a
 * figure template without `{src}` or numbers out of range are refused with a message naming the key.
 */
export function mergeSiteSettings(raw: unknown): SiteSettings {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw bad('must contain a JSON object')
  const input = raw as Record<string, unknown>
  const settings: SiteSettings = { ...DEFAULT_SITE_SETTINGS }
  if (input.contentDir !== undefined) settings.contentDir = folderSetting(input.contentDir, 'contentDir')
  if (input.publicDir !== undefined) settings.publicDir = folderSetting(input.publicDir, 'publicDir')
  if (input.imageDir !== undefined) settings.imageDir = folderSetting(input.imageDir, 'imageDir')
  if (input.imageNamePattern !== undefined) {
    const pattern = input.imageNamePattern
    if (typeof pattern !== 'string' || !pattern.includes('{n}') || !pattern.includes('{ext}')) throw bad('"imageNamePattern" must be a string containing {n} and {ext}')
    if (/[/\\\0]/.test(pattern.replace(/\{[a-z]+\}/g, ''))) throw bad('"imageNamePattern" must be a file name, without folders')
    const unknown = [...pattern.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]).filter((name) => !(IMAGE_NAME_VARIABLES as readonly string[]).includes(name))
    if (unknown.length) throw bad(`"imageNamePattern" uses {${unknown[0]}}; the placeholders are ${IMAGE_NAME_VARIABLES.map((v) => `{${v}}`).join(', ')}`)
    settings.imageNamePattern = pattern
  }
  if (input.figureTemplate !== undefined) {
    if (typeof input.figureTemplate !== 'string' || !input.figureTemplate.includes('{src}')) throw bad('"figureTemplate" must be a string containing {src}')
    settings.figureTemplate = input.figureTemplate
  }
  if (input.insertImageAs !== undefined) {
    if (input.insertImageAs !== 'figure' && input.insertImageAs !== 'markdown') throw bad('"insertImageAs" must be "figure" or "markdown"')
    settings.insertImageAs = input.insertImageAs
  }
  if (input.optimizeImages !== undefined) {
    if (typeof input.optimizeImages !== 'boolean') throw bad('"optimizeImages" must be true or false')
    settings.optimizeImages = input.optimizeImages
  }
  if (input.maxImageWidth !== undefined) settings.maxImageWidth = integerSetting(input.maxImageWidth, 'maxImageWidth', 16, 20_000)
  if (input.imageQuality !== undefined) settings.imageQuality = integerSetting(input.imageQuality, 'imageQuality', 1, 100)
  if (input.allowUnsafeHtml !== undefined) {
    if (typeof input.allowUnsafeHtml !== 'boolean') throw bad('"allowUnsafeHtml" must be true or false')
    settings.allowUnsafeHtml = input.allowUnsafeHtml
  }
  if (input.loadRemoteMedia !== undefined) {
    if (typeof input.loadRemoteMedia !== 'boolean') throw bad('"loadRemoteMedia" must be true or false')
    settings.loadRemoteMedia = input.loadRemoteMedia
  }
  if (input.content !== undefined) {
    if (input.content === null || typeof input.content !== 'object' || Array.isArray(input.content)) throw bad('"content" must be an object of Nuxt Content options (like the content: key of nuxt.config)')
    settings.content = input.content as SiteSettings['content']
  }
  if (input.nuxtContentVersion !== undefined) {
    if (typeof input.nuxtContentVersion !== 'string' || !/^\d+\.\d+(\.\d+)?$/.test(input.nuxtContentVersion)) throw bad('"nuxtContentVersion" must be a version such as "2.13.4"')
    settings.nuxtContentVersion = input.nuxtContentVersion
  }
  if (input.maxImportBytes !== undefined) settings.maxImportBytes = integerSetting(input.maxImportBytes, 'maxImportBytes', 1024, 1024 * 1024 * 1024)
  return settings
}

/** Reads `inkpost.config.json` from the site root (real path); defaults when the file is absent, a clear error when it is invalid. */
export async function readSiteSettings(fs: ServiceFs, rootReal: string): Promise<SiteSettings> {
  let bytes: Uint8Array
  try {
    bytes = await fs.readFile(path.join(rootReal, SETTINGS_FILE))
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return { ...DEFAULT_SITE_SETTINGS }
    throw bad(`cannot be read (${errnoCode(error) ?? (error as Error).message})`)
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(new TextDecoder().decode(bytes).replace(/^\uFEFF/, ''))
  } catch (error) {
    throw bad(`is not valid JSON: ${(error as Error).message}`)
  }
  return mergeSiteSettings(parsed)
}
