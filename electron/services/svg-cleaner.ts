import type { CustomPlugin, XastChild, XastElement, XastParent } from 'svgo'
import { ServiceError } from '../../shared/services/service-error'

let svgoLoaded: Promise<typeof import('svgo')> | null = null

/** svgo, loaded on first use (only a command that imports an SVG needs it; `inkpost parse` never loads it). */
function loadSvgo(): Promise<typeof import('svgo')> {
  svgoLoaded ??= import('svgo')
  return svgoLoaded
}

/** An SVG made safe to serve from the site, and what was taken out of it. */
export interface CleanedSvg {
  /** The cleaned document (svgo's serialisation: no prettifying, otherwise unchanged). */
  svg: string
  /** What was removed, human-readable and without repeats, e.g. `script element`, `onload attribute`. */
  removed: string[]
}

/** Elements that run code or embed other documents: removed with everything inside them. */
const ACTIVE_ELEMENTS = new Set(['script', 'foreignobject', 'iframe', 'embed', 'object', 'frame', 'frameset', 'handler', 'listener'])
/** Elements that exist only to show what their href points to: removed whole when it points outside the file. */
const REFERENCING_ELEMENTS = new Set(['image', 'use', 'feimage'])
/** SMIL animation elements, which can set `href` or event attributes after load. */
const ANIMATION_ELEMENTS = new Set(['animate', 'set', 'animatemotion', 'animatetransform', 'animatecolor'])
/** The only inline images an SVG may keep (no nested SVG: it could carry its own scripts). */
const SAFE_DATA_IMAGE = /^data:image\/(?:png|jpeg|gif|webp)[;,]/i

function localName(name: string): string {
  const colon = name.lastIndexOf(':')
  return (colon === -1 ? name : name.slice(colon + 1)).toLowerCase()
}

function printable(value: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = value.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim()
  return clean.length > 100 ? `${clean.slice(0, 99)}…` : clean
}

/** True for an href that stays inside the file: a `#fragment`, an allowed inline raster image, or nothing. */
function isLocalReference(value: string): boolean {
  const trimmed = value.trim()
  return trimmed === '' || trimmed.startsWith('#') || SAFE_DATA_IMAGE.test(trimmed)
}

/** CSS with comments removed and escapes decoded, lower-cased, so `u\72l(` or `/**\/@import` cannot hide. */
function normaliseCss(css: string): string {
  return css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\\([0-9a-fA-F]{1,6})\s?/g, (_, hex: string) => {
      const code = parseInt(hex, 16)
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : ''
    })
    .replace(/\\(.)/g, '$1')
    .toLowerCase()
}

/**
 * Why a piece of CSS (a `<style>` sheet, a `style` attribute or a presentation attribute such as
 * `fill="url(…)"`) is unsafe, or null: a `url()` to anything but `#id`, `@import`, `javascript:`,
 * `image-set()`/`src()` (which load URLs without `url(`), `expression()`, `behavior` or `-moz-binding`.
 */
