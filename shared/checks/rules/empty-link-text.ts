import { findingAt, type CheckRule } from '../check-input'
import { locateLinks } from '../locate-links'

/**
 * An external link with no visible text (`[](https://…)`, an empty `<a>`): readers see nothing to
 * click and screen readers read out the bare URL. Links that show an image count as having content.
 */
export const emptyLinkText: CheckRule = {
  id: 'empty-link-text',
  run(input) {
    return locateLinks(input)
      .filter((link) => /^(?:https?:)?\/\//i.test(link.href.trim()) && link.text === '' && !link.media)
      .map((link) => findingAt(input, 'empty-link-text', {
        severity: 'warning',
        message: `The link to ${link.href} has no text, so readers see nothing to click and screen readers read out the URL. Write the link text between the brackets: [text](${link.written}).`,
        from: link.from,
        to: link.to,
      }))
  },
}
