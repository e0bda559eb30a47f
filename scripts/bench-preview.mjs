#!/usr/bin/env node
// `npm run bench:preview [-- --quick] [-- --docs 18KB,720KB]`: how closely the preview follows the
// editor, in Chromium against `inkpost serve` (dist/ is built first when missing or stale, as the
// e2e do), on the sample post ×1/×10/×40 (18/180/720 KB, as bench:parse builds them) written as
// posts into a temp copy of the sample site with a temp INKPOST_DATA_DIR. Per document:
//   open      click on its library row → its first block (a marker paragraph) in the preview, one
//             frame later (rAF, then a message task: after the paint); another post opened in between
//   key end/mid  one key at a time, pausing after each → the MutationObserver callback in which
//             the marker paragraph at the end / in the middle of the post shows that key's text
//   burst     10 keys 150–400 ms apart (seeded) → from the last keydown to the final text shown
//   typing    keys at ~30 ms intervals: keydown → next animation frame (p95), and the long tasks
//             (PerformanceObserver 'longtask') from the first key until the preview shows the end
//   reference Nuxt Content 2.7's full parse of the same text in Node (median), when it is installed
// Times are performance.now() in the page (capturing keydown/click listeners on the window).
// Prints a table, then every figure and the goals (checked against the p95s; typing and
// long tasks at every size) as one JSON object, the last line.
// Exit status 0 after a complete run whatever the figures ("withinGoals" says); 1 if the run fails.
/* global window, document, addEventListener, requestAnimationFrame, innerHeight, MutationObserver -- used by the functions run in the page */
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { createJiti } from 'jiti'
import { join } from 'node:path'
import { median, repeatedSample } from './bench-parse.mjs'
import { loadReferenceTransform, locateReference, ReferenceMissing, repoRoot } from './locate-reference.mjs'

/** The documents: the sample post's body repeated `times` times. */
export const DOCS = [{ name: '18KB', times: 1 }, { name: '180KB', times: 10 }, { name: '720KB', times: 40 }]

/** Repetitions per measurement, full run and `--quick`. */
export const COUNTS = {
  full: { opens: 5, keys: 60, bursts: 5, burstKeys: 10, typing: 100 },
  quick: { opens: 2, keys: 8, bursts: 2, burstKeys: 10, typing: 30 },
}

/** The goals (ms): keystroke p95 by size, bursty last key and open at 720 KB, typing. */
export const GOALS = { keyP95: { '18KB': 16, '720KB': 50 }, burstLastP95: { '720KB': 100 }, openP95: { '18KB': 300, '720KB': 600 }, typingFrameP95: 16, longTasks: 0 }

const PREVIEW = '[data-testid="preview"]'
const OTHER_FILE = 'blog/bench-other.md'
const OTHER_LABEL = 'Bench other post'
const END_LABEL = 'Bench end marker x'
const MID_LABEL = 'Bench middle marker x'
const LETTERS = 'abcdefghijklmnopqrstuvwyz'
const KEY_PAUSE_MS = 50
const TYPING_INTERVAL_MS = 30
const WAIT_MS = 30_000

/** The `q` quantile (0..1) of a list of timings, interpolating between ranks (q = 0.5 is the median). */
export function percentile(values, q) {
  if (!values.length) return null
  const sorted = [...values].sort((a, b) => a - b)
  const at = (sorted.length - 1) * q
  const lo = Math.floor(at)
  return sorted[lo] + (sorted[Math.min(lo + 1, sorted.length - 1)] - sorted[lo]) * (at - lo)
}

/** p50 and p95 of a list of timings, rounded to 0.1 ms (nulls when empty). */
export function p50p95(values) {
  const round = (v) => (v === null ? null : Math.round(v * 10) / 10)
  return [round(values.length ? median(values) : null), round(percentile(values, 0.95))]
}

