import { describe, expect, it } from 'vitest'
import { decodePathSegments, parseRoute } from '../../electron/http/route-parser'
import { TRAVERSAL_VECTORS } from '../services/traversal-vectors'

/** URL-level traversal vectors (raw request targets as a client could send them). */
const URL_VECTORS = [
  '/site-file/../package.json',
  '/site-file/images/../../content/blog/2024-01-16-llama2.md',
  '/site-file/%2e%2e/%2e%2e/etc/passwd',
  '/site-file/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd',
  '/site-file/..%2f..%2fetc%2fpasswd',
  '/site-file/%252e%252e/%252e%252e/etc/passwd',
  '/site-file/%25252e%25252e/etc/passwd',
  '/site-file/..%5c..%5cetc%5cpasswd',
  '/site-file/..\\..\\etc\\passwd',
  '/site-file/images%5c..%5c..%5cx',
  '/site-file/images/x.png%00.txt',
  '/site-file/images/x%0a.png',
  '/site-file/C:/Windows/win.ini',
  '/site-file/c%3a%5cwindows',
  '/site-file//etc/passwd',
  '/site-file/images/',
  '/site-file/.',
  '/site-file/images/%2e',
  '/../etc/passwd',
  '/assets/../../etc/passwd',
  '/%2e%2e/%2e%2e/etc/passwd',
  '/api/../../etc/passwd',
  '/site-file/%E0%A4%A',
]

describe('parseRoute', () => {
  it('routes the API, events, site files and app assets', () => {
    expect(parseRoute('POST', '/api/library.list')).toEqual({ kind: 'api', service: 'library', method: 'list', token: null })
    expect(parseRoute('POST', '/api/post.read?token=abc')).toEqual({ kind: 'api', service: 'post', method: 'read', token: 'abc' })
    expect(parseRoute('GET', '/api/events')).toEqual({ kind: 'events', token: null })
    expect(parseRoute('GET', '/site-file/k3y/images/blogImg/2024-01-16-1.png')).toEqual({ kind: 'site-file', key: 'k3y', segments: ['images', 'blogImg', '2024-01-16-1.png'], token: null })
    expect(parseRoute('GET', '/site-file/k3y/images/%EB%9D%BC%EB%A7%88%20x.png')).toMatchObject({ kind: 'site-file', key: 'k3y', segments: ['images', '라마 x.png'] })
    expect(parseRoute('GET', '/export-file/k3y/a.zip')).toEqual({ kind: 'export-file', key: 'k3y', name: 'a.zip', token: null })
    expect(parseRoute('GET', '/export-file/a.zip')).toMatchObject({ kind: 'reject', status: 404 })
    expect(parseRoute('GET', '/site-file/k3y')).toMatchObject({ kind: 'reject', status: 404 })
    expect(parseRoute('GET', '/?token=t0k#/post/blog/x.md')).toEqual({ kind: 'app', segments: [], token: 't0k' })
    expect(parseRoute('GET', '/assets/index-abc.js')).toEqual({ kind: 'app', segments: ['assets', 'index-abc.js'], token: null })
    expect(parseRoute('HEAD', '/site-file/k/x.png')).toMatchObject({ kind: 'site-file' })
  })

  it('refuses wrong methods and unknown API names', () => {
    expect(parseRoute('GET', '/api/library.list')).toMatchObject({ kind: 'reject', status: 405 })
    expect(parseRoute('POST', '/api/events')).toMatchObject({ kind: 'reject', status: 405 })
    expect(parseRoute('POST', '/site-file/x.png')).toMatchObject({ kind: 'reject', status: 405 })
    expect(parseRoute('DELETE', '/')).toMatchObject({ kind: 'reject', status: 405 })
    expect(parseRoute('POST', '/api/library')).toMatchObject({ kind: 'reject', status: 404 })
    expect(parseRoute('POST', '/api/library.list/extra')).toMatchObject({ kind: 'reject', status: 404 })
    expect(parseRoute('POST', '/api/__proto__.constructor')).toMatchObject({ kind: 'reject', status: 404 })
    expect(parseRoute('GET', 'http://evil.example/')).toMatchObject({ kind: 'reject', status: 400 })
    expect(parseRoute('GET', '//evil.example/x')).toMatchObject({ kind: 'reject', status: 400 })
    expect(parseRoute('GET', '/x'.repeat(5000))).toMatchObject({ kind: 'reject', status: 414 })
  })

  it.each(URL_VECTORS)('refuses URL vector %j with 400', (url) => {
    expect(parseRoute('GET', url)).toMatchObject({ kind: 'reject', status: 400 })
  })

  it.each(TRAVERSAL_VECTORS)('refuses the service-level vector %j placed after /site-file/', (vector) => {
    const url = '/site-file/' + vector.replace(/\0/g, '%00')
    expect(parseRoute('GET', url)).toMatchObject({ kind: 'reject', status: 400 })
  })
})

describe('decodePathSegments (also used by the Electron protocol handler)', () => {
  it.each(URL_VECTORS.filter((u) => !u.startsWith('/site-file/%E0')))('throws a clear error for %j', (url) => {
    expect(() => decodePathSegments(url.replace(/^\/site-file/, ''))).toThrow(/Refusing path/)
  })

  it('decodes safe paths once', () => {
    expect(decodePathSegments('/images/%EA%B7%B8%EB%A6%BC%201.png')).toEqual(['images', '그림 1.png'])
    expect(() => decodePathSegments('/%E0%A4%A')).toThrow(/malformed/)
  })
})
