// The one URL policy (shared/render/url-policy.ts) as a table: each case is an input, the context
// it is used in (link or media) and whether it is allowed — with what it becomes when it is. Every
// URL named in issue 12 is here (NBSP / U+3000 / other Unicode spaces before javascript:, poster and
// data:text/html, `/\evil.example`, remote media), plus the browser URL parser's own cleaning.
import { describe, expect, it } from 'vitest'
import { cleanUrl, isRemoteMedia, judgeSrcset, judgeUrl, judgeUrlAttribute, parseSrcset, URL_ATTRIBUTES, type UrlContext } from '../../shared/render/url-policy'
import { safeHref, safeImageSrc, safeProps } from '../../shared/render/safe-attributes'

type Case = [input: string, context: UrlContext, allowed: boolean, becomes?: string]

const UNICODE_SPACES: Array<[string, string]> = [
  ['NBSP', '\u00a0'], ['U+3000 ideographic space', '\u3000'], ['U+2000 en quad', '\u2000'], ['U+2003 em space', '\u2003'],
  ['U+200B zero width space', '\u200b'], ['U+2028 line separator', '\u2028'], ['U+2029 paragraph separator', '\u2029'],
  ['U+205F medium math space', '\u205f'], ['U+1680 ogham space', '\u1680'], ['U+FEFF BOM', '\ufeff'], ['U+180E mongolian vowel separator', '\u180e'],
  ['U+202F narrow NBSP', '\u202f'], ['U+0085 next line', '\u0085'], ['U+00AD soft hyphen', '\u00ad'], ['U+200E LRM', '\u200e'],
]

