import GithubSlugger from 'github-slugger'
import { hasProperty } from 'hast-util-has-property'
import { headingRank } from 'hast-util-heading-rank'
import { toString as hastToString } from 'hast-util-to-string'
import { schema as valueSortSchema } from 'rehype-sort-attribute-values/schema.js'
import { cleanHeadingId, compileMinimarkTracked, SLUG_TEXT, type TrackedHeading } from './compile-minimark'
import { probedProcessorFor, type MarkdownProcessor } from './markdown-processor'
import { excessiveNesting } from './nesting-depth'
import { forEachSection, parseInSections, sectionBreaks, sectionMayContinue } from './parse-in-sections'
import { buildContent, normalizeLineEnds, renderBody } from './parse-post'
import type { MinimarkNode, ParsedBody, ParseOutcome, PostParseError } from './parse-types'
import { PostParseFailure } from './post-parse-failure'
import { blockOffsets, headingRows, type PostPositions, type TopLevelEntry } from './post-positions'
import { rawHtmlIsSelfContained } from './raw-html-balance'
import { resolveSiteOptions, type ResolvedSiteOptions } from './resolve-site-options'
import type { ContentOptions } from './content-options'
import type { BodyPositionMapper } from './source-position'
import { bodyWithoutFrontmatter, splitFrontmatter } from './split-frontmatter'

/** A hast node as the probes see it. */
interface HastNode {
  type: string
  tagName?: string
  properties?: Record<string, unknown>
  children?: HastNode[]
  value?: string
  position?: { start?: { offset?: number } }
}

/** Per tag (or per property): how often each attribute (or value) occurs, and the orders they occur in. */
interface OrderTable {
  counts: Map<string, Map<string, number>>
  sequences: Map<string, Set<string>>
}

/** One section parsed on its own, as cached by its text. */
interface SectionResult {
  /** The section's last block could go on past its end (an unclosed fence): it cannot stand alone. */
  continues: boolean
  /** Why its result may differ inside the whole post (then the post is parsed whole), or null. */
  unsafe: string | null
  children: MinimarkNode[]
  /** Start of each child, relative to the section. */
  offsets: number[]
  headings: TrackedHeading[]
  attributes: OrderTable
  values: OrderTable
}

/** What one {@link IncrementalParser.tryParse} did, for tests and benchmarks. */
export interface IncrementalStats {
  mode: 'sections' | 'whole'
  /** Sections taken from the previous parses / parsed now (0/0 for a whole parse). */
  reused: number
  parsed: number
  /** Why the post was parsed whole, when it was. */
  why: string | null
}

/** {@link IncrementalParser.tryParse}'s result: the outcome `tryParsePost` gives, plus positions. */
export interface IncrementalOutcome extends ParseOutcome {
  /** Source offsets of the body's blocks and headings; null when the post could not be parsed. */
  positions: PostPositions | null
  /** Top-level body nodes of earlier results that this parse changed in place (a heading id renumbered). */
  touched: MinimarkNode[]
  stats: IncrementalStats
}

/** Joins a sequence of keys; a key holding it (a NUL in a class name, now that posts may hold NUL) is escaped first. */
const SEPARATOR = '\u0000'
const ESCAPE = '\u0001'
const escapeKey = (key: string): string => (key.includes(SEPARATOR) || key.includes(ESCAPE) ? key.split(ESCAPE).join(`${ESCAPE}e`).split(SEPARATOR).join(`${ESCAPE}s`) : key)

function emptyTable(): OrderTable {
  return { counts: new Map(), sequences: new Map() }
}

function count(table: OrderTable, group: string, keys: readonly string[]): void {
  let counts = table.counts.get(group)
  if (!counts) table.counts.set(group, (counts = new Map()))
  for (const key of keys) counts.set(escapeKey(key), (counts.get(escapeKey(key)) ?? 0) + 1)
  let sequences = table.sequences.get(group)
  if (!sequences) table.sequences.set(group, (sequences = new Set()))
  sequences.add(keys.map(escapeKey).join(SEPARATOR))
}

/** The elements rehype's element plugins visit (the element outline: through elements only), in order. */
function* outlineElements(root: HastNode): Generator<HastNode> {
  const stack: HastNode[] = [...(root.children ?? [])].reverse()
  while (stack.length) {
    const node = stack.pop() as HastNode
    if (node.type !== 'element') continue
    yield node
    const children = node.children ?? []
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i])
  }
}

function isElementOf(node: HastNode, test: string | string[] | null): boolean {
  if (test === null) return true
  return Array.isArray(test) ? test.includes(node.tagName ?? '') : node.tagName === test
}

