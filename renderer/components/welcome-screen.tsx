import { useEffect, useState } from 'react'
import type { Services } from '../../shared/ipc/service-contract'

/** Props of the no-site screen. */
export interface WelcomeScreenProps {
  services: Services
  /** Called after a site was opened. */
  onOpened: () => void
}

/** Shown when no site is open: recent sites to reopen, or a folder path to open. */
export function WelcomeScreen({ services, onOpened }: WelcomeScreenProps) {
  const [recent, setRecent] = useState<string[]>([])
  const [path, setPath] = useState('')
  const [error, setError] = useState<string | null>(null)
  useEffect(() => { void services.site.recent().then(setRecent, () => setRecent([])) }, [services])
  const open = async (dir: string) => {
    setError(null)
    try {
      await services.site.open(dir)
      onOpened()
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    }
  }
  return (
    <div className="welcome">
      <h1>Open a Nuxt Content site</h1>
      <p className="muted">Inkpost edits the markdown posts in a site's <code>content/</code> folder and previews them exactly as the site renders them.</p>
      {recent.length ? (
        <ul className="welcome__recent">
          {recent.map((dir) => <li key={dir}><button type="button" onClick={() => void open(dir)}>{dir}</button></li>)}
        </ul>
      ) : null}
      <form className="welcome__open" onSubmit={(e) => { e.preventDefault(); if (path.trim()) void open(path.trim()) }}>
        <input value={path} onChange={(e) => setPath(e.target.value)} placeholder="/path/to/your/site" aria-label="Site folder" spellCheck={false} />
        <button type="submit" className="primary">Open</button>
      </form>
      {error ? <p className="field__error" role="alert">{error}</p> : null}
    </div>
  )
}
