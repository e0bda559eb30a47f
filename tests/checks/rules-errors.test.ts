// One test per error rule: a post that triggers it and a near-identical one that must not.
import { describe, expect, it } from 'vitest'
import { applyEdits, check, findingsOf, FRONT, siteWith } from './check-test-helpers'

describe('frontmatter-yaml', () => {
  it('reports invalid YAML with the line and column of the problem', () => {
    const text = "---\ntitle: 'A post'\ndescription: Colons: break YAML\n---\n\nBody."
    const [finding, ...rest] = findingsOf('frontmatter-yaml', text)
    expect(rest).toEqual([])
    expect(finding).toMatchObject({ severity: 'error', file: 'blog/a.md', line: 3, column: 20 })
    expect(finding.message).toMatch(/^Invalid YAML frontmatter: .+\. The site cannot build this post: fix the YAML between the --- lines/)
    expect(finding.from).toBe(text.indexOf('description') + 19)
  })

  it('is quiet for the same value quoted', () => {
    expect(findingsOf('frontmatter-yaml', "---\ntitle: 'A post'\ndescription: 'Colons: break YAML'\n---\n\nBody.")).toEqual([])
  })

  it('does not let the other frontmatter rules guess at invalid YAML', () => {
    const rules = check("---\ndescription: Colons: break YAML\n---\n\nBody.").map((f) => f.rule)
    expect(rules).toContain('frontmatter-yaml')
    expect(rules).not.toContain('missing-title')
    expect(rules).not.toContain('missing-description')
  })
})

describe('parse-error', () => {
  it('reports a body the parser (and the site) cannot handle', () => {
    const text = FRONT + '::a\n'.repeat(700)
    const [finding] = findingsOf('parse-error', text)
    expect(finding).toMatchObject({ severity: 'error', line: 607, column: 1 })
    expect(finding.message).toMatch(/^The post is nested too deeply to parse .*The site cannot render this post/)
  })

  it('is quiet for nesting the site can render', () => {
    expect(findingsOf('parse-error', FRONT + '::a\n'.repeat(20))).toEqual([])
  })
})

describe('missing-title', () => {
  const noTitle = "---\ndescription: 'About.'\n---\n\n# Hello World\n\nBody."

  it('reports a frontmatter without title and fixes it with the first heading', () => {
    const [finding, ...rest] = findingsOf('missing-title', noTitle)
    expect(rest).toEqual([])
    expect(finding).toMatchObject({ severity: 'error', line: 1, column: 1 })
    expect(finding.message).toBe(`The frontmatter has no "title": the site falls back to "Hello World" (from the first heading or the file name) in post lists, the browser tab and link previews. Add a line like title: 'Hello World' to the frontmatter.`)
    expect(finding.fix?.edits).toEqual([{ from: 4, to: 4, insert: "title: 'Hello World'\n" }])
    const fixed = applyEdits(noTitle, finding.fix?.edits)
    expect(fixed.startsWith("---\ntitle: 'Hello World'\ndescription: 'About.'\n---\n")).toBe(true)
    expect(findingsOf('missing-title', fixed)).toEqual([])
  })

  it('makes a title from the file name (without its date) when there is no frontmatter or heading', () => {
    const [finding] = findingsOf('missing-title', 'Just text.', { file: 'blog/2024-01-16-my-first-post.md' })
    expect(finding.message).toContain('This post has no frontmatter and so no "title"')
    expect(finding.fix?.edits).toEqual([{ from: 0, to: 0, insert: "---\ntitle: 'My First Post'\n---\n\n" }])
    expect(findingsOf('missing-title', applyEdits('Just text.', finding.fix?.edits))).toEqual([])
  })

  it('reports an empty title at its line and replaces that line', () => {
    const text = "---\ntitle: ''\ndescription: 'About.'\n---\n\nBody."
    const [finding] = findingsOf('missing-title', text, { file: 'blog/notes-on-yaml.md' })
    expect(finding).toMatchObject({ line: 2, column: 1 })
    expect(finding.message).toContain('The frontmatter "title" is empty')
    expect(applyEdits(text, finding.fix?.edits)).toBe("---\ntitle: 'Notes On Yaml'\ndescription: 'About.'\n---\n\nBody.")
  })

  it('is quiet when the frontmatter has a title', () => {
    expect(findingsOf('missing-title', "---\ntitle: 'Hello'\ndescription: 'About.'\n---\n\n# Hello World\n\nBody.")).toEqual([])
  })
})

