import { useEffect, useState } from 'react'

/**
 * The id of the heading the reader is in: the last heading (with an id) whose top has scrolled above
 * the upper fifth of the preview. Updated once per animation frame while the preview scrolls or re-renders.
 */
export function useActiveHeading(container: HTMLElement | null, version: unknown): string | null {
  const [active, setActive] = useState<string | null>(null)
  useEffect(() => {
    if (!container) return
    let frame = 0
    const measure = () => {
      frame = 0
      const limit = container.getBoundingClientRect().top + Math.min(160, container.clientHeight / 5)
      let current: string | null = null
      for (const heading of Array.from(container.querySelectorAll<HTMLElement>('h1[id], h2[id], h3[id], h4[id], h5[id], h6[id]'))) {
        if (heading.getBoundingClientRect().top <= limit) current = heading.id
        else break
      }
      setActive(current)
    }
    const onScroll = () => { if (!frame) frame = requestAnimationFrame(measure) }
    container.addEventListener('scroll', onScroll, { passive: true })
    onScroll()
    return () => { container.removeEventListener('scroll', onScroll); cancelAnimationFrame(frame) }
  }, [container, version])
  return active
}
