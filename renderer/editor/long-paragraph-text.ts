import type { InlineContext, MarkdownConfig } from '@lezer/markdown'

/** Paragraphs (and other inline runs) at least this long are shown as plain text in the editor. */
export const LONG_INLINE_RUN = 20_000

/**
 * An editor grammar extension: the inline content of a paragraph of {@link LONG_INLINE_RUN}
 * characters or more (a pasted 400 KB line, a huge table row) is taken as plain text instead of
 * being parsed for emphasis, links and code. Its inline parse runs on the window's thread and is
 * redone whenever the paragraph is re-read, ~0.1 s per keystroke for 400 KB; the preview still
 * renders it as the site does.
 */
export const longParagraphAsText: MarkdownConfig = {
  parseInline: [{
    name: 'LongParagraphAsText',
    parse(cx: InlineContext, _next: number, pos: number) {
      return pos === cx.offset && cx.end - cx.offset >= LONG_INLINE_RUN ? cx.end : -1
    },
    before: 'Escape',
  }],
}