function cssDanger(css: string): string | null {
  const text = normaliseCss(css)
  for (const match of text.matchAll(/url\(\s*(['"]?)([^'")]*)\1\s*\)?/g)) {
    if (!match[2].trim().startsWith('#')) return `external reference ${printable(match[2]) || 'url()'}`
  }
  if (text.includes('@import')) return '@import'
  if (text.includes('javascript:')) return 'javascript: URL'
  if (/(?:image-set|[^a-z-]src|^src|image)\s*\(/.test(text)) return 'image-set()/src() reference'
  if (text.includes('expression(')) return 'expression()'
  if (/-moz-binding|behavior\s*:/.test(text)) return 'binding'
  return null
}

function textOf(element: XastElement): string {
  return element.children.map((child) => (child.type === 'text' || child.type === 'cdata' ? child.value : '')).join('')
}

function detach(node: XastChild, parent: XastParent): void {
  parent.children = parent.children.filter((child) => child !== node)
}

/**
 * Cleans an SVG for the site with svgo's `optimize()` and one custom plugin (no preset): removes
 * `<script>` and `<foreignObject>` (and other embedding elements), every `on*` event attribute,
 * `href`/`xlink:href` values that are not `#fragment` or an inline PNG/JPEG/GIF/WebP (an
 * `<image>`, `<use>` or `<feImage>` with such an href is removed whole), `<style>` sheets and
 * `style` (or presentation) attributes with `url()` to anything but `#id`, `@import` or
 * `javascript:`, animations that rewrite `href` or event attributes, and `xml-stylesheet`
 * instructions. Refuses (`invalid-argument`) a DOCTYPE declaring entities, text svgo cannot parse,
 * and a document whose root element is not `<svg>`.
 */
export async function cleanSvg(text: string): Promise<CleanedSvg> {
  if (typeof text !== 'string') throw new ServiceError('invalid-argument', 'The SVG must be text')
  const source = text.replace(/^\uFEFF/, '')
  if (/<!ENTITY/i.test(source)) {
    throw new ServiceError('invalid-argument', 'The SVG declares XML entities (<!ENTITY …> in its DOCTYPE), which can expand to huge or external content; it was refused and nothing was copied')
  }
  const removed = new Set<string>()
  let rootName: string | null = null
  const plugin: CustomPlugin = {
    name: 'inkpostRemoveActiveContent',
    fn: () => ({
      instruction: {
        enter: (node, parent) => {
          if (node.name.toLowerCase() === 'xml-stylesheet') {
            detach(node, parent)
            removed.add('xml-stylesheet instruction')
          }
        },
      },
      element: {
        enter: (node, parent) => {
          if (parent.type === 'root' && rootName === null) rootName = node.name
          const local = localName(node.name)
          if (ACTIVE_ELEMENTS.has(local)) {
            detach(node, parent)
            removed.add(`${node.name} element`)
            return
          }
          if (local === 'style') {
            const danger = cssDanger(textOf(node))
            if (danger) {
              detach(node, parent)
              removed.add(`style element (${danger})`)
              return
            }
          }
          if (ANIMATION_ELEMENTS.has(local)) {
            const target = localName(node.attributes.attributeName ?? '')
            const values = ['to', 'from', 'values', 'by'].map((key) => node.attributes[key] ?? '').join(' ')
            if (target === 'href' || target.startsWith('on') || /javascript:/i.test(values)) {
              detach(node, parent)
              removed.add(`${node.name} element (animates ${target || 'a link'})`)
              return
            }
          }
          for (const [name, value] of Object.entries(node.attributes)) {
            const attr = localName(name)
            if (attr.startsWith('on')) {
              delete node.attributes[name]
              removed.add(`${name} attribute`)
            } else if (attr === 'href') {
              if (isLocalReference(value)) continue
              removed.add(`external reference ${printable(value)}`)
              if (REFERENCING_ELEMENTS.has(local)) {
                detach(node, parent)
                return
              }
              delete node.attributes[name]
            } else if (name === 'style' || /[(@\\]|javascript|binding|behavior/i.test(value)) {
              const danger = cssDanger(value)
              if (!danger) continue
              delete node.attributes[name]
              removed.add(`${name} attribute (${danger})`)
            }
          }
        },
      },
    }),
  }
  const { optimize } = await loadSvgo()
  let svg: string
  try {
    svg = optimize(source, { plugins: [plugin] }).data
  } catch (error) {
    const detail = error as { reason?: unknown; line?: unknown; column?: unknown; message?: unknown }
    const reason = typeof detail.reason === 'string' ? detail.reason : String(detail.message ?? error)
    const where = typeof detail.line === 'number' ? ` (line ${detail.line}, column ${String(detail.column)})` : ''
    throw new ServiceError('invalid-argument', `The SVG cannot be read: ${reason}${where}; nothing was copied`)
  }
  if (rootName === null || localName(rootName) !== 'svg') {
    throw new ServiceError('invalid-argument', `The file is not an SVG image: its root element is ${rootName ? `<${rootName}>` : 'missing'}; nothing was copied`)
  }
  return { svg, removed: [...removed] }
}

function length(value: string | undefined): number | null {
  if (value === undefined) return null
  const match = /^\s*([0-9]*\.?[0-9]+(?:e[-+]?\d+)?)\s*(px)?\s*$/i.exec(value)
  if (!match) return null
  const n = Number(match[1])
  return Number.isFinite(n) && n > 0 ? n : null
}

/**
 * The intrinsic size of an SVG from its root element: `width`/`height` in px (or unitless), else
 * the `viewBox` size (scaled to one given dimension); null when neither says.
 */
export function svgDimensions(svg: string): { width: number; height: number } | null {
  const tag = /<(?:[\w-]+:)?svg\b([^>]*)>/i.exec(svg)
  if (!tag) return null
  const attrs: Record<string, string> = {}
  for (const match of tag[1].matchAll(/([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) attrs[match[1]] = match[2] ?? match[3]
  const width = length(attrs.width)
  const height = length(attrs.height)
  const box = (attrs.viewBox ?? '').trim().split(/[\s,]+/).map(Number)
  const boxOk = box.length === 4 && box[2] > 0 && box[3] > 0 && box.every(Number.isFinite)
  if (width && height) return { width: Math.round(width), height: Math.round(height) }
  if (boxOk) {
    if (width) return { width: Math.round(width), height: Math.round((width * box[3]) / box[2]) }
    if (height) return { width: Math.round((height * box[2]) / box[3]), height: Math.round(height) }
    return { width: Math.round(box[2]), height: Math.round(box[3]) }
  }
  return null
}