const CASES: Case[] = [
  // links that pass
  ['https://example.com/page', 'link', true, 'https://example.com/page'],
  ['http://example.com', 'link', true, 'http://example.com'],
  ['HTTPS://EXAMPLE.COM/', 'link', true, 'https://EXAMPLE.COM/'],
  ['mailto:a@b.c', 'link', true, 'mailto:a@b.c'],
  ['tel:+49-30-1234', 'link', true, 'tel:+49-30-1234'],
  ['#_1-pre-training', 'link', true, '#_1-pre-training'],
  ['#', 'link', true, '#'],
  ['/blog/other-post', 'link', true, '/blog/other-post'],
  ['./sibling', 'link', true, './sibling'],
  ['../up/one', 'link', true, '../up/one'],
  ['relative-post', 'link', true, 'relative-post'],
  ['/blog/x?y=1#z', 'link', true, '/blog/x?y=1#z'],
  ['  https://example.com  ', 'link', true, 'https://example.com'],
  ['\u0000\u001f https://example.com\u0001', 'link', true, 'https://example.com'],
  ['ht\ttp://example.com', 'link', true, 'http://example.com'],
  ['/path/with:colon', 'link', true, '/path/with:colon'],
  // links refused: scripts, however hidden
  ['javascript:alert(1)', 'link', false],
  ['JaVaScRiPt:alert(1)', 'link', false],
  [' javascript:alert(1)', 'link', false],
  ['\u0001\u0002javascript:alert(1)', 'link', false],
  ['\u0020\u0000javascript:alert(1)', 'link', false],
  ['java\tscript:alert(1)', 'link', false],
  ['java\nscript:alert(1)', 'link', false],
  ['java\rscript:alert(1)', 'link', false],
  ['java\u0000script:alert(1)', 'link', false],
  ['javascript\t:alert(1)', 'link', false],
  ['\tjavascript:alert(1)', 'link', false],
  ['j\u200bavascript:alert(1)', 'link', false],
  ['javascript:alert(1)\u00a0', 'link', false],
  ['vbscript:msgbox(1)', 'link', false],
  ['VBScript:msgbox(1)', 'link', false],
  ['livescript:alert(1)', 'link', false],
  ['data:text/html,<script>alert(1)</script>', 'link', false],
  ['data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==', 'link', false],
  [' DATA:text/html,x', 'link', false],
  ['data:image/png;base64,AAAA', 'link', false],
  ['file:///etc/passwd', 'link', false],
  ['ftp://example.com/x', 'link', false],
  ['blob:https://example.com/uuid', 'link', false],
  ['inkpost-site://site/images/x.png', 'link', false],
  ['app://inkpost/index.html', 'link', false],
  ['about:blank', 'link', false],
  ['chrome://settings', 'link', false],
  // network paths: another host, never a site path
  ['/\\evil.example', 'link', false],
  ['\\\\evil.example', 'link', false],
  ['//evil.example', 'link', false],
  ['\\/evil.example', 'link', false],
  ['/\t/evil.example', 'link', false],
  [' //evil.example/x', 'link', false],
  // media that passes
  ['/images/blogImg/2024-01-16-1.png', 'media', true, '/images/blogImg/2024-01-16-1.png'],
  ['images/x.png', 'media', true, 'images/x.png'],
  ['./x.png', 'media', true, './x.png'],
  ['../x.png', 'media', true, '../x.png'],
  ['https://cdn.example.com/x.png', 'media', true, 'https://cdn.example.com/x.png'],
  ['http://cdn.example.com/x.mp4', 'media', true, 'http://cdn.example.com/x.mp4'],
  ['inkpost-site://site/images/x.png', 'media', true, 'inkpost-site://site/images/x.png'],
  ['data:image/png;base64,iVBORw0KGgo=', 'media', true, 'data:image/png;base64,iVBORw0KGgo='],
  ['data:image/jpeg;base64,/9j/4AAQ', 'media', true, 'data:image/jpeg;base64,/9j/4AAQ'],
  ['data:image/gif;base64,R0lGODlhAQABAAAAACw=', 'media', true, 'data:image/gif;base64,R0lGODlhAQABAAAAACw='],
  ['data:image/webp;base64,UklGRg==', 'media', true, 'data:image/webp;base64,UklGRg=='],
  ['data:image/avif;base64,AAAAIGZ0eXA=', 'media', true, 'data:image/avif;base64,AAAAIGZ0eXA='],
  // media refused
  ['javascript:alert(1)', 'media', false],
  ['\u00a0javascript:alert(1)', 'media', false],
  ['data:image/svg+xml;base64,PHN2Zz4=', 'media', false],
  ['data:image/svg+xml,<svg onload=alert(1)>', 'media', false],
  ['data:text/html,<script>alert(1)</script>', 'media', false],
  ['data:application/octet-stream;base64,AAAA', 'media', false],
  ['data:image/png,<script>', 'media', false],
  ['data:video/mp4;base64,AAAA', 'media', false],
  ['mailto:a@b.c', 'media', false],
  ['tel:123', 'media', false],
  ['#x', 'media', false],
  ['file:///C:/Windows/win.ini', 'media', false],
  ['//evil.example/pixel.gif', 'media', false],
  ['/\\evil.example/pixel.gif', 'media', false],
  ['\\\\evil.example\\share\\x.png', 'media', false],
  ['inkpost-site://evil/images/x.png', 'media', false],
  ['blob:https://example.com/uuid', 'media', false],
  ['', 'media', false],
  ['   ', 'link', false],
  ['https://', 'link', false],
]

describe('judgeUrl: the table', () => {
  it.each(CASES)('%j as %s → allowed %s', (input, context, allowed, becomes) => {
    const judged = judgeUrl(input, context)
    expect(judged.allowed, JSON.stringify(judged)).toBe(allowed)
    // a row that says what an allowed URL becomes is only written for allowed URLs
    if (becomes !== undefined) expect(judged, 'allowed, with the cleaned URL').toMatchObject({ allowed: true, url: becomes })
  })

  it('holds at least 60 cases, both contexts, both answers', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(60)
    for (const context of ['link', 'media'] as const) for (const allowed of [true, false]) expect(CASES.some((c) => c[1] === context && c[2] === allowed)).toBe(true)
  })
})

