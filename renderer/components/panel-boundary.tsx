import { Component, type ErrorInfo, type ReactNode } from 'react'

/** Props of {@link PanelBoundary}. */
export interface PanelBoundaryProps {
  /** The panel's name, for the message ("The preview could not be shown"). */
  name: string
  /** When this changes (a new parse, another post), a failed panel tries again by itself. */
  resetKey?: unknown
  children: ReactNode
}

interface State {
  error: Error | null
  key: unknown
}

/**
 * An error boundary around one panel: a render error in the preview, the library, the outline or
 * a form (e.g. an odd frontmatter value) shows a message in that panel instead of blanking the
 * whole window; the editor and the text stay usable. The panel renders again when `resetKey`
 * changes or the user asks.
 */
export class PanelBoundary extends Component<PanelBoundaryProps, State> {
  state: State = { error: null, key: undefined }

  static getDerivedStateFromError(error: Error): Partial<State> {
    return { error }
  }

  static getDerivedStateFromProps(props: PanelBoundaryProps, state: State): Partial<State> | null {
    if (props.resetKey !== state.key) return { key: props.resetKey, error: null }
    return null
  }

  componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`inkpost: the ${this.props.name} failed to render`, error, info.componentStack)
  }

  render(): ReactNode {
    if (!this.state.error) return this.props.children
    return (
      <div className="panel-error banner banner--warn" role="alert" data-testid="panel-error">
        <p>The {this.props.name} could not be shown: {this.state.error.message}. Your text is safe; keep writing.</p>
        <button type="button" onClick={() => this.setState({ error: null })}>Try again</button>
      </div>
    )
  }
}
