// What the differential fuzz found (tests/fuzz/), kept as regression cases: each post is parsed
// by the reference (Nuxt Content 2.7.2, in a child process with a time limit) and by the project's
// parser (in plain Node, as the app runs it), and must pass the fuzz's rules — same JSON where the
// reference succeeds, a refusal only where it fails or runs past its time. Without a reference the
// test is skipped, loudly.
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { checkPosts } from '../fuzz/differential-runner'

interface ReferenceLocator {
  locateReference(): string
  ReferenceMissing: new (...args: unknown[]) => Error
}

const locator = (await import(fileURLToPath(new URL('../../scripts/locate-reference.mjs', import.meta.url)))) as ReferenceLocator

function referenceDir(): string | undefined {
  try {
    return locator.locateReference()
  } catch (error) {
    if (!(error instanceof locator.ReferenceMissing)) throw error
    console.warn(`\n${'!'.repeat(78)}\n!! FUZZ REGRESSIONS SKIPPED — no reference parser: ${error.message.split('\n')[0]}\n${'!'.repeat(78)}\n`)
    return undefined
  }
}

const dir = referenceDir()

/** Posts the site renders that the parser's guards refused, or rendered differently. */
const RENDERED: Record<string, string> = {
  // mdc-hang-guard: a `[span]` label whose `]` starts a line is dropped when `(` or `[` follows
  'label closed at a line start, then [': 'see [a [b\n][c] d\n',
  'label closed at a line start, then (': 'A span [x [\n](u) that fails before a link.\n',
  'the same in a list item': '- [a [b\n  ][[c]] in a list\n',
  // nesting-depth: fenced code is code, not nesting
  'a fence holding 1,001 > lines': '```md\n' + '>\n'.repeat(1001) + '```\n',
  'a fence holding 601 ::note lines': '~~~markdown\n' + '::note\n'.repeat(601) + '~~~\n',
  'a fence in a list item holding 650 list lines': '- item\n\n  ```\n' + '  - x\n'.repeat(650) + '  ```\n\nAfter.\n',
  'a fence in a block quote holding 300 quote lines': '> ```\n' + '> > > >\n'.repeat(300) + '> ```\n',
  // parse-raw-html: components named like elements the HTML parser treats specially
  ':html component': ':html[x] y\n',
  ':p component in a paragraph': 'Text :p[inner] after.\n',
  'void element with a label': 'A :img[label]{src="/a.png"} void.\n',
  'table component holding a paragraph': '::table\nA paragraph in a table.\n::\n',
  'heading component in a heading component': '::h2\n:h3[sub]\n::\n',
  'list item, link, body, cell and button components': '- item :li[nested] end\n\n[link :a[inner]{href="/b"} text](/a)\n\n::body\n# In a body\n::\n\nText :td[cell] and :button[b :button[c]].\n',
}

describe.skipIf(!dir)('fuzz regressions, checked against the reference', () => {
  it('posts the site renders: the same JSON, no refusal', async () => {
    const names = Object.keys(RENDERED)
    const results = await checkPosts(names.map((name) => ({ source: RENDERED[name] })), dir as string)
    const problems = results.flatMap((r, i) => (r.problem || r.reference !== 'ok' ? [`${names[i]}: ${r.problem ?? 'reference ' + r.reference} ${r.what}`] : []))
    expect(problems).toEqual([])
  }, 120_000)

  it('a label the reference never finishes on: ours refuses it, quickly', async () => {
    const [result] = await checkPosts([{ source: 'Text [a [b\n]] z\n' }], dir as string, 3000)
    expect(result.reference).toBe('timeout')
    expect(result.problem).toBeNull()
    expect(result.error?.message).toContain('never finishes')
  }, 60_000)
})
