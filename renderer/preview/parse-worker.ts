/// <reference lib="webworker" />
import { contentIdFor } from '../../shared/parser/index'
import type { ContentFamily, SiteParseSettings } from '../../shared/parser/content-options'
import { highlightsCode, tryParseForSite } from '../../shared/parser/parse-for-site'
import type { ParseOutcome } from '../../shared/parser/parse-types'
import { collectImageReferences, type ImageReference } from '../../shared/assets/image-references'
import type { Finding, SiteIndex } from '../../shared/checks/finding'
import { runChecks } from '../../shared/checks/run-checks'
import { mapBlockLines } from './block-lines'
import { countText, readableText, type TextStats } from '../text/text-stats'

/** A parse request from the window: the latest text of `file`, numbered so stale replies are dropped. */
export interface ParseRequest {
  seq: number
  file: string
  source: string
}

/** Tells the worker about the rest of the site (posts, public files), which the pre-publish checks need. */
export interface SiteIndexMessage {
  type: 'site-index'
  index: SiteIndex
}

/** Tells the worker what the site's posts are parsed for (its Nuxt Content version, family and options). */
export interface SiteSettingsMessage {
  type: 'site-settings'
  settings: SiteParseSettings
}

/** The worker's reply: the parser's outcome plus the source line of each top-level block and the text counts. */
export interface ParseReply {
  seq: number
  file: string
  outcome: ParseOutcome
  blockLines: Array<number | null>
  stats: TextStats
  /** Every image the post references, located in the source (for the assets panel and the editor's marks). */
  images: ImageReference[]
  /** The pre-publish checks' findings on this text; null until the worker knows the site (its index). */
  findings: Finding[] | null
  /** The Nuxt Content version and family this parse reproduces. */
  version: string
  family: ContentFamily
  /** Site options the parse could not apply (e.g. a plugin that cannot run here). */
  notices: string[]
  /** False for the quick first parse of a highlighting site, before its highlighter has loaded. */
  highlighted: boolean
  ms: number
}

/**
 * Parses one post off the main thread for the site's settings (plain: without highlighting, for a
 * quick first paint) and runs the pre-publish checks on it when `site` is known. Also usable
 * without a worker.
 */
export async function parseForPreview(request: ParseRequest, site: SiteIndex | null = null, settings?: SiteParseSettings, plain = false): Promise<ParseReply> {
  const started = performance.now()
  let outcome: ParseOutcome
  let meta = { version: settings?.version ?? '2.7.2', family: settings?.family ?? ('2.7' as ContentFamily), notices: [] as string[] }
  try {
    const result = await tryParseForSite(request.source, { id: contentIdFor(request.file), settings, plain })
    outcome = { parsed: result.parsed, error: result.error }
    meta = { version: result.version, family: result.family, notices: result.notices }
  } catch (error) {
    outcome = { parsed: null, error: { kind: 'parser', message: error instanceof Error ? error.message : String(error) } }
  }
  const children = outcome.parsed?.body?.children ?? []
  let blockLines: Array<number | null> = []
  try {
    blockLines = mapBlockLines(request.source, children)
  } catch {
    blockLines = []
  }
  let images: ImageReference[] = []
  try {
    if (outcome.parsed) images = collectImageReferences(outcome.parsed, request.source)
  } catch {
    images = []
  }
  let findings: Finding[] | null = null
  if (site) {
    try {
      findings = runChecks({ file: request.file, text: request.source, outcome, site })
    } catch {
      findings = null
    }
  }
  const highlighted = !plain && !!settings && highlightsCode(settings)
  return { seq: request.seq, file: request.file, outcome, blockLines, stats: countText(readableText(children)), images, findings, ...meta, highlighted, ms: performance.now() - started }
}

const scope = globalThis as unknown as DedicatedWorkerGlobalScope
if (typeof scope.postMessage === 'function' && typeof (globalThis as { document?: unknown }).document === 'undefined') {
  let site: SiteIndex | null = null
  let settings: SiteParseSettings | undefined
  let highlighterWarm = false
  // one parse at a time; while it runs only the newest request waits (older ones are dropped)
  let waiting: ParseRequest | null = null
  let running = false
  const run = async () => {
    running = true
    while (waiting) {
      const request = waiting
      waiting = null
      const highlighting = !!settings && highlightsCode(settings)
      // a highlighting site: plain code first, colours once the highlighter has loaded
      if (highlighting && !highlighterWarm) scope.postMessage(await parseForPreview(request, site, settings, true))
      if (waiting && highlighting && !highlighterWarm) continue
      scope.postMessage(await parseForPreview(request, site, settings))
      if (highlighting) highlighterWarm = true
    }
    running = false
  }
  scope.onmessage = (event: MessageEvent<ParseRequest | SiteIndexMessage | SiteSettingsMessage>) => {
    const data = event.data
    if ('type' in data && data.type === 'site-index') { site = data.index; return }
    if ('type' in data && data.type === 'site-settings') { settings = data.settings; highlighterWarm = false; return }
    waiting = data as ParseRequest
    if (!running) void run()
  }
}
