// The parse-limit rule: a post the parse pool stopped at its time or memory limit (the outcome's
// error says so, as electron/services/parse-pool.ts makes it) is one error at the line to blame;
// parse-error stays quiet for it, and is still the rule for a body the parser cannot handle.
import { describe, expect, it } from 'vitest'
import { runChecks } from '../../shared/checks/run-checks'
import { describeMemoryHungryPost, describeSlowPost } from '../../shared/parser/slow-post-diagnosis'
import type { PostParseError } from '../../shared/parser/parse-types'
import { siteWith } from './check-test-helpers'

const TEXT = `---\ntitle: Slow\ndescription: A long line.\n---\n\nIntro.\n\n${'x'.repeat(50_000)}\n\nAfter.\n`

function findings(error: PostParseError) {
  return runChecks({ file: 'blog/slow.md', text: TEXT, outcome: { parsed: null, error }, site: siteWith() })
}

describe('parse-limit', () => {
  it('marks the whole line a too-slow error names, with its message', () => {
    const found = describeSlowPost(TEXT, 10)
    const [finding, ...rest] = findings({ kind: 'too-slow', message: found.message, line: found.line, column: 1 })
    expect(rest.filter((f) => f.rule === 'parse-limit' || f.rule === 'parse-error')).toEqual([])
    const start = TEXT.indexOf('xxx')
    expect(finding).toMatchObject({ rule: 'parse-limit', severity: 'error', line: 8, column: 1, from: start, to: start + 50_000 })
    expect(finding.message).toBe("This post takes too long to parse (stopped after 10 s): line 8 is 50 KB with no spaces. Break that line up or put it in a code block; the site's parser slows down sharply on long unbroken text.")
  })

  it('reports an out-of-memory stop the same way', () => {
    const found = describeMemoryHungryPost(TEXT, 512)
    const limit = findings({ kind: 'out-of-memory', message: found.message, line: found.line, column: 1 }).filter((f) => f.rule === 'parse-limit')
    expect(limit).toHaveLength(1)
    expect(limit[0].message).toMatch(/^This post needs more than 512 MB of memory to parse \(stopped\): line 8 is 50 KB with no spaces\./)
  })

  it('points at the start of the post when no line stands out', () => {
    const [finding] = findings({ kind: 'too-slow', message: describeSlowPost('short\n', 10).message }).filter((f) => f.rule === 'parse-limit')
    expect(finding).toMatchObject({ line: 1, column: 1, from: 0, to: 0 })
    expect(finding.message).toContain('the post is 6 characters')
  })

  it('leaves other parse errors to parse-error', () => {
    const rules = findings({ kind: 'too-deep', message: 'The post is nested too deeply to parse', line: 8, column: 1 }).map((f) => f.rule)
    expect(rules).toContain('parse-error')
    expect(rules).not.toContain('parse-limit')
  })
})
