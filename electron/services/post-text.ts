const BOM = [0xef, 0xbb, 0xbf]

/** True when `bytes` starts with the UTF-8 byte order mark. */
export function hasBom(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === BOM[0] && bytes[1] === BOM[1] && bytes[2] === BOM[2]
}

/** The line ending a file uses, judged by its first line break (`\n` when it has none). */
export function detectEol(text: string): '\n' | '\r\n' {
  const lf = text.indexOf('\n')
  return lf > 0 && text[lf - 1] === '\r' ? '\r\n' : '\n'
}

/** Text with every `\r\n` / lone `\r` turned into `\n`. */
export function normaliseEol(text: string): string {
  return text.replace(/\r\n?/g, '\n')
}

/** The bytes to write for `text` with the given line ending and BOM (so a read/save round trip is byte-identical). */
export function encodePostText(text: string, eol: '\n' | '\r\n', bom: boolean): Uint8Array {
  let body = normaliseEol(text)
  if (eol === '\r\n') body = body.replace(/\n/g, '\r\n')
  const encoded = new TextEncoder().encode(body)
  if (!bom) return encoded
  const out = new Uint8Array(encoded.length + 3)
  out.set(BOM, 0)
  out.set(encoded, 3)
  return out
}

/** YAML single-quoted scalar, the style the sample post uses. */
export function yamlQuote(value: string): string {
  return `'${value.replace(/'/g, "''")}'`
}

/** The text of a new post: frontmatter in the sample post's style, draft, empty tags and summary. */
export function newPostTemplate(title: string, date: string): string {
  return ['---', `title: ${yamlQuote(title)}`, `date: ${yamlQuote(date)}`, 'tags: []', 'draft: true', "summary: ''", '---', '', ''].join('\n')
}

/** Local calendar date `YYYY-MM-DD` of a timestamp. */
export function localDate(ms: number): string {
  const d = new Date(ms)
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}

/** True for a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false
  const d = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value
}
