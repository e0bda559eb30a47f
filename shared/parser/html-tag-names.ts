/**
 * Standard HTML element names (the set Nuxt Content 2.7 checks, from the `html-tags` list). A
 * paragraph that starts with any other tag is treated as a component and not wrapped in `<p>`.
 */
const HTML_TAG_NAMES: ReadonlySet<string> = new Set(
  `a abbr address area article aside audio b base bdi bdo blockquote body br button canvas caption
  cite code col colgroup data datalist dd del details dfn dialog div dl dt em embed fieldset
  figcaption figure footer form h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe img input ins
  kbd label legend li link main map mark math menu menuitem meta meter nav noscript object ol
  optgroup option output p param picture pre progress q rb rp rt rtc ruby s samp script section
  select slot small source span strong style sub summary sup svg table tbody td template textarea
  tfoot th thead time title tr track u ul var video wbr`.split(/\s+/),
)

/** True when `name` is a standard HTML element name. */
export function isHtmlTagName(name: string): boolean {
  return HTML_TAG_NAMES.has(name)
}
