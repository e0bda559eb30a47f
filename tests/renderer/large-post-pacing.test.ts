// Posts far beyond the usual size keep the window responsive: their whole text is sent (autosave,
// crash journal) less often (renderer/state/paced-interval.ts), and the editor's grammar takes a
// paragraph of 20,000+ characters as plain text (renderer/editor/long-paragraph-text.ts).
import { describe, expect, it, vi } from 'vitest'
import { parser, GFM } from '@lezer/markdown'
import { pacedInterval } from '../../renderer/state/paced-interval'
import { RecoveryJournal } from '../../renderer/state/recovery-journal'
import type { PostSession, SessionEditor } from '../../renderer/state/post-session'
import { LONG_INLINE_RUN, longParagraphAsText } from '../../renderer/editor/long-paragraph-text'
import { mdcGrammar } from '../../renderer/editor/mdc-grammar'

describe('pacedInterval', () => {
  it('is the base interval up to 1 MB, then the base per started MB', () => {
    expect(pacedInterval(2000, 0)).toBe(2000)
    expect(pacedInterval(2000, 1_000_000)).toBe(2000)
    expect(pacedInterval(2000, 1_000_001)).toBe(4000)
    expect(pacedInterval(1000, 10_000_000)).toBe(10_000)
  })
})

describe('RecoveryJournal paces posts over 1 MB', () => {
  function setup(length: number) {
    let now = 1_000_000
    const session = { file: 'blog/a.md', textVersion: 1, journaledVersion: -1, journaledAt: 0, isDirty: () => true } as unknown as PostSession
    const editor: SessionEditor = { textOf: () => 'x'.repeat(Math.min(length, 10)), lengthOf: () => length, setText: () => undefined }
    const recovery = { journal: vi.fn(async () => undefined), discard: vi.fn(async () => undefined) }
    const journal = new RecoveryJournal(recovery, () => [session], () => editor, () => now)
    journal.start(2000)
    journal.stop() // ticks are driven by hand below
    /** An edit, then a tick `ms` later. */
    const editAndTick = async (ms: number) => { session.textVersion++; now += ms; await journal.tick() }
    return { recovery, editAndTick, first: () => journal.tick() }
  }

  it('journals a small post on every tick after a change', async () => {
    const t = setup(50_000)
    await t.first()
    await t.editAndTick(2000)
    await t.editAndTick(2000)
    expect(t.recovery.journal).toHaveBeenCalledTimes(3)
  })

  it('journals a 3 MB post at most every 6 s (the first time 6 s after its first change), however often it changes', async () => {
    const t = setup(3_000_000)
    await t.first()
    await t.editAndTick(2000)
    await t.editAndTick(2000)
    expect(t.recovery.journal).not.toHaveBeenCalled()
    await t.editAndTick(2000)
    expect(t.recovery.journal).toHaveBeenCalledTimes(1)
    await t.editAndTick(2000)
    await t.editAndTick(2000)
    expect(t.recovery.journal).toHaveBeenCalledTimes(1)
    await t.editAndTick(2000)
    expect(t.recovery.journal).toHaveBeenCalledTimes(2)
  })
})

describe('longParagraphAsText', () => {
  const md = parser.configure([GFM, longParagraphAsText, mdcGrammar])
  const names = (source: string) => {
    const found = new Set<string>()
    md.parse(source).iterate({ enter: (n) => { found.add(n.name) } })
    return found
  }

  it('leaves ordinary paragraphs to the inline grammar', () => {
    const found = names('A *short* paragraph with a [link](/x) and :badge[new]{.x}.\n')
    expect(found.has('Emphasis')).toBe(true)
    expect(found.has('Link')).toBe(true)
    expect(found.has('MdcInline')).toBe(true)
  })

  it('takes a paragraph of 20,000+ characters as plain text, and the blocks around it still parse', () => {
    const long = '*em* ' + 'x'.repeat(LONG_INLINE_RUN)
    const found = names(`# Title\n\n${long}\n\nAfter *that*.\n`)
    expect(found.has('ATXHeading1')).toBe(true)
    const tree = md.parse(`${long}\n`)
    const inLong: string[] = []
    tree.iterate({ enter: (n) => { inLong.push(n.name) } })
    expect(inLong).toEqual(['Document', 'Paragraph'])
    expect(found.has('Emphasis')).toBe(true) // the short paragraph after it
  })
})
