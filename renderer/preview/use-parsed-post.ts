import { useEffect, useRef, useState } from 'react'
import type { SiteIndex } from '../../shared/checks/finding'
import type { SiteParseSettings } from '../../shared/parser/content-options'
import type { MinimarkNode, ParsedContent } from '../../shared/parser/parse-types'
import type { CheckReply, ParseReply, ParseRequest, ResyncMessage, SiteIndexMessage, SiteSettingsMessage } from './parse-worker'

/**
 * The open post's text as the preview reads it: `version` changes with every edit, and `read()`
 * gives the current text (from CodeMirror's state), called only when a parse is about to be sent.
 */
export interface PostText {
  version: number
  read(): string | null
}

/** What the preview shows for the open post: the last parse (blocks put back together) and the last checks. */
export interface ParsedPost extends Omit<ParseReply, 'kind' | 'blocks'> {
  /** The stable key of each top-level block (unchanged blocks keep theirs across edits). */
  blockKeys: number[]
  images: CheckReply['images'] | null
  findings: CheckReply['findings']
}

/**
 * Parses the open post in a Web Worker as the text changes: sent at once when the worker is idle,
 * otherwise the newest text waits for the parse in flight (no debounce, nothing queued behind).
 * Replies carry only the blocks the window does not have yet; the others are taken from the last
 * reply, so unchanged blocks keep their objects (and the preview does not redraw them). The checks
 * arrive separately, after the parse. Returns the state for the current file, or null before its
 * first parse.
 */
export function useParsedPost(file: string | null, text: PostText | null, siteIndex: SiteIndex | null = null, settings: SiteParseSettings | null = null): ParsedPost | null {
  const [state, setState] = useState<ParsedPost | null>(null)
  const worker = useRef<Worker | null>(null)
  const seq = useRef(0)
  const inFlight = useRef(false)
  const pending = useRef(false)
  const current = useRef<{ file: string | null; text: PostText | null }>({ file, text })
  current.current = { file, text }
  const blocks = useRef(new Map<number, MinimarkNode>())
  const checks = useRef<CheckReply | null>(null)

  const send = useRef(() => {
    const { file: f, text: t } = current.current
    const w = worker.current
    if (!w || f === null || t === null) return
    if (inFlight.current) { pending.current = true; return }
    const source = t.read()
    if (source === null) return
    pending.current = false
    inFlight.current = true
    const request: ParseRequest = { seq: ++seq.current, file: f, source }
    w.postMessage(request)
  })

  useEffect(() => {
    const w = new Worker(new URL('./parse-worker.ts', import.meta.url), { type: 'module', name: 'inkpost-parser' })
    w.onmessage = (event: MessageEvent<ParseReply | CheckReply>) => {
      const reply = event.data
      const shown = current.current.file
      if (reply.kind === 'checks') {
        if (reply.file !== shown || (checks.current && checks.current.file === reply.file && checks.current.seq > reply.seq)) return
        checks.current = reply
        setState((s) => (s && s.file === reply.file ? { ...s, images: reply.images, findings: reply.findings } : s))
        return
      }
      inFlight.current = false
      // every reply updates the blocks the window holds (the worker counts on it), shown or not
      const held = blocks.current
      const next = new Map<number, MinimarkNode>()
      const children: MinimarkNode[] = []
      let missing = false
      for (const ref of reply.blocks) {
        const node = ref.node ?? held.get(ref.key)
        if (!node) { missing = true; break }
        next.set(ref.key, node)
        children.push(node)
      }
      if (missing) {
        blocks.current = new Map()
        w.postMessage({ type: 'resync' } satisfies ResyncMessage)
        pending.current = true
      } else {
        blocks.current = next
        if (reply.seq === seq.current && reply.file === shown) {
          const parsed: ParsedContent | null = reply.outcome.parsed ? { ...reply.outcome.parsed, body: { ...reply.outcome.parsed.body, children } } : null
          const held = checks.current && checks.current.file === reply.file ? checks.current : null
          const { kind: _kind, blocks: refs, ...rest } = reply
          void _kind
          setState({ ...rest, outcome: { ...reply.outcome, parsed }, blockKeys: refs.map((b) => b.key), images: held?.images ?? null, findings: held?.findings ?? null })
        }
      }
      if (pending.current) send.current()
    }
    w.onerror = (event) => console.error('inkpost: preview parser failed', event.message)
    worker.current = w
    return () => { w.terminate(); worker.current = null }
  }, [])

  useEffect(() => {
    if (!settings || !worker.current) return
    const message: SiteSettingsMessage = { type: 'site-settings', settings }
    worker.current.postMessage(message)
  }, [settings])

  useEffect(() => {
    if (!siteIndex || !worker.current) return
    const message: SiteIndexMessage = { type: 'site-index', index: siteIndex }
    worker.current.postMessage(message)
  }, [siteIndex])

  useEffect(() => {
    // a new file: its blocks and checks start from nothing
    blocks.current = new Map()
    checks.current = null
  }, [file])

  useEffect(() => {
    if (file === null || text === null) { setState(null); return }
    send.current()
  }, [file, text?.version, settings])

  return state && state.file === file ? state : null
}
