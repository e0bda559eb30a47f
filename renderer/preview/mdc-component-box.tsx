import { createElement, type ReactNode } from 'react'
import type { MinimarkElement, MinimarkNode } from '../../shared/parser/parse-types'
import { propText, slotNameOf } from '../../shared/render/mdc-slots'

/** Props of the labelled box that stands in for an MDC (Vue) component the preview cannot run. */
export interface MdcComponentBoxProps {
  name: string
  props: Record<string, unknown>
  nodes: MinimarkNode[]
  inline: boolean
  renderChildren: (nodes: MinimarkNode[]) => ReactNode[]
  extra?: Record<string, unknown>
}

/**
 * An MDC component (`::alert{type="info"}`, `:badge[x]`, `<MyComponent>`) drawn as a labelled box: its
 * name, its props (as text), the default slot and each named slot (`#footer`).
 */
export function MdcComponentBox({ name, props, nodes, inline, renderChildren, extra }: MdcComponentBoxProps): ReactNode {
  const entries = Object.entries(props).filter(([key]) => !/^on/i.test(key))
  const propList = entries.map(([key, value]) =>
    createElement('span', { key, className: 'mdc-prop' },
      createElement('span', { className: 'mdc-prop__key' }, key === 'className' ? 'class' : key),
      '=',
      createElement('span', { className: 'mdc-prop__value' }, propText(Array.isArray(value) && key === 'className' ? value.join(' ') : value))))
  if (inline) {
    return createElement('span', { className: 'mdc-inline', 'data-component': name, ...extra },
      createElement('span', { className: 'mdc-inline__name' }, `:${name}`),
      ...renderChildren(nodes),
      propList.length ? createElement('span', { className: 'mdc-inline__props' }, ...propList) : null)
  }
  const defaultSlot: MinimarkNode[] = []
  const named: Array<{ name: string; nodes: MinimarkNode[] }> = []
  for (const node of nodes) {
    const slot = slotNameOf(node)
    if (slot === null) defaultSlot.push(node)
    else named.push({ name: slot, nodes: (node as MinimarkElement).children ?? [] })
  }
  const hasDefault = defaultSlot.some((n) => n.type === 'element' || n.value.trim() !== '')
  return createElement('div', { className: 'mdc-component', 'data-component': name, ...extra },
    createElement('div', { className: 'mdc-component__header' },
      createElement('span', { className: 'mdc-component__name' }, `::${name}`),
      propList.length ? createElement('span', { className: 'mdc-component__props' }, ...propList) : null),
    hasDefault ? createElement('div', { className: 'mdc-component__body' }, ...renderChildren(defaultSlot)) : null,
    ...named.map((slot, i) => createElement('div', { key: `slot-${i}`, className: 'mdc-slot', 'data-slot': slot.name },
      createElement('div', { className: 'mdc-slot__name' }, `#${slot.name}`),
      ...renderChildren(slot.nodes))),
    !hasDefault && named.length === 0 ? createElement('div', { className: 'mdc-component__empty' }, 'no content') : null)
}