/** What the probes record while one text runs through the probed processor. */
interface ProbeRecord {
  entries: TopLevelEntry[]
  rawHtml: string[]
  attributes: OrderTable
  values: OrderTable
  numericValues: boolean
  tables: boolean
}

let recording: ProbeRecord | null = null

/** The probes: mark the headings rehype-slug will name (with the text it slugs), record the top level and the attribute orders. */
const PROBES = {
  beforeRehype(tree: unknown): void {
    if (!recording) return
    for (const node of outlineElements(tree as HastNode)) {
      if (headingRank(node as never) && node.properties && !hasProperty(node as never, 'id')) {
        (node as unknown as Record<symbol, unknown>)[SLUG_TEXT] = hastToString(node as never)
      }
    }
  },
  beforeRaw(tree: unknown): void {
    const record = recording
    if (!record) return
    const root = tree as HastNode
    for (const child of root.children ?? []) {
      if (child.type === 'raw') {
        record.rawHtml.push(child.value ?? '')
        record.entries.push({ position: child.position, offset: child.position?.start?.offset, raw: true })
      } else if (child.type === 'element') {
        record.entries.push({ position: child.position, offset: child.position?.start?.offset, raw: false })
      }
    }
    if (!record.tables) return
    for (const node of outlineElements(root)) {
      const props = node.properties ?? {}
      const keys: string[] = []
      for (const key in props) if (Object.prototype.hasOwnProperty.call(props, key)) keys.push(key)
      count(record.attributes, node.tagName ?? '', keys)
      for (const key of keys) {
        const value = props[key]
        if (!Array.isArray(value) || !Object.prototype.hasOwnProperty.call(valueSortSchema, key) || !isElementOf(node, valueSortSchema[key as keyof typeof valueSortSchema])) continue
        if (value.some((v) => typeof v !== 'string')) record.numericValues = true
        count(record.values, key, value.map(String))
      }
    }
  },
}

/** The global order rehype-sort-attributes / rehype-sort-attribute-values give: more frequent first, then by code units. */
function ranks(counts: Map<string, number>): Map<string, number> {
  const keys = [...counts.keys()].sort((a, b) => (counts.get(b) as number) - (counts.get(a) as number) || (a < b ? -1 : a > b ? 1 : 0))
  return new Map(keys.map((key, i) => [key, i]))
}

/** Whether every order a section used is the order the whole post's counts give. */
function ordersHold(sections: readonly SectionResult[], pick: (s: SectionResult) => OrderTable): boolean {
  const totals = new Map<string, Map<string, number>>()
  for (const section of sections) {
    for (const [group, counts] of pick(section).counts) {
      let total = totals.get(group)
      if (!total) totals.set(group, (total = new Map()))
      for (const [key, n] of counts) total.set(key, (total.get(key) ?? 0) + n)
    }
  }
  const rankOf = new Map<string, Map<string, number>>()
  for (const section of sections) {
    for (const [group, sequences] of pick(section).sequences) {
      let rank = rankOf.get(group)
      if (!rank) rankOf.set(group, (rank = ranks(totals.get(group) as Map<string, number>)))
      for (const sequence of sequences) {
        if (!sequence.includes(SEPARATOR)) continue
        const keys = sequence.split(SEPARATOR)
        for (let i = 1; i < keys.length; i++) if ((rank.get(keys[i - 1]) as number) > (rank.get(keys[i]) as number)) return false
      }
    }
  }
  return true
}

/** The rehype-slug prefix of the site's plan; undefined when slug is off, null when it has options this parser does not re-derive. */
function slugPrefix(site: ResolvedSiteOptions): string | null | undefined {
  const slug = site.plan.rehype.find((p) => p.name === 'rehype-slug')
  if (!slug) return undefined
  const keys = Object.keys(slug.options)
  if (keys.some((k) => k !== 'prefix')) return null
  return typeof slug.options.prefix === 'string' ? slug.options.prefix : keys.length ? null : ''
}

/**
 * The preview's parser for one open post: keeps the previous parses' sections (the heading-
 * delimited pieces {@link sectionBreaks} finds) and, after an edit, parses only the sections whose
 * text changed, splicing the rest from its cache. Each section runs the site's real pipeline on
 * its own; the parts of the pipeline that look at the whole post are checked or re-derived so the
 * result is byte-identical to a full parse:
 * - heading ids (rehype-slug numbers duplicates in document order): re-assigned over the whole
 *   post with rehype-slug's own slugger and texts, then cleaned as Nuxt Content cleans them;
 * - attribute and class orders (rehype-sort-attributes / -attribute-values order by frequency in
 *   the whole post): each section's orders are checked against the whole post's counts;
 * - raw HTML (parsed as one stream at the top level): each section's must be self-contained
 *   ({@link rawHtmlIsSelfContained});
 * - the toc, title, description and excerpt are built from the spliced body as usual.
 * It parses the whole post instead when the post is short or has no safe break, uses something
 * that reaches across sections (link reference definitions, footnotes, block components, long
 * HTML), when a check fails, or when the site runs plugins of its own (loaded in Node).
 * Frontmatter edits only re-read the frontmatter. Returned documents share nodes with the cache:
 * they are valid until the next call (serialise or clone them before that).
 */
