// A site with a canary outside it: files whose content must never appear in any response, a
// folder that must stay unchanged, and symlinks in content/ and public/ that point out of the site.
import { mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import path from 'node:path'
import { copySampleSite } from './service-test-helpers'

/** The fixture: the site, the canary folder beside it and its secret text. */
export interface CanarySite {
  site: string
  outside: string
  canary: string
  /** Every file under the canary folder with its size, mtime and content: equal before and after an attack. */
  snapshot(): string
}

function walk(dir: string, out: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) { out.push(`${full}/`); walk(full, out); continue }
    const st = statSync(full)
    out.push(`${full} ${st.size} ${st.mtimeMs} ${readFileSync(full).toString('base64')}`)
  }
}

/**
 * Copies the sample site and plants, beside it, `outside/` with `canary.{md,txt,png}` holding a
 * random canary text, plus symlinks pointing there: `content/blog/link-out.md`,
 * `content/link-dir/`, `public/link-out.png`, `public/link-dir/` and `public/images/link-dir/`.
 */
export function makeCanarySite(): CanarySite {
  const site = copySampleSite()
  const outside = path.join(path.dirname(site), 'outside')
  const canary = `CANARY-${randomBytes(8).toString('hex')}`
  mkdirSync(outside, { recursive: true })
  for (const name of ['canary.md', 'canary.txt', 'canary.png']) writeFileSync(path.join(outside, name), `---\ntitle: ${canary}\n---\n${canary}\n`)
  symlinkSync(path.join(outside, 'canary.md'), path.join(site, 'content/blog/link-out.md'))
  symlinkSync(outside, path.join(site, 'content/link-dir'))
  symlinkSync(path.join(outside, 'canary.png'), path.join(site, 'public/link-out.png'))
  symlinkSync(outside, path.join(site, 'public/link-dir'))
  symlinkSync(outside, path.join(site, 'public/images/link-dir'))
  const snapshot = () => {
    const lines: string[] = []
    walk(outside, lines)
    return lines.join('\n')
  }
  return { site, outside, canary, snapshot }
}
