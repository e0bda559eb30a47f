import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contentDirOf, findSiteRoot } from '../../electron/site/find-site'

let base: string

/** Writes `files` (path → text) under `base/name` and returns that folder. */
async function site(name: string, files: Record<string, string>): Promise<string> {
  const root = path.join(base, name)
  await mkdir(root, { recursive: true })
  for (const [rel, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, rel)), { recursive: true })
    await writeFile(path.join(root, rel), text)
  }
  return root
}

const nuxtPkg = JSON.stringify({ name: 'blog', private: true, devDependencies: { nuxt: '^3.8.0', '@nuxt/content': '^2.13.0' } })

beforeAll(async () => {
  base = await mkdtemp(path.join(tmpdir(), 'inkpost-find-site-'))
})

afterAll(async () => {
  await rm(base, { recursive: true, force: true })
})

describe('findSiteRoot', () => {
  it('finds the site from a post nested deep in its content folder', async () => {
    const root = await site('nested', {
      'package.json': nuxtPkg,
      'nuxt.config.ts': 'export default defineNuxtConfig({})\n',
      'content/blog/2024/post.md': '# Post\n',
    })
    expect(await findSiteRoot(path.join(root, 'content/blog/2024/post.md'))).toEqual({ root, marker: 'nuxt.config.ts' })
    expect(await findSiteRoot(path.join(root, 'content/blog'))).toEqual({ root, marker: 'nuxt.config.ts' })
    expect(await findSiteRoot(root)).toEqual({ root, marker: 'nuxt.config.ts' })
  })

  it('recognises every nuxt.config extension and reports the one found', async () => {
    for (const ext of ['mts', 'js', 'mjs', 'cjs', 'cts']) {
      const root = await site(`ext-${ext}`, { [`nuxt.config.${ext}`]: 'export default {}\n', 'content/a.md': 'a\n' })
      expect(await findSiteRoot(path.join(root, 'content/a.md'))).toEqual({ root, marker: `nuxt.config.${ext}` })
    }
  })

  it('takes a package.json that depends on nuxt, nuxt3 or @nuxt/content when there is no nuxt.config', async () => {
    for (const dep of ['nuxt', 'nuxt3', '@nuxt/content']) {
      const root = await site(`pkg-${dep.replace(/\W/g, '-')}`, {
        'package.json': JSON.stringify({ dependencies: { [dep]: '*' } }),
        'content/a.md': 'a\n',
      })
      expect(await findSiteRoot(path.join(root, 'content/a.md'))).toEqual({ root, marker: 'package.json' })
    }
  })

  it('passes over a package.json without nuxt, and a post that does not exist yet', async () => {
    const root = await site('outer', {
      'nuxt.config.js': 'export default {}\n',
      'content/notes/package.json': JSON.stringify({ name: 'notes', dependencies: { lodash: '^4.0.0' } }),
      'content/notes/broken/package.json': '{ not json',
    })
    expect(await findSiteRoot(path.join(root, 'content/notes/broken/draft.md'))).toEqual({ root, marker: 'nuxt.config.js' })
    expect(await findSiteRoot(path.join(root, 'content/notes/new-folder/new.md'))).toEqual({ root, marker: 'nuxt.config.js' })
  })

  it('prefers the nearest site: a project inside a workspace wins over the workspace', async () => {
    const workspace = await site('workspace', {
      'package.json': JSON.stringify({ private: true, devDependencies: { nuxt: '^3.8.0' } }),
      'apps/blog/nuxt.config.ts': 'export default defineNuxtConfig({})\n',
      'apps/blog/content/a.md': 'a\n',
      'docs/a.md': 'a\n',
    })
    expect(await findSiteRoot(path.join(workspace, 'apps/blog/content/a.md'))).toEqual({ root: path.join(workspace, 'apps/blog'), marker: 'nuxt.config.ts' })
    expect(await findSiteRoot(path.join(workspace, 'docs/a.md'))).toEqual({ root: workspace, marker: 'package.json' })
  })

  it('returns null when no folder above is a Nuxt site', async () => {
    const root = await site('not-a-site', { 'notes/a.md': 'a\n', 'package.json': JSON.stringify({ dependencies: { vite: '^5.0.0' } }) })
    expect(await findSiteRoot(path.join(root, 'notes/a.md'))).toBeNull()
  })
})

describe('contentDirOf', () => {
  const root = path.join(path.sep, 'sites', 'blog')

  it('is content/ by default and for a config without content settings', () => {
    expect(contentDirOf(root, null)).toBe('content')
    expect(contentDirOf(root, { modules: ['@nuxt/content'], content: { highlight: false } })).toBe('content')
  })

  it('follows srcDir, relative or absolute', () => {
    expect(contentDirOf(root, { srcDir: 'src' })).toBe('src/content')
    expect(contentDirOf(root, { srcDir: './app/' })).toBe('app/content')
    expect(contentDirOf(root, { srcDir: path.join(root, 'web') })).toBe('web/content')
  })

  it('takes the base of the content source, which replaces the default', () => {
    expect(contentDirOf(root, { content: { sources: { content: { driver: 'fs', base: './posts' } } } })).toBe('posts')
    expect(contentDirOf(root, { srcDir: 'src', content: { sources: { content: { driver: 'fs', base: path.join(root, 'data/articles') } } } })).toBe('data/articles')
    // a non-fs content source: the posts are not on disk, so the default folder is reported
    expect(contentDirOf(root, { content: { sources: { content: { driver: 'github', repo: 'a/b' } } } })).toBe('content')
  })

  it('takes the base of the one local fs source when the content source is not redefined', () => {
    expect(contentDirOf(root, { content: { sources: { blog: { driver: 'fs', base: './posts' } } } })).toBe('posts')
    expect(contentDirOf(root, { content: { sources: { blog: { driver: 'fs', prefix: '/blog', base: 'writing/blog' }, remote: { driver: 'http', base: 'https://x' } } } })).toBe('writing/blog')
    // two local folders: no single answer, so the default
    expect(contentDirOf(root, { content: { sources: { a: { driver: 'fs', base: './a' }, b: { driver: 'fs', base: './b' } } } })).toBe('content')
    // a prefixed source named content is an extra mount, not the default one
    expect(contentDirOf(root, { content: { sources: { content: { driver: 'fs', prefix: '/docs', base: './docs' }, blog: { driver: 'fs', base: './posts' } } } })).toBe('content')
  })

  it('reads the deprecated array form (strings are folders under srcDir), also as Nuxt’s { "0": … } object', () => {
    expect(contentDirOf(root, { srcDir: 'src', content: { sources: ['content'] } })).toBe('src/content')
    expect(contentDirOf(root, { content: { sources: [{ name: 'content', driver: 'fs', base: './articles' }] } })).toBe('articles')
    expect(contentDirOf(root, { content: { sources: { 0: 'writing' } } })).toBe('writing')
  })

  it('reports a folder outside the root as ../, for the caller to refuse', () => {
    expect(contentDirOf(root, { content: { sources: { content: { driver: 'fs', base: '../shared-posts' } } } })).toBe('../shared-posts')
  })
})
