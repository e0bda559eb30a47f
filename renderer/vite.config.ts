import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'
import { fileURLToPath } from 'node:url'

const here = fileURLToPath(new URL('.', import.meta.url))

/** Builds the writing window (React + CodeMirror) into dist/renderer; Electron and browser mode load the same files. */
export default defineConfig({
  root: here,
  base: './',
  plugins: [react()],
  resolve: {
    alias: [
      // its "browser" build decodes entities with document.createElement, which does not exist in the parse Web Worker
      { find: /^decode-named-character-reference$/, replacement: fileURLToPath(new URL('../node_modules/decode-named-character-reference/index.js', import.meta.url)) },
      // @nuxtjs/mdc (the 2.13 family's parser) imports Nuxt's virtual modules; outside Nuxt they are empty
      { find: /^#mdc-imports$/, replacement: fileURLToPath(new URL('../shared/parser-213/mdc-imports-stub.ts', import.meta.url)) },
      { find: /^#mdc-configs$/, replacement: fileURLToPath(new URL('../shared/parser-213/mdc-configs-stub.ts', import.meta.url)) },
    ],
  },
  // @nuxtjs/mdc reads process.dev for fences in languages the site does not load; there is no process in the worker
  define: { 'process.dev': 'false' },
  worker: { format: 'es' },
  build: { outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)), emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 4000 },
})
