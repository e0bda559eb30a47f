// The preview's worker client (renderer/preview/preview-worker-client.ts) with a fake Worker and a
// manual clock: the newest text waits for the parse in flight, a parse past the time limit
// terminates the worker and starts a fresh one (settings and site index sent again), the fresh one
// is asked why the text was slow and the preview keeps its last good parse, and the next edit is
// parsed in the new worker — every time the limit is passed, with the same message.
import { describe, expect, it } from 'vitest'
import { PreviewWorkerClient, type ParseWorker, type PostText, type PreviewState } from '../../renderer/preview/preview-worker-client'
import type { DiagnoseMessage, DiagnosisReply, ParseReply, ParseRequest } from '../../renderer/preview/parse-worker'
import { describeSlowPost } from '../../shared/parser/slow-post-diagnosis'
import type { ParsedContent } from '../../shared/parser/parse-types'
import type { SiteParseSettings } from '../../shared/parser/content-options'
import type { SiteIndex } from '../../shared/checks/finding'

class FakeWorker implements ParseWorker {
  onmessage: ((event: MessageEvent) => void) | null = null
  onerror: ((event: ErrorEvent) => void) | null = null
  sent: unknown[] = []
  terminated = false
  postMessage(message: unknown): void { this.sent.push(message) }
  terminate(): void { this.terminated = true }
  /** Messages that are parse requests (no `type`). */
  requests(): ParseRequest[] { return this.sent.filter((m): m is ParseRequest => !(m as { type?: string }).type) }
  reply(data: unknown): void { this.onmessage?.({ data } as MessageEvent) }
  /** Answers a diagnose message the way parse-worker.ts does. */
  diagnose(): void {
    const ask = this.sent.find((m): m is DiagnoseMessage => (m as { type?: string }).type === 'diagnose')!
    const reply: DiagnosisReply = { kind: 'diagnosis', seq: ask.seq, file: ask.file, seconds: ask.seconds, diagnosis: describeSlowPost(ask.source, ask.seconds) }
    this.reply(reply)
  }
}

/** A parse reply for `request` whose body is one paragraph block with key `key` (its node sent along). */
function replyTo(request: ParseRequest, key: number, withNode = true): ParseReply {
  const node = { type: 'element' as const, tag: 'p', props: {}, children: [{ type: 'text' as const, value: request.source }] }
  const parsed = { _id: 'content:' + request.file, title: 'T', body: { type: 'root', children: [] } } as unknown as ParsedContent
  return {
    kind: 'parse', seq: request.seq, file: request.file, outcome: { parsed, error: null }, blocks: [withNode ? { key, node } : { key }], positions: null,
    blockLines: [], stats: { words: 1, characters: 1, readingMinutes: 1 }, version: '2.7.2', family: '2.7', notices: [], highlighted: false, reusedSections: 0, ms: 1,
  }
}

function setup(limit = 3000) {
  const workers: FakeWorker[] = []
  const timers = new Map<number, () => void>()
  const delays = new Map<number, number>()
  let nextTimer = 1
  const states: PreviewState[] = []
  const client = new PreviewWorkerClient({
    createWorker: () => { const w = new FakeWorker(); workers.push(w); return w },
    timeLimitMs: limit,
    onState: (s) => states.push(s),
    setTimer: (run, ms) => { const id = nextTimer++; timers.set(id, run); delays.set(id, ms); return id },
    clearTimer: (id) => { timers.delete(id as number) },
  })
  let version = 0
  let text = ''
  const edit = (next: string, file = 'blog/a.md') => { text = next; version++; const t: PostText = { version, read: () => text }; client.setText(file, t) }
  /** Runs the deadline timer of the parse in flight (the time limit passed). */
  const expire = () => { expect(timers.size).toBe(1); const [[id, run]] = [...timers]; timers.delete(id); run() }
  const worker = () => workers[workers.length - 1]
  /** The delay of the one deadline set now. */
  const deadline = () => { expect(timers.size).toBe(1); return delays.get([...timers.keys()][0]) }
  return { client, workers, worker, timers, deadline, states, edit, expire, last: () => states[states.length - 1] }
}

