import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { detectContentVersion, familyFor, PUBLISHED_2X_VERSIONS, resolveContentRange } from '../../electron/site/content-version'

let base: string

/** Writes `files` (path → text, objects as JSON) under a new folder named `name` and returns its path. */
async function site(name: string, files: Record<string, string | object>): Promise<string> {
  const root = path.join(base, name)
  await mkdir(root, { recursive: true })
  for (const [rel, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, rel)), { recursive: true })
    await writeFile(path.join(root, rel), typeof content === 'string' ? content : JSON.stringify(content, null, 2))
  }
  return root
}

const pkg = (range: string, extra: Record<string, string> = {}): object => ({ name: 'blog', private: true, devDependencies: { nuxt: '^3.8.0', '@nuxt/content': range, ...extra } })
const nuxtConfig = 'export default defineNuxtConfig({})\n'

beforeAll(async () => {
  base = await mkdtemp(path.join(tmpdir(), 'inkpost-content-version-'))
  // an empty lockfile above every test site stops the walk up here, whatever the machine has above /tmp
  await writeFile(path.join(base, 'package-lock.json'), JSON.stringify({ lockfileVersion: 3, packages: {} }))
})

afterAll(async () => {
  await rm(base, { recursive: true, force: true })
})

describe('detectContentVersion', () => {
  it('reads the installed package first, even when a lockfile says otherwise', async () => {
    const root = await site('installed', {
      'package.json': pkg('^2.12.0'),
      'nuxt.config.ts': nuxtConfig,
      'node_modules/@nuxt/content/package.json': { name: '@nuxt/content', version: '2.12.1' },
      'package-lock.json': { lockfileVersion: 3, packages: { 'node_modules/@nuxt/content': { version: '2.13.4' } } },
    })
    expect(await detectContentVersion(root)).toEqual({ version: '2.12.1', source: 'installed', range: '^2.12.0' })
  })

  it('reads package-lock.json v3 and v2 (packages) and v1 (dependencies)', async () => {
    const v3 = await site('npm-v3', {
      'package.json': pkg('^2.13.0'),
      'package-lock.json': { lockfileVersion: 3, packages: { '': { name: 'blog' }, 'node_modules/@nuxt/content': { version: '2.13.2', resolved: 'https://registry.npmjs.org/@nuxt/content/-/content-2.13.2.tgz' } } },
    })
    expect(await detectContentVersion(v3)).toEqual({ version: '2.13.2', source: 'package-lock', range: '^2.13.0' })
    const v2 = await site('npm-v2', {
      'package.json': pkg('^2.4.0'),
      'package-lock.json': { lockfileVersion: 2, packages: { 'node_modules/@nuxt/content': { version: '2.4.3' } }, dependencies: { '@nuxt/content': { version: '2.4.3' } } },
    })
    expect((await detectContentVersion(v2)).version).toBe('2.4.3')
    const v1 = await site('npm-v1', {
      'package.json': pkg('^2.1.0'),
      'package-lock.json': { lockfileVersion: 1, dependencies: { '@nuxt/content': { version: '2.1.1' } } },
    })
    expect(await detectContentVersion(v1)).toMatchObject({ version: '2.1.1', source: 'package-lock' })
  })

  it('finds a workspace project’s entry in the lockfile at the workspace root', async () => {
    const workspace = await site('npm-workspace', {
      'package.json': { name: 'monorepo', private: true, workspaces: ['apps/*'] },
      'package-lock.json': {
        lockfileVersion: 3,
        packages: { 'node_modules/@nuxt/content': { version: '2.13.4' }, 'apps/blog/node_modules/@nuxt/content': { version: '2.7.1' } },
      },
      'apps/blog/package.json': pkg('~2.7.0'),
      'apps/blog/nuxt.config.ts': nuxtConfig,
    })
    expect(await detectContentVersion(path.join(workspace, 'apps/blog'))).toEqual({ version: '2.7.1', source: 'package-lock', range: '~2.7.0' })
  })

  it('reads pnpm-lock.yaml 9 (importers), 6 (importers with peer suffixes) and 5.4 (top-level dependencies)', async () => {
    const v9 = await site('pnpm-v9', {
      'package.json': pkg('^2.13.0'),
      'pnpm-lock.yaml': [
        "lockfileVersion: '9.0'",
        '',
        'importers:',
        '',
        '  .:',
        '    devDependencies:',
        "      '@nuxt/content':",
        '        specifier: ^2.13.0',
        '        version: 2.13.3(ioredis@5.4.1)(nuxt@3.13.0)(vue@3.5.4)',
        '',
        'packages:',
        '',
        "  '@nuxt/content@2.13.3':",
        '    resolution: {integrity: sha512-abc}',
        '',
      ].join('\n'),
    })
    expect(await detectContentVersion(v9)).toEqual({ version: '2.13.3', source: 'pnpm-lock', range: '^2.13.0' })
    const v6 = await site('pnpm-v6', {
      'package.json': pkg('^2.8.0'),
      'pnpm-lock.yaml': [
        "lockfileVersion: '6.0'",
        'dependencies:',
        "  '@nuxt/content':",
        '    specifier: ^2.8.0',
        '    version: 2.8.5(rollup@3.29.4)(vue@3.3.4)',
        'packages:',
        '  /@nuxt/content@2.8.5(rollup@3.29.4)(vue@3.3.4):',
        '    resolution: {integrity: sha512-abc}',
      ].join('\n'),
    })
    expect((await detectContentVersion(v6)).version).toBe('2.8.5')
    const v5 = await site('pnpm-v5', {
      'package.json': pkg('^2.6.0'),
      'pnpm-lock.yaml': [
        'lockfileVersion: 5.4',
        'specifiers:',
        "  '@nuxt/content': ^2.6.0",
        'devDependencies:',
        "  '@nuxt/content': 2.6.0_vue@3.2.47",
        'packages:',
        '  /@nuxt/content/2.6.0_vue@3.2.47:',
        '    resolution: {integrity: sha512-abc}',
      ].join('\n'),
    })
    expect(await detectContentVersion(v5)).toMatchObject({ version: '2.6.0', source: 'pnpm-lock' })
  })

  it('reads a pnpm workspace importer by the project’s path, and falls back to the packages keys', async () => {
    const workspace = await site('pnpm-workspace', {
      'pnpm-workspace.yaml': "packages:\n  - 'sites/*'\n",
      'package.json': { name: 'monorepo', private: true },
      'pnpm-lock.yaml': [
        "lockfileVersion: '9.0'",
        'importers:',
        '  .: {}',
        '  sites/blog:',
        '    dependencies:',
        "      '@nuxt/content':",
        '        specifier: 2.10.0',
        '        version: 2.10.0(vue@3.4.0)',
        'packages:',
        "  '@nuxt/content@2.10.0':",
        '    resolution: {integrity: sha512-abc}',
      ].join('\n'),
      'sites/blog/package.json': pkg('2.10.0'),
    })
    expect(await detectContentVersion(path.join(workspace, 'sites/blog'))).toEqual({ version: '2.10.0', source: 'pnpm-lock', range: '2.10.0' })
    const keysOnly = await site('pnpm-keys-only', {
      'package.json': pkg('~2.7.0'),
      'pnpm-lock.yaml': "lockfileVersion: '9.0'\nimporters:\n  .: {}\npackages:\n  '@nuxt/content@2.7.2':\n    resolution: {integrity: sha512-abc}\n  '@nuxt/content@2.13.4':\n    resolution: {integrity: sha512-def}\n",
    })
    expect((await detectContentVersion(keysOnly)).version).toBe('2.7.2')
  })

  it('reads yarn.lock classic and berry, choosing the entry of the package.json range', async () => {
    const classic = await site('yarn-v1', {
      'package.json': pkg('^2.2.0'),
      'yarn.lock': [
        '# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.',
        '# yarn lockfile v1',
        '',
        '',
        '"@nuxt/content@^2.2.0":',
        '  version "2.4.3"',
        '  resolved "https://registry.yarnpkg.com/@nuxt/content/-/content-2.4.3.tgz"',
        '',
        '"@nuxt/content@^2.9.0", "@nuxt/content@^2.9.0-rc":',
        '  version "2.9.0"',
        '  resolved "https://registry.yarnpkg.com/@nuxt/content/-/content-2.9.0.tgz"',
        '',
        'nuxt@^3.8.0:',
        '  version "3.8.0"',
      ].join('\n'),
    })
    // ^2.2.0 admits 2.9.0 too, but the lockfile's ^2.2.0 entry is what was installed for it
    expect(await detectContentVersion(classic)).toEqual({ version: '2.4.3', source: 'yarn-lock', range: '^2.2.0' })
    const berry = await site('yarn-berry', {
      'package.json': pkg('^2.11.0'),
      'yarn.lock': [
        '# This file is generated by running "yarn install" inside your project.',
        '',
        '__metadata:',
        '  version: 8',
        '  cacheKey: 10c0',
        '',
        '"@nuxt/content@npm:^2.11.0":',
        '  version: 2.11.0',
        '  resolution: "@nuxt/content@npm:2.11.0"',
        '',
        '"blog@workspace:.":',
        '  version: 0.0.0-use.local',
      ].join('\n'),
    })
    expect(await detectContentVersion(berry)).toMatchObject({ version: '2.11.0', source: 'yarn-lock' })
  })

  it('reads bun.lock (JSONC with comments and trailing commas)', async () => {
    const root = await site('bun', {
      'package.json': pkg('^2.5.0'),
      'bun.lock': [
        '{',
        '  "lockfileVersion": 1,',
        '  // bun writes trailing commas',
        '  "workspaces": { "": { "name": "blog", "devDependencies": { "@nuxt/content": "^2.5.0", }, }, },',
        '  "packages": {',
        '    "@nuxt/content": ["@nuxt/content@2.5.2", "", { "dependencies": { "nuxt": "^3.0.0" } }, "sha512-a//b/*c*/="],',
        '    "nuxt": ["nuxt@3.8.0", "", {}, "sha512-d"],',
        '  },',
        '}',
      ].join('\n'),
    })
    expect(await detectContentVersion(root)).toEqual({ version: '2.5.2', source: 'bun-lock', range: '^2.5.0' })
  })

  it('resolves the package.json range when nothing is installed or locked', async () => {
    const caret = await site('range-caret', { 'package.json': pkg('^2.0.0') })
    expect(await detectContentVersion(caret)).toEqual({ version: '2.13.4', source: 'package-json', range: '^2.0.0' })
    const tilde = await site('range-tilde', { 'package.json': pkg('~2.7.0') })
    expect(await detectContentVersion(tilde)).toEqual({ version: '2.7.2', source: 'package-json', range: '~2.7.0' })
    const exact = await site('range-exact', { 'package.json': pkg('2.12.1') })
    expect(await detectContentVersion(exact)).toEqual({ version: '2.12.1', source: 'package-json', range: '2.12.1' })
    const alias = await site('range-alias', { 'package.json': { dependencies: { '@nuxt/content': 'npm:@nuxt/content@~2.8.0' } } })
    expect(await detectContentVersion(alias)).toEqual({ version: '2.8.5', source: 'package-json', range: '~2.8.0' })
    const workspace = await site('range-workspace', { 'package.json': pkg('workspace:*') })
    expect(await detectContentVersion(workspace)).toEqual({ version: null, source: 'package-json', range: 'workspace:*' })
  })

  it('says none when nothing mentions @nuxt/content', async () => {
    const root = await site('none', { 'package.json': { name: 'plain', dependencies: { nuxt: '^3.8.0' } }, 'nuxt.config.ts': nuxtConfig })
    expect(await detectContentVersion(root)).toEqual({ version: null, source: 'none' })
  })
})

