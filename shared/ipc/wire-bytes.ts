/**
 * How byte arrays (an imported image) travel in the JSON bodies of browser mode: a Uint8Array
 * becomes `{"$bytes": "<base64>"}` and is turned back into bytes by the HTTP host before the
 * dispatcher sees the arguments. Electron IPC carries Uint8Array natively and needs none of this.
 */
export const WIRE_BYTES_KEY = '$bytes'

/** The JSON form of a byte array. */
export interface WireBytes {
  [WIRE_BYTES_KEY]: string
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

/** Standard base64 (with padding) of `bytes`; pure, for the window and any host. */
export function bytesToBase64(bytes: Uint8Array): string {
  const chunks: string[] = []
  const CHUNK = 3 * 16384
  for (let offset = 0; offset < bytes.length; offset += CHUNK) {
    const end = Math.min(bytes.length, offset + CHUNK)
    let out = ''
    for (let i = offset; i < end; i += 3) {
      const a = bytes[i]
      const b = i + 1 < end ? bytes[i + 1] : 0
      const c = i + 2 < end ? bytes[i + 2] : 0
      const triple = (a << 16) | (b << 8) | c
      out += ALPHABET[(triple >> 18) & 63] + ALPHABET[(triple >> 12) & 63]
      out += i + 1 < end ? ALPHABET[(triple >> 6) & 63] : '='
      out += i + 2 < end ? ALPHABET[triple & 63] : '='
    }
    chunks.push(out)
  }
  return chunks.join('')
}

/** A `JSON.stringify` replacer that writes every Uint8Array as {@link WireBytes}. */
export function wireBytesReplacer(_key: string, value: unknown): unknown {
  return value instanceof Uint8Array ? { [WIRE_BYTES_KEY]: bytesToBase64(value) } : value
}

/** True when a parsed JSON value is the wire form of a byte array (exactly one string key `$bytes` holding base64). */
export function isWireBytes(value: unknown): value is WireBytes {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false
  const keys = Object.keys(value)
  return keys.length === 1 && keys[0] === WIRE_BYTES_KEY && typeof (value as WireBytes)[WIRE_BYTES_KEY] === 'string'
    && /^[A-Za-z0-9+/]*={0,2}$/.test((value as WireBytes)[WIRE_BYTES_KEY])
}
