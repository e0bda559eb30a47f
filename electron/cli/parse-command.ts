// `inkpost parse [--content-dir DIR] FILE|FOLDER...`: prints one JSON line per post, exactly as the
// Nuxt Content 2.7 site would store it: {"file": "<path relative to DIR>", "parsed": {...}}, or
// {"file": ..., "error": {"message", "line"?, "column"?, "kind"}} for a post that cannot be parsed.
// Files are read one at a time (one read ahead), output is written with backpressure, and a closed
// pipe (`| head`) ends the run quietly. Invalid YAML frontmatter is an error line, as it fails the
// site's build too; the exit status is 1 if any post failed, 2 for a usage error.
import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import type { CliIo } from './cli-io.js'
import { LineWriter } from './line-writer.js'
import { describeFsError, nodeTargetFs, postTargets, type PostTarget, type TargetFs } from './post-targets.js'
import { contentIdFor, decodePostText, PostParseFailure, tryParsePost } from '../../shared/parser/index.js'
import type { ParseOutcome, PostParseError } from '../../shared/parser/parse-types.js'

/** Usage text of `inkpost parse`. */
export const PARSE_USAGE = `Usage: inkpost parse [--content-dir DIR] FILE|FOLDER...

Prints one JSON line per post, in argument order, the way a Nuxt Content 2.7 site stores it:
  {"file": "blog/post.md", "parsed": {...}}
or, for a post that cannot be parsed (the run goes on with the next one):
  {"file": "blog/bad.md", "error": {"message": "...", "line": 3, "column": 7, "kind": "frontmatter"}}
"line" and "column" (1-based, in the whole file) are there when the position is known. "kind" is
one of: frontmatter (invalid YAML frontmatter: an error, because the site fails on it too),
encoding (not a UTF-8 text file), too-deep, parser, read (missing or unreadable file),
outside-content-dir, empty-folder.

  --content-dir DIR  the site's content folder; "file" and the content id (content:blog:post.md)
                     are relative to it. Default: the nearest folder named "content" above each
                     file, else the file's own folder (for a FOLDER argument: that folder).
  FOLDER             every .md file under it, sorted by path (dot-folders and node_modules skipped).
  --                 the remaining arguments are files, even if they start with "-".
  -h, --help         show this help.

Exit status: 0 when every post parsed, 1 when any failed, 2 for a usage error.
`

/** The parser calls the command needs; injectable for tests. */
export interface ParseCommandParser {
  decodePostText(bytes: Uint8Array): string
  tryParsePost(source: string, options: { id: string }): ParseOutcome
  contentIdFor(relativeFile: string): string
}

/** The file-system calls the command needs; injectable for tests (e.g. to inject EACCES as root). */
export interface ParseCommandFs extends TargetFs {
  readFile(path: string): Promise<Uint8Array>
}

/** Optional dependencies of `runParse`: real parser and file system by default. */
export interface ParseCommandDeps {
  parser?: ParseCommandParser
  fs?: ParseCommandFs
}

const defaultParser: ParseCommandParser = { decodePostText, tryParsePost, contentIdFor }
const defaultFs: ParseCommandFs = { ...nodeTargetFs, readFile }

/** The `error` object of an output line: message first, then line/column when known, then kind. */
interface ErrorField {
  message: string
  line?: number
  column?: number
  kind: string
}

/** A parsed command line, or a usage error message. */
type ParseArgs = { help: true } | { help: false; contentDir: string | null; paths: string[] } | { error: string }

/** Reads `--content-dir DIR` / `--content-dir=DIR`, `-h`/`--help`, `--`, and the paths. */
export function parseArgs(args: string[]): ParseArgs {
  let contentDir: string | null = null
  const paths: string[] = []
  let optionsDone = false
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]
    if (optionsDone || !arg.startsWith('-') || arg === '-') { paths.push(arg); continue }
    if (arg === '--') optionsDone = true
    else if (arg === '-h' || arg === '--help') return { help: true }
    else if (arg === '--content-dir' || arg.startsWith('--content-dir=')) {
      const value = arg === '--content-dir' ? args[++i] : arg.slice('--content-dir='.length)
      if (value === undefined || value === '') return { error: '--content-dir needs a folder' }
      if (contentDir !== null) return { error: '--content-dir given twice' }
      contentDir = value
    } else return { error: `unknown option ${arg}` }
  }
  if (paths.length === 0) return { error: 'no files given' }
  return { help: false, contentDir, paths }
}

