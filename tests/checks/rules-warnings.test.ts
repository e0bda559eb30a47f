// One test per warning rule: a post that triggers it and a near-identical one that must not.
import { describe, expect, it } from 'vitest'
import { applyEdits, findingsOf, FRONT, siteWith } from './check-test-helpers'

describe('draft', () => {
  const post = (draft: string) => `---\ntitle: 'A post'\ndescription: 'About.'\ndraft: ${draft}\n---\n\nBody.`

  it('reports draft: true and fixes it to false', () => {
    const [finding, ...rest] = findingsOf('draft', post('true'))
    expect(rest).toEqual([])
    expect(finding).toMatchObject({ severity: 'warning', line: 4, column: 8 })
    expect(finding.message).toBe('This post is marked as a draft (draft: true), so the site keeps it out of post lists. Set draft: false when it is ready to publish.')
    expect(applyEdits(post('true'), finding.fix?.edits)).toBe(post('false'))
  })

  it('reports a .draft file name with a rename', () => {
    const [finding] = findingsOf('draft', FRONT + 'Body.', { file: 'docs/guide.draft.md' })
    expect(finding.fix).toEqual({ label: 'Rename to docs/guide.md', rename: 'docs/guide.md' })
  })

  it('is quiet for draft: false', () => {
    expect(findingsOf('draft', post('false'))).toEqual([])
  })
})

describe('missing-description', () => {
  const post = (key: string) => `---\ntitle: 'A post'\n${key}---\n\nThe first paragraph says what this is.\n`

  it('warns when the frontmatter has neither description nor summary, and offers the first paragraph', () => {
    const text = post('')
    const [finding, ...rest] = findingsOf('missing-description', text)
    expect(rest).toEqual([])
    expect(finding).toMatchObject({ severity: 'warning', line: 1, column: 1 })
    expect(finding.message).toBe('The frontmatter has neither "description" nor "summary", so search results and link previews show the first paragraph ("The first paragraph says what this is."). Add a description: line with one or two sentences about the post.')
    const fixed = applyEdits(text, finding.fix?.edits)
    expect(fixed).toBe("---\ntitle: 'A post'\ndescription: 'The first paragraph says what this is.'\n---\n\nThe first paragraph says what this is.\n")
    expect(findingsOf('missing-description', fixed)).toEqual([])
  })

  it('is quiet with a description or a summary', () => {
    expect(findingsOf('missing-description', post("description: 'About.'\n"))).toEqual([])
    expect(findingsOf('missing-description', post("summary: 'About.'\n"))).toEqual([])
  })
})

describe('large-image', () => {
  const text = FRONT + '![Big](/images/photo.jpg)\n'

  it('warns about a referenced public image over 1 MB', () => {
    const site = siteWith({ publicFiles: [{ src: '/images/photo.jpg', bytes: 2.5 * 1024 * 1024 }] })
    const [finding, ...rest] = findingsOf('large-image', text, { site })
    expect(rest).toEqual([])
    expect(finding).toMatchObject({ severity: 'warning', line: 7, column: 8 })
    expect(finding.message).toMatch(/^The image \/images\/photo\.jpg is 2\.5 MB, over the 1 MB limit: it slows the page down/)
  })

  it('is quiet for an image under 1 MB', () => {
    expect(findingsOf('large-image', text, { site: siteWith({ publicFiles: [{ src: '/images/photo.jpg', bytes: 900 * 1024 }] }) })).toEqual([])
  })
})