const SETTINGS = { family: '2.7', version: '2.7.2', options: {} } as unknown as SiteParseSettings
const INDEX: SiteIndex = { posts: [], publicFiles: null, allowUnsafeHtml: false }
const LONG = 'Intro.\n\n' + 'x'.repeat(400_000) + '\n'

describe('PreviewWorkerClient', () => {
  it('counts the limit from the moment the worker starts the parse, not from its boot or the previous checks', () => {
    const t = setup(3000)
    t.edit('one')
    // sent: a long deadline only covers a worker that never gets to the request
    expect(t.deadline()).toBe(3000 * 3 + 10_000)
    t.worker().reply({ kind: 'started', seq: t.worker().requests()[0].seq })
    expect(t.deadline()).toBe(3000)
    // a "started" of an older request does not re-arm the one in flight
    t.worker().reply(replyTo(t.worker().requests()[0], 1))
    expect(t.timers.size).toBe(0)
    t.edit('two')
    expect(t.deadline()).toBe(3000 * 3 + 10_000)
    t.worker().reply({ kind: 'started', seq: 1 })
    expect(t.deadline()).toBe(3000 * 3 + 10_000)
  })

  it('sends the newest text only when the worker is free, and shows the reply', () => {
    const t = setup()
    t.edit('one')
    t.edit('two')
    t.edit('three')
    expect(t.worker().requests().map((r) => r.source)).toEqual(['one'])
    t.worker().reply(replyTo(t.worker().requests()[0], 1))
    // the reply is shown, and the newest text went out right after it ('two' was never sent)
    expect(t.last().post?.outcome.parsed?.body.children[0]).toMatchObject({ children: [{ value: 'one' }] })
    expect(t.worker().requests().map((r) => r.source)).toEqual(['one', 'three'])
    t.worker().reply(replyTo(t.worker().requests()[1], 2))
    expect(t.last().post?.outcome.parsed?.body.children).toEqual([{ type: 'element', tag: 'p', props: {}, children: [{ type: 'text', value: 'three' }] }])
    expect(t.last().slow).toBeNull()
    expect(t.timers.size).toBe(0) // the deadline of an answered parse is cleared
    expect(t.workers).toHaveLength(1)
  })

  it('restarts the worker past the time limit, says why, keeps the last good preview, and parses the next edit in the new worker', () => {
    const t = setup(2500)
    t.client.setSettings(SETTINGS)
    t.client.setSiteIndex(INDEX)
    t.edit('Intro.\n')
    t.worker().reply(replyTo(t.worker().requests()[0], 1))
    const good = t.last().post
    expect(good).not.toBeNull()

    t.edit(LONG)
    const slowWorker = t.worker()
    expect(slowWorker.requests()[1].source).toBe(LONG)
    t.expire()
    expect(slowWorker.terminated).toBe(true)
    expect(t.workers).toHaveLength(2)
    expect(t.client.workersStarted).toBe(2)
    const fresh = t.worker()
    // the fresh worker knows the site again, then is asked about the slow text
    expect(fresh.sent.map((m) => (m as { type?: string }).type)).toEqual(['site-settings', 'site-index', 'diagnose'])
    expect(fresh.sent[2]).toMatchObject({ type: 'diagnose', source: LONG, seconds: 2.5 })
    fresh.diagnose()
    const expected = describeSlowPost(LONG, 2.5)
    expect(expected.line).toBe(3)
    expect(t.last().slow).toEqual({ ...expected, file: 'blog/a.md', seconds: 2.5 })
    expect(t.last().slow?.message).toContain('line 3 is 400 KB with no spaces')
    expect(t.last().post).toBe(good)
    // a late answer of the terminated worker is ignored
    slowWorker.reply(replyTo(slowWorker.requests()[1], 9))
    expect(t.last().slow).not.toBeNull()

    // the writer breaks the line up: parsed in the new worker, the preview is back
    const broken = 'Intro.\n\n' + 'x '.repeat(200_000) + '\n'
    t.edit(broken)
    expect(fresh.requests().map((r) => r.source)).toEqual([broken])
    fresh.reply(replyTo(fresh.requests()[0], 1))
    expect(t.last().slow).toBeNull()
    expect(t.last().post?.outcome.parsed?.body.children[0]).toMatchObject({ children: [{ value: broken }] })
  })

  it('gives every block to the fresh worker from scratch (keys of the old worker are not trusted)', () => {
    const t = setup()
    t.edit('one')
    t.worker().reply(replyTo(t.worker().requests()[0], 1))
    t.edit(LONG)
    t.expire()
    t.worker().diagnose()
    t.edit('two')
    const fresh = t.worker()
    // a reply naming key 1 without its node: the window no longer holds it, so it asks for a resync
    fresh.reply(replyTo(fresh.requests()[0], 1, false))
    expect(fresh.sent.some((m) => (m as { type?: string }).type === 'resync')).toBe(true)
    expect(fresh.requests()).toHaveLength(2)
    fresh.reply(replyTo(fresh.requests()[1], 1))
    expect(t.last()).toMatchObject({ slow: null, post: { blockKeys: [1] } })
  })

  it('parses an edit made during the slow parse right after the restart, and restarts again with the same message when it is still too slow', () => {
    const t = setup()
    t.edit(LONG)
    t.edit(LONG + 'typed')
    expect(t.worker().requests()).toHaveLength(1)
    t.expire()
    const second = t.worker()
    expect(second.sent.map((m) => (m as { type?: string }).type ?? 'parse')).toEqual(['diagnose', 'parse'])
    second.diagnose()
    const first = t.last().slow
    expect(first?.message).toContain('line 3 is 400 KB with no spaces')
    expect(t.last().post).toBeNull() // nothing parsed yet: the pane shows its placeholder
    t.expire()
    expect(second.terminated).toBe(true)
    const third = t.worker()
    third.diagnose()
    expect(t.last().slow?.message).toBe(first?.message)
    expect(t.workers).toHaveLength(3)
    // no edit since: nothing more is sent (no restart loop)
    expect(third.requests()).toHaveLength(0)
    expect(t.timers.size).toBe(0)
  })

  it('drops the diagnosis of another file, and clears everything when the post changes', () => {
    const t = setup()
    t.edit(LONG, 'blog/a.md')
    t.expire()
    t.edit('other', 'blog/b.md')
    t.worker().diagnose()
    expect(t.states).toEqual([]) // a.md's diagnosis was never shown for b.md
    expect(t.client.current).toEqual({ post: null, slow: null })
    t.worker().reply(replyTo(t.worker().requests()[0], 5))
    expect(t.last()).toMatchObject({ slow: null, post: { file: 'blog/b.md' } })
  })

  it('keeps the deadline of the newest parse when a highlighted reply of an older text comes after it was sent', () => {
    const t = setup()
    t.edit('one')
    const first = t.worker().requests()[0]
    t.edit('two')
    t.worker().reply({ ...replyTo(first, 1), highlighted: false }) // the quick plain reply: 'two' goes out
    expect(t.worker().requests().map((r) => r.source)).toEqual(['one', 'two'])
    t.worker().reply({ ...replyTo(first, 1), highlighted: true }) // the colours of 'one' follow
    expect(t.timers.size).toBe(1)
    t.expire() // 'two' never answered: the worker is restarted all the same
    expect(t.workers).toHaveLength(2)
  })

  it('stops its worker and deadline on dispose', () => {
    const t = setup()
    t.edit('one')
    t.client.dispose()
    expect(t.worker().terminated).toBe(true)
    expect(t.timers.size).toBe(0)
  })
})
