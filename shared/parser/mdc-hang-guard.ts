import type { Code, Construct, Effects, Point, State, TokenizeContext } from 'micromark-util-types'

const OPEN = 91 // [
const CLOSE = 93 // ]
const BACKSLASH = 92
const COLON = 58
const OPEN_BRACE = 123
const CLOSE_BRACE = 125
const OPEN_PAREN = 40
const MAX_LABEL_ESCAPES = 999

/** Thrown instead of letting remark-mdc 1.2 loop forever on a `[…]` label; carries the `[` position. */
export class MdcLabelHang extends Error {
  constructor(readonly point: Point) {
    super(
      `A [...] label starting here has a line that begins with "]" while one inner "[" is still open: ` +
        `Nuxt Content's MDC parser (remark-mdc 1.2) never finishes on this (the site would hang). ` +
        `Escape the inner bracket (\\[) or move the "]" to the end of the previous line`,
    )
  }
}

const isLineEnding = (code: Code): boolean => code !== null && code < -2
const isAsciiAlpha = (code: Code): boolean => code !== null && ((code >= 65 && code <= 90) || (code >= 97 && code <= 122))
const isNameChar = (code: Code): boolean => isAsciiAlpha(code) || (code !== null && ((code >= 48 && code <= 57) || code === 45 || code === 95))
const isSpaceOrLineEnding = (code: Code): boolean => code !== null && (code < 0 || code === 32)

/**
 * Looks ahead through a `[…]` label exactly as remark-mdc's label tokenizer walks it and reports
 * whether that walk would emit an empty text chunk — a line ending, then `]` with exactly one
 * inner `[` open, which closes the label — in a construct that is then kept: micromark loops
 * forever on such a chunk. An inline component keeps its label always; a `[span]` fails (and
 * its chunk is dropped) when its label is followed by `(` or `[`, so `spanRules` looks at the
 * character after the label. Always ends in `nok` (the lookahead is undone) unless it throws
 * {@link MdcLabelHang}.
 */
function scanLabel(effects: Effects, nok: State, start: Point, doubleBracketIsNoLabel: boolean, spanRules = false): State {
  let balance = 0
  let escapes = 0
  const afterOpen: State = code => {
    if (code === CLOSE) return nok(code) // `[]`: closes at once
    if (doubleBracketIsNoLabel && code === OPEN) return nok(code) // `[[`: remark-mdc tries no span here
    return atBreak(code)
  }
  const atBreak: State = code => {
    if (code === null || escapes > MAX_LABEL_ESCAPES) return nok(code)
    if (code === CLOSE) {
      if (balance === 0) return nok(code) // the label closes normally
      balance--
      if (balance === 0) {
        // remark-mdc exits an empty chunk here and closes the label
        if (!spanRules) throw new MdcLabelHang(start)
        effects.consume(code)
        return afterEmptyClose
      }
      balance--
      effects.consume(code)
      return inLabel
    }
    if (isLineEnding(code)) {
      effects.consume(code)
      return atBreak
    }
    return inLabel(code)
  }
  const inLabel: State = code => {
    if (code === null || isLineEnding(code) || escapes > MAX_LABEL_ESCAPES) return atBreak(code)
    if (code === OPEN && ++balance > 3) return nok(code)
    if (code === CLOSE) {
      if (balance === 0) return nok(code)
      balance--
    }
    effects.consume(code)
    return code === BACKSLASH ? afterBackslash : inLabel
  }
  const afterEmptyClose: State = code => {
    if (code === OPEN_PAREN || code === OPEN) return nok(code) // the span fails: its tokens are dropped
    throw new MdcLabelHang(start)
  }
  const afterBackslash: State = code => {
    if (code === OPEN || code === BACKSLASH || code === CLOSE) {
      effects.consume(code)
      escapes++
      return inLabel
    }
    return inLabel(code)
  }
  return code => {
    effects.consume(code) // the opening `[`
    return afterOpen
  }
}

/** At a `[` in text: remark-mdc tries a `[span]` here unless the previous character is `[`. */
function tokenizeSpanGuard(this: TokenizeContext, effects: Effects, _ok: State, nok: State): State {
  return code => {
    if (code !== OPEN || this.previous === OPEN) return nok(code)
    // At the start of a list item's content (GFM task list position) remark-mdc skips its `[[`
    // check, so a `[[` label is tried there too.
    const taskListStart = this.previous === null && Boolean((this as { _gfmTasklistFirstContentOfListItem?: boolean })._gfmTasklistFirstContentOfListItem)
    effects.enter('inkpostMdcGuard' as never)
    return scanLabel(effects, nok, this.now(), !taskListStart, true)(code)
  }
}

/** At a `:` in text: an inline component `:name{attrs}[label]` whose label could hang. */
function tokenizeInlineComponentGuard(this: TokenizeContext, effects: Effects, _ok: State, nok: State): State {
  let last: Code = null
  const prev = this.previous
  if (prev !== null && !isSpaceOrLineEnding(prev) && prev !== OPEN && prev !== 42 && prev !== 95) return code => nok(code)
  const afterName: State = code => {
    if (last === 95 || code === COLON) return nok(code)
    if (code === OPEN) return scanLabel(effects, nok, this.now(), false)(code)
    if (code === OPEN_BRACE) {
      effects.consume(code)
      return inAttributes
    }
    return nok(code)
  }
  const name: State = code => {
    if (isNameChar(code)) {
      last = code
      effects.consume(code)
      return name
    }
    return afterName(code)
  }
  const inAttributes: State = code => {
    if (code === null) return nok(code)
    effects.consume(code)
    if (code === CLOSE_BRACE) return afterAttributes
    return inAttributes
  }
  const afterAttributes: State = code => (code === OPEN ? scanLabel(effects, nok, this.now(), false)(code) : nok(code))
  return code => {
    if (code !== COLON) return nok(code)
    effects.enter('inkpostMdcGuard' as never)
    effects.consume(code)
    return (next: Code) => {
      if (!isAsciiAlpha(next)) return nok(next)
      return name(next)
    }
  }
}

const spanGuard: Construct = { name: 'inkpostMdcSpanGuard', tokenize: tokenizeSpanGuard }
const inlineComponentGuard: Construct = { name: 'inkpostMdcInlineGuard', tokenize: tokenizeInlineComponentGuard }

/**
 * A unified plugin (use it right after remark-mdc) that stops the one input on which remark-mdc
 * 1.2 never terminates — see {@link MdcLabelHang} — with a positioned error instead of hanging
 * the app. Its micromark constructs run just before remark-mdc's own `[` and `:` constructs, only
 * look ahead and always give way, so every other document parses exactly as before.
 */
export function remarkMdcHangGuard(this: { data(): Record<string, unknown> }): void {
  const data = this.data() as { micromarkExtensions?: unknown[] }
  // A line that is only `:name[label]` is tokenized at flow level (MDC's "sugar" leaf syntax) with
  // the same label tokenizer, so the `:` guard runs there too.
  ;(data.micromarkExtensions ??= []).push({
    text: { [OPEN]: [spanGuard], [COLON]: [inlineComponentGuard] },
    flow: { [COLON]: [inlineComponentGuard] },
  })
}
