// What `assets.importImage` accepts, and the wording of its refusals: the checked input, the size
// limit message, the name shown to the writer.
import { ServiceError } from '../../shared/services/service-error'

/** Longest file name accepted for a dropped image. */
const MAX_NAME_LENGTH = 255

function invalid(message: string): ServiceError {
  return new ServiceError('invalid-argument', message)
}

/** The dropped file's name as shown in messages: its last segment, without control characters. */
export function displayName(name: string): string {
  // eslint-disable-next-line no-control-regex
  return (name.split(/[/\\]/).pop() ?? name).replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 120) || 'image'
}

/** `64 MB`, `1.5 MB`, or `0.25 MB` for small sizes (sizes in MiB, written MB as the settings doc does). */
export function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024)
  return `${Number.isInteger(mb) ? mb : mb >= 1 ? mb.toFixed(1) : Number(mb.toPrecision(2))} MB`
}

/** `12 KB`, `1.5 MB`. */
export function humanSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? megabytes(bytes) : `${Math.max(1, Math.round(bytes / 1024))} KB`
}

/** The input of `importImage`, checked. */
export interface CheckedInput { name: string; data?: Uint8Array; sourcePath?: string; postDate: string | null | undefined }

/** Checks the `input` of `assets.importImage`: a name and exactly one of `data` (bytes) or `sourcePath`, and an optional `postDate`. */
export function checkImportInput(input: unknown): CheckedInput {
  if (!input || typeof input !== 'object' || Array.isArray(input)) throw invalid('assets.importImage needs {name, data} or {name, sourcePath}')
  const { name, data, sourcePath, postDate } = input as Record<string, unknown>
  if (typeof name !== 'string') throw invalid('The image needs its file name as a string')
  if (name.length > MAX_NAME_LENGTH) throw invalid(`The image's file name is longer than ${MAX_NAME_LENGTH} characters`)
  const hasData = data !== undefined && data !== null
  const hasPath = sourcePath !== undefined && sourcePath !== null
  if (hasData === hasPath) throw invalid('Give the image either as data (its bytes) or as sourcePath, not both and not neither')
  if (hasData && !(data instanceof Uint8Array)) throw invalid('The image data must be bytes (a Uint8Array)')
  if (hasPath && typeof sourcePath !== 'string') throw invalid('sourcePath must be a string')
  if (postDate !== undefined && postDate !== null && typeof postDate !== 'string') throw invalid('postDate must be a string (YYYY-MM-DD) or null')
  return { name, data: hasData ? (data as Uint8Array) : undefined, sourcePath: hasPath ? (sourcePath as string) : undefined, postDate: postDate as string | null | undefined }
}

/** The refusal of an image over the site's `maxImportBytes`. */
export function tooLarge(shown: string, size: number, limit: number): ServiceError {
  return invalid(`"${shown}" is ${megabytes(size)}; the largest image Inkpost imports is ${megabytes(limit)} ("maxImportBytes" in inkpost.config.json); nothing was copied`)
}

/** An SVG's bytes as text; refused when they are not UTF-8. */
export function decodeSvg(bytes: Uint8Array, shown: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw invalid(`"${shown}" is not a readable SVG image (it is not UTF-8 text); nothing was copied`)
  }
}
