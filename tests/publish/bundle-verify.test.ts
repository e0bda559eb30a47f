// verifyBundle on the sample post's bundle: passes as written, and fails with a specific reason when
// a byte changes, a file is added, an image or the cache entry is removed, or the cache entry no
// longer matches the post — for folders and zips. Hand-made zips with zip-slip entries are reported
// and never extracted.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { zipSync, type Zippable } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sha256Hex } from '../../electron/services/bundle-export'
import { unsafeEntryName, verifyBundle } from '../../electron/services/bundle-verify'
import { nodeFs } from '../../electron/services/fs-facade'
import { cleanupTemps, copySampleSite, listTree, openSite, readBundle, runExportBundle, SAMPLE_POST, tempDir } from './publish-helpers'

afterAll(cleanupTemps)

const IMAGE = 'public/images/blogImg/2024-01-16-3.png'
const CACHE = '.nuxt/content-cache/parsed/content/blog/2024-01-16-llama2.md.json'
let good: Map<string, Uint8Array>

beforeAll(async () => {
  const site = await openSite(copySampleSite())
  const out = path.join(tempDir(), 'good.zip')
  await runExportBundle(site, [SAMPLE_POST], { out })
  good = readBundle(out)
})

/** Writes `files` as a zip (entries exactly as named) and returns its path. */
function writeZip(files: Map<string, Uint8Array>, extra: Zippable = {}): string {
  const zippable: Zippable = { ...extra }
  for (const [name, bytes] of files) zippable[name] = bytes
  const file = path.join(tempDir(), 'bundle.zip')
  writeFileSync(file, zipSync(zippable))
  return file
}

/** Writes `files` as a folder bundle and returns its path. */
async function folderOf(files: Map<string, Uint8Array>): Promise<string> {
  const dir = path.join(tempDir(), 'bundle')
  for (const [name, bytes] of files) {
    const file = path.join(dir, ...name.split('/'))
    await nodeFs.mkdir(path.dirname(file))
    writeFileSync(file, bytes)
  }
  return dir
}

/** A copy of the good bundle's files with `change` applied. */
function tampered(change: (files: Map<string, Uint8Array>) => void): Map<string, Uint8Array> {
  const copy = new Map([...good].map(([k, v]) => [k, new Uint8Array(v)]))
  change(copy)
  return copy
}

/** Re-lists `files` in the manifest (so only the deeper checks can notice a change). */
function relist(files: Map<string, Uint8Array>): void {
  const manifest = JSON.parse(new TextDecoder().decode(files.get('manifest.json')))
  manifest.files = [...files].filter(([name]) => name !== 'manifest.json').map(([name, bytes]) => ({ path: name, bytes: bytes.length, sha256: sha256Hex(bytes) }))
  files.set('manifest.json', new TextEncoder().encode(JSON.stringify(manifest)))
}

