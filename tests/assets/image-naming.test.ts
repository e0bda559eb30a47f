import { describe, expect, it } from 'vitest'
import { baseNameOf, imageDateFor, imageFileName, nextImageName, nextImageNumber, postSlugOf, sanitizeNamePart } from '../../shared/assets/image-file-name'
import { figureSnippet, figureTextFromName, markdownImageSnippet } from '../../shared/assets/figure-snippet'
import { sniffImageType } from '../../shared/assets/image-type'
import { bytesToBase64, isWireBytes, wireBytesReplacer } from '../../shared/ipc/wire-bytes'

const SAMPLE_NAMES = ['2024-01-16-1.png', '2024-01-16-2.png', '2024-01-16-3.png', '2024-01-16-4.png']
const vars = { date: '2024-01-16', slug: 'llama2', name: 'photo', ext: 'png' }
const ascii = (text: string) => new TextEncoder().encode(text)

describe('image file names', () => {
  it('give the sample post its fifth figure, numbering across extensions', () => {
    expect(nextImageName('{date}-{n}.{ext}', vars, SAMPLE_NAMES)).toEqual({ name: '2024-01-16-5.png', n: 5 })
    expect(nextImageName('{date}-{n}.{ext}', { ...vars, ext: 'jpg' }, [...SAMPLE_NAMES, '2024-01-16-5.png'])).toEqual({ name: '2024-01-16-6.jpg', n: 6 })
    expect(nextImageNumber('{date}-{n}.{ext}', vars, ['2024-01-17-9.png', 'notes.txt', '2024-01-16-x.png'])).toBe(1)
    expect(nextImageNumber('{date}-{n}.{ext}', vars, ['2024-01-16-2.PNG', '2024-01-16-12.webp'])).toBe(13)
  })

  it('fill {slug}, {name}, {yyyy} and {mm}', () => {
    expect(imageFileName('{yyyy}-{mm}-{slug}-{name}-{n}.{ext}', vars, 3)).toBe('2024-01-llama2-photo-3.png')
    expect(nextImageName('{slug}-{n}.{ext}', vars, ['llama2-1.png', 'other-7.png'])).toEqual({ name: 'llama2-2.png', n: 2 })
    expect(postSlugOf('blog/2024-01-16-llama2.md')).toBe('llama2')
    expect(postSlugOf('blog/notes.md')).toBe('notes')
    expect(postSlugOf('2024-01-16.md')).toBe('2024-01-16')
  })

  it('sanitise names: no traversal, separators or control characters; Korean stays readable and NFC', () => {
    expect(sanitizeNamePart('../../etc/passwd')).toBe('etc-passwd')
    expect(sanitizeNamePart('a\\b\u0000c\nd')).toBe('a-bcd')
    expect(sanitizeNamePart('..')).toBe('')
    expect(sanitizeNamePart('스크린샷 2024-01-16 오후 3.45.12')).toBe('스크린샷-2024-01-16-오후-3.45.12')
    const nfd = '스크린샷 1'.normalize('NFD')
    expect(nfd).not.toBe('스크린샷 1')
    expect(sanitizeNamePart(nfd)).toBe('스크린샷-1')
    expect(sanitizeNamePart('photo (1) [final]#?.x')).toBe('photo-1-final-.x')
    expect(baseNameOf('C:\\Users\\me\\Photo.JPG')).toBe('Photo')
    expect(baseNameOf('.hidden')).toBe('.hidden')
  })

  it('date images by the post, or today when the post has none or a false one', () => {
    expect(imageDateFor('2024-01-16', '2026-12-01')).toEqual({ date: '2024-01-16', fromPost: true })
    expect(imageDateFor('2024-01-16T10:00:00Z', '2026-12-01')).toEqual({ date: '2024-01-16', fromPost: true })
    expect(imageDateFor(new Date('2023-05-06T00:00:00Z'), '2026-12-01')).toEqual({ date: '2023-05-06', fromPost: true })
    expect(imageDateFor('2024-02-30', '2026-12-01')).toEqual({ date: '2026-12-01', fromPost: false })
    expect(imageDateFor(undefined, '2026-12-01')).toEqual({ date: '2026-12-01', fromPost: false })
  })
})