describe('invalid-date', () => {
  const withDate = (date: string) => `---\ntitle: 'A post'\ndescription: 'About.'\ndate: ${date}\n---\n\nBody.`

  it('reports a day that does not exist, even though YAML rolls it over', () => {
    const [finding, ...rest] = findingsOf('invalid-date', withDate('2024-02-30'))
    expect(rest).toEqual([])
    expect(finding).toMatchObject({ severity: 'error', line: 4, column: 7 })
    expect(finding.message).toBe(`The date "2024-02-30" is not a real calendar date: February 2024 has 29 days (YAML reads it as 2024-03-01). The site shows and sorts posts by date; write a real date as YYYY-MM-DD, e.g. date: '2024-01-16'.`)
    expect(withDate('2024-02-30').slice(finding.from, finding.to)).toBe('2024-02-30')
  })

  it('reports words and impossible months, quoted or not', () => {
    expect(findingsOf('invalid-date', withDate('yesterday'))[0].message).toMatch(/^The date "yesterday" is not a real calendar date: it is not a date in the form YYYY-MM-DD\./)
    expect(findingsOf('invalid-date', withDate("'2023-13-01'"))[0]).toMatchObject({ line: 4, column: 8, message: expect.stringContaining('there is no month 13') })
    expect(findingsOf('invalid-date', withDate('2023-02-29'))[0].message).toContain('February 2023 has 28 days')
    expect(findingsOf('invalid-date', withDate(''))[0].message).toContain('it is empty')
  })

  it('is quiet for real dates and date-times', () => {
    for (const date of ['2024-02-29', "'2024-01-16'", '2024-01-16T10:30:00Z', "'2024-01-16 09:00:00+09:00'"]) {
      expect(findingsOf('invalid-date', withDate(date)), date).toEqual([])
    }
    expect(findingsOf('invalid-date', "---\ntitle: 'No date at all'\n---\n\nBody.")).toEqual([])
  })
})

describe('missing-image', () => {
  const site = siteWith({ publicFiles: [{ src: '/images/there.png', bytes: 1000 }, { src: '/blog/beside.png', bytes: 10 }] })

  it('reports a site image that is not in the public folder, at its URL', () => {
    const text = FRONT + '![Chart](/images/missing.png)\n'
    const [finding, ...rest] = findingsOf('missing-image', text, { site })
    expect(rest).toEqual([])
    expect(finding).toMatchObject({ severity: 'error', line: 7, column: 10 })
    expect(text.slice(finding.from, finding.to)).toBe('/images/missing.png')
    expect(finding.message).toBe(`Missing image "/images/missing.png": there is no file /images/missing.png in the site's public folder, so readers would see a broken image. Add the file there or fix the path.`)
  })

  it('is quiet for an image that exists, and for remote and inline images', () => {
    expect(findingsOf('missing-image', FRONT + '![Chart](/images/there.png)\n\n![r](https://example.com/x.png)\n\n![i](data:image/png;base64,AAAA)\n', { site })).toEqual([])
  })

  it('resolves relative images against the page URL like the browser', () => {
    expect(findingsOf('missing-image', FRONT + '![b](./beside.png)\n', { site })).toEqual([])
    const [finding] = findingsOf('missing-image', FRONT + '<img src="../pics/x.png">\n', { site })
    expect(finding).toMatchObject({ line: 7, column: 11 })
    expect(finding.message).toContain('there is no file /pics/x.png')
    expect(finding.message).toContain("resolved against this page's URL (/blog/a)")
  })

  it('finds frontmatter images too, and skips everything when the public files are unknown', () => {
    const text = "---\ntitle: 'A'\ndescription: 'B'\ncover: /images/cover.png\n---\n\nBody."
    expect(findingsOf('missing-image', text, { site })[0]).toMatchObject({ line: 4, column: 8, message: expect.stringContaining('(frontmatter "cover")') })
    expect(findingsOf('missing-image', text, { site: siteWith({ publicFiles: null }) })).toEqual([])
  })
})

