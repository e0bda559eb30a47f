// `inkpost check SITE_DIR --assets [--json]`: the site's images against its posts — images no post
// references, and references to images that do not exist — the same report as the app's
// "Site images" dialog. Exit 1 when any reference is missing.
import type { SiteAssetReport } from '../../shared/services/assets-service'
import { ServiceError } from '../../shared/services/service-error'
import { AssetsServiceImpl } from '../services/assets-service-impl'
import type { CliIo } from './cli-io'
import { openCliSite } from './cli-site'

/** Usage text of `inkpost check`. */
export const CHECK_USAGE = `Usage: inkpost check SITE_DIR --assets [--json]

Checks the Nuxt Content site in SITE_DIR.

Options:
  --assets   Images: every image under the image folder that no post references (with sizes),
             and every post's reference to an image that is missing or not served from public/.
             Exit status 1 when a reference is missing.
  --json     Print the report as one JSON object instead of text.
  -h, --help Show this help.
`

/** Parsed arguments of `inkpost check`. */
export interface CheckArgs {
  siteDir: string
  assets: boolean
  json: boolean
  help: boolean
}

/** Parses `check` arguments; throws an Error with a usage message on bad input. */
export function parseCheckArgs(args: string[]): CheckArgs {
  const parsed: CheckArgs = { siteDir: '', assets: false, json: false, help: false }
  let site: string | null = null
  for (const arg of args) {
    if (arg === '-h' || arg === '--help') parsed.help = true
    else if (arg === '--assets') parsed.assets = true
    else if (arg === '--json') parsed.json = true
    else if (arg.startsWith('-')) throw new Error(`unknown option ${arg}`)
    else if (site === null) site = arg
    else throw new Error(`unexpected argument "${arg}"`)
  }
  if (parsed.help) return parsed
  if (site === null) throw new Error('missing SITE_DIR')
  if (!parsed.assets) throw new Error('say what to check: --assets (images against posts)')
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

/** Runs `inkpost check`; resolves to the exit status (0 ok, 1 missing references or failure, 2 usage). */
export async function runCheck(args: string[], io: CliIo): Promise<number> {
  let parsed: CheckArgs
  try {
    parsed = parseCheckArgs(args)
  } catch (error) {
    io.stderr.write(`inkpost check: ${(error as Error).message}\n${CHECK_USAGE}`)
    return 2
  }
  if (parsed.help) { io.stdout.write(CHECK_USAGE); return 0 }
  try {
    const { context, fs } = await openCliSite(parsed.siteDir, io.cwd)
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
  }
}
