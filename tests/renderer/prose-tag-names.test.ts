import { describe, expect, it } from 'vitest'
import { customProseComponent, defaultProseTags, proseTagName, resolveProseTags } from '../../shared/render/prose-tag-names'

describe('prose tag names (markdown.tags)', () => {
  it('maps the prose tags of each family by default', () => {
    expect(proseTagName('p', defaultProseTags('2.7'))).toBe('prose-p')
    expect(proseTagName('code-inline', defaultProseTags('2.7'))).toBe('prose-code-inline')
    expect(proseTagName('pre', defaultProseTags('2.7'))).toBe('pre')
    expect(proseTagName('code', defaultProseTags('2.13'), { family: '2.13' })).toBe('ProseCodeInline')
    expect(proseTagName('pre', defaultProseTags('2.13'), { family: '2.13' })).toBe('prose-pre')
    expect(proseTagName('div', defaultProseTags('2.13'), { family: '2.13' })).toBe('div')
  })

  it('lets the site’s map win, and never maps an element with __ignoreMap', () => {
    const tags = resolveProseTags('2.7', { p: 'MyParagraph' })
    expect(proseTagName('p', tags)).toBe('MyParagraph')
    expect(proseTagName('h2', tags)).toBe('prose-h2')
    expect(proseTagName('p', tags, { props: { __ignoreMap: '' } })).toBe('p')
  })

  it('2.13 also finds a tag by its PascalCase or kebab-case name, as mdc’s renderer does', () => {
    expect(proseTagName('my-note', { MyNote: 'FancyNote' }, { family: '2.13' })).toBe('FancyNote')
    expect(proseTagName('my-note', { MyNote: 'FancyNote' }, { family: '2.7' })).toBe('my-note')
  })

  it('names a custom component only where the site differs from the family’s default', () => {
    const tags = resolveProseTags('2.13', { p: 'MyParagraph', h2: 'prose-h2' })
    expect(customProseComponent('p', tags, { family: '2.13' })).toBe('MyParagraph')
    expect(customProseComponent('h2', tags, { family: '2.13' })).toBeNull()
    expect(customProseComponent('ul', tags, { family: '2.13' })).toBeNull()
    expect(customProseComponent('p', undefined)).toBeNull()
  })
})
