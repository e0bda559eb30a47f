import { memo, useEffect, useId, useMemo, useRef, useState } from 'react'
import { addTags, dateFieldError, findFrontmatter, frontmatterErrorPlace, readFrontmatter, setFrontmatterField, setFrontmatterRaw, splitTagInput, tagSuggestions, validateDate, type FormKey } from '../text/frontmatter-document'

/** Props of the frontmatter form. */
export interface FrontmatterFormProps {
  /** The whole post text (the form follows it, including edits typed into the YAML). */
  text: string
  /** Replaces the whole post text (the caller applies it to the editor as a minimal change). */
  onChange: (text: string) => void
  /** The parser's frontmatter error for this post (the banner's), so the form reports the same line and column. */
  parserError?: { message: string; line?: number; column?: number } | null
  /** The site's tags with their counts, offered as suggestions in the tag field. */
  siteTags?: ReadonlyArray<{ tag: string; count: number }>
}

/** Puts `yaml` back between the fences of `text`. */
function withYaml(text: string, yaml: string): string {
  const span = findFrontmatter(text)
  if (!span) return `---\n${yaml.replace(/\n?$/, '\n')}---\n\n${text}`
  const trimmed = yaml.replace(/\n$/, '')
  if (span.yaml === '') return text.slice(0, span.yamlFrom) + (trimmed ? trimmed + '\n' : '') + text.slice(span.yamlTo)
  return text.slice(0, span.yamlFrom) + trimmed + text.slice(span.yamlTo)
}

/** A text input that edits a draft locally while focused and shows the outside value otherwise. */
function useDraft(value: string, keepOnBlur?: (draft: string) => boolean): [string, (v: string) => void, { onFocus: () => void; onBlur: () => void }] {
  const [draft, setDraft] = useState(value)
  const focused = useRef(false)
  useEffect(() => { if (!focused.current) setDraft(value) }, [value])
  return [draft, setDraft, { onFocus: () => { focused.current = true }, onBlur: () => { focused.current = false; if (!keepOnBlur?.(draft)) setDraft(value) } }]
}

/**
 * The frontmatter form: title, description, date (YYYY-MM-DD), tags, draft, summary, and the other
 * keys as raw YAML. Every edit rewrites only the touched value in the YAML (comments and key order
 * stay); typing in the YAML updates the form.
 */
