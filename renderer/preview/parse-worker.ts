/// <reference lib="webworker" />
import { contentIdFor, tryParsePost } from '../../shared/parser/index'
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
  ms: number
}

/** Parses one post off the main thread and runs the pre-publish checks on it when `site` is known (pure function, also used as a fallback when workers are unavailable). */
export function parseForPreview(request: ParseRequest, site: SiteIndex | null = null): ParseReply {
  const started = performance.now()
  let outcome: ParseOutcome
  try {
    outcome = tryParsePost(request.source, { id: contentIdFor(request.file) })
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
  return { seq: request.seq, file: request.file, outcome, blockLines, stats: countText(readableText(children)), images, findings, ms: performance.now() - started }
}

const scope = globalThis as unknown as DedicatedWorkerGlobalScope
if (typeof scope.postMessage === 'function' && typeof (globalThis as { document?: unknown }).document === 'undefined') {
  let site: SiteIndex | null = null
  scope.onmessage = (event: MessageEvent<ParseRequest | SiteIndexMessage>) => {
    const data = event.data
    if ('type' in data && data.type === 'site-index') { site = data.index; return }
    scope.postMessage(parseForPreview(data as ParseRequest, site))
  }
}
