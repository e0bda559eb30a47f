// Frontmatter values of any type as text for the window (shared/render/display-value.ts).
import { describe, expect, it } from 'vitest'
import { displayValue } from '../../shared/render/display-value'

describe('displayValue', () => {
  it('shows every kind of frontmatter value as text', () => {
    expect(displayValue('Title')).toBe('Title')
    expect(displayValue(12)).toBe('12')
    expect(displayValue(false)).toBe('false')
    expect(displayValue(new Date('2024-01-16T00:00:00Z'))).toBe('2024-01-16')
    expect(displayValue({ a: 1 })).toBe('{"a":1}')
    expect(displayValue([1, 'x'])).toBe('[1,"x"]')
    expect(displayValue(null)).toBe('')
    expect(displayValue(undefined)).toBe('')
    const loop: Record<string, unknown> = {}
    loop.self = loop
    expect(displayValue(loop)).toBe('')
  })
})