describe('resolveContentRange', () => {
  it('resolves against the published 2.x list, and to 3.x when the range admits it', () => {
    expect(PUBLISHED_2X_VERSIONS[PUBLISHED_2X_VERSIONS.length - 1]).toBe('2.13.4')
    expect(PUBLISHED_2X_VERSIONS).toContain('2.7.2')
    expect(PUBLISHED_2X_VERSIONS).not.toContain('2.7.3')
    expect(resolveContentRange('^2.8.0')).toBe('2.13.4')
    expect(resolveContentRange('>=2.4.0 <2.6.0')).toBe('2.5.2')
    expect(resolveContentRange('2.13')).toBe('2.13.4')
    expect(resolveContentRange('^3.0.0')).toMatch(/^3\./)
    expect(resolveContentRange('latest')).toMatch(/^3\./)
    expect(resolveContentRange('^1.14.0')).toBe('1.14.0')
    expect(resolveContentRange('github:nuxt/content')).toBeNull()
  })
})

describe('familyFor', () => {
  it('maps 2.0–2.7 to the 2.7 family and 2.8–2.13 to the 2.13 family, keeping the version', () => {
    expect(familyFor('2.7.2')).toEqual({ family: '2.7', version: '2.7.2' })
    expect(familyFor('2.7.1')).toEqual({ family: '2.7', version: '2.7.1' })
    expect(familyFor('2.0.0')).toMatchObject({ family: '2.7', version: '2.0.0' })
    expect(familyFor('2.8.0')).toMatchObject({ family: '2.13', version: '2.8.0' })
    expect(familyFor('2.13.4')).toEqual({ family: '2.13', version: '2.13.4' })
    expect(familyFor('2.10')).toMatchObject({ family: '2.13', version: '2.10.0' })
  })

  it('says how a version measured to differ from its family differs', () => {
    expect(familyFor('2.12.1').notice).toMatch(/2\.12\.1.*reproduces Nuxt Content 2\.13\.4.*no _stem/)
    expect(familyFor('2.5.2').notice).toMatch(/22 of 27 posts identical/)
    expect(familyFor('2.13.2').notice).toMatch(/31 of 32/)
    expect(familyFor('2.7.0').notice).toMatch(/highlighting/)
    expect(familyFor('2.7.2').notice).toBeUndefined()
    expect(familyFor('2.13.4').notice).toBeUndefined()
  })

  it('parses a site without a version as 2.7.2', () => {
    expect(familyFor(null)).toEqual({ family: '2.7', version: '2.7.2' })
  })

  it('takes the nearer family, with a notice, for versions outside 2.x', () => {
    const one = familyFor('1.0.0')
    expect(one).toMatchObject({ family: '2.7', version: '2.7.2' })
    expect(one.notice).toContain('1.0.0')
    const three = familyFor('3.0.0')
    expect(three).toMatchObject({ family: '2.13', version: '2.13.4' })
    expect(three.notice).toContain('Nuxt Content 3 is a different system')
    expect(three.notice).toContain('follows Nuxt Content 2.13.4')
    const future = familyFor('2.14.0')
    expect(future).toMatchObject({ family: '2.13', version: '2.13.4' })
    expect(future.notice).toContain('2.14.0')
    const junk = familyFor('banana')
    expect(junk).toMatchObject({ family: '2.7', version: '2.7.2' })
    expect(junk.notice).toContain('banana')
  })
})
