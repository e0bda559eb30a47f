// `inkpost export SITE_DIR FILE|FOLDER... --out DIR|FILE.zip [--force] [--allow-draft] [--overwrite]
// [--all] [--json]`: the publish bundle of one post (or several: a folder, or --all) after the
// pre-publish checks — a zip when --out ends with .zip, else a folder. Exit 0 written, 1 refused or
// failed (findings printed as file:line:column severity rule message), 2 usage.
import path from 'node:path'
import type { Finding, SiteIndex } from '../../shared/checks/finding'
import { ServiceError } from '../../shared/services/service-error'
import { exportBundle } from '../services/bundle-export'
import { errnoCode, type ServiceFs } from '../services/fs-facade'
import { checkSavedPosts } from '../services/post-checks'
import type { OpenSite } from '../services/site-context'
import { buildSiteIndex } from '../services/site-index'
import { isInside, toRelative } from '../services/site-paths'
import { version } from '../../package.json'
import type { CliIo } from './cli-io'
import { openCliSite, type CliSite } from './cli-site'

/** Usage text of `inkpost export`. */
export const EXPORT_USAGE = `Usage: inkpost export SITE_DIR FILE|FOLDER... --out DIR|FILE.zip [options]
       inkpost export SITE_DIR --all --out DIR|FILE.zip [options]

Checks the posts and writes a publish-ready bundle to drop into the site repository:
  content/<post>                                the post, unchanged
  public/<image>                                only the images it references
  .nuxt/content-cache/parsed/content/<post>.json  the site's parsed-cache entry
  preview/index.html                            a standalone page (no script), opens offline
  manifest.json                                 every file's size and sha256, the findings

  FILE           a post as the library names it (blog/2024-01-16-llama2.md) or a path to it
                 (absolute or relative to the working folder) inside the site's content folder.
  FOLDER         every post under it (blog/), in one bundle.
  --all          every post of the site, in one bundle.
  --out PATH     where to write: a .zip file, otherwise a folder (the bundle itself).
  --force        export even when the checks found errors.
  --allow-draft  export posts whose frontmatter says draft: true.
  --overwrite    replace an existing bundle at --out.
  --json         print the manifest as JSON on standard output.
  -h, --help     show this help.

Exit status: 0 written, 1 refused (findings printed as file:line:column severity rule message) or
failed, 2 for a usage error. Verify a bundle later with \`inkpost verify BUNDLE\`.
`

/** Parsed arguments of `inkpost export`. */
export interface ExportArgs {
  siteDir: string
  targets: string[]
  out: string
  all: boolean
  force: boolean
  allowDraft: boolean
  overwrite: boolean
  json: boolean
  help: boolean
}

/** Parses `export` arguments; throws an Error with a usage message on bad input. */
export function parseExportArgs(args: string[]): ExportArgs {
  const parsed: ExportArgs = { siteDir: '', targets: [], out: '', all: false, force: false, allowDraft: false, overwrite: false, json: false, help: false }
  const positional: string[] = []
  let out: string | null = null
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]
    if (arg === '-h' || arg === '--help') parsed.help = true
    else if (arg === '--force') parsed.force = true
    else if (arg === '--allow-draft') parsed.allowDraft = true
    else if (arg === '--overwrite') parsed.overwrite = true
    else if (arg === '--all') parsed.all = true
    else if (arg === '--json') parsed.json = true
    else if (arg === '--out' || arg.startsWith('--out=')) {
      const value = arg === '--out' ? args[++i] : arg.slice('--out='.length)
      if (value === undefined || value === '') throw new Error('--out needs a path (a .zip file or a folder)')
      if (out !== null) throw new Error('--out given twice')
      out = value
    } else if (arg === '--') {
      positional.push(...args.slice(i + 1))
      break
    } else if (arg.startsWith('-')) throw new Error(`unknown option ${arg}`)
    else positional.push(arg)
  }
  if (parsed.help) return parsed
  const [site, ...targets] = positional
  if (!site) throw new Error('missing SITE_DIR')
  if (targets.length === 0 && !parsed.all) throw new Error('say which posts to export: FILE, FOLDER or --all')
  if (targets.length > 0 && parsed.all) throw new Error('--all exports every post; do not name posts as well')
  if (out === null) throw new Error('missing --out PATH (a .zip file or a folder)')
  return { ...parsed, siteDir: site, targets, out }
}

/** A finding as one line: `file:line:column severity rule message`. */
export function formatFinding(f: Finding): string {
  return `${f.file}:${f.line}:${f.column} ${f.severity} ${f.rule} ${f.message}`
}