export class IncrementalParser {
  // by section text; a text that occurs k times in a post has k results (their nodes are mutated: never shared)
  private cache = new Map<string, SectionResult[]>()
  private used = new Map<string, SectionResult[]>()
  private readonly site: ResolvedSiteOptions
  private readonly probed: MarkdownProcessor
  private readonly prefix: string | null | undefined
  private stats: IncrementalStats = { mode: 'whole', reused: 0, parsed: 0, why: null }
  private touched: MinimarkNode[] = []

  constructor(content?: ContentOptions) {
    this.site = resolveSiteOptions(content)
    this.probed = probedProcessorFor(this.site.plan, PROBES)
    this.prefix = slugPrefix(this.site)
  }

  /** Parses a post (file text) like `tryParsePost`, reusing the sections of previous calls. Never throws. */
  tryParse(source: string, id: string): IncrementalOutcome {
    this.stats = { mode: 'whole', reused: 0, parsed: 0, why: null }
    this.touched = []
    this.used = new Map()
    const text = normalizeLineEnds(source)
    let positions: PostPositions | null = null
    const render = (offset: number) => {
      let calls = 0
      return (markdown: string, mapper: BodyPositionMapper, site: ResolvedSiteOptions): ParsedBody => {
        if (calls++) return this.renderBody(markdown, site, mapper, null).body // the excerpt: no positions
        const result = this.renderBody(markdown, site, mapper, offset)
        positions = result.positions
        return result.body
      }
    }
    let outcome: ParseOutcome
    try {
      const { body, bodyOffset, data } = splitFrontmatter(text)
      outcome = { parsed: buildContent(text, body, bodyOffset, data, id, this.site, render(bodyOffset)), error: null }
    } catch (error) {
      positions = null
      const detail: PostParseError = error instanceof PostParseFailure ? error.detail : { kind: 'parser', message: `Cannot parse this post: ${String((error as Error)?.message ?? error)}` }
      outcome = { parsed: null, error: detail }
      if (detail.kind === 'frontmatter') {
        try {
          const { body, bodyOffset } = bodyWithoutFrontmatter(text)
          outcome = { parsed: buildContent(text, body, bodyOffset, {}, id, this.site, render(bodyOffset)), error: detail }
        } catch {
          positions = null
        }
      }
    }
    // keep what this parse used plus the previous generation (an undo brings those sections back)
    for (const [key, value] of this.used) {
      this.cache.delete(key) // re-inserted last: the trim below keeps the newest
      this.cache.set(key, value)
    }
    if (this.cache.size > this.used.size * 2 + 8) this.cache = new Map([...this.cache].slice(-(this.used.size * 2 + 8)))
    const notices = this.site.notices
    return { ...outcome, ...(notices.length ? { notices: [...notices] } : {}), positions: outcome.parsed ? positions : null, touched: this.touched, stats: this.stats }
  }

  /** The body (sections when possible, else whole) and its positions; `offset` null for the excerpt (no positions kept). */
  private renderBody(markdown: string, site: ResolvedSiteOptions, mapper: BodyPositionMapper, offset: number | null): { body: ParsedBody; positions: PostPositions | null } {
    const spliced = this.renderSections(markdown, offset ?? 0)
    if (spliced) return spliced
    return this.renderWhole(markdown, site, mapper, offset ?? 0)
  }

  private whole(why: string): undefined {
    if (this.stats.why === null) this.stats = { mode: 'whole', reused: 0, parsed: 0, why }
    return undefined
  }

