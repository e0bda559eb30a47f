// `inkpost parse [--content-dir DIR] [--stdin-path PATH] FILE|FOLDER|-...`: prints one JSON line
// per post, exactly as the Nuxt Content 2.7 site would store it: {"file": "<path relative to DIR>", "parsed": {...}}, or
// {"file": ..., "error": {"message", "line"?, "column"?, "kind"}} for a post that cannot be parsed.
// Files are read one at a time (one read ahead), output is written with backpressure, and a closed
// pipe (`| head`) ends the run quietly. Invalid YAML frontmatter is an error line, as it fails the
// site's build too; the exit status is 1 if any post failed, 2 for a usage error. `-` reads one post
// from standard input, when its turn comes (never ahead, so a terminal is not read early).
import { fstat, type Stats } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import type { Readable } from 'node:stream'
import type { CliIo } from './cli-io.js'
import { LineWriter } from './line-writer.js'
import { describeFsError, nodeTargetFs, postTargets, STDIN_ARG, type PostTarget, type TargetFs } from './post-targets.js'
import { contentIdFor, decodePostText, PostParseFailure, tryParsePost } from '../../shared/parser/index.js'
import type { ParseOutcome, PostParseError } from '../../shared/parser/parse-types.js'
import { DEFAULT_PARSE_SETTINGS, type ContentOptions, type SiteParseSettings } from '../../shared/parser/content-options.js'
import { tryParseForSite } from '../../shared/parser/parse-for-site.js'
import type { LoadedPlugins } from '../../shared/parser/site-plugins.js'
import { findSiteRoot } from '../site/find-site.js'
import { familyFor } from '../site/content-version.js'
import { readSiteParseSettings } from '../site/site-parse-settings.js'
import { extraPluginNames, loadSitePlugins } from '../site/load-site-plugins.js'
import { readSiteSettings } from '../services/site-settings.js'
import { nodeFs } from '../services/fs-facade.js'
import { ParsePool } from '../services/parse-pool.js'
import { cliParsePoolOptions } from './cli-site.js'

