// `inkpost import CACHE.json [--out FILE.md] [--force]`: turns a Nuxt Content 2.7 site-cache entry
// (`.nuxt/content-cache/parsed/content/<file>.json`, `{parsed, hash}`) back into a markdown post —
// for a writer who lost the post's source but still has the site's cache. The markdown goes to
// FILE.md (written atomically, never over an existing file unless --force) or to stdout; warnings
// and whether the markdown parses back to exactly the entry's `parsed` go to stderr. Exit status:
// 0 exact, 1 not exact or an error, 2 usage.
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { Readable } from 'node:stream'
import { cacheEntryToMarkdown } from '../../shared/import/cache-to-markdown.js'
import { contentIdFor, tryParsePost } from '../../shared/parser/index.js'
import { atomicWriteFile } from '../services/atomic-write.js'
import { errnoCode, nodeFs } from '../services/fs-facade.js'
import type { CliIo } from './cli-io.js'

/** Usage text of `inkpost import`. */
export const IMPORT_USAGE = `Usage: inkpost import CACHE.json [--out FILE.md] [--force]

Rebuilds a post's markdown from the site's Nuxt Content cache entry for it
(.nuxt/content-cache/parsed/content/<file>.json), for when the post's source is lost: frontmatter
with the keys the post set, and the body as markdown/MDC (raw HTML where markdown cannot say it).
The markdown is printed to standard output, or written to FILE.md. Standard error lists the
constructs that could not be rebuilt exactly and says whether the markdown parses back to exactly
the cached document. CACHE.json may be - to read the entry from standard input.

Options:
  --out FILE.md  write the markdown to FILE.md (atomically) instead of printing it
  --force        replace FILE.md when it already exists (without it, an existing file is kept)
  -h, --help     show this help

Exit status: 0 when the round trip is exact, 1 when it is not or on an error, 2 for a usage error.
`

/** Parsed arguments of `inkpost import`. */
export interface ImportArgs {
  input: string
  out?: string
  force: boolean
  help: boolean
}

/** Parses `import` arguments; throws an Error with a usage message on bad input. */
export function parseImportArgs(args: string[]): ImportArgs {
  const parsed: ImportArgs = { input: '', force: false, help: false }
  let input: string | undefined
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]
    if (arg === '-h' || arg === '--help') parsed.help = true
    else if (arg === '--force') parsed.force = true
    else if (arg === '--out' || arg === '-o') {
      const value = args[++i]
      if (value === undefined || value === '') throw new Error(`${arg} needs a file name`)
      if (parsed.out !== undefined) throw new Error('--out given twice')
      parsed.out = value
    } else if (arg.startsWith('--out=')) {
      if (parsed.out !== undefined) throw new Error('--out given twice')
      parsed.out = arg.slice('--out='.length)
      if (!parsed.out) throw new Error('--out needs a file name')
    } else if (arg.startsWith('-') && arg !== '-') throw new Error(`unknown option ${arg}`)
    else if (input === undefined) input = arg
    else throw new Error(`only one CACHE.json can be imported at a time (got ${input} and ${arg})`)
  }
  if (parsed.help) return parsed
  if (input === undefined) throw new Error('missing CACHE.json')
  parsed.input = input
  return parsed
}

async function readAll(stream: Readable): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk)
  return Buffer.concat(chunks).toString('utf8')
}

async function readInput(input: string, io: CliIo): Promise<string> {
  if (input === '-') {
    if (!io.stdin) throw new Error('no standard input to read the cache entry from')
    return readAll(io.stdin)
  }
  try {
    return await readFile(path.resolve(io.cwd, input), 'utf8')
  } catch (error) {
    const code = errnoCode(error)
    if (code === 'ENOENT') throw new Error(`${input}: no such file`)
    if (code === 'EISDIR') throw new Error(`${input} is a folder, not a cache entry file`)
    throw new Error(`${input}: cannot be read (${(error as Error).message})`)
  }
}

/** Whether Inkpost's parser (the site's, byte for byte) turns `text` back into exactly `parsed`. */
function parsesBackExactly(text: string, parsed: Record<string, unknown>, file: string): boolean {
  const id = typeof parsed._id === 'string' ? parsed._id : contentIdFor(file)
  const outcome = tryParsePost(text, { id })
  return !outcome.error && JSON.stringify(outcome.parsed) === JSON.stringify(parsed)
}

/** Runs `inkpost import`; resolves to the exit status (0 exact, 1 not exact or failure, 2 usage). */
export async function runImport(args: string[], io: CliIo): Promise<number> {
  let parsed: ImportArgs
  try {
    parsed = parseImportArgs(args)
  } catch (error) {
    io.stderr.write(`inkpost import: ${(error as Error).message}\n${IMPORT_USAGE}`)
    return 2
  }
  if (parsed.help) {
    io.stdout.write(IMPORT_USAGE)
    return 0
  }
  try {
    const json = await readInput(parsed.input, io)
    let entry: unknown
    try {
      entry = JSON.parse(json)
    } catch (error) {
      throw new Error(`${parsed.input} is not valid JSON: ${(error as Error).message}`)
    }
    const result = cacheEntryToMarkdown(entry)
    const exact = parsesBackExactly(result.text, (entry as { parsed: Record<string, unknown> }).parsed, result.file)
    if (parsed.out !== undefined) {
      const target = path.resolve(io.cwd, parsed.out)
      try {
        await atomicWriteFile(nodeFs, target, new TextEncoder().encode(result.text), { noOverwrite: !parsed.force })
      } catch (error) {
        if (errnoCode(error) === 'EEXIST') throw new Error(`${parsed.out} already exists; not overwritten (use --force to replace it)`)
        if (errnoCode(error) === 'ENOENT') throw new Error(`cannot write ${parsed.out}: its folder does not exist`)
        throw new Error(`cannot write ${parsed.out}: ${(error as Error).message}`)
      }
    } else {
      io.stdout.write(result.text)
    }
    for (const warning of result.warnings) io.stderr.write(`warning: ${warning}\n`)
    const where = parsed.out !== undefined ? `Wrote ${parsed.out} (${result.file} in the site's content folder). ` : ''
    io.stderr.write(
      exact
        ? `${where}Round trip: exact — the markdown parses back to exactly the cached document.\n`
        : `${where}Round trip: NOT exact — the markdown parses to a different document than the cache entry${result.warnings.length ? ' (see the warnings above)' : ''}.\n`,
    )
    return exact ? 0 : 1
  } catch (error) {
    io.stderr.write(`inkpost import: ${error instanceof Error ? error.message : String(error)}\n`)
    return 1
  }
}
