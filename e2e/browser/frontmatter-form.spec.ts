// Browser mode: the frontmatter form's details — a tag typed with a trailing comma or left in the
// field on blur is added, the site's tags are offered, a date error clears as soon as the date is
// valid, and the YAML-error banner and the form name the same line and column.
import { parse as parseYaml } from 'yaml'
import { ensurePanel, expect, expectPostOpen, libraryItem, openApp, openPost, saveScreenshot, test, visibleEditorText } from '../fixtures/app-page'
import { SAMPLE_POST } from '../fixtures/paths'

/** The frontmatter of the editor's text, parsed. */
async function frontmatter(page: import('@playwright/test').Page): Promise<Record<string, unknown>> {
  const match = /^---\n([\s\S]*?)\n---(?:\n|$)/.exec(await visibleEditorText(page))
  return match ? parseYaml(match[1]) as Record<string, unknown> : {}
}

test('a tag typed with a trailing comma is added at once, one left in the field is added on blur, and site tags are offered', async ({ page, inkpost }) => {
  inkpost.writePost('recipes/stew.md', "---\ntitle: 'Stew'\ndate: '2024-02-10'\ntags: [요리, 겨울]\n---\n\nBody\n")
  await openApp(page, inkpost)
  await openPost(page, SAMPLE_POST)
  const form = await ensurePanel(page, 'frontmatter-form', 'toggle-frontmatter')
  const input = form.getByTestId('fm-tags-input')

  await input.pressSequentially('e2e,')
  await expect(input).toHaveValue('')
  await expect.poll(async () => (await frontmatter(page)).tags).toEqual(['LLM', 'LLaMA2', 'paper review', 'NLP', 'e2e'])

  await input.click()
  await page.keyboard.insertText('논문')
  await page.keyboard.type(',')
  await expect.poll(async () => (await frontmatter(page)).tags).toEqual(['LLM', 'LLaMA2', 'paper review', 'NLP', 'e2e', '논문'])

  // left in the field: added when the field loses focus
  await input.fill('blurred')
  await form.getByTestId('fm-title').click()
  await expect(input).toHaveValue('')
  await expect.poll(async () => (await frontmatter(page)).tags).toEqual(['LLM', 'LLaMA2', 'paper review', 'NLP', 'e2e', '논문', 'blurred'])
  await expect(form.getByTestId('fm-tags')).toContainText('blurred')

  // a duplicate is refused with a reason and stays in the field
  await input.pressSequentially('llm,')
  await expect(form.getByRole('alert')).toContainText('Duplicate tag')
  await expect(input).toHaveValue('llm')

  // the site's other tags are offered (not the ones already on the post)
  const suggestions = form.getByTestId('fm-tag-suggestions').locator('option')
  await expect(suggestions).toHaveCount(2)
  expect(await suggestions.evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value).sort())).toEqual(['겨울', '요리'].sort())
  await expect(input).toHaveAttribute('list', await form.getByTestId('fm-tag-suggestions').getAttribute('id') ?? 'missing')
})

test('a date error clears as soon as the date is valid again', async ({ page, inkpost }) => {
  await openApp(page, inkpost)
  await openPost(page, SAMPLE_POST)
  const form = await ensurePanel(page, 'frontmatter-form', 'toggle-frontmatter')
  const date = form.getByTestId('fm-date')
  const error = form.getByTestId('fm-date-error')

  await date.fill('2024-13-01')
  await expect(error).toHaveText('Not a real calendar date.')
  await expect(date).toHaveAttribute('aria-invalid', 'true')
  expect((await frontmatter(page)).date, 'an invalid date is not written').toBe('2024-01-16')

  await date.press('Backspace')
  await expect(error).toHaveText('Use the form YYYY-MM-DD.')
  await date.fill('2024-12-01')
  await expect(error).toBeHidden()
  await expect(date).toHaveAttribute('aria-invalid', 'false')
  await expect.poll(async () => (await frontmatter(page)).date).toBe('2024-12-01')

  // an invalid date left in the field keeps its error after blur; fixing it clears the error
  await date.fill('2024-02-30')
  await form.getByTestId('fm-title').click()
  await expect(date).toHaveValue('2024-02-30')
  await expect(error).toBeVisible()
  await date.fill('2024-02-29')
  await expect(error).toBeHidden()
  await expect.poll(async () => (await frontmatter(page)).date).toBe('2024-02-29')
})

test('the YAML-error banner and the form report the same line and column', async ({ page, inkpost }) => {
  // line 4 of the file is where the parser notices that the flow list on line 3 never closed
  inkpost.writePost('blog/broken-yaml.md', "---\ntitle: Broken\ntags: [a, b\ndate: '2024-01-01'\n---\n\nThe body still previews.\n")
  // an unclosed quote: js-yaml (the site's parser) and the form's YAML library place it differently
  inkpost.writePost('blog/broken-quote.md', '---\ntitle: Quote\ndescription: "never closed\ndate: x\n---\n\nBody.\n')
  await openApp(page, inkpost)
  for (const [file, where] of [['blog/broken-yaml.md', { line: 4, column: 1 }], ['blog/broken-quote.md', null]] as const) {
    await libraryItem(page, file).click()
    await expectPostOpen(page, file)
    const form = await ensurePanel(page, 'frontmatter-form', 'toggle-frontmatter')
    const banner = page.getByTestId('frontmatter-error')
    await expect(banner).toBeVisible()
    const [, line, column] = /\(line (\d+), column (\d+)\)/.exec(await banner.innerText()) ?? []
    expect(line, 'the banner names a line').toBeDefined()
    if (where) expect({ line: Number(line), column: Number(column) }).toEqual(where)
    const formError = form.getByTestId('fm-yaml-error')
    await expect(formError).toHaveAttribute('data-line', line)
    await expect(formError).toHaveAttribute('data-column', column)
    await expect(formError).toContainText(`line ${line}, column ${column}`)
    if (where) await saveScreenshot(page, 'frontmatter-form-yaml-error')
  }
})
