import { contentIdFor } from '../../shared/parser/index'
import type { ContentFamily, SiteParseSettings } from '../../shared/parser/content-options'
import { IncrementalParser } from '../../shared/parser/incremental-parser'
import { highlightsCode, tryParseForSite } from '../../shared/parser/parse-for-site'
import type { MinimarkNode, ParsedContent, ParseOutcome } from '../../shared/parser/parse-types'
import type { PostPositions } from '../../shared/parser/post-positions'
import { collectImageReferences, type ImageReference } from '../../shared/assets/image-references'
import type { Finding, SiteIndex } from '../../shared/checks/finding'
import { runChecks } from '../../shared/checks/run-checks'
import { BlockTextCounter, type TextStats } from '../text/text-stats'

/** A parse request from the window: the latest text of `file`, numbered so stale replies are dropped. */
export interface ParseRequest {
  seq: number
  file: string
  source: string
}

/** A top-level block of a reply: its stable key, and the node itself when the window does not have it yet. */
export interface BlockRef {
  key: number
  node?: MinimarkNode
}

/**
 * The parse of one text: the outcome (its `body.children` left empty: the blocks travel in
 * `blocks`, only the new ones with their nodes), the positions side table, the source line of
 * each block and the text counts.
 */
export interface ParseReply {
  kind: 'parse'
  seq: number
  file: string
  outcome: ParseOutcome
  blocks: BlockRef[]
  positions: PostPositions | null
  /** 1-based source line of each top-level block (from the positions), empty when unknown. */
  blockLines: number[]
  stats: TextStats
  /** The Nuxt Content version and family this parse reproduces. */
  version: string
  family: ContentFamily
  /** Site options the parse could not apply (e.g. a plugin that cannot run here). */
  notices: string[]
  /** False for the quick first parse of a highlighting site, before its highlighter has loaded. */
  highlighted: boolean
  /** Blocks reused from the previous parse / parsed again (sections), for diagnostics. */
  reusedSections: number
  ms: number
}

/** What the checks found on one text: sent after its {@link ParseReply}, when no newer text waits. */
export interface CheckReply {
  kind: 'checks'
  seq: number
  file: string
  /** Every image the post references, located in the source (for the assets panel and the editor's marks). */
  images: ImageReference[]
  /** The pre-publish checks' findings; null until the site's index is known. */
  findings: Finding[] | null
}

/** 1-based line of each offset (offsets ascending). */
function linesOf(source: string, offsets: readonly number[]): number[] {
  const lines: number[] = new Array(offsets.length)
  let line = 1
  let at = 0
  for (let i = 0; i < offsets.length; i++) {
    const target = Math.min(offsets[i], source.length)
    if (target < at) { line = 1; at = 0 } // not ascending: count again from the start
    for (let next = source.indexOf('\n', at); next !== -1 && next < target; next = source.indexOf('\n', at)) {
      line++
      at = next + 1
    }
    lines[i] = line
  }
  return lines
}

/**
 * The preview worker's parsing, kept apart from the worker's message loop so it runs in plain Node
 * tests: one {@link IncrementalParser} per open post and site settings (only the sections an edit
 * touched are parsed again), block keys that stay the same for unchanged blocks (so the window
 * receives and re-renders only new blocks), word counts per block, and the checks on demand.
 */
export class PreviewParser {
  private parsers = new Map<string, IncrementalParser>()
  private keys = new WeakMap<MinimarkNode, number>()
  private nextKey = 1
  /** Keys the window holds (those of the last reply sent to it), for the file it shows. */
  private sent = new Set<number>()
  /** The JSON of each block the window holds, by key: a re-parsed block equal to one of them keeps its key. */
  private jsonOf = new Map<number, string>()
  private sentFile: string | null = null
  private readonly counter = new BlockTextCounter()
  private last: { seq: number; file: string; source: string; outcome: ParseOutcome } | null = null

  /** The window lost its blocks (or never had them): the next reply carries every node. */
  resync(): void {
    this.sent = new Set()
  }

  private parserFor(file: string, settings: SiteParseSettings | undefined): IncrementalParser {
    const key = `${file}\u0000${JSON.stringify(settings?.options ?? null)}`
    let parser = this.parsers.get(key)
    if (!parser) {
      if (this.parsers.size >= 8) this.parsers.delete(this.parsers.keys().next().value as string)
      parser = new IncrementalParser(settings?.options)
      this.parsers.set(key, parser)
    }
    return parser
  }

