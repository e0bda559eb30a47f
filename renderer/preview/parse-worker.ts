/// <reference lib="webworker" />
import type { SiteParseSettings } from '../../shared/parser/content-options'
import { highlightsCode } from '../../shared/parser/parse-for-site'
import type { SiteIndex } from '../../shared/checks/finding'
import { describeSlowPost, type SlowPostDiagnosis } from '../../shared/parser/slow-post-diagnosis'
import { PreviewParser, type ParseRequest } from './preview-parser'

export type { BlockRef, CheckReply, ParseReply, ParseRequest } from './preview-parser'

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

/** The window lost track of the blocks it was sent: the next reply carries all of them. */
export interface ResyncMessage {
  type: 'resync'
}

/**
 * Asks a fresh worker why `source` ran past the time limit in the worker before it (the scan is
 * linear but takes a while on a 10 MB post, so it is not done on the window's thread).
 */
export interface DiagnoseMessage {
  type: 'diagnose'
  seq: number
  file: string
  source: string
  seconds: number
}

/** The answer to a {@link DiagnoseMessage}: `describeSlowPost` of its text. */
export interface DiagnosisReply {
  kind: 'diagnosis'
  seq: number
  file: string
  seconds: number
  diagnosis: SlowPostDiagnosis
}

/** Sent the moment the worker starts parsing a request: the window's time limit counts from here (not its boot, nor the previous text's checks). */
export interface ParseStarted {
  kind: 'started'
  seq: number
}

/**
 * The preview's parse worker. One parse at a time; while it runs only the newest request waits
 * (older ones are dropped unparsed). Each parse is answered at once; the checks and image list of a
 * text follow in a second message, only when no newer text is waiting (so typing is never held
 * back by them). A highlighting site gets plain code first, colours once its highlighter loaded.
 * A parse past the window's time limit ends with the worker terminated; the fresh one is asked
 * first why that text was slow ({@link DiagnoseMessage}).
 */
const scope = globalThis as unknown as DedicatedWorkerGlobalScope
if (typeof scope.postMessage === 'function' && typeof (globalThis as { document?: unknown }).document === 'undefined') {
  const parser = new PreviewParser()
  let site: SiteIndex | null = null
  let settings: SiteParseSettings | undefined
  let highlighterWarm = false
  let waiting: ParseRequest | null = null
  let checksDue = false
  let running = false
  const run = async () => {
    running = true
    while (waiting || checksDue) {
      if (!waiting) {
        checksDue = false
        const checks = parser.checks(site)
        if (checks) scope.postMessage(checks)
        continue
      }
      const request = waiting
      waiting = null
      scope.postMessage({ kind: 'started', seq: request.seq } satisfies ParseStarted)
      const highlighting = !!settings && highlightsCode(settings)
      if (highlighting && !highlighterWarm) {
        scope.postMessage(await parser.parse(request, settings, true))
        if (waiting) continue
      }
      scope.postMessage(await parser.parse(request, settings))
      if (highlighting) highlighterWarm = true
      checksDue = true
    }
    running = false
  }
  scope.onmessage = (event: MessageEvent<ParseRequest | SiteIndexMessage | SiteSettingsMessage | ResyncMessage | DiagnoseMessage>) => {
    const data = event.data
    if ('type' in data) {
      if (data.type === 'diagnose') {
        const reply: DiagnosisReply = { kind: 'diagnosis', seq: data.seq, file: data.file, seconds: data.seconds, diagnosis: describeSlowPost(data.source, data.seconds) }
        scope.postMessage(reply)
        return
      }
      if (data.type === 'site-index') { site = data.index; checksDue = true }
      else if (data.type === 'site-settings') { settings = data.settings; highlighterWarm = false }
      else if (data.type === 'resync') parser.resync()
      if (!running && checksDue) void run()
      return
    }
    waiting = data
    if (!running) void run()
  }
}
