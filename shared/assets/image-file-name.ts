/** Placeholders an image name pattern may use. */
export const IMAGE_NAME_VARIABLES = ['date', 'yyyy', 'mm', 'n', 'slug', 'name', 'ext'] as const

/** Values for the placeholders except `{n}`, which {@link nextImageName} chooses. */
export interface ImageNameVariables {
  /** YYYY-MM-DD. */
  date: string
  slug: string
  name: string
  ext: string
}

/** Longest base name kept from a dropped file or a post slug. */
const MAX_NAME_LENGTH = 80

/**
 * Turns any file name fragment into a safe, readable one: Unicode NFC (macOS hands out decomposed
 * Hangul), no separators, control characters, `..`, or characters that break URLs, HTML attributes
 * or markdown links; whitespace becomes `-`. Korean and other scripts are kept as they are.
 */
export function sanitizeNamePart(input: string): string {
  let name = input.normalize('NFC')
  // eslint-disable-next-line no-control-regex
  name = name.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]/g, '')
  name = name.replace(/[/\\:*?"'<>|#%&{}[\]()^`~!$;=+@,]/g, '-')
  name = name.replace(/\s+/g, '-')
  name = name.replace(/\.{2,}/g, '.')
  name = name.replace(/-{2,}/g, '-')
  name = name.replace(/^[-.]+|[-.]+$/g, '')
  if (name.length > MAX_NAME_LENGTH) name = name.slice(0, MAX_NAME_LENGTH).replace(/[-.]+$/, '')
  return name
}

/** The base name of a dropped file without its extension (`My photo.JPG` → `My photo`). */
export function baseNameOf(fileName: string): string {
  const last = fileName.split(/[/\\]/).pop() ?? ''
  const dot = last.lastIndexOf('.')
  return dot > 0 ? last.slice(0, dot) : last
}

/** The slug of a post for `{slug}`: its file name without `.md` and without a leading `YYYY-MM-DD-`. */
export function postSlugOf(file: string): string {
  const base = baseNameOf(file)
  return sanitizeNamePart(base.replace(/^\d{4}-\d{2}-\d{2}-?/, '')) || sanitizeNamePart(base) || 'post'
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

function fill(pattern: string, vars: ImageNameVariables, n: string): string {
  const values: Record<string, string> = { date: vars.date, yyyy: vars.date.slice(0, 4), mm: vars.date.slice(5, 7), slug: vars.slug, name: vars.name, ext: vars.ext, n }
  return pattern.replace(/\{([a-z]+)\}/g, (whole, key: string) => (key in values ? values[key] : whole))
}

/**
 * A file name from `pattern` for the given variables and number, e.g. `{date}-{n}.{ext}` →
 * `2024-01-16-5.png`. Unknown placeholders are left as written (the settings refuse them).
 */
export function imageFileName(pattern: string, vars: ImageNameVariables, n: number): string {
  return fill(pattern, vars, String(n))
}

/**
 * The number `{n}` takes next in a folder holding `existing` names: one more than the highest
 * number already used by a name of this pattern (whatever its extension, so `-5.jpg` follows
 * `-4.png`), or 1. The sample post, with `2024-01-16-1.png` … `-4.png`, gets 5.
 */
export function nextImageNumber(pattern: string, vars: ImageNameVariables, existing: Iterable<string>): number {
  const source = fill(pattern, { ...vars, ext: '\u0001' }, '\u0002')
  const regex = new RegExp(`^${escapeRegExp(source).replace('\u0002', '(\\d+)').replace('\u0001', '[A-Za-z0-9]+')}$`, 'i')
  let highest = 0
  for (const name of existing) {
    const match = regex.exec(name.normalize('NFC'))
    if (match) highest = Math.max(highest, Number(match[1]))
  }
  return highest + 1
}

/** Names the next image: {@link nextImageNumber} filled into the pattern. */
export function nextImageName(pattern: string, vars: ImageNameVariables, existing: Iterable<string>): { name: string; n: number } {
  const n = nextImageNumber(pattern, vars, existing)
  return { name: imageFileName(pattern, vars, n), n }
}

/**
 * The date an image is named by: the post's frontmatter date as YYYY-MM-DD, or `today` (with
 * `fromPost` false) when the post has none or it is not a real date.
 */
export function imageDateFor(postDate: unknown, today: string): { date: string; fromPost: boolean } {
  let candidate: string | null = null
  if (postDate instanceof Date && !Number.isNaN(postDate.getTime())) candidate = postDate.toISOString().slice(0, 10)
  else if (typeof postDate === 'string') candidate = /^(\d{4}-\d{2}-\d{2})/.exec(postDate.trim())?.[1] ?? null
  if (candidate) {
    const [y, m, d] = candidate.split('-').map(Number)
    const check = new Date(Date.UTC(y, m - 1, d))
    if (check.getUTCFullYear() === y && check.getUTCMonth() === m - 1 && check.getUTCDate() === d) return { date: candidate, fromPost: true }
  }
  return { date: today, fromPost: false }
}