  private renderSections(markdown: string, base: number): { body: ParsedBody; positions: PostPositions } | undefined {
    if (!this.site.sections) return this.whole('the site keeps raw HTML unparsed or runs plugins of its own')
    if (this.prefix === null) return this.whole('rehype-slug has options this parser does not re-derive')
    const breaks = sectionBreaks(markdown)
    if (breaks.length === 0) return this.whole('no section breaks (short, or uses something document-wide)')
    const sections: Array<{ result: SectionResult; start: number }> = []
    let reused = 0
    let parsed = 0
    let failed: string | null = null
    forEachSection(markdown, breaks, (text, start, last) => {
      if (failed) return { continues: false }
      let taken = this.used.get(text)
      if (!taken) this.used.set(text, (taken = []))
      let result = this.cache.get(text)?.[taken.length]
      if (result) reused++
      else {
        result = this.parseSection(text, last)
        parsed++
      }
      taken.push(result)
      if (result.continues && !last) return { continues: true }
      if (result.unsafe) failed = result.unsafe
      sections.push({ result, start })
      return { continues: false }
    })
    if (failed) return this.whole(failed)
    const results = sections.map((s) => s.result)
    if (!ordersHold(results, (s) => s.attributes)) return this.whole('attribute orders differ from the whole post\'s')
    if (!ordersHold(results, (s) => s.values)) return this.whole('class orders differ from the whole post\'s')
    const slugger = new GithubSlugger()
    if (this.prefix !== undefined) for (const { result } of sections) {
      for (const heading of result.headings) {
        if (heading.slugText === undefined) continue
        const id = this.prefix + slugger.slug(heading.slugText)
        if (!id || !heading.node.props || !('id' in heading.node.props)) return this.whole('a heading without a usable id')
        const clean = cleanHeadingId(id)
        if (heading.node.props.id !== clean) {
          heading.node.props.id = clean
          this.touched.push(result.children[heading.block])
        }
      }
    }
    const children: MinimarkNode[] = []
    const blocks: number[] = []
    const headings: PostPositions['headings'] = []
    for (const { result, start } of sections) {
      for (let i = 0; i < result.children.length; i++) {
        children.push(result.children[i])
        blocks.push(base + start + result.offsets[i])
      }
      for (const row of headingRows(result.headings, result.offsets, base + start)) headings.push(row)
    }
    this.stats = { mode: 'sections', reused: this.stats.reused + reused, parsed: this.stats.parsed + parsed, why: null }
    return { body: { type: 'root', children }, positions: { blocks, headings } }
  }

  /** One section through the site's pipeline on its own, with what the checks need. */
  private parseSection(text: string, last: boolean): SectionResult {
    const empty: SectionResult = { continues: false, unsafe: null, children: [], offsets: [], headings: [], attributes: emptyTable(), values: emptyTable() }
    try {
      if (excessiveNesting(text)) return { ...empty, unsafe: 'nesting too deep' }
      const mdast = this.probed.parse(text)
      if (!last && sectionMayContinue(text, mdast)) return { ...empty, continues: true }
      const record: ProbeRecord = { entries: [], rawHtml: [], attributes: emptyTable(), values: emptyTable(), numericValues: false, tables: true }
      recording = record
      let hast: unknown
      try {
        hast = this.probed.runSync(mdast)
      } finally {
        recording = null
      }
      const compiled = compileMinimarkTracked(hast as Parameters<typeof compileMinimarkTracked>[0])
      const unsafe = !rawHtmlIsSelfContained(record.rawHtml) ? 'raw HTML that may reach past its section'
        : record.numericValues ? 'a numeric attribute value list' : null
      return {
        continues: false,
        unsafe,
        children: compiled.body.children,
        offsets: blockOffsets(compiled.blocks, record.entries),
        headings: compiled.headings,
        attributes: record.attributes,
        values: record.values,
      }
    } catch (error) {
      return { ...empty, unsafe: `a section failed to parse alone (${String((error as Error)?.message ?? error)})` }
    }
  }

  /** The whole body in one go (what `parsePost` does), tracked for positions; errors are the ones `parsePost` reports. */
  private renderWhole(markdown: string, site: ResolvedSiteOptions, mapper: BodyPositionMapper, base: number): { body: ParsedBody; positions: PostPositions | null } {
    if (excessiveNesting(markdown)) return { body: renderBody(markdown, mapper, site), positions: null } // throws the positioned error
    const record: ProbeRecord = { entries: [], rawHtml: [], attributes: emptyTable(), values: emptyTable(), numericValues: false, tables: false }
    try {
      const mdast = parseInSections((t) => this.probed.parse(t), markdown) ?? this.probed.parse(markdown)
      recording = record
      let hast: unknown
      try {
        hast = this.probed.runSync(mdast)
      } finally {
        recording = null
      }
      const compiled = compileMinimarkTracked(hast as Parameters<typeof compileMinimarkTracked>[0])
      const offsets = blockOffsets(compiled.blocks, record.entries)
      return {
        body: compiled.body,
        positions: { blocks: offsets.map((o) => base + o), headings: headingRows(compiled.headings, offsets, base) },
      }
    } catch {
      return { body: renderBody(markdown, mapper, site), positions: null } // the positioned error, or the same body without positions
    }
  }
}