/** A seeded pseudo-random generator (mulberry32): returns a function giving numbers in [0, 1). */
export function seededRandom(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = Math.imul(a ^ (a >>> 15), a | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Reads `--quick` and `--docs A,B` into { quick, docs }; throws on an unknown document name. */
export function parseArgs(argv) {
  const i = argv.indexOf('--docs')
  const names = i === -1 ? DOCS.map((d) => d.name) : String(argv[i + 1] ?? '').split(',').map((s) => s.trim()).filter(Boolean)
  const unknown = names.filter((n) => !DOCS.some((d) => d.name === n))
  if (unknown.length || !names.length) throw new Error(`--docs takes a comma-separated list of ${DOCS.map((d) => d.name).join(', ')}`)
  return { quick: argv.includes('--quick'), docs: DOCS.filter((d) => names.includes(d.name)) }
}

/** Checks the figures of each document against GOALS; returns { goals: {name: {limit, value, ok}}, withinGoals }. */
export function checkGoals(docs) {
  const goals = {}
  const add = (name, limit, value) => { goals[name] = { limit, value, ok: value !== null && value !== undefined && value <= limit } }
  for (const [doc, f] of Object.entries(docs)) {
    if (GOALS.keyP95[doc] !== undefined) add(`keyP95@${doc}`, GOALS.keyP95[doc], Math.max(f.keyEndP95, f.keyMidP95))
    if (GOALS.burstLastP95[doc] !== undefined) add(`burstLastP95@${doc}`, GOALS.burstLastP95[doc], f.burstLastP95)
    if (GOALS.openP95[doc] !== undefined) add(`openP95@${doc}`, GOALS.openP95[doc], f.openP95)
    add(`typingFrameP95@${doc}`, GOALS.typingFrameP95, f.typingFrameP95)
    add(`longTasks@${doc}`, GOALS.longTasks, f.longTasks)
  }
  return { goals, withinGoals: Object.values(goals).every((g) => g.ok) }
}

/**
 * The post as benched: the repeated sample with its own title, a first paragraph naming it (what
 * "open" waits for), a marker paragraph before the heading nearest the middle and one at the end.
 */
export function benchPost(doc) {
  let text = repeatedSample(doc.times).replace(/^title: .*$/m, `title: 'Bench ${doc.name}'`)
  const bodyStart = text.indexOf('\n---', 3) + 4
  text = `${text.slice(0, bodyStart)}\n\n${openLabel(doc)}\n${text.slice(bodyStart)}`
  let fenced = false
  let best = -1
  let offset = 0
  for (const line of text.split('\n')) {
    if (/^(```|~~~)/.test(line)) fenced = !fenced
    if (!fenced && /^#{1,6} /.test(line) && text[offset - 2] === '\n' && Math.abs(offset - text.length / 2) < Math.abs(best - text.length / 2)) best = offset
    offset += line.length + 1
  }
  if (best < 0) throw new Error(`no heading to put the middle marker before in the ${doc.name} post`)
  return `${text.slice(0, best)}${MID_LABEL}\n\n${text.slice(best).trimEnd()}\n\n${END_LABEL}`
}

function postFile(doc) {
  return `blog/bench-${doc.name.toLowerCase()}.md`
}

function openLabel(doc) {
  return `Bench open marker ${doc.name}`
}

/**
 * Runs in the page: the probe the bench reads. Records the last keydown and click times (capturing
 * listeners), keydown → next frame while `frames` is an array, long tasks, and resolves `arm(text)`'s
 * promise when a preview paragraph first shows `text` (looking only at the paragraphs mutated nodes
 * belong to, or inside added subtrees).
 */
function installProbe({ previewSelector, waitMs }) {
  const probe = { keyAt: 0, clickAt: 0, frames: null, longTasks: [], watch: null, result: null }
  window.__inkBench = probe
  addEventListener('keydown', () => {
    const t = performance.now()
    probe.keyAt = t
    if (probe.frames) requestAnimationFrame(() => probe.frames.push(performance.now() - t))
  }, true)
  addEventListener('click', () => { probe.clickAt = performance.now() }, true)
  try {
    new PerformanceObserver((list) => { for (const e of list.getEntries()) probe.longTasks.push({ start: e.startTime, ms: e.duration }) }).observe({ type: 'longtask' })
  } catch { probe.longTasks = null }
  const paragraphWith = (node, added, text) => {
    const el = node.nodeType === 1 ? node : node.parentElement
    if (!el || !el.isConnected) return null
    const p = el.closest(`${previewSelector} p`)
    if (p) return p.textContent.includes(text) ? p : null
    if (!added) return null
    const scope = el.closest(previewSelector) ? el : el.querySelector(previewSelector)
    if (!scope || !scope.textContent.includes(text)) return null
    for (const q of scope.querySelectorAll('p')) if (q.textContent.includes(text)) return q
    return null
  }
  const found = (p) => {
    const w = probe.watch
    probe.watch = null
    const at = performance.now()
    const done = (paintedAt) => {
      const box = p.getBoundingClientRect()
      w.resolve({ at: paintedAt, mutatedAt: at, keyAt: probe.keyAt, clickAt: probe.clickAt, visible: box.height > 0 && box.bottom > 0 && box.top < innerHeight })
    }
    if (!w.paint) return done(at)
    requestAnimationFrame(() => {
      const channel = new MessageChannel()
      channel.port1.onmessage = () => done(performance.now())
      channel.port2.postMessage(0)
    })
  }
  new MutationObserver((records) => {
    if (!probe.watch) return
    const { text } = probe.watch
    for (const r of records) {
      let p = paragraphWith(r.target, false, text)
      for (let i = 0; !p && i < r.addedNodes.length; i++) p = paragraphWith(r.addedNodes[i], true, text)
      if (p) return found(p)
    }
  }).observe(document.body, { subtree: true, childList: true, characterData: true })
  /** Watches for `text` in a preview paragraph; `present` resolves at once if one shows it already. */
  probe.arm = (text, { paint = false, present = false } = {}) => {
    probe.result = new Promise((resolve, reject) => {
      const timer = setTimeout(() => { probe.watch = null; reject(new Error(`the preview did not show "${text.slice(-60)}" within ${waitMs} ms`)) }, waitMs)
      probe.watch = { text, paint, resolve: (r) => { clearTimeout(timer); resolve(r) } }
    })
    if (present) {
      const p = [...(document.querySelector(previewSelector)?.querySelectorAll('p') ?? [])].find((q) => q.textContent.includes(text))
      if (p) found(p)
    }
  }
  /** Puts the caret at the end of the editor line holding `label`; returns that line's text. */
  probe.caretAfter = (label) => {
    const dom = document.querySelector('[data-testid="editor"] .cm-content') ?? document.querySelector('.cm-content')
    const view = dom?.cmTile?.root?.view ?? dom?.cmView?.rootView?.view ?? dom?.cmView?.editorView
    if (!view) throw new Error('cannot reach the CodeMirror view from .cm-content')
    const at = view.state.doc.toString().indexOf(label)
    if (at < 0) throw new Error(`"${label}" is not in the editor`)
    const line = view.state.doc.lineAt(at)
    view.dispatch({ selection: { anchor: line.to }, scrollIntoView: true })
    view.focus()
    return line.text
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)))

/** Arms the probe for `text`, runs `action`, and returns what the probe saw. */
async function measure(page, text, action, options = {}) {
  await page.evaluate(([t, o]) => window.__inkBench.arm(t, o), [text, options])
  await action()
  return page.evaluate(() => window.__inkBench.result)
}

/** The library row of `file`. */
function row(page, file) {
  return page.locator(`[data-testid="library-item"][data-file="${file}"]`)
}

async function measureOpens(page, doc, n) {
  const times = []
  let hidden = 0
  for (let i = 0; i < n; i++) {
    await measure(page, OTHER_LABEL, () => row(page, OTHER_FILE).click(), { present: true })
    await sleep(200)
    const r = await measure(page, openLabel(doc), () => row(page, postFile(doc)).click(), { paint: true })
    times.push(r.at - r.clickAt)
    if (!r.visible) hidden++
    await sleep(200)
  }
  return { times, hidden }
}

/** Types `count` keys after `label`'s line, one at a time, each measured alone. */
async function measureKeys(page, label, count) {
  let text = (await page.evaluate((l) => window.__inkBench.caretAfter(l), label)).trim()
  await measure(page, text, async () => {}, { present: true })
  const times = []
  for (let i = 0; i < count; i++) {
    const key = LETTERS[i % LETTERS.length]
    text += key
    const r = await measure(page, text, () => page.keyboard.press(key))
    times.push(r.at - r.keyAt)
    await sleep(KEY_PAUSE_MS)
  }
  return times
}

/** Bursts of keys at random (seeded) 150–400 ms gaps after `label`'s line: last key → final text shown. */
async function measureBursts(page, label, bursts, keys, random) {
  let text = (await page.evaluate((l) => window.__inkBench.caretAfter(l), label)).trim()
  await measure(page, text, async () => {}, { present: true })
  const times = []
  for (let b = 0; b < bursts; b++) {
    for (let k = 0; k < keys - 1; k++) {
      text += LETTERS[(b + k) % LETTERS.length]
      await page.keyboard.press(text.at(-1))
      await sleep(150 + random() * 250)
    }
    text += LETTERS[(b + keys) % LETTERS.length]
    const r = await measure(page, text, () => page.keyboard.press(text.at(-1)))
    times.push(r.at - r.keyAt)
    await sleep(300)
  }
  return times
}

/** Sustained typing after `label`'s line: keydown → next frame, long tasks until the preview caught up. */
async function measureTyping(page, label, count) {
  let text = (await page.evaluate((l) => window.__inkBench.caretAfter(l), label)).trim()
  await measure(page, text, async () => {}, { present: true })
  await sleep(300)
  const startedAt = await page.evaluate(() => { const p = window.__inkBench; p.frames = []; if (p.longTasks) p.longTasks.length = 0; return performance.now() })
  const started = performance.now()
  for (let i = 0; i < count - 1; i++) {
    text += LETTERS[i % LETTERS.length]
    await sleep(started + i * TYPING_INTERVAL_MS - performance.now())
    await page.keyboard.press(text.at(-1))
  }
  text += LETTERS[(count - 1) % LETTERS.length]
  await sleep(started + (count - 1) * TYPING_INTERVAL_MS - performance.now())
  const r = await measure(page, text, () => page.keyboard.press(text.at(-1)))
  const intervalMs = (performance.now() - started) / (count - 1)
  await sleep(300) // long-task entries are delivered after the task
  const { frames, longTasks } = await page.evaluate((end) => {
    const p = window.__inkBench
    const frames = p.frames
    p.frames = null
    return { frames, longTasks: p.longTasks?.filter((t) => t.start <= end) ?? null }
  }, r.at)
  return {
    frames,
    intervalMs,
    catchUpMs: r.at - r.keyAt,
    longTasks: longTasks && longTasks.filter((t) => t.start >= startedAt),
  }
}

/** Median full-parse time (ms) of each text by the 2.7 reference in this process, or { missing }. */
async function referenceParseTimes(texts, quick) {
  let transform
  try {
    transform = await loadReferenceTransform(locateReference())
  } catch (error) {
    if (error instanceof ReferenceMissing) return { missing: error.message }
    throw error
  }
  const silence = console.warn
  console.warn = () => {} // the reference logs every removed unsafe attribute
  try {
    const times = {}
    let warmups = 10 // the first (smallest) text warms the JIT up for all
    for (const [name, text] of Object.entries(texts)) {
      const kb = Buffer.byteLength(text) / 1024
      const runs = quick ? 2 : kb > 400 ? 3 : kb > 100 ? 3 : 15
      const ms = []
      for (let i = 0; i < warmups + runs; i++) {
        const started = performance.now()
        await transform('content:blog:bench.md', text)
        if (i >= warmups) ms.push(performance.now() - started)
      }
      warmups = 0
      times[name] = Math.round(median(ms) * 10) / 10
    }
    return { times }
  } finally {
    console.warn = silence
  }
}

/** Starts `inkpost serve` on a free port; resolves with its URL and a stop() that waits for the exit. */
async function startHost(siteDir, dataDir) {
  const child = spawn(process.execPath, [join(repoRoot, 'bin/inkpost.mjs'), 'serve', siteDir, '--port', '0'], {
    cwd: repoRoot, env: { ...process.env, INKPOST_DATA_DIR: dataDir, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`inkpost serve printed no URL in 20 s:\n${output}`)), 20_000)
    const read = (chunk) => {
      output += chunk
      const m = /Inkpost serving .+ at (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(output)
      if (m) { clearTimeout(timer); resolve(m[1]) }
    }
    child.stdout.setEncoding('utf8').on('data', read)
    child.stderr.setEncoding('utf8').on('data', read)
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`inkpost serve exited (${code}):\n${output}`)) })
  }).catch((error) => { child.kill('SIGKILL'); throw error })
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return
    const exited = once(child, 'exit')
    child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000)
    await exited
    clearTimeout(timer)
  }
  return { url, stop }
}

function table(docs, reference) {
  const cols = ['doc', 'open p50/p95 (1st)', 'key end p50/p95', 'key mid p50/p95', 'burst last p50/p95', 'typing frame p95 (keys apart)', 'long tasks', 'reference parse']
  const pair = (a, b) => `${a ?? '-'} / ${b ?? '-'}`
  const rows = Object.entries(docs).map(([name, f]) => [
    name, `${pair(f.openP50, f.openP95)} (${f.openFirst})`, pair(f.keyEndP50, f.keyEndP95), pair(f.keyMidP50, f.keyMidP95), pair(f.burstLastP50, f.burstLastP95),
    `${f.typingFrameP95 ?? '-'} (${f.typingIntervalMs} ms)`, f.longTasks === null ? 'n/a' : `${f.longTasks} (${f.longTaskMs} ms)`, f.referenceParseMs === null ? 'n/a' : String(f.referenceParseMs),
  ])
  const widths = cols.map((c, i) => Math.max(c.length, ...rows.map((r) => r[i].length)))
  const line = (cells) => cells.map((c, i) => (i ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ')
  return [line(cols), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line), reference.missing ? `reference parse: not available (${reference.missing.split('\n')[0]})` : ''].filter(Boolean).join('\n')
}

async function run(argv) {
  const { quick, docs } = parseArgs(argv)
  const counts = quick ? COUNTS.quick : COUNTS.full
  const jiti = createJiti(import.meta.url, { fsCache: false })
  const fixture = (name) => jiti.import(join(repoRoot, 'e2e/fixtures', name))
  const [{ default: buildIfStale }, { CHROMIUM_ARGS, CHROMIUM_PATH }, { createSiteCopy }] = await Promise.all([fixture('global-setup.ts'), fixture('paths.ts'), fixture('site-copy.ts')])
  buildIfStale()
  const { chromium } = await import('playwright')

  const runStarted = Date.now()
  const site = createSiteCopy('inkpost-bench-preview-')
  const texts = {}
  const figures = {}
  const notes = []
  let host, browser
  try {
    site.writePost(OTHER_FILE, `---\ntitle: 'Bench other'\ndate: '2020-01-01'\n---\n\n${OTHER_LABEL}\n\nA short post to open between the timed opens.\n`)
    for (const doc of docs) {
      texts[doc.name] = benchPost(doc)
      site.writePost(postFile(doc), texts[doc.name])
    }
    host = await startHost(site.siteDir, site.dataDir)
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
    const errors = []
    page.on('pageerror', (error) => errors.push(error.message))
    await page.goto(host.url)
    await page.getByTestId('library').waitFor()
    await page.evaluate(installProbe, { previewSelector: PREVIEW, waitMs: WAIT_MS })
    const random = seededRandom(20240116)
    for (const doc of docs) {
      const started = Date.now()
      const opens = await measureOpens(page, doc, counts.opens)
      if (opens.hidden) notes.push(`${doc.name}: the first block was outside the viewport in ${opens.hidden} of ${counts.opens} opens`)
      const keyEnd = await measureKeys(page, END_LABEL, counts.keys)
      const keyMid = await measureKeys(page, MID_LABEL, counts.keys)
      const bursts = await measureBursts(page, END_LABEL, counts.bursts, counts.burstKeys, random)
      const typing = await measureTyping(page, END_LABEL, counts.typing)
      const f = {}
      ;[f.openP50, f.openP95] = p50p95(opens.times)
      f.openFirst = Math.round(opens.times[0] * 10) / 10 // the session's first open of this post (cold caches)
      ;[f.keyEndP50, f.keyEndP95] = p50p95(keyEnd)
      ;[f.keyMidP50, f.keyMidP95] = p50p95(keyMid)
      ;[f.burstLastP50, f.burstLastP95] = p50p95(bursts)
      ;[, f.typingFrameP95] = p50p95(typing.frames)
      f.typingFrames = typing.frames.length
      f.typingIntervalMs = Math.round(typing.intervalMs * 10) / 10
      f.typingCatchUpMs = Math.round(typing.catchUpMs * 10) / 10
      f.longTasks = typing.longTasks ? typing.longTasks.length : null
      f.longTaskMs = typing.longTasks ? Math.round(typing.longTasks.reduce((s, t) => s + t.ms, 0)) : null
      f.seconds = Math.round((Date.now() - started) / 1000)
      figures[doc.name] = f
      console.log(`measured ${doc.name} in ${f.seconds} s`)
    }
    if (errors.length) notes.push(`uncaught errors in the page: ${errors.join('; ')}`)
  } finally {
    await browser?.close()
    await host?.stop()
    site.remove()
  }
  const reference = await referenceParseTimes(texts, quick)
  for (const name of Object.keys(figures)) figures[name].referenceParseMs = reference.times?.[name] ?? null
  console.log(`\nbench:preview — Chromium, inkpost serve, ms (p50 / p95)${quick ? ', --quick' : ''}; ${counts.opens} opens, ${counts.keys} keys end + ${counts.keys} middle, ${counts.bursts} bursts of ${counts.burstKeys}, ${counts.typing} keys at ${TYPING_INTERVAL_MS} ms; run took ${Math.round((Date.now() - runStarted) / 1000)} s`)
  console.log(table(figures, reference))
  for (const note of notes) console.log(`note: ${note}`)
  const { goals, withinGoals } = checkGoals(figures)
  for (const [name, g] of Object.entries(goals)) console.log(`${g.ok ? 'ok  ' : 'MISS'} ${name}: ${g.value ?? 'n/a'} (goal ≤ ${g.limit})`)
  console.log(JSON.stringify({ bench: 'preview', quick, docs: figures, reference: reference.missing ? 'missing' : 'nuxt-content-2.7.2', goals, withinGoals }))
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    await run(process.argv.slice(2))
  } catch (error) {
    console.error(`bench:preview failed: ${error.stack ?? error}`)
    process.exitCode = 1
  }
}
