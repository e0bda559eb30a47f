import { mkdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { nodeFs } from '../../electron/services/fs-facade'
import { resolveInside, splitRelativePath } from '../../electron/services/site-paths'
import { ServiceError } from '../../shared/services/service-error'
import { cleanupTemps, tempDir } from './service-test-helpers'
import { TRAVERSAL_VECTORS } from './traversal-vectors'

afterAll(cleanupTemps)


function refusal(input: unknown): ServiceError {
  try {
    splitRelativePath(input)
  } catch (error) {
    return error as ServiceError
  }
  throw new Error(`not refused: ${JSON.stringify(input)}`)
}

describe('splitRelativePath (pure path check used by every service)', () => {
  it.each(TRAVERSAL_VECTORS)('refuses %j with a clear outside-site error', (vector) => {
    const error = refusal(vector)
    expect(error).toBeInstanceOf(ServiceError)
    expect(error.code).toBe('outside-site')
    expect(error.message).toMatch(/Refusing path/)
  })

  it('refuses non-strings and empty paths as invalid arguments', () => {
    expect(refusal(42).code).toBe('invalid-argument')
    expect(refusal(null).code).toBe('invalid-argument')
    expect(refusal('').code).toBe('invalid-argument')
    expect(refusal('a/'.repeat(600)).code).toBe('invalid-argument')
  })

  it('accepts ordinary, Korean, spaced and percent-in-name paths', () => {
    expect(splitRelativePath('blog/2024-01-16-llama2.md')).toEqual(['blog', '2024-01-16-llama2.md'])
    expect(splitRelativePath('블로그/라마 리뷰.md')).toEqual(['블로그', '라마 리뷰.md'])
    expect(splitRelativePath('100%.md')).toEqual(['100%.md'])
    expect(splitRelativePath('a..b.md')).toEqual(['a..b.md'])
  })
})

describe('resolveInside (real paths, symlinks)', () => {
  const root = realpathSync(tempDir())
  const site = path.join(root, 'site')
  const outside = path.join(root, 'outside')
  mkdirSync(path.join(site, 'blog'), { recursive: true })
  mkdirSync(outside)
  writeFileSync(path.join(outside, 'secret.md'), 'secret')
  writeFileSync(path.join(site, 'blog', 'post.md'), 'post')
  symlinkSync(path.join(outside, 'secret.md'), path.join(site, 'blog', 'link-out.md'))
  symlinkSync(outside, path.join(site, 'dir-out'))
  symlinkSync(path.join(site, 'blog', 'post.md'), path.join(site, 'blog', 'link-in.md'))

  it('resolves an existing file and a file to be created', async () => {
    expect(await resolveInside(nodeFs, site, 'blog/post.md')).toEqual({ absolute: path.join(site, 'blog/post.md'), real: path.join(site, 'blog/post.md'), exists: true })
    expect(await resolveInside(nodeFs, site, 'blog/new/deeper.md')).toMatchObject({ real: path.join(site, 'blog/new/deeper.md'), exists: false })
  })

  it('follows a symlink that stays inside the site', async () => {
    expect((await resolveInside(nodeFs, site, 'blog/link-in.md')).real).toBe(path.join(site, 'blog/post.md'))
  })

  it.each(['blog/link-out.md', 'dir-out/secret.md', 'dir-out/new.md'])('refuses %s, which leaves the site through a symlink', async (rel) => {
    await expect(resolveInside(nodeFs, site, rel)).rejects.toMatchObject({ code: 'outside-site', message: expect.stringMatching(/symbolic link points outside/) })
  })

  it.each(TRAVERSAL_VECTORS)('refuses traversal vector %j before touching the disk', async (vector) => {
    await expect(resolveInside(nodeFs, site, vector)).rejects.toMatchObject({ code: 'outside-site' })
  })
})
