/**
 * How closely each published @nuxt/content 2.x version matches the family Inkpost parses it with,
 * as measured by `scripts/measure-content-versions.mjs` (each version's own transformers run on
 * the fixture posts and compared byte for byte with the family's goldens; 2026-12-01): 2.7.1 and
 * 2.7.2 match the 2.7 family on every post, 2.7.0 on every post without highlighting; 2.13.4
 * matches the 2.13 family on every post. For the others the stored JSON can differ, and the site
 * bar says how.
 */
interface Measured {
  /** Versions `major.minor.patch` from … to (inclusive). */
  from: [number, number, number]
  to: [number, number, number]
  /** What differs from the family's output, as measured. */
  differs: string
}

const MEASURED: readonly Measured[] = [
  { from: [2, 0, 0], to: [2, 1, 99], differs: '0 of 27 posts identical: no _dir, heading ids without the leading _, code blocks without a language class' },
  { from: [2, 2, 0], to: [2, 3, 99], differs: '1 of 27 posts identical: an excerpt on every post, heading ids without the leading _, code blocks without a language class' },
  { from: [2, 4, 0], to: [2, 5, 99], differs: '22 of 27 posts identical: heading ids without the leading _, code blocks without a language class, .md links not rewritten' },
  { from: [2, 6, 0], to: [2, 6, 99], differs: '24 of 27 posts identical: code blocks without a language class, .md links not rewritten' },
  { from: [2, 7, 0], to: [2, 7, 0], differs: 'identical without highlighting; with highlighting the theme class names differ' },
  { from: [2, 8, 0], to: [2, 9, 99], differs: '0 of 32 posts identical (an older @nuxtjs/mdc): no _stem, inline code classes differ' },
  { from: [2, 10, 0], to: [2, 12, 99], differs: '0 of 32 posts identical: the bodies are the same, the metadata is not (no _stem)' },
  { from: [2, 13, 0], to: [2, 13, 3], differs: '31 of 32 posts identical: _draft differs for a post whose draft flag is not a boolean' },
]

function compare(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] - b[i]
  return 0
}

/**
 * The measured difference between `version` (e.g. "2.12.1") and the family output Inkpost
 * reproduces (`reference`, e.g. "2.13.4"), as a notice, or undefined when it was measured identical.
 */
export function measuredDifference(version: string, reference: string): string | undefined {
  const parts = version.split('.').map(Number)
  if (parts.length !== 3 || parts.some(Number.isNaN)) return undefined
  const row = MEASURED.find((m) => compare(parts, m.from) >= 0 && compare(parts, m.to) <= 0)
  return row && `The site uses @nuxt/content ${version}; Inkpost reproduces Nuxt Content ${reference} (measured against ${version}: ${row.differs}), so what the site stores may differ.`
}
