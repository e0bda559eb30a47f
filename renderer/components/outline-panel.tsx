import { memo } from 'react'
import type { TocLink } from '../../shared/parser/parse-types'

/** Props of the outline. */
export interface OutlinePanelProps {
  links: TocLink[]
  /** The heading the preview is showing, highlighted in the outline. */
  activeId?: string | null
  onSelect: (id: string) => void
}

function flatten(links: TocLink[], out: TocLink[] = []): TocLink[] {
  for (const link of links) {
    out.push(link)
    if (link.children) flatten(link.children, out)
  }
  return out
}

/** The post's outline from `body.toc`; clicking an entry moves the editor and the preview to that heading. */
export const OutlinePanel = memo(function OutlinePanel({ links, activeId, onSelect }: OutlinePanelProps) {
  const items = flatten(links)
  const minDepth = items.reduce((m, l) => Math.min(m, l.depth), 6)
  return (
    <nav className="outline" data-testid="outline" aria-label="Outline">
      <div className="panel-title">Outline</div>
      {items.length === 0 ? <p className="outline__empty">No headings yet. Add <code>## A heading</code> to build the outline.</p> : null}
      <ul>
        {items.map((link) => (
          <li key={link.id}>
            <button
              type="button"
              className={link.id === activeId ? 'outline-item is-active' : 'outline-item'}
              aria-current={link.id === activeId ? 'location' : undefined}
              data-testid="outline-item"
              data-id={link.id}
              style={{ paddingLeft: 12 + (link.depth - minDepth) * 14 }}
              onClick={() => onSelect(link.id)}
              title={link.text}
            >{link.text}</button>
          </li>
        ))}
      </ul>
    </nav>
  )
})
