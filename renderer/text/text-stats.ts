import type { MinimarkNode } from '../../shared/parser/parse-types'

/** Counts shown in the status bar. */
export interface TextStats {
  words: number
  characters: number
  /** Estimated minutes, at least 1 for any non-empty text. */
  readingMinutes: number
}

const HANGUL = /[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]/g
const WORDLIKE = /[\p{L}\p{N}]/u

/** Characters per minute for Korean text and words per minute for Latin text used by the reading-time estimate. */
export const READING_SPEED = { hangulPerMinute: 500, wordsPerMinute: 230 } as const

/**
 * Counts the readable text of a post. The rule:
 * - characters: every non-whitespace grapheme (a Hangul syllable like `한` is one character; an emoji is one);
 * - words: whitespace-separated tokens containing a letter or digit (a Korean eojeol like `모델의` is one word);
 * - reading time: Hangul syllables at 500 per minute plus the words of tokens without Hangul at 230 per minute.
 */
export function countText(text: string): TextStats {
  return statsOf(tally(text))
}

/** The additive parts of {@link TextStats} (reading time is derived from them). */
interface Tally {
  words: number
  characters: number
  latinWords: number
  hangul: number
}

function statsOf({ words, characters, latinWords, hangul }: Tally): TextStats {
  const minutes = hangul / READING_SPEED.hangulPerMinute + latinWords / READING_SPEED.wordsPerMinute
  return { words, characters, readingMinutes: words === 0 ? 0 : Math.max(1, Math.round(minutes)) }
}

function tally(text: string): Tally {
  let characters = 0
  const segmenter = typeof Intl !== 'undefined' && 'Segmenter' in Intl ? new Intl.Segmenter(undefined, { granularity: 'grapheme' }) : null
  if (segmenter) {
    for (const { segment } of segmenter.segment(text)) if (!/^\s+$/u.test(segment)) characters++
  } else {
    characters = Array.from(text.replace(/\s+/gu, '')).length
  }
  let words = 0
  let latinWords = 0
  let hangul = 0
  for (const token of text.split(/\s+/u)) {
    if (!WORDLIKE.test(token)) continue
    words++
    const syllables = token.match(HANGUL)?.length ?? 0
    if (syllables > 0) hangul += syllables
    else latinWords++
  }
  return { words, characters, latinWords, hangul }
}

const NOT_READ: ReadonlySet<string> = new Set(['script', 'style', 'template-content'])

/** The text a reader reads in a parsed body (code included, scripts excluded), blocks separated by newlines. */
export function readableText(children: MinimarkNode[]): string {
  const parts: string[] = []
  const walk = (node: MinimarkNode) => {
    if (node.type === 'text') parts.push(node.value)
    else if (node.type === 'element' && !NOT_READ.has(node.tag)) {
      if (node.tag === 'code' && typeof node.props?.code === 'string') parts.push(node.props.code)
      else node.children?.forEach(walk)
      parts.push(' ')
    }
  }
  children.forEach(walk)
  return parts.join('')
}

/**
 * Counts a parsed body block by block ({@link countText} on each top-level block's
 * {@link readableText}, summed), remembering each block's counts by the block object: the
 * incremental parser hands back the same objects for unchanged blocks, so after an edit only the
 * changed blocks are counted again.
 */
export class BlockTextCounter {
  private counts = new WeakMap<MinimarkNode, Tally>()

  /** The counts of a body's top-level children. */
  count(children: readonly MinimarkNode[]): TextStats {
    const sum: Tally = { words: 0, characters: 0, latinWords: 0, hangul: 0 }
    for (const child of children) {
      let part = this.counts.get(child)
      if (!part) this.counts.set(child, (part = tally(readableText([child]))))
      sum.words += part.words
      sum.characters += part.characters
      sum.latinWords += part.latinWords
      sum.hangul += part.hangul
    }
    return statsOf(sum)
  }

  /** Forgets a block whose content was changed in place (its counts are stale). */
  forget(node: MinimarkNode): void {
    this.counts.delete(node)
  }
}
