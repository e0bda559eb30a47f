const MORE_MARKER = /<!--\s*?more\s*?-->/i

/**
 * The markdown before the first `<!--more-->` marker (any case, optional spaces), or undefined
 * when there is no marker. An empty string means the marker is at the very start (no excerpt).
 */
export function excerptSource(markdown: string): string | undefined {
  const match = MORE_MARKER.exec(markdown)
  return match ? markdown.slice(0, match.index) : undefined
}
