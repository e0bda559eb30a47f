// Remote images and media (http(s) from another host) wait until the writer allows them: a post
// must not ping a tracking pixel just by being opened. The preview shows a placeholder naming the
// host with a Load button that allows that host for this post (for the session), or the site
// setting `loadRemoteMedia` allows every host.
import { createElement, useCallback, useMemo, useState, type ReactNode } from 'react'
import type { MinimarkElement, MinimarkNode } from '../../shared/parser/parse-types'
import { isRemoteMedia, judgeSrcset, judgeUrl } from '../../shared/render/url-policy'

/** Which remote hosts may load media in the preview, and how to allow one more. */
export interface RemoteMediaPolicy {
  /** The site setting `loadRemoteMedia`: every host may load. */
  allowAll: boolean
  /** Hosts the writer allowed for the open post. */
  allowed: ReadonlySet<string>
  /** Allows `host` for the open post. */
  allow(host: string): void
}

/** Elements whose media the placeholder stands in for (with their `source`/`track`/`img` children). */
export const REMOTE_MEDIA_TAGS: ReadonlySet<string> = new Set(['img', 'video', 'audio', 'picture'])

/** The remote hosts (in order, once each) the media of `el` and its descendants would load from. */
export function remoteMediaHosts(el: MinimarkElement): string[] {
  const hosts = new Set<string>()
  const visit = (node: MinimarkNode) => {
    if (!node || node.type !== 'element') return
    for (const [key, value] of Object.entries(node.props ?? {})) {
      const name = key.toLowerCase()
      if (name === 'src' || name === 'poster') {
        const judged = judgeUrl(value, 'media')
        if (isRemoteMedia(judged)) hosts.add(judged.host)
      } else if (name === 'srcset') {
        for (const c of judgeSrcset(value).candidates) if (isRemoteMedia(c.judgement)) hosts.add(c.judgement.host)
      }
    }
    for (const child of node.children ?? []) visit(child)
  }
  visit(el)
  return [...hosts]
}

/** True when `policy` lets media from `host` load (no policy: nothing remote loads). */
export function remoteHostAllowed(policy: RemoteMediaPolicy | undefined, host: string): boolean {
  return !!policy && (policy.allowAll || policy.allowed.has(host))
}

/** The placeholder drawn instead of remote media: "Remote image from example.com — Load". */
export function remoteMediaPlaceholder(tag: string, hosts: string[], policy: RemoteMediaPolicy | undefined, inline: boolean, key: number | string, extra?: Record<string, unknown>): ReactNode {
  const what = tag === 'img' || tag === 'picture' ? 'image' : tag
  const load = () => { for (const host of hosts) policy?.allow(host) }
  return createElement(inline ? 'span' : 'div', { key, className: 'preview-remote-media', 'data-testid': 'remote-media', 'data-remote-host': hosts.join(' '), ...extra },
    `Remote ${what} from ${hosts.join(', ')} — `,
    createElement('button', {
      type: 'button', className: 'preview-remote-media__load', title: `Load media from ${hosts.join(', ')} in this post`,
      onClick: (event: { stopPropagation(): void; preventDefault(): void }) => { event.stopPropagation(); event.preventDefault(); load() },
    }, 'Load'))
}

/** Hosts allowed per post (keyed by the post's id), for this session. */
const allowedByPost = new Map<string, Set<string>>()

/** The preview's remote-media policy for the open post: hosts allowed with Load stay allowed for that post during the session. */
export function useRemoteMediaPolicy(postId: string | null, allowAll: boolean): RemoteMediaPolicy {
  const [version, setVersion] = useState(0)
  const allow = useCallback((host: string) => {
    if (!postId) return
    const set = allowedByPost.get(postId) ?? new Set<string>()
    if (set.has(host)) return
    set.add(host)
    allowedByPost.set(postId, set)
    setVersion((v) => v + 1)
  }, [postId])
  // a new object only when the post, the setting or the allowed hosts change (the preview's blocks memoise on it)
  return useMemo(() => ({ allowAll, allowed: new Set(postId ? allowedByPost.get(postId) ?? [] : []), allow }), [allowAll, postId, allow, version])
}
