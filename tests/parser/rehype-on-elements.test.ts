// Driving the property-only rehype plugins on the element outline (shared/parser/rehype-on-elements.ts)
// must change the tree exactly as running them one after another on the full tree does.
import rehypeExternalLinks from 'rehype-external-links'
import rehypeSlug from 'rehype-slug'
import rehypeSortAttributeValues from 'rehype-sort-attribute-values'
import rehypeSortAttributes from 'rehype-sort-attributes'
import { describe, expect, it } from 'vitest'
import { rehypeOnElements, type ElementPlugin } from '../../shared/parser/rehype-on-elements'

type Node = { type: string; tagName?: string; properties?: Record<string, unknown>; children?: Node[]; value?: string }

const text = (value: string): Node => ({ type: 'text', value })
const el = (tagName: string, properties: Record<string, unknown> | undefined, ...children: Node[]): Node => ({ type: 'element', tagName, properties, children })

/** A tree with what the plugins care about: headings (duplicates, nested markup), links, class lists, texts, raw HTML. */
function sampleTree(): Node {
  return {
    type: 'root',
    children: [
      el('h1', {}, text('Intro '), el('code', { className: ['b', 'a'] }, text('x'))),
      text('\n'),
      el('p', { id: 'p1', className: ['z', 'y'] }, text('See '), el('a', { href: 'https://example.com', title: 't' }, text('out')), text(' and '), el('a', { href: '/in' }, text('in'))),
      { type: 'raw', value: '<div class="q">' },
      el('h2', {}, text('Intro')),
      el('ul', {}, el('li', { className: ['task', 'done'], dataX: '1' }, el('a', { title: 'u', href: '//cdn.example.com' }, text('cdn')))),
      el('h2', { id: 'kept' }, text('Intro')),
      el('div', undefined, el('h3', {}, el('a', { href: 'https://x.org' }, text('Intro')))),
      el('img', { src: 'a.png', alt: 'A', className: ['y', 'z'] }),
    ],
  }
}

const plugins: ElementPlugin[] = [
  [rehypeSlug as ElementPlugin[0], {}],
  [rehypeExternalLinks as ElementPlugin[0], {}],
  [rehypeSortAttributeValues as ElementPlugin[0]],
  [rehypeSortAttributes as ElementPlugin[0]],
]

describe('rehypeOnElements', () => {
  it('gives the same tree, key order included, as the plugins run on the full tree', () => {
    const direct = sampleTree()
    for (const [attacher, options] of plugins) attacher.call(undefined, options)(direct as never)
    const outlined = sampleTree()
    rehypeOnElements(...plugins).call(undefined)(outlined as never)
    expect(JSON.stringify(outlined)).toBe(JSON.stringify(direct))
    // And the plugins really did something (ids, rel, sorted values).
    expect(JSON.stringify(direct)).toContain('"id":"intro-1"')
    expect(JSON.stringify(direct)).toContain('"rel":["nofollow"]')
  })
})