/** What reading one target produced. */
type Loaded = { target: PostTarget; bytes: Uint8Array | null; readError: string | null }

/** Runs `inkpost parse` with the arguments after `parse`; resolves to the exit status. */
export async function runParse(args: string[], io: CliIo, deps: ParseCommandDeps = {}): Promise<number> {
  const parser = deps.parser ?? defaultParser
  const fs = deps.fs ?? defaultFs
  const options = parseArgs(args)
  if ('error' in options) {
    io.stderr.write(`inkpost parse: ${options.error}\n\n${PARSE_USAGE}`)
    return 2
  }
  if (options.help) {
    io.stdout.write(PARSE_USAGE)
    return 0
  }
  let contentDir: string | null = null
  if (options.contentDir !== null) {
    contentDir = resolve(io.cwd, options.contentDir)
    const info = await fs.stat(contentDir).catch(() => null)
    if (!info?.isDirectory()) {
      io.stderr.write(`inkpost parse: --content-dir ${options.contentDir} is not a folder\n`)
      return 2
    }
  }

  const out = new LineWriter(io.stdout)
  const load = async (target: PostTarget): Promise<Loaded> => {
    if (target.problem) return { target, bytes: null, readError: null }
    try {
      return { target, bytes: await fs.readFile(target.absolute), readError: null }
    } catch (error) {
      return { target, bytes: null, readError: describeFsError(error) }
    }
  }

  const targets = postTargets(options.paths, io.cwd, contentDir, fs)
  let total = 0
  let failed = 0
  let next = await targets.next()
  let pending: Promise<Loaded> | null = next.done ? null : load(next.value)
  while (pending !== null) {
    const { target, bytes, readError } = await pending
    // start reading the next file while this one is parsed and written
    next = await targets.next()
    pending = next.done ? null : load(next.value)

    total++
    const result: { parsed: unknown } | { error: ErrorField } = target.problem
      ? { error: { message: target.problem.message, kind: target.problem.kind } }
      : readError !== null
        ? { error: { message: readError, kind: 'read' } }
        : parseOne(parser, target.file, bytes as Uint8Array)
    if ('error' in result) failed++
    const line = 'error' in result
      ? JSON.stringify({ file: target.file, error: result.error })
      : JSON.stringify({ file: target.file, parsed: result.parsed })
    if (!(await out.write(line + '\n'))) break
  }
  if (!next.done) await targets.return(undefined)

  if (out.closed) {
    if (out.readerGone) return failed > 0 ? 1 : 0
    io.stderr.write(`inkpost parse: cannot write the output: ${out.error?.message ?? 'stream closed'}\n`)
    return 1
  }
  if (failed > 0) io.stderr.write(`inkpost parse: ${failed} of ${total} file${total === 1 ? '' : 's'} failed\n`)
  return failed > 0 ? 1 : 0
}

/** Decodes and parses one file; never throws. */
function parseOne(parser: ParseCommandParser, file: string, bytes: Uint8Array): { parsed: unknown } | { error: ErrorField } {
  try {
    const text = parser.decodePostText(bytes)
    const outcome = parser.tryParsePost(text, { id: parser.contentIdFor(file) })
    // Invalid frontmatter still yields a body for the editor's preview, but the site fails on it:
    // the CLI reports it as an error, like the build would.
    if (outcome.error) return { error: toErrorField(outcome.error) }
    if (!outcome.parsed) return { error: { message: 'the parser returned nothing', kind: 'parser' } }
    return { parsed: outcome.parsed }
  } catch (error) {
    const detail = parseErrorOf(error)
    if (detail) return { error: toErrorField(detail) }
    const message = error instanceof RangeError ? `too deeply nested to parse (${error.message})` : String((error as Error)?.message ?? error)
    return { error: { message, kind: error instanceof RangeError ? 'too-deep' : 'parser' } }
  }
}

/** The `PostParseError` a parser exception carries, if it is the parser's own `PostParseFailure`. */
function parseErrorOf(error: unknown): PostParseError | null {
  return error instanceof PostParseFailure ? error.detail : null
}

/** The output `error` object for a parser error, with line/column only when known. */
function toErrorField(error: PostParseError): ErrorField {
  const field: ErrorField = { message: error.message } as ErrorField
  if (typeof error.line === 'number') field.line = error.line
  if (typeof error.column === 'number') field.column = error.column
  field.kind = error.kind
  return field
}
