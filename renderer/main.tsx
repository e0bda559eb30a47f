import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { connectHost, stripTokenFromUrl } from './host/host-client'
import { installFileDropGuard } from './host/file-drop-guard'
import { WorkspaceStore } from './state/workspace-store'
import { App } from './components/app'
import '../assets/styles/app.css'
import '../assets/styles/prose.css'

// The host is detected before any post content is in the DOM (see connectHost).
const host = connectHost()
stripTokenFromUrl()
installFileDropGuard()
const store = new WorkspaceStore(host)
createRoot(document.getElementById('root')!).render(<StrictMode><App store={store} /></StrictMode>)
void store.start()
