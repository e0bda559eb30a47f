import { useEffect, useRef, useState } from 'react'
import type { ParseReply, ParseRequest } from './parse-worker'

/** Debounce between the last keystroke and the parse, in ms. */
export const PARSE_DEBOUNCE_MS = 120

/**
 * Parses the open post in a Web Worker, debounced while typing; the latest text always wins (replies
 * to older requests are dropped). Returns the last reply for the current file, or null before the first.
 */
export function useParsedPost(file: string | null, source: string | null): ParseReply | null {
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
    if (file === null || source === null) { setReply(null); return }
    const request: ParseRequest = { seq: ++seq.current, file, source }
    const first = reply === null || reply.file !== file
    const timer = setTimeout(() => worker.current?.postMessage(request), first ? 0 : PARSE_DEBOUNCE_MS)
    return () => clearTimeout(timer)
  }, [file, source])

  return reply && reply.file === file ? reply : null
}
