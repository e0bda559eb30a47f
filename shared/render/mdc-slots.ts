import type { MinimarkNode } from '../parser/parse-types'

/** The slot name of a `<template v-slot:name>` child of an MDC component (`default` for `<template>` without one), or null for other nodes. */
export function slotNameOf(node: MinimarkNode): string | null {
  if (node.type !== 'element' || node.tag !== 'template') return null
  for (const key of Object.keys(node.props ?? {})) {
    const match = /^(?:v-slot:|#)(.+)$/.exec(key)
    if (match) return match[1]
  }
  return 'default'
}

/** An MDC component's prop value as text for its labelled box: strings as-is, everything else as JSON (never as markup). */
export function propText(value: unknown): string {
  if (typeof value === 'string') return value
  try {
    return JSON.stringify(value) ?? String(value)
  } catch {
    return String(value)
  }
}
