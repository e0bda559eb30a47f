// parseRawHtml must give exactly the tree hast-util-raw gives (rehype-raw with the file, as the
// site runs it) — it only skips work whose result is known. Compared with positions removed.
import { raw } from 'hast-util-raw'
import remarkGfm from 'remark-gfm'
import remarkMdc from 'remark-mdc'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import { unified } from 'unified'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { nodeHandlers } from '../../shared/parser/handlers'
import { parseRawHtml } from '../../shared/parser/parse-raw-html'

const toHast = (unified() as any).use(remarkParse).use(remarkMdc).use(remarkGfm).use(remarkRehype, { handlers: nodeHandlers, allowDangerousHtml: true })

function hastOf(markdown: string): any {
  return toHast.runSync(toHast.parse(markdown))
}

/** JSON of a tree without positions or parse5 root data. */
function shape(tree: unknown): string {
  return JSON.stringify(tree, (key, value) => (key === 'position' || key === 'data' ? undefined : value))
}

const samples: Record<string, string> = {
  'no raw HTML at all': '# T\n\n- a\n- **b** `c`\n\n> q\n\n| x | y |\n|---|---|\n| 1 | 2 |\n',
  'raw blocks and inline tags': '<div>\n\n**md** in div\n\n</div>\n\nText <b>bold <i>both</b></i> end.\n\n<span>s</span> and *em*\n',
  'unclosed inline tag swallowing siblings': 'a <em>open\n\n- list *x*\n\nnext <b>b\n',
  'raw table and template': '<table><tr><td>cell</td></tr></table>\n\n<template #x>t</template>\n\n<MyComp>x</MyComp>\n',
  'comments and entities': '<!-- c -->\n\na &amp; b <!-- inline --> c\n\n<br>\n',
  'components with raw inside': '::box\nText <kbd>K</kbd> and :badge[x]\n\n#slot\n<p>raw p</p>\n::\n',
  // no raw HTML, but components named like elements the HTML parser moves, closes or drops
  'an html component': ':html[x] y\n',
  'a p component in a paragraph': 'Text :p[inner] after.\n',
  'a void element with a label': 'A :img[label]{src="/a.png"} void.\n\n:br[x]\n',
  'list item, link and button components in their own kind': '- item :li[nested] end\n\n[link :a[inner]{href="/b"} text](/a)\n\n:button[b :button[c]]\n',
  'table parts outside a table': '::table\nA paragraph in a table.\n::\n\nText :td[cell] and :tr[row].\n',
  'headings in headings, body and template': '::h2\n:h3[sub]\n::\n\n::body\n# In a body\n::\n\n:template[t] :svg[s] :select[o]\n',
}

describe('parseRawHtml matches hast-util-raw', () => {
  for (const [name, markdown] of Object.entries(samples)) {
    it(name, () => {
      const expected = raw(hastOf(markdown), new VFile(markdown), { passThrough: ['element'] })
      const actual = parseRawHtml(hastOf(markdown))
      expect(shape(actual)).toBe(shape(expected))
    })
  }
})