  /** Parses a request for the site's settings (`plain`: without highlighting, for a quick first paint). */
  async parse(request: ParseRequest, settings?: SiteParseSettings, plain = false): Promise<ParseReply> {
    const started = performance.now()
    const family: ContentFamily = settings?.family ?? '2.7'
    const version = settings?.version ?? '2.7.2'
    const id = contentIdFor(request.file)
    let outcome: ParseOutcome
    let notices: string[] = []
    let positions: PostPositions | null = null
    let reusedSections = 0
    try {
      const incremental = this.parserFor(request.file, family === '2.7' ? settings : undefined).tryParse(request.source, id)
      for (const node of incremental.touched) { this.keys.delete(node); this.counter.forget(node) }
      reusedSections = incremental.stats.reused
      positions = incremental.positions
      if (family === '2.7') {
        outcome = { parsed: incremental.parsed, error: incremental.error }
        notices = incremental.notices ?? []
        if (outcome.parsed && !outcome.error && !plain && settings && highlightsCode(settings)) {
          const { highlightParsed } = await import('../../shared/parser/parse-post-highlighted')
          outcome = { parsed: await highlightParsed(structuredClone(outcome.parsed), { content: settings.options }), error: null }
        }
      } else {
        const result = await tryParseForSite(request.source, { id, settings, plain })
        outcome = { parsed: result.parsed, error: result.error }
        notices = result.notices
        // the 2.7 parse's positions serve when its blocks line up with the 2.13 family's
        if (positions && positions.blocks.length !== (result.parsed?.body?.children.length ?? -1)) positions = null
      }
    } catch (error) {
      outcome = { parsed: null, error: { kind: 'parser', message: error instanceof Error ? error.message : String(error) } }
    }
    this.last = { seq: request.seq, file: request.file, source: request.source, outcome }
    const children = outcome.parsed?.body?.children ?? []
    if (this.sentFile !== request.file) { this.sent = new Set(); this.jsonOf = new Map(); this.sentFile = request.file }
    const blocks = this.blockRefs(children)
    this.sent = new Set(blocks.map((b) => b.key))
    for (const key of this.jsonOf.keys()) if (!this.sent.has(key)) this.jsonOf.delete(key)
    const parsed: ParsedContent | null = outcome.parsed ? { ...outcome.parsed, body: { ...outcome.parsed.body, children: [] } } : null
    const highlighted = !plain && !!settings && highlightsCode(settings)
    return {
      kind: 'parse', seq: request.seq, file: request.file, outcome: { ...outcome, parsed }, blocks, positions,
      blockLines: positions ? linesOf(request.source, positions.blocks) : [], stats: this.counter.count(children),
      version, family, notices, highlighted, reusedSections, ms: performance.now() - started,
    }
  }

  /**
   * Keys for the blocks of a parse: a block object seen before keeps its key; a new object (its
   * section was parsed again) takes the key of an identical block the window holds, so only blocks
   * whose content really changed are sent and redrawn.
   */
  private blockRefs(children: readonly MinimarkNode[]): BlockRef[] {
    // keys kept by block objects seen before (the first holder of a key keeps it)
    const kept = new Set<number>()
    const keyOf = children.map((node) => {
      const key = this.keys.get(node)
      if (key === undefined || kept.has(key)) return undefined
      kept.add(key)
      return key
    })
    let byJson: Map<string, number[]> | null = null
    return children.map((node, i) => {
      let key = keyOf[i]
      if (key === undefined) {
        const json = JSON.stringify(node)
        if (!byJson) {
          byJson = new Map()
          for (const [k, j] of this.jsonOf) if (this.sent.has(k) && !kept.has(k)) byJson.set(j, [...(byJson.get(j) ?? []), k])
        }
        const same = byJson.get(json)
        key = same?.length ? (same.shift() as number) : this.nextKey++
        this.keys.set(node, key)
        this.jsonOf.set(key, json)
      } else if (!this.jsonOf.has(key)) {
        this.jsonOf.set(key, JSON.stringify(node))
      }
      return this.sent.has(key) ? { key } : { key, node }
    })
  }

  /** The images and pre-publish checks of the last parsed text (null when nothing was parsed yet). */
  checks(site: SiteIndex | null): CheckReply | null {
    const last = this.last
    if (!last) return null
    let images: ImageReference[] = []
    try {
      if (last.outcome.parsed) images = collectImageReferences(last.outcome.parsed, last.source)
    } catch {
      images = []
    }
    let findings: Finding[] | null = null
    if (site) {
      try {
        findings = runChecks({ file: last.file, text: last.source, outcome: last.outcome, site })
      } catch {
        findings = null
      }
    }
    return { kind: 'checks', seq: last.seq, file: last.file, images, findings }
  }
}
