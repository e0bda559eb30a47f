// Shared helpers for the service tests: temp copies of the sample site, services wired to a temp
// data folder, and a file system facade that injects errno failures at chosen steps.
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { InkpostEvent } from '../../shared/services/events'
import { createServices, type ServiceDeps, type ServiceRuntime } from '../../electron/services/create-services'
import { nodeFs, type ServiceFs } from '../../electron/services/fs-facade'

/** Repository root. */
export const repoRoot = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
/** The sample site fixture (read-only: tests copy it). */
export const sampleSite = path.join(repoRoot, 'tests/fixtures/sample-site')
/** The sample post, relative to the content dir. */
export const SAMPLE_POST = 'blog/2024-01-16-llama2.md'

const temps: string[] = []

/** A fresh temp folder, removed by `cleanupTemps()`. */
export function tempDir(prefix = 'inkpost-test-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix))
  temps.push(dir)
  return dir
}

/** Removes every temp folder made by `tempDir()`. */
export function cleanupTemps(): void {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true })
}

/** Copies the sample site into a temp folder and returns its path. */
export function copySampleSite(): string {
  const dir = path.join(tempDir('inkpost-site-'), 'site')
  cpSync(sampleSite, dir, { recursive: true })
  return dir
}

/** Services over a temp data folder that record emitted events. */
export interface TestServices {
  services: ServiceRuntime
  events: InkpostEvent[]
  dataDir: string
}

/** Builds services for tests (watcher off unless asked). */
export function makeServices(overrides: Partial<ServiceDeps> = {}): TestServices {
  const events: InkpostEvent[] = []
  const dataDir = tempDir('inkpost-data-')
  const services = createServices({ dataDir, emit: (e) => events.push(e), watch: false, ...overrides })
  return { services, events, dataDir }
}

/** Which fs call should fail, with which errno, optionally only for paths matching `when`. */
export interface Fault {
  op: keyof ServiceFs | 'write' | 'sync' | 'close'
  code: string
  when?: (file: string) => boolean
}

/**
 * A file system facade that fails the chosen operation with an errno error (like a full disk or a
 * dying drive would) while passing everything else to the real file system. `faults` is live:
 * push/clear it during a test.
 */
export function faultyFs(faults: Fault[], base: ServiceFs = nodeFs): ServiceFs {
  const fail = (op: Fault['op'], file: string) => {
    const fault = faults.find((f) => f.op === op && (!f.when || f.when(file)))
    if (fault) throw Object.assign(new Error(`${fault.code}: injected failure, ${op} '${file}'`), { code: fault.code, syscall: op, path: file })
  }
  const wrapped: Record<string, unknown> = {}
  for (const key of Object.keys(base) as Array<keyof ServiceFs>) {
    wrapped[key] = async (...args: unknown[]) => {
      fail(key, String(args[0]))
      return (base[key] as (...a: unknown[]) => Promise<unknown>)(...args)
    }
  }
  wrapped.openForWrite = async (file: string, options: { exclusive: boolean; mode: number }) => {
    fail('openForWrite', file)
    const handle = await base.openForWrite(file, options)
    return {
      write: async (data: Uint8Array) => {
        // a partial write before the failure, as a real ENOSPC would leave
        if (faults.some((f) => f.op === 'write' && (!f.when || f.when(file)))) await handle.write(data.subarray(0, Math.floor(data.length / 2)))
        fail('write', file)
        return handle.write(data)
      },
      sync: async () => { fail('sync', file); return handle.sync() },
      close: async () => { await handle.close(); fail('close', file) },
    }
  }
  return wrapped as unknown as ServiceFs
}

/** Waits until `predicate` is true (polling), or throws after `timeoutMs`. */
export async function waitFor(predicate: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const start = Date.now()
  while (!predicate()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 20))
  }
}
