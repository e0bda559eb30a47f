// The import rules of the design card, proven to bite: shared/ type-checks with no Node, DOM or
// Electron (its own tsconfig), and the lint refuses electron/ ↔ renderer/ imports and Node or
// Electron modules in shared/ and renderer/.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ESLint } from 'eslint'
import { afterAll, describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../..', import.meta.url))
const tsc = join(root, 'node_modules/typescript/bin/tsc')
const scratch = mkdtempSync(join(tmpdir(), 'inkpost-boundaries-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

/** Type-checks every shared/ file plus one probe file under shared/tsconfig.json; returns tsc's output. */
function typecheckSharedWith(probe: string): { ok: boolean; output: string } {
  const probeFile = join(scratch, `probe-${Math.random().toString(36).slice(2)}.ts`)
  writeFileSync(probeFile, probe)
  const config = join(scratch, `tsconfig-${Math.random().toString(36).slice(2)}.json`)
  writeFileSync(config, JSON.stringify({ extends: join(root, 'shared/tsconfig.json'), include: [join(root, 'shared/**/*.ts'), probeFile] }))
  try {
    return { ok: true, output: execFileSync(process.execPath, [tsc, '-p', config, '--noEmit'], { encoding: 'utf8' }) }
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string }
    return { ok: false, output: `${e.stdout ?? ''}${e.stderr ?? ''}` }
  }
}

describe('shared/ type-checks without Node, DOM or Electron', () => {
  it('accepts runtime-agnostic code', () => {
    expect(typecheckSharedWith('export const probe: number = [1, 2].length\n')).toEqual({ ok: true, output: '' })
  })
  it.each([
    ['a node: module', "import { readFileSync } from 'node:fs'\nexport const probe = readFileSync\n", /node:fs/],
    ['a bare Node module', "import { readFileSync } from 'fs'\nexport const probe = readFileSync\n", /'fs'/],
    ['Node globals', 'export const probe = process.cwd() + Buffer.from("x").length\n', /process|Buffer/],
    ['the DOM', 'export const probe = document.title + window.location.href\n', /document|window/],
    ['electron', "import { app } from 'electron'\nexport const probe = app\n", /electron/],
  ])('refuses %s', (_name, probe, mention) => {
    const result = typecheckSharedWith(probe)
    expect(result.ok).toBe(false)
    expect(result.output).toMatch(mention)
  }, 60_000)
})

describe('lint enforces the import directions', () => {
  const eslint = new ESLint({ cwd: root })
  const ruleHits = async (filePath: string, code: string) => {
    const [result] = await eslint.lintText(code, { filePath: join(root, filePath) })
    return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').length
  }
  it.each([
    ['electron/x.ts', "import { App } from '../renderer/components/app'\nexport const x = App\n"],
    ['electron/x.ts', "import { useState } from 'react'\nexport const x = useState\n"],
    ['renderer/x.ts', "import { createServices } from '../electron/services/create-services'\nexport const x = createServices\n"],
    ['renderer/x.ts', "import { readFileSync } from 'node:fs'\nexport const x = readFileSync\n"],
    ['renderer/x.ts', "import { ipcRenderer } from 'electron'\nexport const x = ipcRenderer\n"],
    ['shared/x.ts', "import { main } from '../electron/main'\nexport const x = main\n"],
    ['shared/x.ts', "import { App } from '../renderer/components/app'\nexport const x = App\n"],
    ['shared/x.ts', "import path from 'path'\nexport const x = path\n"],
    ['shared/x.ts', "import { app } from 'electron'\nexport const x = app\n"],
  ])('refuses in %s: %s', async (file, code) => {
    expect(await ruleHits(file, code)).toBeGreaterThan(0)
  })
  it.each([
    ['electron/x.ts', "import { parsePost } from '../shared/parser/index'\nimport { readFileSync } from 'node:fs'\nexport const x = [parsePost, readFileSync]\n"],
    ['renderer/x.ts', "import { createServiceClient } from '../shared/ipc/service-client'\nexport const x = createServiceClient\n"],
    ['shared/x.ts', "import type { InkpostEvent } from './services/events'\nexport type X = InkpostEvent\n"],
  ])('allows in %s: %s', async (file, code) => {
    expect(await ruleHits(file, code)).toBe(0)
  })
})