describe('figure snippets', () => {
  const template = ['<figure>', '    <img src="{src}" title="{alt}">    ', '    <figcaption style="text-align: center;">{caption}</figcaption>', '</figure>'].join('\n')

  it('fill the sample post template with the caption selected', () => {
    const { title, caption } = figureTextFromName('GQA-vs_MHA.png')
    expect({ title, caption }).toEqual({ title: 'GQA-vs_MHA', caption: 'GQA vs MHA' })
    const { snippet, select } = figureSnippet(template, { src: '/images/blogImg/2024-01-16-5.png', alt: title, caption })
    expect(snippet).toBe('<figure>\n    <img src="/images/blogImg/2024-01-16-5.png" title="GQA-vs_MHA">    \n    <figcaption style="text-align: center;">GQA vs MHA</figcaption>\n</figure>')
    expect(snippet.slice(select.from, select.to)).toBe('GQA vs MHA')
  })

  it('escape what would break the HTML, and make a markdown image on request', () => {
    const { snippet, select } = figureSnippet(template, { src: '/a.png', alt: 'a "b" <c>', caption: '<script>x</script> & y' })
    expect(snippet).toContain('title="a &quot;b&quot; &lt;c&gt;"')
    expect(snippet.slice(select.from, select.to)).toBe('&lt;script&gt;x&lt;/script&gt; &amp; y')
    const md = markdownImageSnippet({ src: '/images/a b(1).png', alt: 'x [y]' })
    expect(md.snippet).toBe('![x \\[y\\]](/images/a%20b%281%29.png)')
    expect(md.snippet.slice(md.select.from, md.select.to)).toBe('x \\[y\\]')
  })
})

describe('image type by content', () => {
  it('knows PNG, JPEG, GIF, WebP, AVIF and SVG by their bytes, whatever the name', () => {
    expect(sniffImageType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('png')
    expect(sniffImageType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpeg')
    expect(sniffImageType(ascii('GIF89a....'))).toBe('gif')
    expect(sniffImageType(ascii('RIFF\u0000\u0000\u0000\u0000WEBPVP8 '))).toBe('webp')
    expect(sniffImageType(new Uint8Array([0, 0, 0, 0x1c, ...ascii('ftypavif'), 0, 0, 0, 0, ...ascii('avifmif1miaf')]))).toBe('avif')
    expect(sniffImageType(new Uint8Array([0, 0, 0, 0x18, ...ascii('ftypheic'), 0, 0, 0, 0, ...ascii('mif1heic')]))).toBeNull()
    expect(sniffImageType(ascii('<?xml version="1.0"?>\n<!-- made by hand -->\n<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBe('svg')
    expect(sniffImageType(ascii('<html><svg></svg></html>'))).toBeNull()
    expect(sniffImageType(ascii('just some notes'))).toBeNull()
    expect(sniffImageType(new Uint8Array())).toBeNull()
  })
})

describe('bytes over JSON', () => {
  it('travel as base64 that Node decodes to the same bytes', () => {
    for (const length of [0, 1, 2, 3, 4, 5, 255, 65536 * 3 + 1]) {
      const bytes = new Uint8Array(length).map((_, i) => (i * 31 + 7) & 255)
      expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'))
      const json = JSON.stringify([{ name: 'x.png', data: bytes }], wireBytesReplacer)
      const back = JSON.parse(json, (_k, v) => (isWireBytes(v) ? Buffer.from(v.$bytes, 'base64') : v))
      expect(Buffer.compare(back[0].data, Buffer.from(bytes))).toBe(0)
    }
    expect(isWireBytes({ $bytes: 'not base64!' })).toBe(false)
    expect(isWireBytes({ $bytes: 'QQ==', extra: 1 })).toBe(false)
  })
})
