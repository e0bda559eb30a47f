#!/usr/bin/env node
// The `inkpost` command: parse posts to Nuxt Content JSON, or serve the app in a browser.
// The real code is bundled into dist/ by `npm run build` (run automatically by `npm ci`).
import { existsSync } from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'

const entry = fileURLToPath(new URL('../dist/cli/inkpost.mjs', import.meta.url))
if (!existsSync(entry)) {
  process.stderr.write('inkpost: the CLI is not built yet. Run `npm run build` (or `npm ci`) in the Inkpost folder first.\n')
  process.exit(2)
}
const { main } = await import(pathToFileURL(entry).href)
process.exitCode = await main(process.argv.slice(2))
