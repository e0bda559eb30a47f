// How links resolve: absolute site paths, page-relative links (like a browser), `.md` links
// (against the post's file in content/), public files — each link alone in the post blog/a.md.
import { describe, expect, it } from 'vitest'
import { resolveLink, resolveUrlPath } from '../../shared/checks/resolve-link'
import { findingsOf, FRONT, siteWith } from './check-test-helpers'

const site = siteWith({
  posts: [
    { file: 'blog/a.md', path: '/blog/a' },
    { file: 'blog/x.md', path: '/blog/x' },
    { file: 'blog/index.md', path: '/blog' },
    { file: 'notes/y.md', path: '/notes/y' },
    { file: 'docs/1.intro.md', path: '/docs/intro' },
    { file: 'blog/2024/deep.md', path: '/blog/2024/deep' },
  ],
  publicFiles: [{ src: '/files/a.pdf', bytes: 1234 }, { src: '/files/report 2024.pdf', bytes: 10 }],
})

/** The broken-link messages for one markdown body written in `file` (default blog/a.md). */
function broken(body: string, file = 'blog/a.md'): string[] {
  return findingsOf('broken-link', FRONT + body + '\n', { site, file }).map((finding) => finding.message)
}

describe('link resolution', () => {
  it.each([
    ['absolute path', '[t](/blog/x)'],
    ['absolute path with a trailing slash', '[t](/blog/x/)'],
    ['absolute path with a hash', '[t](/blog/x#part)'],
    ['absolute path with a query', '[t](/blog/x?ref=home#part)'],
    ['./ relative to the page URL', '[t](./x)'],
    ['../ relative to the page URL', '[t](../notes/y)'],
    ['bare relative name', '[t](x)'],
    ['.md link beside the post', '[t](./x.md)'],
    ['.md link in another folder', '[t](../notes/y.md)'],
    ['.md link with a hash', '[t](./x.md#part)'],
    ['.md link by the path the site gives the file (order prefix dropped)', '[t](../docs/intro.md)'],
    ['.md link by the exact file name with its order prefix', '[t](../docs/1.intro.md)'],
    ['public file', '[t](/files/a.pdf)'],
    ['public file with an encoded space', '[t](/files/report%202024.pdf)'],
    ['folder listing', '[t](/blog)'],
    ['home page', '[t](/)'],
    ['HTML link', '<a href="/blog/x">t</a>'],
    ['reference definition', '[t][r]\n\n[r]: ../notes/y'],
    ['external https', '[t](https://example.com/missing)'],
    ['mailto and tel', '[m](mailto:a@b.co) [p](tel:+123)'],
    ['same-page anchor (broken-anchor checks it)', '[t](#nowhere)'],
  ])('%s is not broken', (_name, body) => {
    expect(broken(body)).toEqual([])
  })

  it('resolves relative links from a post in a deeper folder', () => {
    expect(broken('[up](../x) [md](../x.md) [two](../../notes/y.md)', 'blog/2024/deep.md')).toEqual([])
  })

  it.each([
    ['a missing post by absolute path', '[t](/blog/missing)', 'Broken link "/blog/missing": no post has the path /blog/missing and the public folder has no such file. Fix the link or create the post or file it points to.'],
    ['a missing public file', '[t](/files/b.pdf)', 'Broken link "/files/b.pdf": no post has the path /files/b.pdf and the public folder has no such file. Fix the link or create the post or file it points to.'],
    ['a relative link, with where it leads', '[t](./missing)', `Broken link "./missing": on the site it leads to /blog/missing (a relative link is resolved against this page's URL, /blog/a), but no post has the path /blog/missing and the public folder has no such file. Fix the link or create the post or file it points to.`],
    ['a bare relative name', '[t](notes/y)', `Broken link "notes/y": on the site it leads to /blog/notes/y (a relative link is resolved against this page's URL, /blog/a), but no post has the path /blog/notes/y and the public folder has no such file. Fix the link or create the post or file it points to.`],
    ['a missing .md file', '[t](./missing.md)', 'Broken link "./missing.md": there is no post blog/missing.md in the content folder (a link to a .md file names a post file relative to this one, blog/a.md). Fix the link or create the post or file it points to.'],
    ['a .md file in the wrong folder', '[t](./y.md)', 'Broken link "./y.md": there is no post blog/y.md in the content folder (a link to a .md file names a post file relative to this one, blog/a.md). Fix the link or create the post or file it points to.'],
    ['a .md link out of the content folder', '[t](../../x.md)', 'Broken link "../../x.md": it climbs out of the content folder. Fix the link or create the post or file it points to.'],
    ['a reference-style link to a .md file (not rewritten)', '[t][r]\n\n[r]: ../notes/y.md', `Broken link "../notes/y.md": on the site it leads to /notes/y.md (a relative link is resolved against this page's URL, /blog/a), but no post has the path /notes/y.md and the public folder has no such file (the site serves no .md files: only inline markdown links ([text](./post.md)) are rewritten to page paths). Did you mean /notes/y?`],
    ['an upper-case path', '[t](/blog/X)', 'Broken link "/blog/X": no post has the path /blog/X and the public folder has no such file (page paths on the site are lower-case). Did you mean /blog/x?'],
    ['an absolute .md path (not rewritten)', '[t](/blog/x.md)', 'Broken link "/blog/x.md": no post has the path /blog/x.md and the public folder has no such file (the site serves no .md files: only inline markdown links ([text](./post.md)) are rewritten to page paths). Did you mean /blog/x?'],
    ['an HTML link to a .md file (not rewritten)', '<a href="./x.md">t</a>', `Broken link "./x.md": on the site it leads to /blog/x.md (a relative link is resolved against this page's URL, /blog/a), but no post has the path /blog/x.md and the public folder has no such file (the site serves no .md files: only inline markdown links ([text](./post.md)) are rewritten to page paths). Did you mean /blog/x?`],
  ])('reports %s', (_name, body, message) => {
    expect(broken(body)).toEqual([message])
  })

  it('places the finding on the URL and fixes a near miss', () => {
    const text = FRONT + 'See [t](/blog/X#part).\n'
    const [finding] = findingsOf('broken-link', text, { site })
    expect(finding).toMatchObject({ line: 7, column: 9 })
    expect(text.slice(finding.from, finding.to)).toBe('/blog/X#part')
    expect(finding.fix).toEqual({ label: 'Link to /blog/x', edits: [{ from: finding.from, to: finding.to, insert: '/blog/x#part' }] })
  })

  it('matches repeated links to their own places', () => {
    const text = FRONT + '[a](/nope) and [b](/blog/x) and [c](/nope)\n'
    expect(findingsOf('broken-link', text, { site }).map((f) => [f.line, f.column])).toEqual([[7, 5], [7, 37]])
  })

  it('does not check file-like paths when the public files are unknown, but still checks posts', () => {
    const unknown = { ...site, publicFiles: null }
    expect(findingsOf('broken-link', FRONT + '[t](/files/b.pdf)\n', { site: unknown })).toEqual([])
    expect(findingsOf('broken-link', FRONT + '[t](/blog/missing)\n', { site: unknown })).toHaveLength(1)
  })

  it('resolveLink and resolveUrlPath follow the browser and the content folder', () => {
    const origin = { file: 'blog/a.md', pagePath: '/blog/a' }
    expect(resolveLink('./x', origin)).toEqual({ kind: 'page', path: '/blog/x', hash: '' })
    expect(resolveLink('../notes/y#%ED%95%9C', origin)).toEqual({ kind: 'page', path: '/notes/y', hash: '한' })
    expect(resolveLink('./x', origin, './x.md')).toEqual({ kind: 'post-file', file: 'blog/x.md', hash: '' })
    expect(resolveLink('//cdn.example.com/x', origin)).toEqual({ kind: 'external', scheme: '' })
    expect(resolveUrlPath('/blog/a', '../../../x?y#z')).toEqual({ path: '/x', hash: 'z' })
    expect(resolveUrlPath('/blog/a', '')).toEqual({ path: '/blog/a', hash: '' })
  })
})
