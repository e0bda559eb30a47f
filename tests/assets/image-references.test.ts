import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { classifyImageUrl, collectImageReferences, imageUrlPath } from '../../shared/assets/image-references'
import { tryParsePost } from '../../shared/parser/index'
import { figureInsertion } from '../../renderer/editor/figure-insertion'

const parse = (text: string) => {
  const outcome = tryParsePost(text, { id: 'content:blog:post.md' })
  if (!outcome.parsed) throw new Error(outcome.error?.message)
  return outcome.parsed
}

describe('collectImageReferences', () => {
  it('finds the sample post’s four figures on their lines', () => {
    const text = readFileSync('assets/sample-site/content/blog/2024-01-16-llama2.md', 'utf8')
    const refs = collectImageReferences(parse(text), text)
    expect(refs.map((r) => [r.src, r.kind, r.line])).toEqual([
      ['/images/blogImg/2024-01-16-1.png', 'html', 27],
      ['/images/blogImg/2024-01-16-2.png', 'html', 45],
      ['/images/blogImg/2024-01-16-3.png', 'html', 92],
      ['/images/blogImg/2024-01-16-4.png', 'html', 99],
    ].map(([src, , line]) => [src, 'image', line]))
    for (const r of refs) expect(text.slice(r.from, r.to)).toBe(r.src)
  })

  it('finds markdown, HTML, MDC, component and frontmatter images, repeated ones at each place', () => {
    const text = [
      '---',
      'title: T',
      'cover: /images/cover.jpg',
      'gallery:',
      '  - src: /images/g1.webp',
      '---',
      '',
      '![one](/images/a.png) and ![again](/images/a.png)',
      '',
      '<video poster="/images/poster.jpg" src="/media/clip.mp4"></video>',
      '',
      ':img{src="/images/mdc.svg" alt="x"}',
      '',
      '::hero{image="/images/hero.avif"}',
      'Hi',
      '::',
      '',
      '![remote](https://cdn.example/x.gif) ![rel](./local.png) ![한글](</images/한글 이름.png>)',
    ].join('\n')
    const refs = collectImageReferences(parse(text), text)
    const rows = refs.map((r) => `${r.kind}:${r.where}:${r.src}@${r.line}:${r.column}`)
    expect(rows).toEqual([
      'frontmatter:cover:/images/cover.jpg@3:8',
      'frontmatter:gallery:/images/g1.webp@5:10',
      'image:img:/images/a.png@8:8',
      'image:img:/images/a.png@8:36',
      'html:video:/images/poster.jpg@10:16',
      'html:video:/media/clip.mp4@10:41',
      'image:img:/images/mdc.svg@12:11',
      'component:hero:/images/hero.avif@14:15',
      'image:img:https://cdn.example/x.gif@18:11',
      'image:img:./local.png@18:45',
      expect.stringMatching(/^image:img:\/images\/%ED%95%9C.*@18:65$/),
    ])
    const korean = refs[refs.length - 1]
    expect(imageUrlPath(korean.src)).toBe('/images/한글 이름.png')
    expect(text.slice(korean.from, korean.to)).toBe('/images/한글 이름.png')
  })

  it('classifies URLs the way the site serves them', () => {
    expect(classifyImageUrl('/images/a.png')).toBe('site')
    expect(classifyImageUrl('img/a.png')).toBe('relative')
    expect(classifyImageUrl('https://x.example/a.png')).toBe('remote')
    expect(classifyImageUrl('//x.example/a.png')).toBe('remote')
    expect(classifyImageUrl('/\\x.example/a.png')).toBe('remote')
    expect(classifyImageUrl('data:image/png;base64,AAAA')).toBe('inline')
    expect(classifyImageUrl('file:///etc/passwd')).toBe('unsupported')
  })
})

describe('figureInsertion', () => {
  const figText = '<figure>\n<img src="/a.png">\n<figcaption>cap</figcaption>\n</figure>'
  const fig = { snippet: figText, select: { from: figText.indexOf('cap'), to: figText.indexOf('cap') + 3 } }
  const md = { snippet: '![alt](/a.png)', select: { from: 2, to: 5 } }
  const apply = (doc: string, at: number, snippets = [fig]) => {
    const plan = figureInsertion(doc, at, snippets)
    const out = doc.slice(0, plan.from) + plan.insert + doc.slice(plan.from)
    return { out, selected: out.slice(plan.selectFrom, plan.selectTo), plan }
  }

  it('puts a figure between two paragraphs as its own block, caption selected', () => {
    const doc = 'para one\n\npara two\n'
    const { out, selected } = apply(doc, doc.indexOf('para two'))
    expect(out).toBe(`para one\n\n${fig.snippet}\n\npara two\n`)
    expect(selected).toBe('cap')
  })

  it('splits a paragraph at the drop point and keeps a blank line after (an HTML block needs one)', () => {
    const doc = 'first half second half'
    const { out } = apply(doc, 'first half'.length)
    expect(out).toBe(`first half\n\n${fig.snippet}\n\n second half`)
    expect(apply('end of text', 11).out).toBe(`end of text\n\n${fig.snippet}\n`)
    expect(apply('line\nnext', 4).out).toBe(`line\n\n${fig.snippet}\n\nnext`)
  })

  it('moves a drop on the frontmatter below it, and separates several figures', () => {
    const doc = '---\ntitle: x\n---\nBody\n'
    const { out, plan } = apply(doc, 5, [fig, { ...fig, snippet: fig.snippet.replace('/a.png', '/b.png') }])
    expect(plan.movedOutOfFrontmatter).toBe(true)
    expect(out).toBe(`---\ntitle: x\n---\n\n${fig.snippet}\n\n${fig.snippet.replace('/a.png', '/b.png')}\n\nBody\n`)
  })

  it('puts markdown images exactly at the drop point', () => {
    const { out, selected } = apply('see  here', 4, [md])
    expect(out).toBe('see ![alt](/a.png) here')
    expect(selected).toBe('alt')
  })
})