function size(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

async function statOrNull(fs: ServiceFs, file: string) {
  try { return await fs.stat(file) } catch (error) { if (errnoCode(error) === 'ENOENT' || errnoCode(error) === 'ENOTDIR') return null; throw error }
}

/**
 * The posts (relative to the content folder) that the FILE|FOLDER arguments name: a library name
 * when `content/<arg>` exists, else a path relative to the working folder, which must lie inside
 * the content folder. Folders mean every post the site has below them.
 */
export async function resolveExportTargets(fs: ServiceFs, site: OpenSite, index: SiteIndex, targets: string[], cwd: string): Promise<string[]> {
  const out: string[] = []
  for (const target of targets) {
    const asName = path.isAbsolute(target) ? null : path.join(site.contentRoot, target)
    let absolute = asName !== null && isInside(site.contentRoot, asName) && (await statOrNull(fs, asName)) ? asName : path.resolve(cwd, target)
    const stat = await statOrNull(fs, absolute)
    if (!stat) throw new ServiceError('not-found', `${target}: no such post or folder (neither in ${site.contentRoot} nor ${path.resolve(cwd, target)})`)
    absolute = await fs.realpath(absolute)
    if (!isInside(site.contentRoot, absolute)) throw new ServiceError('outside-site', `${target}: not inside the site's content folder ${site.contentRoot}`)
    const rel = toRelative(site.contentRoot, absolute)
    if (stat.isDirectory()) {
      const below = index.posts.map((p) => p.file).filter((f) => rel === '' || f.startsWith(`${rel}/`))
      if (below.length === 0) throw new ServiceError('not-found', `${target}: the folder holds no posts`)
      out.push(...below)
    } else {
      if (!rel.toLowerCase().endsWith('.md')) throw new ServiceError('invalid-argument', `${target}: not a markdown post (.md)`)
      out.push(rel)
    }
  }
  return [...new Set(out)]
}

/** Runs `inkpost export`; resolves to the exit status (0 written, 1 refused or failed, 2 usage). */
export async function runExport(args: string[], io: CliIo): Promise<number> {
  let parsed: ExportArgs
  try {
    parsed = parseExportArgs(args)
  } catch (error) {
    io.stderr.write(`inkpost export: ${(error as Error).message}\n\n${EXPORT_USAGE}`)
    return 2
  }
  if (parsed.help) { io.stdout.write(EXPORT_USAGE); return 0 }
  let opened: CliSite | null = null
  try {
    opened = await openCliSite(parsed.siteDir, io.cwd)
    const { context, fs } = opened
    const site = context.require()
    const index = await buildSiteIndex(fs, site)
    const files = parsed.all ? index.posts.map((p) => p.file) : await resolveExportTargets(fs, site, index, parsed.targets, io.cwd)
    if (files.length === 0) { io.stderr.write('inkpost export: the site has no posts\n'); return 1 }
    const findings = await checkSavedPosts(fs, site, index, files)
    const out = path.resolve(io.cwd, parsed.out)
    const format = /\.zip$/i.test(out) ? 'zip' : 'folder'
    const result = await exportBundle({
      fs,
      site,
      files,
      options: { format, out, force: parsed.force, allowDraft: parsed.allowDraft, overwrite: parsed.overwrite },
      findings,
      inkpostVersion: version,
      defaultOut: (name) => path.join(io.cwd, name),
    })
    const { manifest } = result
    const total = manifest.files.reduce((sum, f) => sum + f.bytes, 0)
    const warnings = manifest.findings.filter((f) => f.severity === 'warning')
    const errors = manifest.findings.filter((f) => f.severity === 'error')
    for (const f of [...errors, ...warnings]) io.stderr.write(formatFinding(f) + '\n')
    io.stderr.write(`Exported ${manifest.posts.length === 1 ? manifest.posts[0].file : `${manifest.posts.length} posts`} → ${result.out} (${result.format})\n`)
    io.stderr.write(`  ${manifest.files.length + 1} files, ${size(total)}; ${warnings.length} warning${warnings.length === 1 ? '' : 's'}${errors.length ? `, ${errors.length} error${errors.length === 1 ? '' : 's'} (forced)` : ''}\n`)
    if (parsed.json) io.stdout.write(JSON.stringify(manifest) + '\n')
    return 0
  } catch (error) {
    if (error instanceof ServiceError && Array.isArray(error.details?.findings)) {
      const findings = error.details.findings as Finding[]
      for (const f of [...findings.filter((f) => f.severity === 'error'), ...findings.filter((f) => f.severity !== 'error')]) io.stderr.write(formatFinding(f) + '\n')
    }
    io.stderr.write(`inkpost export: ${error instanceof Error ? error.message : String(error)}\n`)
    return 1
  } finally {
    await opened?.close()
  }
}
