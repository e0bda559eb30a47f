import { chmodSync, existsSync, lstatSync, readFileSync, readdirSync, readlinkSync, realpathSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { atomicWriteFile, isTempName, sweepStaleTemps, tempNameFor } from '../../electron/services/atomic-write'
import { nodeFs } from '../../electron/services/fs-facade'
import { cleanupTemps, faultyFs, tempDir } from './service-test-helpers'

afterAll(cleanupTemps)

const bytes = (s: string) => new TextEncoder().encode(s)

describe('atomicWriteFile', () => {
  it('replaces the content, keeps the mode and leaves no temp file', async () => {
    const dir = tempDir()
    const file = path.join(dir, 'post.md')
    writeFileSync(file, 'old')
    chmodSync(file, 0o640)
    await atomicWriteFile(nodeFs, file, bytes('new text'))
    expect(readFileSync(file, 'utf8')).toBe('new text')
    expect(statSync(file).mode & 0o777).toBe(0o640)
    expect(readdirSync(dir)).toEqual(['post.md'])
  })

  it('writes through a symlink to the real file and keeps the link', async () => {
    const dir = tempDir()
    const real = path.join(dir, 'real.md')
    const link = path.join(dir, 'link.md')
    writeFileSync(real, 'old')
    symlinkSync(real, link)
    await atomicWriteFile(nodeFs, link, bytes('through the link'))
    expect(lstatSync(link).isSymbolicLink()).toBe(true)
    expect(readlinkSync(link)).toBe(real)
    expect(readFileSync(real, 'utf8')).toBe('through the link')
  })

  it('noOverwrite never replaces an existing file', async () => {
    const dir = tempDir()
    const file = path.join(dir, 'a.md')
    await atomicWriteFile(nodeFs, file, bytes('first'), { noOverwrite: true })
    await expect(atomicWriteFile(nodeFs, file, bytes('second'), { noOverwrite: true })).rejects.toMatchObject({ code: 'EEXIST' })
    expect(readFileSync(file, 'utf8')).toBe('first')
    expect(readdirSync(dir)).toEqual(['a.md'])
  })

  it.each(['openForWrite', 'write', 'sync', 'chmod', 'rename'] as const)('keeps the original and removes the temp file when %s fails', async (op) => {
    const dir = tempDir()
    const file = path.join(dir, 'post.md')
    writeFileSync(file, 'original')
    const fs = faultyFs([{ op, code: 'EIO', when: (p) => p.includes('.inkpost-tmp-') }])
    await expect(atomicWriteFile(fs, file, bytes('replacement'))).rejects.toMatchObject({ code: 'EIO' })
    expect(readFileSync(file, 'utf8')).toBe('original')
    expect(readdirSync(dir)).toEqual(['post.md'])
  })

  it('sweeps temp files of dead writers but not of live ones', async () => {
    const dir = realpathSync(tempDir())
    const target = path.join(dir, 'post.md')
    writeFileSync(target, 'x')
    const dead = path.join(dir, '.post.md.inkpost-tmp-999999999-abcdef')
    writeFileSync(dead, 'half')
    const ownLeftover = tempNameFor(target) // our pid, but not in flight: left by an aborted write
    writeFileSync(ownLeftover, 'half')
    const live = path.join(dir, `.post.md.inkpost-tmp-1-abcdef`) // pid 1 is alive (init)
    writeFileSync(live, 'live')
    expect(isTempName(path.basename(dead))).toBe(true)
    const removed = await sweepStaleTemps(nodeFs, dir)
    expect(removed.sort()).toEqual([path.basename(dead), path.basename(ownLeftover)].sort())
    expect(existsSync(live)).toBe(true)
    expect(readFileSync(target, 'utf8')).toBe('x')
  })
})