describe('heading-levels', () => {
  it('warns about a heading that skips a level and fixes its hashes', () => {
    const text = FRONT + '## Setup\n\n#### Details\n'
    const [finding, ...rest] = findingsOf('heading-levels', text)
    expect(rest).toEqual([])
    expect(finding).toMatchObject({ severity: 'warning', line: 9, column: 1 })
    expect(finding.message).toBe('The heading "Details" is an h4 (####) right after an h2 (##): it skips h3, which breaks the outline for screen readers and the table of contents. Make it ### (h3) or add the missing level above it.')
    expect(applyEdits(text, finding.fix?.edits)).toBe(FRONT + '## Setup\n\n### Details\n')
  })

  it('counts the page title as level 1', () => {
    const [finding] = findingsOf('heading-levels', FRONT + '### Too deep to start\n')
    expect(finding.message).toContain('right after the page title (level 1): it skips h2')
  })

  it('is quiet for headings one level apart, and for going back up', () => {
    expect(findingsOf('heading-levels', FRONT + '## Setup\n\n### Details\n\n#### More\n\n## Next\n')).toEqual([])
  })
})

describe('duplicate-heading-id', () => {
  it('warns about the second of two headings with the same id', () => {
    const text = FRONT + '## Intro\n\nText.\n\n## Intro!\n'
    const [finding, ...rest] = findingsOf('duplicate-heading-id', text)
    expect(rest).toEqual([])
    expect(finding).toMatchObject({ severity: 'warning', line: 11, column: 1 })
    expect(finding.message).toBe('The heading "Intro!" has the same id as the heading "Intro" on line 7 (#intro), so the site renames this one to #intro-1: links to #intro always go to the first, and the table of contents shows two identical entries. Give this heading different words.')
  })

  it('is quiet for headings whose ids only look alike', () => {
    expect(findingsOf('duplicate-heading-id', FRONT + '## Step 1\n\nText.\n\n## Step\n\n## Intro\n\n## Intro 2\n')).toEqual([])
  })
})

describe('empty-link-text', () => {
  it('warns about an external link with no text', () => {
    const text = FRONT + 'Read [](https://example.com/paper).\n'
    const [finding, ...rest] = findingsOf('empty-link-text', text)
    expect(rest).toEqual([])
    expect(finding).toMatchObject({ severity: 'warning', line: 7, column: 9 })
    expect(finding.message).toBe('The link to https://example.com/paper has no text, so readers see nothing to click and screen readers read out the URL. Write the link text between the brackets: [text](https://example.com/paper).')
  })

  it('is quiet for a link with text or an image', () => {
    expect(findingsOf('empty-link-text', FRONT + 'Read [the paper](https://example.com/paper) or [![Cover](https://example.com/c.png)](https://example.com/paper).\n')).toEqual([])
  })
})

describe('broken-anchor', () => {
  it('warns about a same-page anchor that matches no heading', () => {
    const text = FRONT + 'Jump to [setup](#set-up).\n\n## Setup\n'
    const [finding, ...rest] = findingsOf('broken-anchor', text)
    expect(rest).toEqual([])
    expect(finding).toMatchObject({ severity: 'warning', line: 7, column: 17 })
    expect(finding.message).toBe('The link "#set-up" points to #set-up, but nothing on this page has that id, so the link opens the page at the top. Fix the anchor or the heading it should point to. Headings on this page: #setup.')
  })

  it('suggests (and fixes to) the id the site really gives a heading', () => {
    const text = FRONT + 'See [part one](#1-pre-training).\n\n## 1. Pre-Training\n'
    const [finding] = findingsOf('broken-anchor', text)
    expect(finding.message).toContain('The site gives the heading the id #_1-pre-training: link to that.')
    const fixed = applyEdits(text, finding.fix?.edits)
    expect(fixed).toContain('[part one](#_1-pre-training)')
    expect(findingsOf('broken-anchor', fixed)).toEqual([])
  })

  it('is quiet for anchors that exist (headings, other ids, non-Latin headings)', () => {
    expect(findingsOf('broken-anchor', FRONT + '[a](#setup) [b](#note) [c](#참고자료) [d](./a#setup)\n\n## Setup\n\n<div id="note">x</div>\n\n## 참고자료\n')).toEqual([])
  })

  it('checks a link to this same post by file too', () => {
    expect(findingsOf('broken-anchor', FRONT + '[a](./a.md#nope)\n\n## Setup\n')).toHaveLength(1)
  })
})
