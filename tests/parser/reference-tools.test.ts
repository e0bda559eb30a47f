// The reference-backed tools (UPDATE=1 golden regeneration, bench:parse) must fail with a clear
// message when the reference is missing — checked here without needing the reference at all.
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../..', import.meta.url))
const missing = { ...process.env, INKPOST_REFERENCE_DIR: '/nonexistent/inkpost-reference' }

describe('reference-backed scripts without a reference', () => {
  it('update-goldens exits 2 and says how to provide the reference', () => {
    const r = spawnSync(process.execPath, ['scripts/update-goldens.mjs'], { cwd: root, env: missing, encoding: 'utf8' })
    expect(r.status).toBe(2)
    expect(r.stderr).toContain('UPDATE=1 cannot regenerate goldens')
    expect(r.stderr).toContain('INKPOST_REFERENCE_DIR=/nonexistent/inkpost-reference has no installed reference')
  })

  it('bench:parse exits 2 with a clear message', () => {
    const r = spawnSync(process.execPath, ['scripts/bench-parse.mjs'], { cwd: root, env: missing, encoding: 'utf8' })
    expect(r.status).toBe(2)
    expect(r.stderr).toContain('bench:parse needs the reference parser')
  })

  it('the umbrella bench lists the parse bench', () => {
    const r = spawnSync(process.execPath, ['scripts/bench.mjs', '--list'], { cwd: root, encoding: 'utf8' })
    expect(r.status).toBe(0)
    expect(r.stdout).toMatch(/^parse\s+shared parser vs the Nuxt Content 2.7 reference/m)
  })
})
