// Browser mode: the site's own settings. A site whose nuxt.config.ts turns on highlight
// (github-dark) and whose package.json asks for @nuxt/content 2.13.4 is previewed as that site
// renders it: coloured code blocks, and the status bar says what the preview reproduces.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { editorContent, expect, openApp, openPost, saveScreenshot, test } from '../fixtures/app-page'

test('a 2.13.4 site with highlight github-dark previews coloured code, and the editor colours the fence too', async ({ page, inkpost }) => {
  writeFileSync(join(inkpost.siteDir, 'nuxt.config.ts'), "export default defineNuxtConfig({\n  modules: ['@nuxt/content'],\n  content: { highlight: { theme: 'github-dark' }, markdown: { toc: { depth: 3 } } },\n})\n")
  writeFileSync(join(inkpost.siteDir, 'package.json'), JSON.stringify({ name: 'my-blog', private: true, dependencies: { nuxt: '^3.13.0', '@nuxt/content': '2.13.4' } }, null, 2))
  inkpost.writePost('blog/2024-02-01-code.md', "---\ntitle: Some code\ndate: 2024-02-01\n---\n\n## Setup\n\n```ts\nconst answer: number = 42\nexport default answer\n```\n")
  await inkpost.api('site', 'open', inkpost.siteDir)
  await openApp(page, inkpost)
  await expect(page.getByTestId('status-target')).toHaveText(/^Nuxt Content 2\.13\.4 · highlight github-dark · toc depth 3/)
  await openPost(page, 'blog/2024-02-01-code.md')
  const block = page.getByTestId('preview').locator('.code-block[data-highlighted="true"]')
  await expect(block).toBeVisible()
  const keyword = block.locator('.hl', { hasText: 'const' }).first()
  await expect(keyword).toHaveCSS('color', 'rgb(249, 117, 131)') // github-dark's keyword colour, #F97583
  // the editor highlights the fence by its language (CodeMirror's language data, loaded on first use)
  await expect.poll(() => editorContent(page).locator('.cm-line', { hasText: 'const answer' }).locator('span').count()).toBeGreaterThan(2)
  await saveScreenshot(page, 'site-settings-highlight')
})
