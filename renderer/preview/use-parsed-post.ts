import { useEffect, useRef, useState } from 'react'
import type { SiteIndex } from '../../shared/checks/finding'
import type { SiteParseSettings } from '../../shared/parser/content-options'
import type { ParseReply, ParseRequest, SiteIndexMessage, SiteSettingsMessage } from './parse-worker'

/**
 * The open post's text as the preview reads it: `version` changes with every edit, and `read()`
 * gives the current text (from CodeMirror's state), called only when a parse is about to be sent.
 */
export interface PostText {
  version: number
  read(): string | null
}

/** Debounce between the last keystroke and the parse, in ms. */
export const PARSE_DEBOUNCE_MS = 120

/**
 * Parses the open post in a Web Worker, debounced while typing; the latest text always wins (replies
 * to older requests are dropped). The worker also runs the pre-publish checks once it has the site's
 * index (sent again whenever it changes, which re-checks the post). Returns the last reply for the
 * current file, or null before the first.
 */
export function useParsedPost(file: string | null, text: PostText | null, siteIndex: SiteIndex | null = null, settings: SiteParseSettings | null = null): ParseReply | null {
  const [reply, setReply] = useState<ParseReply | null>(null)
  const worker = useRef<Worker | null>(null)
  const seq = useRef(0)
  const latestFile = useRef<string | null>(file)
  latestFile.current = file

  useEffect(() => {
    const w = new Worker(new URL('./parse-worker.ts', import.meta.url), { type: 'module', name: 'inkpost-parser' })
    w.onmessage = (event: MessageEvent<ParseReply>) => {
      if (event.data.seq === seq.current && event.data.file === latestFile.current) setReply(event.data)
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
    if (file === null || text === null) { setReply(null); return }
    const source = text.read()
    if (source === null) { setReply(null); return }
    const request: ParseRequest = { seq: ++seq.current, file, source }
    const first = reply === null || reply.file !== file
    const timer = setTimeout(() => worker.current?.postMessage(request), first ? 0 : PARSE_DEBOUNCE_MS)
    return () => clearTimeout(timer)
  }, [file, text?.version, siteIndex, settings])

  return reply && reply.file === file ? reply : null
}
