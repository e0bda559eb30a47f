/** Text length from which saves and journal entries are spaced out (each costs the window ~0.1 s per MB to send). */
export const PACED_FROM_LENGTH = 1_000_000

/**
 * How long to wait between sends of a post's whole text (autosave, crash journal): `baseMs` up to
 * 1 MB, then `baseMs` per started MB, so a 10 MB post is sent at most a tenth as often and typing
 * in it is not held up by serialising it every second or two.
 */
export function pacedInterval(baseMs: number, length: number): number {
  return baseMs * Math.max(1, Math.ceil(length / PACED_FROM_LENGTH))
}
