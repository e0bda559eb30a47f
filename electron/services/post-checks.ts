import type { Finding, SiteIndex } from '../../shared/checks/finding'
import { runChecks } from '../../shared/checks/run-checks'
import { contentIdFor } from '../../shared/parser/index'
import { ServiceError } from '../../shared/services/service-error'
import { errnoCode, type ServiceFs } from './fs-facade'
import { toServiceError } from './io-error'
import { parseOnSite } from './parse-pool'
import { decodeOrError } from './post-summary'
import type { OpenSite } from './site-context'
import { resolveInside } from './site-paths'

/** How many posts are read at once (bounded so a large site never exhausts file descriptors). */
const READ_CONCURRENCY = 16

/** Validates one requested post: a `.md` file relative to the content folder that stays inside it. */
async function resolvePost(fs: ServiceFs, site: OpenSite, file: unknown): Promise<{ file: string; absolute: string }> {
  const resolved = await resolveInside(fs, site.contentRoot, file, 'post')
  const relative = String(file)
  if (!relative.toLowerCase().endsWith('.md')) throw new ServiceError('invalid-argument', `Only markdown posts (.md) can be checked, got "${relative}"`, { file: relative })
  return { file: relative, absolute: resolved.real }
}

/** The finding for a post whose bytes are not UTF-8 text (the site cannot build it either). */
function encodingFinding(file: string, message: string): Finding {
  const reason = /^not /.test(message) ? `This post is ${message}` : `This post cannot be read as text: ${message}`
  return { rule: 'encoding', severity: 'error', message: `${reason}, so the site cannot build it. Save the file as UTF-8 text.`, file, line: 1, column: 1, from: 0, to: 0 }
}

/**
 * Runs the pre-publish checks on posts as saved on disk (for `inkpost check` and export): each post
 * is read through `fs`, decoded with the parser's strict UTF-8 decoder (an undecodable file is one
 * `encoding` error), normalised to `\n` line ends, parsed for the site's own Nuxt Content version and options, and checked against `index`.
 * `files` (relative to the content folder) defaults to every post in the index (posts deleted since
 * the index was built are skipped); a named file that is not `.md` throws `invalid-argument`, one
 * outside the content folder `outside-site` (via `resolveInside`), a missing one `not-found`.
 * Findings come back grouped by file (in the order given), each file's sorted by line and column.
 */
export async function checkSavedPosts(fs: ServiceFs, site: OpenSite, index: SiteIndex, files?: string[]): Promise<Finding[]> {
  if (files !== undefined && !Array.isArray(files)) throw new ServiceError('invalid-argument', 'files must be a list of post paths')
  const wanted = files ?? index.posts.map((post) => post.file)
  const targets = await Promise.all(wanted.map((file) => resolvePost(fs, site, file)))
  const results: Finding[][] = new Array(targets.length)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < targets.length) {
      const at = next++
      const { file, absolute } = targets[at]
      let bytes: Uint8Array
      try {
        bytes = await fs.readFile(absolute)
      } catch (error) {
        // a post of a stale index that was deleted since is skipped; a post asked for by name must exist
        if (files === undefined && errnoCode(error) === 'ENOENT') { results[at] = []; continue }
        throw toServiceError(error, `read ${file}`)
      }
      const decoded = decodeOrError(bytes)
      if ('error' in decoded) { results[at] = [encodingFinding(file, decoded.error)]; continue }
      // parsed as the site parses it (its Nuxt Content family and options), like the editor's live checks
      const text = decoded.text.replace(/\r\n?/g, '\n')
      // in the site's parse pool: a post past its time or memory limit gets a parse-limit finding
      const outcome = await parseOnSite(site, text, { id: contentIdFor(file) })
      results[at] = runChecks({ file, text, outcome: { parsed: outcome.parsed, error: outcome.error }, site: index })
    }
  }
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, targets.length) }, worker))
  return results.flat()
}

