// Browser mode: the window layout — panes resize by dragging their dividers, toolbar toggles show
// and hide panels, and the layout is remembered across a reload.
import { expect, expectPostOpen, openApp, test } from '../fixtures/app-page'
import { SAMPLE_POST } from '../fixtures/paths'

test('panes resize by dragging, panels toggle, and the layout is remembered after a reload', async ({ page, inkpost }) => {
  await openApp(page, inkpost, `#/post/${SAMPLE_POST}`)
  await expectPostOpen(page, SAMPLE_POST)
  const library = page.getByTestId('library')
  const widthOf = async () => (await library.boundingBox())!.width
  const before = await widthOf()

  const handle = page.getByRole('separator', { name: 'Resize library' })
  const box = (await handle.boundingBox())!
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
  await page.mouse.down()
  await page.mouse.move(box.x + box.width / 2 + 60, box.y + box.height / 2, { steps: 4 })
  await page.mouse.move(box.x + box.width / 2 + 120, box.y + box.height / 2, { steps: 4 })
  await page.mouse.up()
  await expect.poll(widthOf, { message: 'the library got 120 px wider' }).toBeGreaterThan(before + 110)
  const widened = await widthOf()
  expect(widened).toBeLessThan(before + 130)

  // toggles: the outline on, the preview off and on again
  await expect(page.getByTestId('outline')).toBeHidden()
  await page.getByTestId('toggle-outline').click()
  await expect(page.getByTestId('outline')).toBeVisible()
  await page.getByTestId('view-editor').click()
  await expect(page.getByTestId('preview')).toBeHidden()
  await page.getByTestId('view-split').click()
  await expect(page.getByTestId('preview')).toBeVisible()

  await page.reload()
  await expectPostOpen(page, SAMPLE_POST)
  await expect(page.getByTestId('outline')).toBeVisible()
  expect(Math.abs((await widthOf()) - widened), 'library width remembered').toBeLessThan(2)
})
