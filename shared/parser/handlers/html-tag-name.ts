const OPENING_OR_CLOSING_TAG = /^<\/?([\w-]+) ?[^>]*>/

/** The tag name of the HTML tag a raw HTML snippet starts with (`<Foo a>` → `Foo`), or null. */
export function htmlTagName(html: string): string | null {
  const match = OPENING_OR_CLOSING_TAG.exec(html)
  return match ? match[1] : null
}
