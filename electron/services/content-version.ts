import { createHash } from 'node:crypto'

/** The version token of a file: SHA-256 of its exact bytes (hex, 32 chars). Same bytes, same version, whatever the mtime. */
export function contentVersion(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 32)
}
