// The preview worker's parsing (renderer/preview/preview-parser.ts): unchanged blocks keep their
// keys and are not sent again, a renumbered heading is sent again, lines come from the parser's
// positions, counts match a count of the whole text, and the checks come from the last parse.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { PreviewParser, type ParseReply } from '../../renderer/preview/preview-parser'
import { countText, readableText } from '../../renderer/text/text-stats'
import { tryParsePost } from '../../shared/parser/parse-post'
import type { MinimarkNode } from '../../shared/parser/parse-types'

const SAMPLE = readFileSync(fileURLToPath(new URL('../fixtures/sample-site/content/blog/2024-01-16-llama2.md', import.meta.url)), 'utf8')
const FILE = 'blog/2024-01-16-llama2.md'

/** The window's side of the protocol: keeps the nodes by key and rebuilds the children (nodes arrive cloned, as postMessage clones them). */
function assemble(reply: ParseReply, held: Map<number, MinimarkNode>): MinimarkNode[] {
  const children = reply.blocks.map((b) => (b.node ? structuredClone(b.node) : held.get(b.key)))
  expect(children.every(Boolean)).toBe(true)
  held.clear()
  reply.blocks.forEach((b, i) => held.set(b.key, children[i]!))
  return children as MinimarkNode[]
}

describe('PreviewParser', () => {
  const long = SAMPLE + ('\n\n' + SAMPLE.slice(SAMPLE.indexOf('\n---', 3) + 4)).repeat(3)

  it('sends only the blocks the window does not have, and the window rebuilds the full parse', async () => {
    const parser = new PreviewParser()
    const held = new Map<number, MinimarkNode>()
    const first = await parser.parse({ seq: 1, file: FILE, source: long })
    expect(first.blocks.every((b) => b.node)).toBe(true)
    assemble(first, held)
    const at = long.indexOf('LLaMA', long.length >> 1)
    const edited = long.slice(0, at) + 'Q' + long.slice(at)
    const second = await parser.parse({ seq: 2, file: FILE, source: edited })
    const sent = second.blocks.filter((b) => b.node).length
    expect(sent).toBeGreaterThan(0)
    expect(sent).toBeLessThan(second.blocks.length / 4)
    const children = assemble(second, held)
    expect(JSON.stringify(children)).toBe(JSON.stringify(tryParsePost(edited, { id: 'content:blog:2024-01-16-llama2.md' }).parsed!.body.children))
    expect(second.outcome.parsed!.body.children).toEqual([]) // the blocks travel in `blocks` only
  })

  it('sends a block again when its heading id was renumbered in place', async () => {
    const parser = new PreviewParser()
    const held = new Map<number, MinimarkNode>()
    assemble(await parser.parse({ seq: 1, file: FILE, source: long }), held)
    // a new heading with the text of a later one, near the start: every later duplicate is renumbered
    const heading = '\n\n## 2. Fine-Tuning: Supervised Fine-Tuning (SFT)\n\n'
    const at = long.indexOf('\n\n#', 10)
    const edited = long.slice(0, at) + heading + long.slice(at)
    const reply = await parser.parse({ seq: 2, file: FILE, source: edited })
    const children = assemble(reply, held)
    expect(JSON.stringify(children)).toBe(JSON.stringify(tryParsePost(edited, { id: 'content:blog:2024-01-16-llama2.md' }).parsed!.body.children))
  })

  it('gives each block its source line from the positions, and counts like the whole text', async () => {
    const reply = await new PreviewParser().parse({ seq: 1, file: FILE, source: SAMPLE })
    const lines = SAMPLE.split('\n')
    const children = reply.blocks.map((b) => b.node!)
    let headings = 0
    reply.blockLines.forEach((line, i) => {
      const node = children[i]
      if (node.type !== 'element' || !/^h[1-6]$/.test(node.tag)) return
      headings++
      expect(lines[line - 1]).toMatch(/^#{1,6} /)
    })
    expect(headings).toBeGreaterThan(5) // the sample post's sections: the loop really checked headings
    expect(reply.blockLines[0]).toBeGreaterThan(SAMPLE.slice(0, SAMPLE.indexOf('\n---', 3)).split('\n').length)
    const whole = countText(readableText(children))
    expect(reply.stats.characters).toBe(whole.characters)
    expect(Math.abs(reply.stats.words - whole.words)).toBeLessThanOrEqual(2)
  })

  it('starts over for another file and after a resync', async () => {
    const parser = new PreviewParser()
    await parser.parse({ seq: 1, file: FILE, source: SAMPLE })
    const other = await parser.parse({ seq: 2, file: 'blog/other.md', source: SAMPLE })
    expect(other.blocks.every((b) => b.node)).toBe(true)
    const again = await parser.parse({ seq: 3, file: 'blog/other.md', source: SAMPLE })
    expect(again.blocks.some((b) => b.node)).toBe(false)
    parser.resync()
    const resent = await parser.parse({ seq: 4, file: 'blog/other.md', source: SAMPLE })
    expect(resent.blocks.every((b) => b.node)).toBe(true)
  })

  it('runs the checks on the last parsed text', async () => {
    const parser = new PreviewParser()
    expect(parser.checks(null)).toBeNull()
    await parser.parse({ seq: 7, file: FILE, source: SAMPLE })
    const checks = parser.checks(null)!
    expect(checks).toMatchObject({ kind: 'checks', seq: 7, file: FILE, findings: null })
    expect(checks.images.map((i) => i.src)).toContain('/images/blogImg/2024-01-16-1.png')
  })
})
