import { useEffect, useRef, useState } from 'react'
import type { SiteIndex } from '../../shared/checks/finding'
import type { SiteParseSettings } from '../../shared/parser/content-options'
import { DEFAULT_PARSE_TIME_LIMIT_MS, PreviewWorkerClient, type ParseWorker, type PostText, type PreviewState } from './preview-worker-client'

export type { ParsedPost, PostText, PreviewState, SlowParse } from './preview-worker-client'

/**
 * The preview's parse time limit: {@link DEFAULT_PARSE_TIME_LIMIT_MS}, or `?parseLimit=SECONDS` in
 * the window's address (0.5–600 s, for tests and for writers who want a longer wait).
 */
export function parseTimeLimitMs(search: string = typeof location === 'undefined' ? '' : location.search): number {
  const seconds = Number(new URLSearchParams(search).get('parseLimit'))
  return Number.isFinite(seconds) && seconds >= 0.5 && seconds <= 600 ? seconds * 1000 : DEFAULT_PARSE_TIME_LIMIT_MS
}

/**
 * Parses the open post in a Web Worker as the text changes (see {@link PreviewWorkerClient}: the
 * newest text is sent as soon as the worker is free; a parse past the time limit restarts the
 * worker and says why in `slow`). Returns the state for the current file: its last parse (null
 * before the first) and the too-slow diagnosis of its newest text, if any.
 */
export function useParsedPost(file: string | null, text: PostText | null, siteIndex: SiteIndex | null = null, settings: SiteParseSettings | null = null): PreviewState {
  const [state, setState] = useState<PreviewState>({ post: null, slow: null })
  const client = useRef<PreviewWorkerClient | null>(null)

  useEffect(() => {
    const created = new PreviewWorkerClient({
      createWorker: () => new Worker(new URL('./parse-worker.ts', import.meta.url), { type: 'module', name: 'inkpost-parser' }) as ParseWorker,
      timeLimitMs: parseTimeLimitMs(),
      onState: setState,
    })
    client.current = created
    return () => { created.dispose(); client.current = null }
  }, [])

  useEffect(() => { client.current?.setSettings(settings) }, [settings])
  useEffect(() => { client.current?.setSiteIndex(siteIndex) }, [siteIndex])
  useEffect(() => { client.current?.setText(file, text) }, [file, text?.version, settings]) // a new version is a new edit

  const post = state.post && state.post.file === file ? state.post : null
  const slow = state.slow && state.slow.file === file ? state.slow : null
  return post === state.post && slow === state.slow ? state : { post, slow }
}
