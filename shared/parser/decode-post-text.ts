import { PostParseFailure } from './post-parse-failure'

const BOM = '\uFEFF'

/** The WHATWG TextDecoder (in every browser and Node), typed here since shared/ has no DOM types. */
interface StrictDecoder {
  decode(input: Uint8Array): string
}
const TextDecoderCtor = (globalThis as unknown as {
  TextDecoder: new (label: string, options: { fatal: boolean; ignoreBOM: boolean }) => StrictDecoder
}).TextDecoder

/**
 * Decodes a post file's bytes as strict UTF-8 (a leading BOM is dropped), rejecting invalid UTF-8
 * (binary files: images, archives, Latin-1 text) with a clear "not a UTF-8 text file" error
 * instead of silently turning it into replacement characters. A NUL byte is valid UTF-8: the
 * site reads such a post as text and parses it (the parser turns NUL into U+FFFD), and so does Inkpost.
 */
export function decodePostText(bytes: Uint8Array): string {
  let text: string
  try {
    text = new TextDecoderCtor('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes)
  } catch {
    const bad = firstInvalidUtf8Byte(bytes)
    throw new PostParseFailure({
      kind: 'encoding',
      message: `not a UTF-8 text file: invalid UTF-8 at byte ${bad}`,
      ...lineAndColumnAt(bytes, bad),
    })
  }
  return text.startsWith(BOM) ? text.slice(1) : text
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidUtf8Byte(bytes: Uint8Array): number {
  let i = 0
  while (i < bytes.length) {
    const b = bytes[i]
    let need: number
    let min: number
    if (b < 0x80) { i++; continue }
    else if (b >= 0xc2 && b <= 0xdf) { need = 1; min = 0x80 }
    else if (b >= 0xe0 && b <= 0xef) { need = 2; min = 0x800 }
    else if (b >= 0xf0 && b <= 0xf4) { need = 3; min = 0x10000 }
    else return i
    let cp = b & (0x3f >> need)
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k]
      if (c === undefined || (c & 0xc0) !== 0x80) return i
      cp = (cp << 6) | (c & 0x3f)
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i
    i += need + 1
  }
  return bytes.length
}

/** 1-based line and column (in bytes) of a byte offset, counting `\n` as line ends. */
function lineAndColumnAt(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1
  let lineStart = 0
  for (let i = 0; i < offset && i < bytes.length; i++) {
    if (bytes[i] === 0x0a) { line++; lineStart = i + 1 }
  }
  return { line, column: offset - lineStart + 1 }
}