export const FrontmatterForm = memo(function FrontmatterForm({ text, onChange, parserError, siteTags }: FrontmatterFormProps) {
  const span = findFrontmatter(text)
  const yaml = span?.yaml ?? ''
  // the form re-renders on every keystroke in the body: parse the YAML only when it changed
  const read = useMemo(() => readFrontmatter(yaml), [yaml])
  const fields = read.ok ? read.fields : null
  // an invalid date stays in the field (with its error) when it loses focus, rather than silently reverting
  const [date, setDate, dateFocus] = useDraft(fields?.date ?? '', (draft) => validateDate(draft.trim()) !== null)
  const dateError = fields ? dateFieldError(date, fields.date) : null
  const errorPlace = useMemo(() => frontmatterErrorPlace(text, read, parserError), [text, read, parserError])
  const suggestionsId = useId()
  const suggestions = useMemo(() => tagSuggestions(siteTags ?? [], fields?.tags ?? []), [siteTags, fields?.tags])
  const [raw, setRaw, rawFocus] = useDraft(fields?.raw ?? '')
  const [tagInput, setTagInput] = useState('')
  const [errors, setErrors] = useState<Partial<Record<FormKey | 'raw', string>>>({})
  const rawTimer = useRef<ReturnType<typeof setTimeout> | null>(null)
  // edits may be committed later (debounce, blur): always start from the latest text, never a stale render's
  const latest = useRef(text)
  latest.current = text
  const currentYaml = () => findFrontmatter(latest.current)?.yaml ?? ''

  const setField = (key: FormKey, value: string | boolean | string[]) => {
    try {
      onChange(withYaml(latest.current, setFrontmatterField(currentYaml(), key, value)))
      setErrors((e) => ({ ...e, [key]: undefined }))
    } catch (error) {
      setErrors((e) => ({ ...e, [key]: error instanceof Error ? error.message : String(error) }))
    }
  }
  const commitRaw = (value: string) => {
    try {
      onChange(withYaml(latest.current, setFrontmatterRaw(currentYaml(), value)))
      setErrors((e) => ({ ...e, raw: undefined }))
    } catch (error) {
      setErrors((e) => ({ ...e, raw: error instanceof Error ? error.message : String(error) }))
    }
  }
  /** Adds `typed` as tags, keeping `rest` in the field; a duplicate or empty tag is reported and stays typed. */
  const commitTags = (typed: string[], rest: string) => {
    if (!fields) return
    if (!typed.length) { setTagInput(rest); return }
    const next = addTags(fields.tags, typed)
    if ('error' in next) { setTagInput([...typed, rest].join(', ').replace(/, $/, '')); setErrors((e) => ({ ...e, tags: next.error })); return }
    setTagInput(rest)
    setField('tags', next.tags)
  }
  const addTag = () => commitTags(tagInput.trim() ? [tagInput.trim()] : [], '')

  if (!span) {
    return (
      <section className="frontmatter-form" data-testid="frontmatter-form" aria-label="Frontmatter">
        <div className="panel-title">Frontmatter</div>
        <p className="muted">This post has no frontmatter.</p>
        <button type="button" onClick={() => onChange(`---\ntitle: ''\ndate: '${new Date().toISOString().slice(0, 10)}'\n---\n\n${text}`)}>Add frontmatter</button>
      </section>
    )
  }
  const disabled = !fields
  return (
    <section className="frontmatter-form" data-testid="frontmatter-form" aria-label="Frontmatter">
      <div className="panel-title">Frontmatter</div>
      {!read.ok && errorPlace ? (
        <p className="field__error" role="alert" data-testid="fm-yaml-error" data-line={errorPlace.line} data-column={errorPlace.column}>
          The YAML has an error at line {errorPlace.line}, column {errorPlace.column}: {errorPlace.reason}. Fix it in the editor; the form follows.
        </p>
      ) : null}
      <label className="field">
        <span>Title</span>
        <input data-testid="fm-title" disabled={disabled} value={fields?.title ?? ''} onChange={(e) => setField('title', e.target.value)} />
      </label>
      <label className="field">
        <span>Description</span>
        <textarea data-testid="fm-description" rows={2} disabled={disabled} value={fields?.description ?? ''} onChange={(e) => setField('description', e.target.value)} />
      </label>
      <div className="field-row">
        <label className="field">
          <span>Date</span>
          <input
            data-testid="fm-date"
            disabled={disabled}
            value={date}
            placeholder="YYYY-MM-DD"
            aria-invalid={!!(dateError ?? errors.date)}
            aria-describedby={dateError ?? errors.date ? `${suggestionsId}-date-error` : undefined}
            {...dateFocus}
            onChange={(e) => {
              const value = e.target.value.trim()
              setDate(e.target.value)
              if (!validateDate(value) && value !== fields?.date) setField('date', value)
            }}
          />
          {dateError ?? errors.date ? <span className="field__error" role="alert" data-testid="fm-date-error" id={`${suggestionsId}-date-error`}>{dateError ?? errors.date}</span> : null}
        </label>
        <label className="field field--check">
          <input type="checkbox" data-testid="fm-draft" disabled={disabled} checked={fields?.draft ?? false} onChange={(e) => setField('draft', e.target.checked)} />
          <span>Draft</span>
        </label>
      </div>
      <div className="field">
        <span>Tags</span>
        <div className="tag-editor" data-testid="fm-tags">
          {(fields?.tags ?? []).map((tag, i) => (
            <span key={`${tag}-${i}`} className="tag tag--editable">
              {tag}
              <button type="button" aria-label={`Remove tag ${tag}`} disabled={disabled} onClick={() => setField('tags', fields!.tags.filter((_, j) => j !== i))}>×</button>
            </span>
          ))}
          <input
            data-testid="fm-tags-input"
            disabled={disabled}
            value={tagInput}
            placeholder="Add tag…"
            list={suggestions.length ? suggestionsId : undefined}
            aria-label="Add tag (Enter or comma adds it)"
            onChange={(e) => {
              const value = e.target.value
              setErrors((x) => ({ ...x, tags: undefined }))
              const native = e.nativeEvent as InputEvent
              if (native.isComposing) { setTagInput(value); return }
              // a picked suggestion is added at once; a typed comma finishes the tags before it
              if (native.inputType === 'insertReplacementText' && suggestions.includes(value.trim())) { commitTags([value.trim()], ''); return }
              const { tags, rest } = splitTagInput(value)
              if (tags.length) commitTags(tags, rest)
              else setTagInput(value)
            }}
            onBlur={() => { if (tagInput.trim()) addTag() }}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.nativeEvent.isComposing) { e.preventDefault(); addTag() }
              if (e.key === 'Backspace' && tagInput === '' && fields?.tags.length) setField('tags', fields.tags.slice(0, -1))
            }}
          />
          {suggestions.length ? <datalist id={suggestionsId} data-testid="fm-tag-suggestions">{suggestions.map((tag) => <option key={tag} value={tag} />)}</datalist> : null}
        </div>
        {errors.tags ? <span className="field__error" role="alert">{errors.tags}</span> : null}
      </div>
      <label className="field">
        <span>Summary</span>
        <textarea data-testid="fm-summary" rows={2} disabled={disabled} value={fields?.summary ?? ''} onChange={(e) => setField('summary', e.target.value)} />
      </label>
      <label className="field">
        <span>Other keys (YAML)</span>
        <textarea
          data-testid="fm-raw"
          className="mono"
          rows={4}
          spellCheck={false}
          disabled={disabled}
          value={raw}
          aria-invalid={!!errors.raw}
          onFocus={rawFocus.onFocus}
          onBlur={() => { if (rawTimer.current) clearTimeout(rawTimer.current); commitRaw(raw); rawFocus.onBlur() }}
          onChange={(e) => {
            const value = e.target.value
            setRaw(value)
            if (rawTimer.current) clearTimeout(rawTimer.current)
            rawTimer.current = setTimeout(() => commitRaw(value), 600)
          }}
        />
        {errors.raw ? <span className="field__error" role="alert">{errors.raw}</span> : null}
      </label>
      {errors.title || errors.description || errors.summary || errors.draft ? <p className="field__error" role="alert">{errors.title ?? errors.description ?? errors.summary ?? errors.draft}</p> : null}
    </section>
  )
})
