import type { MinimarkElement, MinimarkNode, ParsedBody } from './parse-types'
import { isSafeAttribute } from './safe-attributes'

/** A hast node after rehype (loosely typed: elements, text, comments, root). */
interface HastLike {
  type: string
  tagName?: string
  properties?: Record<string, unknown>
  children?: HastLike[]
  value?: string
  position?: { start?: { line?: number; column?: number; offset?: number } }
}

/** Set by the parser's probe on a heading that rehype-slug gives an id: the text it slugs. */
export const SLUG_TEXT = Symbol('inkpost.slug-text')

/** A compiled heading and where it came from (see {@link CompileTrack}). */
export interface TrackedHeading {
  node: MinimarkElement
  /** Index of the top-level child it is (or is inside of). */
  block: number
  /** Its own source offset when it is a top-level markdown heading, else undefined (use the block's). */
  offset: number | undefined
  /** The text rehype-slug slugged for its id, when its id came from rehype-slug. */
  slugText: string | undefined
}

/** What a tracked compile records besides the body: the compiled headings in document order. */
export interface CompileTrack {
  headings: TrackedHeading[]
  /** The top-level child being compiled. */
  block: number
}

/** Raised when an element cannot be compiled; carries the element's position in the markdown body. */
export class CompileError extends Error {
  constructor(message: string, readonly position: { line: number; column: number } | undefined) {
    super(message)
  }
}

/** `"--1--intro-"` → `"_1-intro"` (what Nuxt Content does to every heading id): collapse dashes, trim them, prefix a leading digit with `_`. */
export function cleanHeadingId(id: string): string {
  return id.replace(/-+/g, '-').replace(/-$/, '').replace(/^-/, '').replace(/^(\d)/, '_$1')
}

/** Keeps only safe attributes (see {@link isSafeAttribute}), in their order. */
function safeProps(node: HastLike): Record<string, unknown> {
  const props: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(node.properties ?? {})) {
    let keep: boolean
    try {
      keep = isSafeAttribute(key, value)
    } catch (error) {
      const start = node.position?.start
      const where = start?.line ? { line: start.line, column: start.column ?? 1 } : undefined
      throw new CompileError(`Cannot check <${node.tagName}>: ${(error as Error).message}`, where)
    }
    if (keep) props[key] = value
  }
  return props
}

/**
 * Turns li paragraphs into inline content: each `<p>` is unwrapped, and a `<br>` separates it
 * from a previous one (Nuxt Content renders loose list items without paragraphs).
 */
function flattenListItemParagraphs(children: HastLike[]): HastLike[] {
  const out: HastLike[] = []
  let sawParagraph = false
  for (const child of children) {
    if (child.type === 'element' && child.tagName === 'p') {
      if (sawParagraph) out.push({ type: 'element', tagName: 'br', properties: {}, children: [] })
      sawParagraph = true
      out.push(...(child.children ?? []))
    } else {
      out.push(child)
    }
  }
  return out
}

let track: CompileTrack | null = null

function compileElement(node: HastLike): MinimarkElement {
  const props = node.properties ? safeProps(node) : undefined
  const tag = node.tagName as string
  if (props && tag.startsWith('h') && props.id) props.id = cleanHeadingId(String(props.id))
  let children = node.children ?? []
  if (tag === 'li') children = flattenListItemParagraphs(children)
  const element: MinimarkElement = {
    type: 'element',
    tag: tag === 'component-slot' ? 'template' : tag,
    props: props as Record<string, unknown>,
    children: [],
  }
  if (track && /^h[1-6]$/.test(tag)) {
    const slugText = (node as unknown as Record<symbol, unknown>)[SLUG_TEXT]
    track.headings.push({ node: element, block: track.block, offset: undefined, slugText: typeof slugText === 'string' ? slugText : undefined })
  }
  element.children = compileChildren(children)
  return element
}

function compileChildren(nodes: HastLike[]): MinimarkNode[] {
  const out: MinimarkNode[] = []
  for (const node of nodes) {
    const compiled = compileNode(node)
    if (compiled) out.push(compiled)
  }
  return out
}

function compileNode(node: HastLike): MinimarkNode | undefined {
  switch (node.type) {
    case 'element':
      return compileElement(node)
    case 'text':
      // Newlines between blocks only exist for HTML serialisation; the site drops them.
      return node.value === '\n' ? undefined : { type: 'text', value: node.value ?? '' }
    case 'comment':
      return undefined
    default:
      // Anything else (never produced by the pipeline in practice) is kept with compiled children.
      return { ...node, children: compileChildren(node.children ?? []) } as unknown as MinimarkNode
  }
}

/**
 * Compiles the rehype tree into Nuxt Content's minimark body: `{type:'root', children}` of
 * `{type, tag, props, children}` elements and `{type, value}` texts, with unsafe attributes
 * removed, heading ids cleaned, slots as `<template>` and comments / newline texts dropped.
 */
export function compileMinimark(root: HastLike): ParsedBody {
  return { type: 'root', children: compileChildren(root.children ?? []) }
}

/** A top-level compiled child and the hast node it was compiled from. */
export interface CompiledBlock {
  node: MinimarkNode
  source: HastLike
}

/**
 * {@link compileMinimark}, also returning each top-level child's hast node (whose `position`
 * says where it came from) and every compiled heading in document order, for the parser's side
 * table of source positions. The body is the same as compileMinimark's.
 */
export function compileMinimarkTracked(root: HastLike): { body: ParsedBody; blocks: CompiledBlock[]; headings: TrackedHeading[] } {
  const blocks: CompiledBlock[] = []
  const state: CompileTrack = { headings: [], block: 0 }
  track = state
  try {
    for (const child of root.children ?? []) {
      state.block = blocks.length
      const before = state.headings.length
      const compiled = compileNode(child)
      if (!compiled) continue
      blocks.push({ node: compiled, source: child })
      if (state.headings.length > before && state.headings[before].node === compiled) state.headings[before].offset = child.position?.start?.offset
    }
  } finally {
    track = null
  }
  return { body: { type: 'root', children: blocks.map(b => b.node) }, blocks, headings: state.headings }
}
