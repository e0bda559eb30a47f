// `inkpost verify BUNDLE [--json]`: checks a publish bundle (folder or zip) against its manifest —
// sizes and sha256s, no unlisted or unsafe file, every referenced image present, cache entries equal
// to a fresh parse. Exit 0 verified, 1 with the reasons, 2 usage.
import path from 'node:path'
import { verifyBundle } from '../services/bundle-verify'
import { nodeFs } from '../services/fs-facade'
import { ParsePool } from '../services/parse-pool'
import { cliParsePoolOptions } from './cli-site'
import type { CliIo } from './cli-io'

/** Usage text of `inkpost verify`. */
export const VERIFY_USAGE = `Usage: inkpost verify BUNDLE [--json]

Checks a bundle written by \`inkpost export\` (a folder or a .zip, read in place; nothing is
extracted): every file the manifest lists is there with its size and sha256, no other file is,
no zip entry leaves the bundle (.., absolute paths, backslashes, symlinks), every image the posts
reference is included, and each cache entry equals a fresh parse of its post.

  --json      print {"ok", "problems", "manifest"} as one JSON object on standard output.
  -h, --help  show this help.

Exit status: 0 verified, 1 when a check fails (each reason on its own line), 2 for a usage error.
`

/** Runs `inkpost verify`; resolves to the exit status (0 verified, 1 problems, 2 usage). */
export async function runVerify(args: string[], io: CliIo): Promise<number> {
  let bundle: string | null = null
  let json = false
  for (const arg of args) {
    if (arg === '-h' || arg === '--help') { io.stdout.write(VERIFY_USAGE); return 0 }
    if (arg === '--json') json = true
    else if (arg.startsWith('-') && arg.length > 1) return usage(io, `unknown option ${arg}`)
    else if (bundle === null) bundle = arg
    else return usage(io, `unexpected argument "${arg}" (verify takes one bundle)`)
  }
  if (bundle === null) return usage(io, 'missing BUNDLE (a folder or .zip written by inkpost export)')
  const target = path.resolve(io.cwd, bundle)
  // the fresh parses run in worker threads with a time limit, like the export's own
  const pool = new ParsePool(cliParsePoolOptions())
  try {
    const result = await verifyBundle(nodeFs, target, pool)
    if (json) io.stdout.write(JSON.stringify(result) + '\n')
    if (result.ok) {
      const m = result.manifest
      io.stderr.write(`Verified ${target}: ${m ? `${m.files.length + 1} files, ${m.posts.map((p) => p.file).join(', ')}` : ''}\n`)
      const errors = m ? m.findings.filter((f) => f.severity === 'error') : []
      if (errors.length) io.stderr.write(`Note: it was exported despite ${errors.length} check error${errors.length === 1 ? '' : 's'} (recorded in manifest.json):\n${errors.map((f) => `  ${f.file}:${f.line}:${f.column}  ${f.rule}  ${f.message}`).join('\n')}\n`)
      return 0
    }
    io.stderr.write(`inkpost verify: ${target} did not verify (${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}):\n`)
    for (const problem of result.problems) io.stderr.write(`  ${problem}\n`)
    return 1
  } catch (error) {
    io.stderr.write(`inkpost verify: ${error instanceof Error ? error.message : String(error)}\n`)
    return 1
  } finally {
    await pool.close()
  }
}

function usage(io: CliIo, message: string): number {
  io.stderr.write(`inkpost verify: ${message}\n\n${VERIFY_USAGE}`)
  return 2
}
