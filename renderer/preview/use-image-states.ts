import { useEffect, useMemo, useState } from 'react'
import type { ImageReference } from '../../shared/assets/image-references'
import type { AssetsService, ImageReferenceInfo } from '../../shared/services/assets-service'

/** One referenced image of the open post with what the host found on disk. */
export interface ImageRow {
  reference: ImageReference
  info: ImageReferenceInfo | null
}

/** How long the src list must be stable before the disk is asked again, in ms. */
const DESCRIBE_DELAY_MS = 250

/**
 * The state on disk (ok, missing, outside `public/`, remote) of every image the open post
 * references, asked of the host whenever the set of URLs changes (not on every keystroke) or
 * `refreshKey` changes (after an import, or the Refresh button).
 */
export function useImageStates(assets: AssetsService, file: string | null, references: ImageReference[] | null, refreshKey: number): ImageRow[] {
  const srcs = useMemo(() => [...new Set((references ?? []).map((r) => r.src))], [references])
  const key = srcs.join('\n')
  const [infos, setInfos] = useState<{ file: string | null; map: Map<string, ImageReferenceInfo> }>({ file: null, map: new Map() })
  useEffect(() => {
    if (!file || srcs.length === 0) { setInfos({ file, map: new Map() }); return }
    let cancelled = false
    const timer = setTimeout(() => {
      assets.describe(file, srcs).then((list) => {
        if (!cancelled) setInfos({ file, map: new Map(list.map((info) => [info.src, info])) })
      }, () => undefined)
    }, DESCRIBE_DELAY_MS)
    return () => { cancelled = true; clearTimeout(timer) }
    // keyed by the joined src list, so a re-parse with the same images asks nothing
  }, [assets, file, key, refreshKey])
  return useMemo(() => (references ?? []).map((reference) => ({ reference, info: infos.file === file ? infos.map.get(reference.src) ?? null : null })), [references, infos, file])
}
