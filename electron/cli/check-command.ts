// `inkpost check SITE_DIR [FILE...] [--json]`: the pre-publish checks of the app's problems panel on
// saved posts (exit 1 on any error). `inkpost check SITE_DIR --assets [--json]`: the site's images
// against its posts — images no post references, and references to images that do not exist — the
// same report as the app's "Site images" dialog (exit 1 when any reference is missing).
import { existsSync, realpathSync } from 'node:fs'
import path from 'node:path'
import type { Finding } from '../../shared/checks/finding'
import type { SiteAssetReport } from '../../shared/services/assets-service'
import { ServiceError } from '../../shared/services/service-error'
import { AssetsServiceImpl } from '../services/assets-service-impl'
import type { CliIo } from './cli-io'
import { openCliSite, type CliSite } from './cli-site'
import { DEFAULT_PARSE_SETTINGS } from '../../shared/parser/content-options'
import { parseNoticesFor } from '../../shared/parser/parse-for-site'
import { checkSavedPosts } from '../services/post-checks'
import { buildSiteIndex } from '../services/site-index'
import { isInside, toRelative } from '../services/site-paths'

/** Usage text of `inkpost check`. */
export const CHECK_USAGE = `Usage: inkpost check SITE_DIR [FILE...] [--json]
       inkpost check SITE_DIR --assets [--json]

Checks the Nuxt Content site in SITE_DIR before publishing: every post (or only FILE..., named as
the library names them, e.g. blog/2024-01-16-llama2.md, or as paths) against the pre-publish rules —
errors: invalid frontmatter, no title, a date that is not a real date, a missing image, a link to a
post or file that does not exist, unsafe HTML, a URL path that is empty or taken; warnings: draft,
no description, images over 1 MB, skipped heading levels, duplicate heading ids, links without
text. Exit status 1 when any error is found.

Options:
  --assets   Images instead: every image under the image folder that no post references (with sizes),
             and every post's reference to an image that is missing or not served from public/.
             Exit status 1 when a reference is missing.
  --json     Print the findings as one JSON array (with --assets: the report as one object).
  -h, --help Show this help.
`

/** Parsed arguments of `inkpost check`. */
export interface CheckArgs {
  siteDir: string
  /** Posts to check (empty: every post). */
  files: string[]
  assets: boolean
  json: boolean
  help: boolean
}

/** Parses `check` arguments; throws an Error with a usage message on bad input. */
export function parseCheckArgs(args: string[]): CheckArgs {
  const parsed: CheckArgs = { siteDir: '', files: [], assets: false, json: false, help: false }
  let site: string | null = null
  for (const arg of args) {
    if (arg === '-h' || arg === '--help') parsed.help = true
    else if (arg === '--assets') parsed.assets = true
    else if (arg === '--json') parsed.json = true
    else if (arg.startsWith('-')) throw new Error(`unknown option ${arg}`)
    else if (site === null) site = arg
    else parsed.files.push(arg)
  }
  if (parsed.help) return parsed
  if (site === null) throw new Error('missing SITE_DIR')
  if (parsed.assets && parsed.files.length) throw new Error('--assets checks the whole site; leave out FILE')
  parsed.siteDir = site
  return parsed
}

function size(bytes: number): string {
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

/** The report as text for a terminal. */
export function formatAssetReport(report: SiteAssetReport): string {
  const lines = [`Images in ${report.imageDir}: ${report.imageCount}; references in posts: ${report.referenceCount}`]
  lines.push(`Unused images: ${report.unused.length}${report.unused.length ? ` (${size(report.unusedBytes)})` : ''}`)
  for (const u of report.unused) lines.push(`  ${u.path}  ${size(u.bytes)}`)
  lines.push(`Missing images: ${report.missing.length}`)
  for (const m of report.missing) lines.push(`  ${m.file}:${m.line}:${m.column}  ${m.src}  (${m.state === 'missing' ? 'not found' : 'not served from public/'})`)
  if (report.unreadable.length) {
    lines.push(`Not checked (could not be parsed): ${report.unreadable.length}`)
    for (const u of report.unreadable) lines.push(`  ${u.file}: ${u.message}`)
  }
  return lines.join('\n') + '\n'
}

/** One finding as a terminal line: `blog/x.md:12:5  error  missing-image  …`. */
export function formatFinding(finding: Finding): string {
  return `${finding.file}:${finding.line}:${finding.column}  ${finding.severity}  ${finding.rule}  ${finding.message}`
}

/**
 * A post argument as the library names it: a path (absolute, or from `cwd`) to an existing file
 * inside the content folder becomes relative to it; anything else is taken as the library's name
 * (`blog/x.md`) and checked by the services.
 */
export function asContentFile(arg: string, cwd: string, contentRoot: string): string {
  const absolute = path.resolve(cwd, arg)
  if (existsSync(absolute)) {
    const real = realpathSync(absolute)
    if (!isInside(contentRoot, real)) throw new Error(`${arg} is not inside the site's content folder (${contentRoot})`)
    return toRelative(contentRoot, real)
  }
  return arg
}

/** Runs `inkpost check`; resolves to the exit status (0 ok, 1 errors, missing references or failure, 2 usage). */
export async function runCheck(args: string[], io: CliIo): Promise<number> {
  let parsed: CheckArgs
  try {
    parsed = parseCheckArgs(args)
  } catch (error) {
    io.stderr.write(`inkpost check: ${(error as Error).message}\n${CHECK_USAGE}`)
    return 2
  }
  if (parsed.help) { io.stdout.write(CHECK_USAGE); return 0 }
  let opened: CliSite | null = null
  try {
    opened = await openCliSite(parsed.siteDir, io.cwd)
    const { context, fs } = opened
    if (!parsed.assets) {
      const site = context.require()
      const files = parsed.files.map((f) => asContentFile(f, io.cwd, site.contentRoot))
      const index = await buildSiteIndex(fs, site)
      // say what the checks parse for, and what of the site's settings they cannot reproduce
      io.stderr.write(`Checking for ${site.info.parseDescription ?? 'Nuxt Content 2.7.2'}\n`)
      for (const notice of [...(site.info.parseNotices ?? []), ...(await parseNoticesFor(site.info.parse ?? DEFAULT_PARSE_SETTINGS, site.plugins))]) io.stderr.write(`Note: ${notice}\n`)
      const findings = await checkSavedPosts(fs, site, index, files.length ? files : undefined)
      const errors = findings.filter((f) => f.severity === 'error').length
      if (parsed.json) io.stdout.write(JSON.stringify(findings) + '\n')
      else for (const finding of findings) io.stdout.write(formatFinding(finding) + '\n')
      const checked = files.length || index.posts.length
      io.stderr.write(`Checked ${checked} post${checked === 1 ? '' : 's'}: ${errors} error${errors === 1 ? '' : 's'}, ${findings.length - errors} warning${findings.length - errors === 1 ? '' : 's'}\n`)
      return errors > 0 ? 1 : 0
    }
    const assets = new AssetsServiceImpl({
      fs,
      clock: Date.now,
      context,
      allowSourcePath: false,
      trash: async () => { throw new ServiceError('invalid-argument', 'inkpost check never deletes files') },
    })
    const report = await assets.report()
    io.stdout.write(parsed.json ? JSON.stringify(report) + '\n' : formatAssetReport(report))
    return report.missing.length > 0 ? 1 : 0
  } catch (error) {
    io.stderr.write(`inkpost check: ${error instanceof Error ? error.message : String(error)}\n`)
    return 1
  } finally {
    await opened?.close()
  }
}
