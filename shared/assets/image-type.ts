import type { ImageType } from '../services/assets-service'

/** The image types a figure may be, in the order the UI lists them. */
export const IMAGE_TYPES: readonly ImageType[] = ['png', 'jpeg', 'gif', 'webp', 'avif', 'svg']

/** The file extension written for each type. */
export const EXTENSION_FOR_TYPE: Readonly<Record<ImageType, string>> = { png: 'png', jpeg: 'jpg', gif: 'gif', webp: 'webp', avif: 'avif', svg: 'svg' }

/** File name endings that are images (used to find image files and image-looking frontmatter values). */
export const IMAGE_FILE_PATTERN = /\.(png|jpe?g|gif|webp|avif|svg)$/i

const startsWith = (bytes: Uint8Array, at: number, ascii: string): boolean => {
  if (bytes.length < at + ascii.length) return false
  for (let i = 0; i < ascii.length; i++) if (bytes[at + i] !== ascii.charCodeAt(i)) return false
  return true
}

/** ISO BMFF (`ftyp`) major or compatible brands that mean AVIF. */
function isAvif(bytes: Uint8Array): boolean {
  if (!startsWith(bytes, 4, 'ftyp')) return false
  const boxSize = ((bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3]) >>> 0
  const end = Math.min(bytes.length, boxSize >= 16 ? boxSize : 32)
  for (let at = 8; at + 4 <= end; at += 4) {
    if (at === 12) continue // minor version
    if (startsWith(bytes, at, 'avif') || startsWith(bytes, at, 'avis')) return true
  }
  return false
}

/** True when the bytes look like an SVG document: text whose first element (after an XML declaration, comments and a doctype) is `<svg`. */
function isSvg(bytes: Uint8Array): boolean {
  let head = ''
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0 // UTF-8 BOM
  for (let i = start; i < Math.min(bytes.length, 4096); i++) head += String.fromCharCode(bytes[i])
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000e-\u001f]/.test(head)) return false
  const rest = head.replace(/^\s*(<\?xml[\s\S]*?\?>\s*)?((<!--[\s\S]*?-->|<!DOCTYPE[^>[]*(\[[\s\S]*?\])?\s*>)\s*)*/i, '')
  return /^<svg[\s>/:]/i.test(rest) || /^<svg$/i.test(rest)
}

/**
 * The image type of `bytes` by their content (magic numbers), never by a file name: PNG, JPEG,
 * GIF, WebP, AVIF or SVG; null for anything else. Cheap (looks at the first few KB), so the window
 * can refuse a non-image before sending it; the host checks again by decoding it.
 */
export function sniffImageType(bytes: Uint8Array): ImageType | null {
  if (bytes.length >= 8 && bytes[0] === 0x89 && startsWith(bytes, 1, 'PNG\r\n\x1a\n')) return 'png'
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg'
  if (startsWith(bytes, 0, 'GIF87a') || startsWith(bytes, 0, 'GIF89a')) return 'gif'
  if (startsWith(bytes, 0, 'RIFF') && startsWith(bytes, 8, 'WEBP')) return 'webp'
  if (isAvif(bytes)) return 'avif'
  if (isSvg(bytes)) return 'svg'
  return null
}
