/** What a "takes too long to parse" finding says, and where it points. */
export interface SlowPostDiagnosis {
  /** The whole sentence shown to the writer (library, CLI, export, preview). */
  message: string
  /** 1-based line of the likely cause, when one stands out. */
  line?: number
}

/** Runs without whitespace at least this long are the known slow case (quadratic autolink matching upstream). */
const LONG_RUN = 10_000
/** Lines at least this long are worth naming even with spaces in them. */
const LONG_LINE = 100_000

function size(chars: number): string {
  if (chars >= 1_000_000) return `${(chars / 1_000_000).toFixed(1)} MB`
  if (chars >= 1_000) return `${Math.round(chars / 1_000)} KB`
  return `${chars} characters`
}

/**
 * Explains why a post ran past the parse time limit, naming the line most likely to blame: the
 * longest run of characters with no whitespace (the site's autolink matching is quadratic in it),
 * else the longest line, else the post's size. Pure text scan, linear, safe on any input.
 */
export function describeSlowPost(text: string, seconds: number): SlowPostDiagnosis {
  return describeCause(text, `This post takes too long to parse (stopped after ${seconds} s)`)
}

/**
 * Explains why a post ran past the parse memory limit of `megabytes` MB, naming the likely cause
 * the way {@link describeSlowPost} does.
 */
export function describeMemoryHungryPost(text: string, megabytes: number): SlowPostDiagnosis {
  return describeCause(text, `This post needs more than ${megabytes} MB of memory to parse (stopped)`)
}

/** The sentence after `lead`: the longest run without whitespace, else the longest line, else the size. */
function describeCause(text: string, lead: string): SlowPostDiagnosis {
  let line = 1
  let lineStart = 0
  let runStart = 0
  let bestRun = { length: 0, line: 1 }
  let bestLine = { length: 0, line: 1 }
  for (let i = 0; i <= text.length; i++) {
    const code = i < text.length ? text.charCodeAt(i) : 10
    const isSpace = code === 32 || code === 9 || code === 10 || code === 13 || code === 12 || code === 11 || code === 0xa0 || code === 0x3000
    if (isSpace) {
      if (i - runStart > bestRun.length) bestRun = { length: i - runStart, line }
      runStart = i + 1
    }
    if (code === 10) {
      if (i - lineStart > bestLine.length) bestLine = { length: i - lineStart, line }
      line++
      lineStart = i + 1
    }
  }
  if (bestRun.length >= LONG_RUN) {
    return {
      message: `${lead}: line ${bestRun.line} is ${size(bestRun.length)} with no spaces. Break that line up or put it in a code block; the site's parser slows down sharply on long unbroken text.`,
      line: bestRun.line,
    }
  }
  if (bestLine.length >= LONG_LINE) {
    return { message: `${lead}: line ${bestLine.line} is ${size(bestLine.length)} long. Split it into shorter lines or paragraphs.`, line: bestLine.line }
  }
  return { message: `${lead}: the post is ${size(text.length)}. Split it into several posts, or look for deeply nested or unusual markup.` }
}
