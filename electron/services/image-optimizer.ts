import type { Metadata, Sharp } from 'sharp'
import type { ImageType } from '../../shared/services/assets-service'
import { ServiceError } from '../../shared/services/service-error'
import { sniffImageType } from '../../shared/assets/image-type'

/** How to optimise an imported image. */
export interface OptimizeOptions {
  /** Wider images are downscaled to this width (never enlarged). */
  maxWidth: number
  /** JPEG, WebP and AVIF quality, 1–100. */
  quality: number
  /** The dropped file's name, for error messages. */
  name?: string
}

/** The bytes to store for an imported image. */
export interface OptimizedImage {
  bytes: Uint8Array
  /** Size of the stored image as displayed (after the EXIF orientation; one frame of an animation). */
  width: number
  height: number
  /** True when `bytes` are the processed output, false when they are the original bytes. */
  optimized: boolean
  /** True when the original carried EXIF, XMP, IPTC, Photoshop or PNG text metadata. */
  hadMetadata: boolean
  /** Why the original was kept, when it was. */
  keptReason?: 'not-smaller' | 'animated-png' | 'svg'
}

/** What the bytes of an image are, decoded by sharp. */
export interface ImageFacts {
  /** The confirmed type; null when sharp reads it but it is not a web image (HEIC, TIFF, …). */
  type: ImageType | null
  /** Displayed size (after the EXIF orientation; one frame of an animation). */
  width: number
  height: number
}

/** sharp's default pixel limit (0x3FFF²): larger images are refused before decoding. */
const MAX_PIXELS = 268_402_689

const LABEL: Record<ImageType, string> = { png: 'PNG', jpeg: 'JPEG', gif: 'GIF', webp: 'WebP', avif: 'AVIF', svg: 'SVG' }

function quoted(name: string | undefined): string {
  // eslint-disable-next-line no-control-regex
  return name ? `"${(name.split(/[/\\]/).pop() ?? name).replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 120)}"` : 'The file'
}

function unreadable(name: string | undefined, type: ImageType | null, error: unknown): ServiceError {
  const detail = (error instanceof Error ? error.message : String(error)).split('\n')[0].trim()
  const what = type ? `a readable ${LABEL[type]} image` : 'a readable image'
  return new ServiceError('invalid-argument', `${quoted(name)} is not ${what} (it may be damaged or truncated${detail ? `: ${detail}` : ''}); nothing was copied`)
}

function typeOfMetadata(meta: Metadata): ImageType | null {
  switch (meta.format) {
    case 'png': return 'png'
    case 'jpeg': return 'jpeg'
    case 'gif': return 'gif'
    case 'webp': return 'webp'
    case 'svg': return 'svg'
    case 'heif': return meta.compression === 'av1' ? 'avif' : null
    default: return null
  }
}

/** Displayed size from metadata: after orientation, and one frame's height for an animation. */
function displayedSize(meta: Metadata): { width: number; height: number } {
  const frameHeight = meta.pages && meta.pages > 1 && meta.pageHeight ? meta.pageHeight : meta.height
  const rotated = (meta.orientation ?? 1) >= 5
  return rotated ? { width: frameHeight, height: meta.width } : { width: meta.width, height: frameHeight }
}

function isAnimatable(type: ImageType): boolean {
  return type === 'gif' || type === 'webp'
}

type SharpFactory = typeof import('sharp').default
let sharpLoaded: Promise<SharpFactory> | null = null

/** sharp, loaded on first use: its native library is only opened by a command that handles images (never by `inkpost parse`). */
function loadSharp(): Promise<SharpFactory> {
  sharpLoaded ??= import('sharp').then((mod) => ((mod as { default?: SharpFactory }).default ?? (mod as unknown as SharpFactory)))
  return sharpLoaded
}

async function input(bytes: Uint8Array, type: ImageType | null): Promise<Sharp> {
  const sharp = await loadSharp()
  return sharp(bytes, { animated: type !== null && isAnimatable(type), failOn: 'error', limitInputPixels: MAX_PIXELS }).timeout({ seconds: 120 })
}

/**
 * Decodes an image's header with sharp to confirm its type by content: `png`, `jpeg`, `gif`,
 * `webp`, `avif` (sharp's `heif` with `av1` compression) or `svg`; `type` is null for anything else
 * sharp can read (HEIC, TIFF, …). With `decode`, every pixel is decoded too, so a truncated file is
 * caught. Unreadable bytes throw `invalid-argument` ("… is not a readable PNG image …").
 */
export async function readImageFacts(bytes: Uint8Array, options: { name?: string; decode?: boolean } = {}): Promise<ImageFacts> {
  const sniffed = sniffImageType(bytes)
  let meta: Metadata
  try {
    meta = await (await input(bytes, sniffed)).metadata()
  } catch (error) {
    if (sniffed === null && /unsupported image format/i.test(String((error as Error)?.message))) return { type: null, width: 0, height: 0 }
    throw unreadable(options.name, sniffed, error)
  }
  const type = typeOfMetadata(meta)
  if (type !== null && type !== 'svg' && meta.width * meta.height * (meta.pages ?? 1) > MAX_PIXELS) {
    throw new ServiceError('invalid-argument', `${quoted(options.name)} is too large to import (${meta.width}×${meta.height} pixels${(meta.pages ?? 1) > 1 ? ` in ${meta.pages} frames` : ''})`)
  }
  if (options.decode && type !== null) {
    try {
      await (await input(bytes, type)).resize({ width: 16, height: 16, fit: 'inside' }).raw().toBuffer()
    } catch (error) {
      throw unreadable(options.name, type, error)
    }
  }
  return { type, ...displayedSize(meta) }
}

