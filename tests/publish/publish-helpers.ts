// Helpers for the publish tests: temp copies of the sample site opened as a CLI site, exports with
// the real checks' signature but no checks (findings are given per test), reading bundles back,
// and a file system that fails the N-th write with an errno (a full disk mid-export).
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { Writable } from 'node:stream'
import { unzipSync } from 'fflate'
import type { Finding } from '../../shared/checks/finding'
import type { ExportOptions, ExportResult } from '../../shared/services/publish-service'
import { openCliSite } from '../../electron/cli/cli-site'
import type { CliIo } from '../../electron/cli/cli-io'
import { exportBundle } from '../../electron/services/bundle-export'
import { nodeFs, type ServiceFs } from '../../electron/services/fs-facade'
import type { OpenSite } from '../../electron/services/site-context'
import { repoRoot, tempDir } from '../services/service-test-helpers'

export { repoRoot, sampleSite, SAMPLE_POST } from '../services/service-test-helpers'
/** The sample post's four images, as bundle paths. */
export const SAMPLE_IMAGES = [1, 2, 3, 4].map((n) => `public/images/blogImg/2024-01-16-${n}.png`)
/** `JSON.stringify` of the golden `parsed` of the sample post. */
export const expectedSampleParsed = JSON.stringify(JSON.parse(readFileSync(path.join(repoRoot, 'tests/fixtures/expected/2024-01-16-llama2.md.json'), 'utf8')).parsed)

export { cleanupTemps, copySampleSite, tempDir } from '../services/service-test-helpers'

/** Opens `dir` as a site the way the CLI does. */
export async function openSite(dir: string, fs: ServiceFs = nodeFs): Promise<OpenSite> {
  const { context } = await openCliSite(dir, dir, fs)
  return context.require()
}

/** Runs `exportBundle` on `site` with the given findings (default none) and a default out in `outDir`. */
export async function runExportBundle(site: OpenSite, files: string[], options: ExportOptions, extra: { findings?: Finding[]; fs?: ServiceFs; outDir?: string } = {}): Promise<ExportResult> {
  return exportBundle({
    fs: extra.fs ?? nodeFs,
    site,
    files,
    options,
    findings: extra.findings ?? [],
    inkpostVersion: '0.0.0-test',
    defaultOut: (name) => path.join(extra.outDir ?? tempDir('inkpost-exports-'), name),
  })
}

/** Every file under `dir` (relative, `/`-separated), sorted. */
export function listTree(dir: string): string[] {
  const out: string[] = []
  const walk = (d: string, prefix: string) => {
    for (const name of readdirSync(d)) {
      const full = path.join(d, name)
      const rel = prefix ? `${prefix}/${name}` : name
      if (statSync(full).isDirectory()) walk(full, rel)
      else out.push(rel)
    }
  }
  walk(dir, '')
  return out.sort()
}

/** A bundle's files by path: a folder read from disk or a zip unpacked in memory. */
export function readBundle(bundle: string): Map<string, Uint8Array> {
  if (statSync(bundle).isDirectory()) return new Map(listTree(bundle).map((rel) => [rel, new Uint8Array(readFileSync(path.join(bundle, rel)))]))
  return new Map(Object.entries(unzipSync(new Uint8Array(readFileSync(bundle)))))
}

/** Text of a bundle file. */
export function textOf(files: Map<string, Uint8Array>, name: string): string {
  const bytes = files.get(name)
  if (!bytes) throw new Error(`${name} is not in the bundle (has ${[...files.keys()].join(', ')})`)
  return new TextDecoder().decode(bytes)
}

/**
 * A file system that fails the `n`-th `write` call (counting from 1) with `code`, after writing half
 * the data as a real ENOSPC would, and every write after it; everything else is the real disk.
 */
export function failingWriteFs(n: number, code = 'ENOSPC', base: ServiceFs = nodeFs): ServiceFs & { writes: () => number } {
  let count = 0
  return {
    ...base,
    writes: () => count,
    openForWrite: async (file, options) => {
      const handle = await base.openForWrite(file, options)
      return {
        write: async (data: Uint8Array) => {
          count++
          if (count >= n) {
            await handle.write(data.subarray(0, Math.floor(data.length / 2)))
            throw Object.assign(new Error(`${code}: injected failure, write '${file}'`), { code, syscall: 'write', path: file })
          }
          return handle.write(data)
        },
        sync: () => handle.sync(),
        close: () => handle.close(),
      }
    },
  }
}

/** A Writable that collects everything written to it as text. */
export class Collector extends Writable {
  chunks: string[] = []
  _write(chunk: Buffer, _enc: BufferEncoding, done: (error?: Error | null) => void): void {
    this.chunks.push(chunk.toString('utf8'))
    done()
  }
  get text(): string { return this.chunks.join('') }
}

/** CLI streams that collect output, working in `cwd`. */
export function captureIo(cwd: string): CliIo & { out: Collector; err: Collector } {
  const out = new Collector()
  const err = new Collector()
  return { stdout: out, stderr: err, cwd, out, err }
}
