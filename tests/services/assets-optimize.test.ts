// Image optimisation (sharp) and SVG cleaning (svgo), directly and through assets.importImage.
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import sharp from 'sharp'
import { afterAll, describe, expect, it } from 'vitest'
import { AssetsServiceImpl } from '../../electron/services/assets-service-impl'
import { nodeFs } from '../../electron/services/fs-facade'
import { isAnimatedPng, isLosslessWebp, optimizeImage, readImageFacts } from '../../electron/services/image-optimizer'
import { createFolderTrash } from '../../electron/services/post-service-impl'
import { SiteContext } from '../../electron/services/site-context'
import { SiteServiceImpl } from '../../electron/services/site-service-impl'
import { cleanSvg, svgDimensions } from '../../electron/services/svg-cleaner'
import { cleanupTemps, copySampleSite, SAMPLE_POST, tempDir } from './service-test-helpers'

afterAll(cleanupTemps)

const OPTIONS = { maxWidth: 1600, quality: 82 }

async function openSite(settings?: Record<string, unknown>) {
  const site = copySampleSite()
  if (settings) writeFileSync(path.join(site, 'inkpost.config.json'), JSON.stringify(settings))
  const context = new SiteContext()
  await new SiteServiceImpl({ fs: nodeFs, dataDir: tempDir('inkpost-data-'), context, rememberRecent: false }).open(site)
  const clock = () => Date.UTC(2025, 0, 1, 12)
  const assets = new AssetsServiceImpl({ fs: nodeFs, clock, context, trash: createFolderTrash(nodeFs, clock, () => tempDir('inkpost-trash-')), allowSourcePath: false })
  return { site, assets }
}

function noise(width: number, height: number, channels: 3 | 4 = 3) {
  return sharp({ create: { width, height, channels, background: { r: 40, g: 120, b: 200, alpha: 1 }, noise: { type: 'gaussian', mean: 128, sigma: 40 } } })
}

/** Left half red, right half blue. */
async function halves(width: number, height: number) {
  const blue = await sharp({ create: { width: width / 2, height, channels: 3, background: '#0000ff' } }).png().toBuffer()
  return sharp({ create: { width, height, channels: 3, background: '#ff0000' } }).composite([{ input: blue, left: width / 2, top: 0 }])
}

async function pixelAt(bytes: Uint8Array, x: number, y: number): Promise<number[]> {
  const { data, info } = await sharp(bytes).removeAlpha().raw().toBuffer({ resolveWithObject: true })
  const at = (y * info.width + x) * info.channels
  return [data[at], data[at + 1], data[at + 2]]
}

