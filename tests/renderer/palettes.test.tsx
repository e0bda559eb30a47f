import { describe, expect, it } from 'vitest'
import { fuzzyMatch } from '../../renderer/text/fuzzy-match'
import { rankPosts } from '../../renderer/components/quick-switcher'
import { rankCommands } from '../../renderer/components/command-palette'
import { APP_COMMANDS, bindCommands, formatShortcut, shortcutLabel } from '../../renderer/components/app-commands'

const posts = [
  { file: 'blog/2024-01-16-llama2.md', title: 'LLaMA 2 Open Foundation and Fine-Tuned Chat Models 논문 리뷰' },
  { file: 'blog/2024-03-02-nuxt-content.md', title: 'Nuxt Content로 블로그 만들기' },
  { file: 'notes/kimchi.md', title: '김치찌개 끓이는 법' },
]

describe('fuzzyMatch', () => {
  it('matches substrings best, then characters in order; spaces and case do not matter', () => {
    expect(fuzzyMatch('리뷰', posts[0].title)?.indices).toEqual([posts[0].title.indexOf('리뷰'), posts[0].title.indexOf('리뷰') + 1])
    expect(fuzzyMatch('llama', 'LLaMA 2')).not.toBeNull()
    expect(fuzzyMatch('nxtcnt', 'nuxt-content')).not.toBeNull()
    expect(fuzzyMatch('논문리뷰', '논문 리뷰')).not.toBeNull()
    expect(fuzzyMatch('zzz', 'nuxt')).toBeNull()
    expect(fuzzyMatch('nuxt', 'nuxt')!.score).toBeGreaterThan(fuzzyMatch('nxt', 'nuxt')!.score)
  })
  it('compares decomposed (macOS) and composed Korean alike', () => {
    expect(fuzzyMatch('김치', '김치찌개'.normalize('NFD'))).not.toBeNull()
  })
})

describe('rankPosts', () => {
  it('finds a post by a Korean title fragment and by its file name', () => {
    expect(rankPosts(posts, '끓이는')[0].post.file).toBe('notes/kimchi.md')
    expect(rankPosts(posts, '블로그')[0].post.file).toBe('blog/2024-03-02-nuxt-content.md')
    expect(rankPosts(posts, 'kimchi')[0].post.file).toBe('notes/kimchi.md')
    expect(rankPosts(posts, 'llama2.md').map((r) => r.post.file)).toEqual(['blog/2024-01-16-llama2.md'])
    expect(rankPosts(posts, '')).toHaveLength(3)
    expect(rankPosts(posts, 'qqqq')).toEqual([])
  })
})

describe('command registry', () => {
  it('names shortcuts the way people read them', () => {
    expect(formatShortcut('Mod-Shift-x', false)).toBe('Ctrl+Shift+X')
    expect(formatShortcut('Mod-Shift-x', true)).toBe('⇧⌘X')
    expect(formatShortcut('Mod-Alt-2', false)).toBe('Ctrl+Alt+2')
    expect(shortcutLabel('heading-2', true)).toMatch(/2$/)
    expect(shortcutLabel('new-post', false), 'browsers keep Ctrl+N').toBe('')
  })
  it('every command has a unique id; those without a handler are listed disabled', () => {
    expect(new Set(APP_COMMANDS.map((c) => c.id)).size).toBe(APP_COMMANDS.length)
    const bound = bindCommands({ save: () => undefined }, false)
    expect(bound).toHaveLength(APP_COMMANDS.length)
    expect(bound.find((c) => c.id === 'save')?.run).toBeTypeOf('function')
    expect(bound.find((c) => c.id === 'bold')?.run).toBeUndefined()
    expect(rankCommands(bound, 'toggle outline')[0].command.id).toBe('toggle-outline')
    expect(rankCommands(bound, 'bold')[0].command.id).toBe('bold')
  })
})