/** True for an animated PNG (an `acTL` chunk before the first `IDAT`): sharp would keep only its first frame. */
export function isAnimatedPng(bytes: Uint8Array): boolean {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let at = 8
  while (at + 8 <= bytes.length) {
    const length = view.getUint32(at)
    const type = String.fromCharCode(bytes[at + 4], bytes[at + 5], bytes[at + 6], bytes[at + 7])
    if (type === 'acTL') return true
    if (type === 'IDAT' || type === 'IEND') return false
    at += 12 + length
  }
  return false
}

/** True when a WebP's (first) image is VP8L, i.e. lossless: it is re-encoded losslessly too. */
export function isLosslessWebp(bytes: Uint8Array): boolean {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const fourcc = (at: number) => String.fromCharCode(bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3])
  let at = 12
  let end = bytes.length
  while (at + 8 <= end) {
    const type = fourcc(at)
    const size = view.getUint32(at + 4, true)
    if (type === 'VP8L') return true
    if (type === 'VP8 ') return false
    if (type === 'ANMF') {
      // a frame: 16 bytes of frame header, then its own chunks
      end = Math.min(bytes.length, at + 8 + size)
      at += 8 + 16
      continue
    }
    at += 8 + size + (size % 2)
  }
  return false
}

function hasStrippableMetadata(meta: Metadata): boolean {
  return Boolean(meta.exif || meta.xmp || meta.iptc || meta.tifftagPhotoshop || (meta.comments && meta.comments.length > 0))
}

function encode(pipeline: Sharp, type: ImageType, meta: Metadata, bytes: Uint8Array, quality: number): Sharp {
  switch (type) {
    case 'jpeg':
      return pipeline.jpeg({ quality, mozjpeg: true })
    case 'png': {
      // lossless: zlib level 9, no palette quantisation; 16-bit images stay 16-bit
      const deep = meta.depth === 'ushort'
      const out = deep ? pipeline.toColourspace(meta.channels <= 2 ? 'grey16' : 'rgb16') : pipeline
      return out.png({ compressionLevel: 9, adaptiveFiltering: true, palette: false })
    }
    case 'webp':
      return isLosslessWebp(bytes) ? pipeline.webp({ lossless: true, effort: 6 }) : pipeline.webp({ quality, effort: 5 })
    case 'gif':
      return pipeline.gif({ reuse: true })
    case 'avif':
      return pipeline.avif({ quality, effort: 4 })
    default:
      throw new ServiceError('internal', `No encoder for ${type}`)
  }
}

/**
 * Optimises an image for the site with sharp: applies the EXIF orientation, downscales anything
 * wider than `maxWidth` (never enlarges), re-encodes JPEG (mozjpeg), WebP and AVIF at `quality`,
 * PNG losslessly (level 9, no quantisation) and GIF with every frame, and strips all metadata
 * (EXIF, GPS, XMP, IPTC; colour is converted to sRGB and no profile is kept). The original bytes
 * are kept only when the output is not smaller and the original has nothing to strip (no
 * metadata, orientation 1, not too wide). Animated PNGs are kept as they are (sharp would drop
 * their frames); SVG is not handled here (see `cleanSvg`) and is returned unchanged.
 */
export async function optimizeImage(bytes: Uint8Array, type: ImageType, options: OptimizeOptions): Promise<OptimizedImage> {
  const { maxWidth, quality } = options
  if (!Number.isInteger(maxWidth) || maxWidth < 1) throw new ServiceError('invalid-argument', 'maxWidth must be a positive whole number')
  if (!Number.isInteger(quality) || quality < 1 || quality > 100) throw new ServiceError('invalid-argument', 'quality must be a whole number from 1 to 100')
  let meta: Metadata
  try {
    meta = await (await input(bytes, type)).metadata()
  } catch (error) {
    throw unreadable(options.name, type, error)
  }
  if (typeOfMetadata(meta) !== type) throw unreadable(options.name, type, new Error(`its content is ${meta.format}`))
  const original = displayedSize(meta)
  const hadMetadata = hasStrippableMetadata(meta)
  if (type === 'svg') return { bytes, ...original, optimized: false, hadMetadata: false, keptReason: 'svg' }
  if (meta.width * meta.height * (meta.pages ?? 1) > MAX_PIXELS) {
    throw new ServiceError('invalid-argument', `${quoted(options.name)} is too large to import (${meta.width}×${meta.height} pixels)`)
  }
  if (type === 'png' && isAnimatedPng(bytes)) return { bytes, ...original, optimized: false, hadMetadata, keptReason: 'animated-png' }
  const orientation = meta.orientation ?? 1
  const tooWide = original.width > maxWidth
  let pipeline = (await input(bytes, type)).autoOrient()
  if (tooWide) pipeline = pipeline.resize({ width: maxWidth, withoutEnlargement: true })
  let data: Buffer
  let width: number
  let height: number
  try {
    const result = await encode(pipeline, type, meta, bytes, quality).toBuffer({ resolveWithObject: true })
    data = result.data
    width = result.info.width
    height = result.info.pages && result.info.pages > 1 && result.info.pageHeight ? result.info.pageHeight : result.info.height
  } catch (error) {
    if (error instanceof ServiceError) throw error
    throw unreadable(options.name, type, error)
  }
  const mustProcess = hadMetadata || orientation !== 1 || tooWide
  if (!mustProcess && data.length >= bytes.length) return { bytes, ...original, optimized: false, hadMetadata, keptReason: 'not-smaller' }
  return { bytes: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width, height, optimized: true, hadMetadata }
}