describe('optimizeImage', () => {
  it('downscales an image wider than maxWidth (4000 → 1600), keeping the aspect ratio', async () => {
    const wide = await noise(4000, 1000).png({ compressionLevel: 1 }).toBuffer()
    const out = await optimizeImage(wide, 'png', OPTIONS)
    expect(out).toMatchObject({ width: 1600, height: 400, optimized: true, hadMetadata: false })
    expect(await sharp(out.bytes).metadata()).toMatchObject({ width: 1600, height: 400, format: 'png' })
  })

  it('never enlarges a narrow image', async () => {
    const narrow = await noise(300, 200).jpeg({ quality: 100 }).toBuffer()
    const out = await optimizeImage(narrow, 'jpeg', OPTIONS)
    expect(out).toMatchObject({ width: 300, height: 200 })
  })

  it('recompresses a JPEG at the given quality, so it gets smaller (and smaller still at a lower quality)', async () => {
    const photo = await noise(1200, 800).jpeg({ quality: 100 }).toBuffer()
    const q82 = await optimizeImage(photo, 'jpeg', OPTIONS)
    const q40 = await optimizeImage(photo, 'jpeg', { maxWidth: 1600, quality: 40 })
    expect(q82.optimized).toBe(true)
    expect(q82.bytes.length).toBeLessThan(photo.length * 0.8)
    expect(q40.bytes.length).toBeLessThan(q82.bytes.length)
    expect(await sharp(q82.bytes).metadata()).toMatchObject({ format: 'jpeg', width: 1200, height: 800 })
  })

  it('keeps PNG lossless: the decoded pixels are identical when not resized', async () => {
    const png = await noise(300, 200, 4).png({ compressionLevel: 0 }).toBuffer()
    const out = await optimizeImage(png, 'png', OPTIONS)
    expect(out.optimized).toBe(true)
    expect(out.bytes.length).toBeLessThan(png.length)
    const before = await sharp(png).raw().toBuffer()
    const after = await sharp(out.bytes).raw().toBuffer()
    expect(after.length).toBe(300 * 200 * 4)
    expect(after.equals(before)).toBe(true)
    expect((await sharp(out.bytes).metadata()).isPalette).toBe(false)
  })

  it('applies the EXIF orientation: a 300×200 JPEG tagged orientation 6 is stored 200×300, upright, without the tag', async () => {
    const tagged = await (await halves(300, 200)).jpeg({ quality: 95 }).withMetadata({ orientation: 6 }).toBuffer()
    expect((await sharp(tagged).metadata()).orientation).toBe(6)
    const out = await optimizeImage(tagged, 'jpeg', OPTIONS)
    expect(out).toMatchObject({ width: 200, height: 300, optimized: true })
    const meta = await sharp(out.bytes).metadata()
    expect(meta).toMatchObject({ width: 200, height: 300 })
    expect(meta.orientation ?? 'none').toBe('none')
    expect(meta.exif ?? 'none').toBe('none')
    // rotated 90° clockwise: the red left half is now on top, the blue right half at the bottom
    const top = await pixelAt(out.bytes, 100, 20)
    const bottom = await pixelAt(out.bytes, 100, 280)
    expect(top[0]).toBeGreaterThan(200)
    expect(top[2]).toBeLessThan(60)
    expect(bottom[2]).toBeGreaterThan(200)
    expect(bottom[0]).toBeLessThan(60)
  })

  it('strips EXIF (camera, GPS) and XMP', async () => {
    const photo = await noise(400, 300).jpeg({ quality: 90 }).withExif({ IFD0: { Make: 'Secret Camera', Copyright: 'Jane Doe' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 31/1 0/1' } }).toBuffer()
    const before = await sharp(photo).metadata()
    expect(before.exif?.includes('Secret Camera')).toBe(true)
    const out = await optimizeImage(photo, 'jpeg', OPTIONS)
    expect(out).toMatchObject({ hadMetadata: true, optimized: true })
    const after = await sharp(out.bytes).metadata()
    expect(after.exif ?? 'none').toBe('none')
    expect(Buffer.from(out.bytes).includes('Secret Camera')).toBe(false)
    expect(Buffer.from(photo).includes('Secret Camera')).toBe(true)

    const xmp = '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>Secret Person</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>'
    const tiny = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#808080' } }).png({ compressionLevel: 9 }).withXmp(xmp).toBuffer()
    expect((await sharp(tiny).metadata()).xmpAsString).toContain('Secret Person')
    const cleaned = await optimizeImage(tiny, 'png', OPTIONS)
    expect(cleaned).toMatchObject({ hadMetadata: true, optimized: true })
    expect((await sharp(cleaned.bytes).metadata()).xmp ?? 'none').toBe('none')
  })

  it('keeps the original bytes when optimising would not make a clean image smaller', async () => {
    const tiny = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#336699' } }).png({ compressionLevel: 9, adaptiveFiltering: true }).toBuffer()
    const out = await optimizeImage(tiny, 'png', OPTIONS)
    expect(out).toMatchObject({ optimized: false, keptReason: 'not-smaller', width: 4, height: 4, hadMetadata: false })
    expect(Buffer.from(out.bytes).equals(tiny)).toBe(true)
  })

  it('keeps every frame of an animated GIF, resizing only a wide one', async () => {
    const frames = await Promise.all(['#ff0000', '#00ff00', '#0000ff'].map((c) => sharp({ create: { width: 2000, height: 100, channels: 4, background: c } }).png().toBuffer()))
    const gif = await sharp(frames, { join: { animated: true } }).gif({ loop: 0, delay: [100, 200, 300] }).toBuffer()
    const out = await optimizeImage(gif, 'gif', OPTIONS)
    expect(out).toMatchObject({ width: 1600, height: 80, optimized: true })
    const meta = await sharp(out.bytes, { animated: true }).metadata()
    expect(meta).toMatchObject({ format: 'gif', pages: 3, width: 1600, pageHeight: 80 })
    expect(meta.delay).toEqual([100, 200, 300])
  })

  it('re-encodes WebP (lossless stays lossless) and AVIF', async () => {
    const lossy = await noise(500, 400).webp({ quality: 100 }).toBuffer()
    const lossless = await noise(200, 100).webp({ lossless: true }).toBuffer()
    expect([isLosslessWebp(lossy), isLosslessWebp(lossless)]).toEqual([false, true])
    const outLossy = await optimizeImage(lossy, 'webp', OPTIONS)
    expect(outLossy).toMatchObject({ optimized: true, width: 500, height: 400 })
    expect(outLossy.bytes.length).toBeLessThan(lossy.length)
    const outLossless = await optimizeImage(lossless, 'webp', OPTIONS)
    expect((await sharp(outLossless.bytes).raw().toBuffer()).equals(await sharp(lossless).raw().toBuffer())).toBe(true)
    const wideLossless = await optimizeImage(await noise(2000, 100).webp({ lossless: true }).toBuffer(), 'webp', OPTIONS)
    expect(wideLossless).toMatchObject({ optimized: true, width: 1600, height: 80 })
    expect(isLosslessWebp(wideLossless.bytes)).toBe(true)
    const avif = await sharp({ create: { width: 2400, height: 600, channels: 3, background: '#4080c0' } }).avif({ quality: 90 }).toBuffer()
    const outAvif = await optimizeImage(avif, 'avif', OPTIONS)
    expect(outAvif).toMatchObject({ optimized: true, width: 1600, height: 400 })
    expect(await readImageFacts(outAvif.bytes)).toEqual({ type: 'avif', width: 1600, height: 400 })
  })

  it('leaves an animated PNG as it is (sharp would drop its frames)', async () => {
    const png = await noise(40, 30).png().toBuffer()
    // insert an acTL chunk before IDAT, as APNG files have
    const acTL = Buffer.from([0, 0, 0, 8, 0x61, 0x63, 0x54, 0x4c, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0])
    const apng = Buffer.concat([png.subarray(0, 33), acTL, png.subarray(33)])
    expect([isAnimatedPng(png), isAnimatedPng(apng)]).toEqual([false, true])
    const out = await optimizeImage(apng, 'png', OPTIONS)
    expect(out).toMatchObject({ optimized: false, keptReason: 'animated-png' })
    expect(Buffer.from(out.bytes).equals(apng)).toBe(true)
  })
})

describe('readImageFacts', () => {
  it('confirms each type by content, with displayed dimensions', async () => {
    const base = noise(30, 20)
    expect(await readImageFacts(await base.clone().png().toBuffer())).toEqual({ type: 'png', width: 30, height: 20 })
    expect(await readImageFacts(await base.clone().jpeg().withMetadata({ orientation: 8 }).toBuffer())).toEqual({ type: 'jpeg', width: 20, height: 30 })
    expect(await readImageFacts(await base.clone().gif().toBuffer())).toEqual({ type: 'gif', width: 30, height: 20 })
    expect(await readImageFacts(await base.clone().webp().toBuffer())).toEqual({ type: 'webp', width: 30, height: 20 })
    expect(await readImageFacts(await base.clone().avif().toBuffer())).toEqual({ type: 'avif', width: 30, height: 20 })
    expect(await readImageFacts(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60"/>'))).toEqual({ type: 'svg', width: 120, height: 60 })
    expect((await readImageFacts(await base.clone().tiff().toBuffer())).type).toBeNull()
    expect((await readImageFacts(Buffer.from('plain text'))).type).toBeNull()
  })

  it('refuses damaged bytes with a clear message', async () => {
    const png = await noise(100, 100).png().toBuffer()
    const header = png.subarray(0, 20)
    await expect(readImageFacts(header, { name: 'shot.png' })).rejects.toMatchObject({ code: 'invalid-argument', message: expect.stringMatching(/^"shot\.png" is not a readable PNG image/) })
    await expect(readImageFacts(png.subarray(0, png.length - 200), { name: 'cut.png', decode: true })).rejects.toMatchObject({ message: expect.stringMatching(/^"cut\.png" is not a readable PNG image/) })
    expect(await readImageFacts(png, { decode: true })).toEqual({ type: 'png', width: 100, height: 100 })
  })
})

describe('cleanSvg', () => {
  const HOSTILE = `<?xml version="1.0" encoding="UTF-8"?>
<?xml-stylesheet href="https://evil.example/x.css"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 200 100" onload="alert(1)">
  <style>.a { fill: red } .b { background: url(https://evil.example/track.png) }</style>
  <script>alert('x')</script>
  <defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient><circle id="dot" r="4"/></defs>
  <rect class="keep-me" width="10" height="10" fill="url(#g)" style="stroke: blue" onclick="steal()"/>
  <rect width="5" height="5" style="fill: url('http://evil.example/p.svg#x')"/>
  <image href="https://evil.example/x.png" width="10" height="10"/>
  <image xlink:href="data:image/png;base64,iVBORw0KGgo=" width="1" height="1"/>
  <use xlink:href="#dot"/>
  <use href="//evil.example/sprite.svg#icon"/>
  <a xlink:href="javascript:alert(1)"><text>link</text></a>
  <foreignObject width="10" height="10"><div xmlns="http://www.w3.org/1999/xhtml">html</div></foreignObject>
  <set attributeName="href" to="javascript:alert(2)"/>
</svg>`

  it('removes scripts, event attributes, external references, foreignObject and url() styles, keeping the drawing', async () => {
    const { svg, removed } = await cleanSvg(HOSTILE)
    expect(removed).toEqual(expect.arrayContaining([
      'xml-stylesheet instruction',
      'onload attribute',
      'onclick attribute',
      'script element',
      'foreignObject element',
      'style element (external reference https://evil.example/track.png)',
      'style attribute (external reference http://evil.example/p.svg#x)',
      'external reference https://evil.example/x.png',
      'external reference //evil.example/sprite.svg#icon',
      'external reference javascript:alert(1)',
      'set element (animates href)',
    ]))
    for (const gone of ['<script', 'alert(', 'onload', 'onclick', 'evil.example', 'foreignObject', 'xml-stylesheet', '<style']) expect(svg).not.toContain(gone)
    for (const kept of ['class="keep-me"', 'fill="url(#g)"', 'style="stroke: blue"', 'xlink:href="#dot"', 'xlink:href="data:image/png;base64,iVBORw0KGgo="', '<text>link</text>', 'viewBox="0 0 200 100"', '<linearGradient id="g">']) expect(svg).toContain(kept)
    expect(svg.match(/<image/g)).toHaveLength(1)
    expect(svg.match(/<use/g)).toHaveLength(1)
  })

  it('catches escaped and @import CSS, namespaced scripts and other href prefixes', async () => {
    const { svg, removed } = await cleanSvg(`<svg xmlns="http://www.w3.org/2000/svg" xmlns:h="http://www.w3.org/1999/xhtml" xmlns:l="http://www.w3.org/1999/xlink">
  <style>@import "https://evil.example/a.css";</style>
  <rect width="1" height="1" style="fill: u\\72l(https://evil.example/b.png)"/>
  <h:script>alert(1)</h:script>
  <use l:href="file:///etc/passwd"/>
  <circle r="3"/>
</svg>`)
    expect(removed).toEqual(expect.arrayContaining(['style element (@import)', 'h:script element', 'external reference file:///etc/passwd']))
    expect(removed.some((r) => r.startsWith('style attribute (external reference https://evil.example/b.png'))).toBe(true)
    expect(svg).toContain('<circle r="3"/>')
    expect(svg).not.toContain('evil.example')
  })

  it('leaves a clean SVG as it is', async () => {
    const clean = '<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24"><path d="M0 0h24v24H0z"/></svg>'
    expect(await cleanSvg(clean)).toEqual({ svg: clean, removed: [] })
  })

  it('refuses entity declarations and unparseable text', async () => {
    const bomb = '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><svg xmlns="http://www.w3.org/2000/svg"><text>&lol2;</text></svg>'
    await expect(cleanSvg(bomb)).rejects.toThrow(expect.objectContaining({ code: 'invalid-argument', message: expect.stringContaining('declares XML entities') }))
    await expect(cleanSvg('<svg xmlns="http://www.w3.org/2000/svg"><g></svg>')).rejects.toThrow(expect.objectContaining({ code: 'invalid-argument', message: expect.stringMatching(/^The SVG cannot be read: .*line 1/) }))
    await expect(cleanSvg('<html><body/></html>')).rejects.toThrow(expect.objectContaining({ code: 'invalid-argument', message: expect.stringContaining('root element is <html>') }))
  })

  it('reads the intrinsic size from width/height or the viewBox', () => {
    expect(svgDimensions('<svg width="120px" height="60">')).toEqual({ width: 120, height: 60 })
    expect(svgDimensions('<svg viewBox="0 0 300 150">')).toEqual({ width: 300, height: 150 })
    expect(svgDimensions('<svg width="600" viewBox="0 0 300 150">')).toEqual({ width: 600, height: 300 })
    expect(svgDimensions('<svg width="50%">')).toBeNull()
  })
})

describe('assets.importImage: optimisation settings', () => {
  it('downscales on import and says so', async () => {
    const { assets, site } = await openSite()
    const result = await assets.importImage(SAMPLE_POST, { name: 'wide.png', data: await noise(4000, 1000).png({ compressionLevel: 1 }).toBuffer() })
    expect(result).toMatchObject({ width: 1600, height: 400, optimized: true, src: '/images/blogImg/2024-01-16-5.png' })
    expect(result.notices).toContain('Downscaled from 4000 to 1600 px wide')
    expect(await sharp(readFileSync(path.join(site, result.path))).metadata()).toMatchObject({ width: 1600, height: 400 })
  })

  it('stores an oriented photo upright and without EXIF', async () => {
    const { assets, site } = await openSite()
    const tagged = await (await halves(300, 200)).jpeg().withMetadata({ orientation: 6 }).toBuffer()
    const result = await assets.importImage(SAMPLE_POST, { name: 'phone.jpg', data: tagged })
    expect(result).toMatchObject({ width: 200, height: 300, type: 'jpeg', src: '/images/blogImg/2024-01-16-5.jpg' })
    const meta = await sharp(readFileSync(path.join(site, result.path))).metadata()
    expect(meta).toMatchObject({ width: 200, height: 300 })
    expect(meta.exif ?? 'none').toBe('none')
    expect(meta.orientation ?? 'none').toBe('none')
  })

  it('keeps an already-optimal image byte for byte, without a notice about it', async () => {
    const { assets, site } = await openSite()
    const tiny = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#336699' } }).png({ compressionLevel: 9, adaptiveFiltering: true }).toBuffer()
    const result = await assets.importImage(SAMPLE_POST, { name: 'dot.png', data: tiny })
    expect(result).toMatchObject({ optimized: false, bytes: tiny.length, originalBytes: tiny.length })
    expect(result.notices).toEqual([])
    expect(readFileSync(path.join(site, result.path)).equals(tiny)).toBe(true)
  })

  it('stores the original bytes when optimizeImages is false (EXIF and all), but still cleans SVG', async () => {
    const { assets, site } = await openSite({ optimizeImages: false })
    const photo = await noise(2000, 500).jpeg({ quality: 90 }).withExif({ IFD0: { Make: 'Kept Camera' } }).toBuffer()
    const result = await assets.importImage(SAMPLE_POST, { name: 'raw.jpg', data: photo })
    expect(result).toMatchObject({ optimized: false, width: 2000, height: 500, bytes: photo.length })
    expect(readFileSync(path.join(site, result.path)).equals(photo)).toBe(true)
    const svg = await assets.importImage(SAMPLE_POST, { name: 'logo.svg', data: new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 20" onload="x()"><rect width="4" height="4"/></svg>') })
    expect(svg).toMatchObject({ type: 'svg', optimized: true, width: 40, height: 20, src: '/images/blogImg/2024-01-16-6.svg' })
    expect(readFileSync(path.join(site, svg.path), 'utf8')).toBe('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 20"><rect width="4" height="4"/></svg>')
    expect(svg.notices).toContain('Removed from the SVG: onload attribute')
  })

  it('cleans a hostile SVG on import, never rasterising it', async () => {
    const { assets, site } = await openSite()
    const hostile = '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="32"><script>alert(1)</script><image href="https://evil.example/x.png"/><circle r="5"/></svg>'
    const result = await assets.importImage(SAMPLE_POST, { name: 'diagram.svg', data: new TextEncoder().encode(hostile) })
    expect(result).toMatchObject({ type: 'svg', width: 64, height: 32, optimized: true, src: '/images/blogImg/2024-01-16-5.svg' })
    expect(result.notices).toContain('Removed from the SVG: script element, external reference https://evil.example/x.png')
    expect(readFileSync(path.join(site, result.path), 'utf8')).toBe('<svg xmlns="http://www.w3.org/2000/svg" width="64" height="32"><circle r="5"/></svg>')
    const bomb = '<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>'
    await expect(assets.importImage(SAMPLE_POST, { name: 'bomb.svg', data: new TextEncoder().encode(bomb) })).rejects.toMatchObject({ code: 'invalid-argument', message: expect.stringContaining('declares XML entities') })
  })
})