describe('judgeUrl: Unicode spaces and controls are never part of a scheme', () => {
  it.each(UNICODE_SPACES)('%s before javascript: is refused, in links and media', (_name, space) => {
    for (const context of ['link', 'media'] as const) {
      expect(judgeUrl(`${space}javascript:alert(1)`, context).allowed).toBe(false)
      expect(judgeUrl(`${space}${space}JAVASCRIPT:alert(1)`, context).allowed).toBe(false)
      expect(judgeUrl(`java${space}script:alert(1)`, context).allowed).toBe(false)
    }
  })
  it.each(UNICODE_SPACES)('%s before an https link is stripped (the link still works)', (_name, space) => {
    expect(judgeUrl(`${space}https://example.com/`, 'link')).toEqual({ allowed: true, url: 'https://example.com/', kind: 'external', host: 'example.com' })
  })
  it('every C0 control and space before javascript: is refused', () => {
    for (let code = 0; code <= 0x20; code++) expect(judgeUrl(`${String.fromCharCode(code)}javascript:alert(1)`, 'link').allowed, `U+${code.toString(16)}`).toBe(false)
  })
  it('cleans as browsers do: ends trimmed of C0 and space, tab/newline removed inside', () => {
    expect(cleanUrl('\u0000 /a\tb\nc\r \u001f')).toBe('/abc')
    expect(cleanUrl('\u3000/x\u00a0')).toBe('/x')
  })
})

describe('judgeUrl: kinds and hosts', () => {
  it('classifies anchors, site paths, external URLs, data and the app route, with the remote host', () => {
    expect(judgeUrl('#x', 'link')).toMatchObject({ kind: 'anchor' })
    expect(judgeUrl('/x', 'link')).toMatchObject({ kind: 'site', host: null })
    expect(judgeUrl('https://user:pw@Example.COM:8443/x', 'media')).toMatchObject({ kind: 'external', host: 'example.com' })
    expect(judgeUrl('https:\\\\evil.example\\x.png', 'media')).toMatchObject({ kind: 'external', host: 'evil.example' })
    expect(judgeUrl('data:image/png;base64,AAAA', 'media')).toMatchObject({ kind: 'data' })
    expect(judgeUrl('inkpost-site://site/x.png', 'media')).toMatchObject({ kind: 'app-route' })
    expect(judgeUrl('app-files://here/x.png', 'media', { siteFileBase: 'app-files://here' })).toMatchObject({ allowed: true, kind: 'app-route' })
    expect(isRemoteMedia(judgeUrl('https://t.example/p.gif', 'media'))).toBe(true)
    expect(isRemoteMedia(judgeUrl('/p.gif', 'media'))).toBe(false)
    expect(judgeUrl('/\\evil.example', 'link')).toMatchObject({ allowed: false, host: 'evil.example' })
    expect(judgeUrl(42, 'link').allowed).toBe(false)
  })
})

describe('srcset and URL attributes', () => {
  it('splits srcset candidates as browsers do, judging each as media', () => {
    expect(parseSrcset('/a.png 1x, /b.png 2x,/c.png')).toEqual([{ url: '/a.png', descriptor: '1x' }, { url: '/b.png', descriptor: '2x' }, { url: '/c.png', descriptor: '' }])
    expect(judgeSrcset('/a.png 1x, https://cdn.example/b.png 2x').allowed).toBe(true)
    expect(judgeSrcset('/a.png 1x, javascript:alert(1) 2x').allowed).toBe(false)
    expect(judgeSrcset('/a.png, \u00a0javascript:alert(1)').allowed).toBe(false)
    expect(judgeSrcset('').allowed).toBe(false)
  })
  it('knows every URL-bearing attribute', () => {
    for (const name of ['href', 'src', 'srcset', 'poster', 'action', 'formaction', 'xlink:href', 'background', 'cite', 'data', 'ping', 'longdesc', 'manifest', 'codebase', 'lowsrc', 'dynsrc']) {
      expect(name in URL_ATTRIBUTES, name).toBe(true)
      expect(judgeUrlAttribute(name, 'javascript:alert(1)')?.allowed, name).toBe(false)
    }
    expect(judgeUrlAttribute('poster', '\u3000javascript:alert(1)')?.allowed).toBe(false)
    expect(judgeUrlAttribute('title', 'javascript:alert(1)')).toBeNull()
  })
})