describe('broken-link', () => {
  const site = siteWith({ posts: [{ file: 'blog/a.md', path: '/blog/a' }, { file: 'blog/b.md', path: '/blog/b' }] })

  it('reports a link to a post that does not exist', () => {
    const text = FRONT + 'See [the other post](/blog/c).\n'
    const [finding, ...rest] = findingsOf('broken-link', text, { site })
    expect(rest).toEqual([])
    expect(finding).toMatchObject({ severity: 'error', line: 7, column: 22 })
    expect(text.slice(finding.from, finding.to)).toBe('/blog/c')
    expect(finding.message).toBe('Broken link "/blog/c": no post has the path /blog/c and the public folder has no such file. Fix the link or create the post or file it points to.')
  })

  it('is quiet for a link to a post that exists', () => {
    expect(findingsOf('broken-link', FRONT + 'See [the other post](/blog/b).\n', { site })).toEqual([])
  })
})

describe('unsafe-html', () => {
  it('reports script elements, event handlers and javascript: URLs at their place', () => {
    const body = '<script>alert(1)</script>\n\n<img src="/x.png" onerror="alert(2)">\n\n[click](javascript:alert(3))\n\n<a href="jav&#x09;ascript:alert(4)">x</a>\n'
    const findings = findingsOf('unsafe-html', FRONT + body)
    expect(findings.map((f) => [f.line, f.column])).toEqual([[7, 1], [9, 19], [11, 9], [13, 10]])
    expect(findings[0].message).toMatch(/^<script> runs code in every reader's browser\. Remove it/)
    expect(findings[1].message).toMatch(/^The onerror event handler on <img> runs code/)
    expect(applyEdits(FRONT + body, findings[1].fix?.edits)).toContain('<img src="/x.png">')
    expect(findings[2].message).toMatch(/^The markdown link "javascript:alert\(3\)" is a javascript: URL/)
    expect(findings[3].message).toMatch(/^The href of <a> is a javascript: URL/)
  })

  it('reports iframes, objects, embeds and MDC components that render them', () => {
    const findings = findingsOf('unsafe-html', FRONT + '<iframe src="https://example.com"></iframe>\n\n<object data="x.swf"></object>\n\n<embed src="x.swf">\n\n::iframe{src="https://example.com"}\n::\n')
    expect(findings.map((f) => [f.line, f.column, f.message.split(' ')[0]])).toEqual([[7, 1, '<iframe>'], [9, 1, '<object>'], [11, 1, '<embed>'], [13, 1, 'The']])
    expect(findings[3].message).toMatch(/^The MDC component :iframe renders <iframe>/)
  })

  it('is quiet for the same markup shown as code, and for safe HTML', () => {
    const body = '```html\n<script>alert(1)</script>\n<img onerror="x">\n```\n\nInline `<iframe src="x">` and `[a](javascript:x)` are text.\n\n<img src="/x.png" alt="on purpose" title="onerror">\n\n[ok](https://example.com/javascript:x)\n'
    expect(findingsOf('unsafe-html', FRONT + body)).toEqual([])
  })

  it('masks indented code blocks, but not HTML indented inside a list item', () => {
    expect(findingsOf('unsafe-html', FRONT + 'Example:\n\n    <script>alert(1)</script>\n\nDone.\n')).toEqual([])
    expect(findingsOf('unsafe-html', FRONT + '- item\n\n    <b onclick="x">live</b>\n')).toMatchObject([{ line: 9, column: 8 }])
  })

  it('is quiet when the site allows unsafe HTML', () => {
    expect(findingsOf('unsafe-html', FRONT + '<script>alert(1)</script>\n', { site: siteWith({ allowUnsafeHtml: true }) })).toEqual([])
  })
})

describe('url-path', () => {
  const korean = "---\ntitle: '두번째 글'\ndescription: '설명'\ndate: '2024-01-16'\n---\n\n본문.\n"
  const site = siteWith({ posts: [{ file: 'blog/index.md', path: '/blog' }, { file: 'blog/2024-01-10-first.md', path: '/blog/2024-01-10-first' }, { file: 'blog/두번째-글.md', path: '/blog' }] })

  it('reports a non-Latin file name that gets its folder\'s path, with a Latin rename', () => {
    const [finding, ...rest] = findingsOf('url-path', korean, { file: 'blog/두번째-글.md', site })
    expect(rest).toEqual([])
    expect(finding).toMatchObject({ severity: 'error', file: 'blog/두번째-글.md', line: 1, column: 1 })
    expect(finding.message).toBe('This post gets the URL path /blog, which is the path of the folder blog/ (its index page): Nuxt Content 2 builds the path from the file name and drops non-Latin characters, so "두번째-글" adds nothing to it; blog/index.md has the same path, and the site shows only one page per path. Rename the file to a Latin slug, e.g. blog/2024-01-16-post.md.')
    expect(finding.fix).toEqual({ label: 'Rename to blog/2024-01-16-post.md', rename: 'blog/2024-01-16-post.md' })
  })

  it('proposes a rename that collides with nothing', () => {
    const taken = siteWith({ posts: [...site.posts, { file: 'blog/2024-01-16-post.md', path: '/blog/2024-01-16-post' }] })
    expect(findingsOf('url-path', korean, { file: 'blog/두번째-글.md', site: taken })[0].fix?.rename).toBe('blog/2024-01-16-post-2.md')
    const latinTitle = korean.replace("'두번째 글'", "'LLaMA 2 리뷰'")
    expect(findingsOf('url-path', latinTitle, { file: 'blog/두번째-글.md', site })[0].fix?.rename).toBe('blog/2024-01-16-llama-2.md')
  })

  it('reports two posts with the same path', () => {
    const clash = siteWith({ posts: [{ file: 'blog/Hello.md', path: '/blog/hello' }, { file: 'blog/hello.md', path: '/blog/hello' }] })
    const [finding] = findingsOf('url-path', FRONT + 'Body.\n', { file: 'blog/hello.md', site: clash })
    expect(finding.message).toMatch(/^This post's URL path \/blog\/hello is also the path of blog\/Hello\.md: the site shows only one page per path/)
    expect(finding.fix?.rename).toBe('blog/2024-01-16-a-post.md')
  })

  it('reports a non-Latin file name at the content root, which gets the home page\'s path', () => {
    const [finding] = findingsOf('url-path', korean, { file: '소개.md', site: siteWith({ posts: [{ file: '소개.md', path: '/' }] }) })
    expect(finding.message).toMatch(/^This post gets the URL path \/, which is the path of the home page: Nuxt Content 2 builds the path from the file name and drops non-Latin characters/)
    expect(finding.fix?.rename).toBe('2024-01-16-post.md')
  })

  it('is quiet for a Latin file name and for index files', () => {
    expect(findingsOf('url-path', korean, { file: 'blog/second-post.md', site })).toEqual([])
    expect(findingsOf('url-path', korean, { file: 'blog/index.md', site: siteWith({ posts: [{ file: 'blog/index.md', path: '/blog' }] }) })).toEqual([])
  })
})