describe.each(['zip', 'folder'] as const)('verify a %s bundle', (format) => {
  const write = (files: Map<string, Uint8Array>) => (format === 'zip' ? Promise.resolve(writeZip(files)) : folderOf(files))

  it('passes on the bundle as exported', async () => {
    const result = await verifyBundle(nodeFs, await write(good))
    expect(result).toMatchObject({ ok: true, problems: [] })
    expect(result.manifest?.posts[0].file).toBe(SAMPLE_POST)
  })

  it('fails when one byte of an image changes', async () => {
    const result = await verifyBundle(nodeFs, await write(tampered((f) => { f.get(IMAGE)![100] ^= 0xff })))
    expect(result.ok).toBe(false)
    expect(result.problems).toEqual([`${IMAGE}: sha256 differs from the manifest (changed after export)`])
  })

  it('fails when the post grows by a byte', async () => {
    const result = await verifyBundle(nodeFs, await write(tampered((f) => { const post = f.get('content/blog/2024-01-16-llama2.md')!; f.set('content/blog/2024-01-16-llama2.md', new Uint8Array([...post, 0x0a])) })))
    expect(result.problems).toContain(`content/blog/2024-01-16-llama2.md is ${good.get('content/blog/2024-01-16-llama2.md')!.length + 1} bytes, the manifest says ${good.get('content/blog/2024-01-16-llama2.md')!.length} (changed after export)`)
  })

  it('fails when a file is added', async () => {
    const result = await verifyBundle(nodeFs, await write(tampered((f) => f.set('public/evil.js', new TextEncoder().encode('alert(1)')))))
    expect(result.problems).toEqual(['public/evil.js is in the bundle but not listed in the manifest'])
  })

  it('fails when an image is removed, even from the manifest too', async () => {
    const gone = await verifyBundle(nodeFs, await write(tampered((f) => f.delete(IMAGE))))
    expect(gone.problems).toContain(`${IMAGE} is listed in the manifest but missing from the bundle`)
    const relisted = await verifyBundle(nodeFs, await write(tampered((f) => { f.delete(IMAGE); relist(f) })))
    expect(relisted.problems).toEqual([`content/blog/2024-01-16-llama2.md:92:15 references /images/blogImg/2024-01-16-3.png, but ${IMAGE} is not in the bundle`])
  })

  it('fails when the cache entry no longer matches the post', async () => {
    const result = await verifyBundle(nodeFs, await write(tampered((f) => {
      const entry = JSON.parse(new TextDecoder().decode(f.get(CACHE)))
      entry.parsed.title = 'Edited by hand'
      f.set(CACHE, new TextEncoder().encode(JSON.stringify(entry)))
      relist(f)
    })))
    expect(result.problems).toEqual([expect.stringMatching(new RegExp(`^${CACHE.replace(/\./g, '\\.')}: its parsed differs from a fresh parse of content/blog/2024-01-16-llama2.md \\(first difference at character \\d+\\)$`))])
  })

  it('fails without a manifest', async () => {
    const result = await verifyBundle(nodeFs, await write(tampered((f) => f.delete('manifest.json'))))
    expect(result).toEqual({ ok: false, problems: ['manifest.json is missing; this is not an Inkpost bundle'], manifest: null })
  })
})

describe('zip-slip', () => {
  it('reports ../, absolute, backslash and symlink entries and extracts nothing', async () => {
    const work = tempDir()
    const evil = new TextEncoder().encode('pwned')
    const zippable: Zippable = {
      '../evil': evil,
      '/abs': evil,
      'a\\..\\b': evil,
      'public/../../up.txt': evil,
      'public/link.png': [new TextEncoder().encode('/etc/passwd'), { os: 3, attrs: (0o120777 << 16) >>> 0 }],
    }
    for (const [name, bytes] of good) zippable[name] = bytes
    const zip = path.join(work, 'deep', 'bundle.zip')
    await nodeFs.mkdir(path.dirname(zip))
    writeFileSync(zip, zipSync(zippable))
    const tmpBefore = readdirSync(path.dirname(work)).sort()
    const result = await verifyBundle(nodeFs, zip)
    expect(result.ok).toBe(false)
    expect(result.problems).toEqual(expect.arrayContaining([
      'Zip entry "../evil" has a ".." segment; it was not extracted (zip-slip)',
      'Zip entry "/abs" is an absolute path; it was not extracted (zip-slip)',
      'Zip entry "a\\\\..\\\\b" has a backslash; it was not extracted (zip-slip)',
      'Zip entry "public/../../up.txt" has a ".." segment; it was not extracted (zip-slip)',
      'Zip entry "public/link.png" is a symbolic link; it was not extracted (zip-slip)',
    ]))
    // nothing was written anywhere: not next to the zip, not above it
    expect(listTree(work)).toEqual(['deep/bundle.zip'])
    expect(readdirSync(path.dirname(work)).sort()).toEqual(tmpBefore)
    for (const name of ['evil', 'abs', 'up.txt', 'b']) expect(() => readFileSync(path.join(work, name))).toThrow()
    expect(() => readFileSync('/abs')).toThrow()
  })

  it('names unsafe entry paths', () => {
    expect(unsafeEntryName('content/blog/x.md')).toBeNull()
    expect(unsafeEntryName('C:/x')).toMatch(/drive/)
    expect(unsafeEntryName('a//b')).toMatch(/empty/)
    expect(unsafeEntryName('a/./b')).toMatch(/"\."/)
    expect(unsafeEntryName('a\u0000b')).toMatch(/NUL/)
  })

  it('reports a file that is not a zip at all', async () => {
    const file = path.join(tempDir(), 'x.zip')
    writeFileSync(file, 'not a zip')
    expect((await verifyBundle(nodeFs, file)).problems).toEqual([expect.stringMatching(/^The zip cannot be read: no end of central directory/)])
    expect((await verifyBundle(nodeFs, path.join(tempDir(), 'missing.zip'))).problems).toEqual([expect.stringMatching(/it does not exist$/)])
  })
})