/** Usage text of `inkpost parse`. */
export const PARSE_USAGE = `Usage: inkpost parse [--content-dir DIR] [--stdin-path PATH] [--nuxt-content 2.7|2.13] [--options FILE.json] FILE|FOLDER|-...

Prints one JSON line per post, in argument order, the way the post's Nuxt Content site stores it:
  {"file": "blog/post.md", "version": "2.7.2", "parsed": {...}}
The site is the nearest folder above the post with a nuxt.config (or a package.json depending on
nuxt): its @nuxt/content version (installed package, lockfile or package.json range; 2.7.2 when
there is none) and its content: options (highlight, markdown.toc, remark/rehypePlugins, mdc,
locales…) decide the output; "version" says which version it reproduces.
or, for a post that cannot be parsed (the run goes on with the next one):
  {"file": "blog/bad.md", "error": {"message": "...", "line": 3, "column": 7, "kind": "frontmatter"}}
"line" and "column" (1-based, in the whole file) are there when the position is known. "kind" is
one of: frontmatter (invalid YAML frontmatter: an error, because the site fails on it too),
encoding (not a UTF-8 text file), too-deep, parser, too-slow (stopped after the time limit, 60 s
or INKPOST_PARSE_TIME_LIMIT seconds; the message names the line to blame), out-of-memory, read
(missing or unreadable file, or standard input failed), outside-content-dir, empty-folder.

  --content-dir DIR  the site's content folder; "file" and the content id (content:blog:post.md)
                     are relative to it. Default: the nearest folder named "content" above each
                     file, else the file's own folder (for a FOLDER argument: that folder).
  FOLDER             every .md file under it, sorted by path (dot-folders and node_modules skipped).
  -                  one post read from standard input (at most once; for a path named "-" write ./-).
                     Its line says "file": "-" and its content id is content:stdin.md (so _path is
                     /stdin), unless --stdin-path is given.
  --stdin-path PATH  parse the standard input post as if it were saved at PATH (PATH is not read):
                     "file" and the content id are what PATH would get, relative to --content-dir or
                     the nearest "content" folder above it, e.g.
                       inkpost parse --stdin-path content/blog/new-post.md - < draft.md
                     prints "file": "blog/new-post.md" with id content:blog:new-post.md.
  --nuxt-content V   parse for Nuxt Content 2.7 (2.7.2) or 2.13 (2.13.4) instead of the site's version.
  --options FILE     the content: options as JSON (like nuxt.config's content key) instead of the site's.
  --                 the remaining arguments are files, even if they start with "-" ("-" itself
                     still means standard input).
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
  /** Parses on this thread with these calls instead of in the parse pool. */
  parser?: ParseCommandParser
  fs?: ParseCommandFs
  /** Where posts are parsed (the caller closes it); default a pool of worker threads the run closes at its end. */
  pool?: ParsePool
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
type ParseArgs = { help: true } | { help: false; contentDir: string | null; stdinPath: string | null; paths: string[]; nuxtContent: string | null; optionsFile: string | null } | { error: string }

/** Reads `--content-dir DIR` / `--content-dir=DIR`, `--stdin-path PATH` / `--stdin-path=PATH`, `-h`/`--help`, `--`, and the paths (`-`: standard input). */
export function parseArgs(args: string[]): ParseArgs {
  let contentDir: string | null = null
  let stdinPath: string | null = null
  let nuxtContent: string | null = null
  let optionsFile: string | null = null
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
    } else if (arg === '--stdin-path' || arg.startsWith('--stdin-path=')) {
      const value = arg === '--stdin-path' ? args[++i] : arg.slice('--stdin-path='.length)
      if (value === undefined || value === '') return { error: '--stdin-path needs a path' }
      if (stdinPath !== null) return { error: '--stdin-path given twice' }
      stdinPath = value
    } else if (arg === '--nuxt-content' || arg.startsWith('--nuxt-content=')) {
      const value = arg === '--nuxt-content' ? args[++i] : arg.slice('--nuxt-content='.length)
      if (value === undefined || !/^2\.(\d+)(\.\d+)?$/.test(value)) return { error: '--nuxt-content needs a 2.x version: 2.7 or 2.13 (or an exact one such as 2.13.4)' }
      nuxtContent = value
    } else if (arg === '--options' || arg.startsWith('--options=')) {
      const value = arg === '--options' ? args[++i] : arg.slice('--options='.length)
      if (value === undefined || value === '') return { error: '--options needs a JSON file' }
      optionsFile = value
    } else return { error: `unknown option ${arg}` }
  }
  if (paths.length === 0) return { error: 'no files given' }
  const stdinCount = paths.filter((p) => p === STDIN_ARG).length
  if (stdinCount > 1) return { error: '- (standard input) can be given only once; write ./- for a path named "-"' }
  if (stdinPath !== null && stdinCount === 0) return { error: '--stdin-path names the post read from standard input, but - is not among the files' }
  return { help: false, contentDir, stdinPath, paths, nuxtContent, optionsFile }
}

/** What a post is parsed for: its site's settings and the site's own plugins loaded from its node_modules. */
interface PostParseTarget {
  settings: SiteParseSettings
  plugins?: LoadedPlugins
  /** The site root the plugins were loaded from (a worker loads them from there too). */
  root?: string
}

/** The settings a post is parsed for: its site's (found from the post), with the command line's `--nuxt-content` / `--options` over them. */
class SettingsResolver {
  private readonly bySite = new Map<string, Promise<SiteParseSettings>>()
  private readonly pluginsBySite = new Map<string, Promise<LoadedPlugins>>()

  constructor(private readonly io: CliIo, private readonly version: string | null, private readonly options: ContentOptions | null) {}

  private withOverrides(settings: SiteParseSettings): SiteParseSettings {
    let result = settings
    if (this.version) {
      const chosen = familyFor(this.version === '2.7' ? '2.7.2' : this.version === '2.13' ? '2.13.4' : this.version)
      result = { ...result, version: chosen.version, family: chosen.family }
    }
    if (this.options) result = { ...result, options: this.options }
    return result
  }

  /**
   * The settings for a post at `path` (a file, or for standard input the place it stands for), and
   * the plugins of its site that are not Nuxt Content's defaults, loaded from the site's node_modules
   * (a post outside any site has none: there is nowhere to resolve them from).
   */
  async targetFor(path: string): Promise<PostParseTarget> {
    const overridden = this.version && this.options ? this.withOverrides(DEFAULT_PARSE_SETTINGS) : null
    if (overridden && extraPluginNames(overridden).length === 0) return { settings: overridden }
    const site = await findSiteRoot(path).catch(() => null)
    const settings = overridden ?? (await this.settingsFor(site?.root ?? null))
    if (!site) return { settings }
    const key = `${site.root}\0${JSON.stringify(settings.options)}\0${settings.family}`
    let plugins = this.pluginsBySite.get(key)
    if (!plugins) {
      plugins = loadSitePlugins(site.root, settings).then((loaded) => {
        for (const notice of loaded.notices) this.io.stderr.write(`inkpost parse: ${site.root}: ${notice}\n`)
        return loaded.plugins
      })
      this.pluginsBySite.set(key, plugins)
    }
    return { settings, plugins: await plugins, root: site.root }
  }

  /** The settings of the site at `root` (read once per site), with the command line's overrides. */
  private async settingsFor(root: string | null): Promise<SiteParseSettings> {
    const site = root ? { root } : null
    if (!site) return this.withOverrides(DEFAULT_PARSE_SETTINGS)
    let pending = this.bySite.get(site.root)
    if (!pending) {
      pending = (async () => {
        const own = await readSiteSettings(nodeFs, site.root).catch(() => null)
        const read = await readSiteParseSettings(site.root, { content: own?.content, nuxtContentVersion: own?.nuxtContentVersion })
        for (const notice of read.notices) this.io.stderr.write(`inkpost parse: ${site.root}: ${notice}\n`)
        return read.settings
      })()
      this.bySite.set(site.root, pending)
    }
    return this.withOverrides(await pending)
  }
}

function isDefaultSettings(settings: SiteParseSettings): boolean {
  return settings.family === '2.7' && Object.keys(settings.options ?? {}).length === 0
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
  let forcedOptions: ContentOptions | null = null
  if (options.optionsFile !== null) {
    try {
      const value = JSON.parse(new TextDecoder().decode(await fs.readFile(resolve(io.cwd, options.optionsFile)))) as unknown
      if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error('it must hold a JSON object of content: options')
      forcedOptions = value as ContentOptions
    } catch (error) {
      io.stderr.write(`inkpost parse: --options ${options.optionsFile}: ${error instanceof Error ? error.message : String(error)}\n`)
      return 2
    }
  }
  const resolver = new SettingsResolver(io, options.nuxtContent, forcedOptions)
  let contentDir: string | null = null
  if (options.contentDir !== null) {
    contentDir = resolve(io.cwd, options.contentDir)
    const info = await fs.stat(contentDir).catch(() => null)
    if (!info?.isDirectory()) {
      io.stderr.write(`inkpost parse: --content-dir ${options.contentDir} is not a folder\n`)
      return 2
    }
  }

  // every post is parsed in a worker thread with a time and memory limit (unless a test injects the parser calls)
  const pool = deps.parser ? null : (deps.pool ?? new ParsePool(cliParsePoolOptions()))
  try {
    return await parseTargets(options, io, fs, parser, resolver, contentDir, pool)
  } finally {
    if (pool && !deps.pool) await pool.close()
  }
}

/** Parses and prints every target of a valid command line; resolves to the exit status. */
async function parseTargets(options: { paths: string[]; stdinPath: string | null }, io: CliIo, fs: ParseCommandFs, parser: ParseCommandParser, resolver: SettingsResolver, contentDir: string | null, pool: ParsePool | null): Promise<number> {
  const out = new LineWriter(io.stdout)
  const load = async (target: PostTarget): Promise<Loaded> => {
    if (target.problem) return { target, bytes: null, readError: null }
    try {
      return { target, bytes: target.stdin ? await readStdin(io) : await fs.readFile(target.absolute), readError: null }
    } catch (error) {
      return { target, bytes: null, readError: target.stdin ? `cannot read standard input: ${(error as NodeJS.ErrnoException)?.code ? describeFsError(error) : String((error as Error)?.message ?? error)}` : describeFsError(error) }
    }
  }
  // a file is read one ahead; standard input only when its turn comes (it may be a terminal, and a
  // run that stops early must not leave the process waiting on it)
  const begin = (target: PostTarget): (() => Promise<Loaded>) => {
    if (target.stdin) return () => load(target)
    const started = load(target)
    return () => started
  }

  const targets = postTargets(options.paths, io.cwd, contentDir, fs, options.stdinPath)
  let total = 0
  let failed = 0
  let next = await targets.next()
  let pending: (() => Promise<Loaded>) | null = next.done ? null : begin(next.value)
  while (pending !== null) {
    const { target, bytes, readError } = await pending()
    // start reading the next file while this one is parsed and written
    next = await targets.next()
    pending = next.done ? null : begin(next.value)

    total++
    const { settings, plugins, root } = await resolver.targetFor(target.stdin ? resolve(io.cwd, options.stdinPath ?? '.') : target.absolute)
    const result: { parsed: unknown } | { error: ErrorField } = target.problem
      ? { error: { message: target.problem.message, kind: target.problem.kind } }
      : readError !== null
        ? { error: { message: readError, kind: 'read' } }
        : isDefaultSettings(settings) && !pool
          ? parseOne(parser, target.idFile ?? target.file, bytes as Uint8Array)
          : await parseForSite(parser, target.idFile ?? target.file, bytes as Uint8Array, { settings, plugins, root }, pool)
    if ('error' in result) failed++
    const line = 'error' in result
      ? JSON.stringify({ file: target.file, error: result.error })
      : JSON.stringify({ file: target.file, version: settings.version, parsed: result.parsed })
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

/**
 * All of standard input as bytes. Errors (no stdin, a folder redirected in) reach the caller, which
 * makes them a `read` error line. A terminal gets a hint on stderr so the wait is not a mystery.
 */
async function readStdin(io: CliIo): Promise<Uint8Array> {
  const stdin: Readable | undefined = io.stdin
  if (!stdin) throw new Error('there is no standard input in this run')
  if ((stdin as Readable & { isTTY?: boolean }).isTTY) io.stderr.write('inkpost parse: reading a post from standard input (end it with Ctrl-D)\n')
  // Node reads a folder redirected in (`< some-dir`) as empty input; say what it is instead
  const fd = (stdin as Readable & { fd?: unknown }).fd
  if (typeof fd === 'number') {
    const info = await new Promise<Stats | null>((done) => fstat(fd, (error, stats) => done(error ? null : stats)))
    if (info?.isDirectory()) throw Object.assign(new Error('standard input is a folder'), { code: 'EISDIR' })
  }
  const chunks: Uint8Array[] = []
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? new TextEncoder().encode(chunk) : (chunk as Uint8Array))
  return Buffer.concat(chunks)
}

/** Decodes and parses one file (`file`: the content-relative path its id comes from); never throws. */
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

/** Decodes and parses one file for its site (see `tryParseForSite`), in `pool` when given; never throws. */
async function parseForSite(parser: ParseCommandParser, file: string, bytes: Uint8Array, { settings, plugins, root }: PostParseTarget, pool: ParsePool | null): Promise<{ parsed: unknown } | { error: ErrorField }> {
  let text: string
  try {
    text = parser.decodePostText(bytes)
  } catch (error) {
    const detail = parseErrorOf(error)
    return { error: detail ? toErrorField(detail) : { message: String((error as Error)?.message ?? error), kind: 'encoding' } }
  }
  const id = parser.contentIdFor(file)
  const outcome = pool ? await pool.parse(text, { id, settings, plugins, pluginRoot: root }) : await tryParseForSite(text, { id, settings, plugins })
  // what the site stores (a 2.13 site keeps a post with invalid YAML, as its reader recovered it)
  if (!outcome.stored) return { error: outcome.error ? toErrorField(outcome.error) : { message: 'the parser returned nothing', kind: 'parser' } }
  return { parsed: outcome.stored }
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