describe('the attribute filter goes through the policy', () => {
  const ctx = { siteFileBase: '/site-file' }
  it('refuses poster=javascript: (also behind Unicode spaces) and keeps a site poster under the site route', () => {
    expect(safeProps('video', { poster: 'javascript:alert(1)', controls: true }, ctx)).toEqual({ controls: true })
    expect(safeProps('video', { poster: '\u00a0javascript:alert(1)' }, ctx)).toEqual({})
    expect(safeProps('video', { poster: '/images/p.png' }, ctx)).toEqual({ poster: '/site-file/images/p.png' })
  })
  it('drops URL attributes an element has no business carrying, and remote media whose host is not allowed', () => {
    expect(safeProps('td', { background: '/x.png', longDesc: '/d' }, ctx)).toEqual({})
    expect(safeProps('a', { href: '/x', ping: 'https://t.example' }, ctx)).toEqual({ href: '/x' })
    expect(safeProps('img', { src: 'https://t.example/p.gif' }, { ...ctx, allowRemoteHost: () => false })).toEqual({})
    expect(safeProps('img', { src: 'https://t.example/p.gif' }, { ...ctx, allowRemoteHost: (h) => h === 't.example' })).toEqual({ src: 'https://t.example/p.gif' })
    expect(safeProps('img', { srcSet: '/a.png 1x, /b.png 2x' }, ctx)).toEqual({ srcSet: '/site-file/a.png 1x, /site-file/b.png 2x' })
    expect(safeProps('img', { srcSet: '/a.png 1x, javascript:x 2x' }, ctx)).toEqual({})
  })
  it('keeps the older helpers on the same policy', () => {
    expect(safeHref('\u3000javascript:alert(1)')).toBeNull()
    expect(safeHref('/\\evil.example')).toBeNull()
    expect(safeHref(' https://example.com ')).toBe('https://example.com')
    expect(safeImageSrc('/x.png', 'inkpost-site://site')).toBe('inkpost-site://site/x.png')
    expect(safeImageSrc('data:image/avif;base64,AAAA', '/site-file')).toBe('data:image/avif;base64,AAAA')
  })
})

describe('the unsafe-html check judges with the same policy', () => {
  it('reports Unicode-space javascript:, poster, data:text/html, /\\host and other refused schemes', async () => {
    const { findingsOf, FRONT } = await import('../checks/check-test-helpers')
    const body = [
      '<a href="\u00a0javascript:alert(1)">a</a>', '', '<video poster="\u3000javascript:alert(1)"></video>', '',
      ':video{poster="javascript:alert(1)"}', '', '[d](data:text/html,x)', '', '<a href="/\\evil.example">b</a>', '',
      '<a href="ftp://example.com/x">c</a>', '', '[ok](https://example.com) ![ok](/images/x.png)', '',
    ].join('\n')
    const findings = findingsOf('unsafe-html', FRONT + body)
    expect(findings.map((f) => [f.severity, /javascript:|data:text\/html|another host|ftp:/.exec(f.message)?.[0]])).toEqual([
      ['error', 'javascript:'], ['error', 'javascript:'], ['error', 'javascript:'], ['error', 'data:text/html'], ['warning', 'another host'], ['warning', 'ftp:'],
    ])
  })
})
