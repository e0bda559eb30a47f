import { findingAt, pagePathOf, type CheckRule } from '../check-input'
import { siteImageReferences } from '../site-image-references'

/**
 * An image the post shows from the site (`/images/x.png`, or a relative path the browser resolves
 * against the page URL) that is not in the public folder: readers would see a broken image.
 * Skipped when the site's public files are not known; remote and inline images are not checked.
 */
export const missingImage: CheckRule = {
  id: 'missing-image',
  run(input) {
    if (input.site.publicFiles === null) return []
    return siteImageReferences(input)
      .filter((image) => image.file === null)
      .map((image) => {
        const { reference } = image
        const relative = image.kind === 'relative'
          ? ` A relative image path is resolved against this page's URL (${pagePathOf(input)}), so the browser asks for ${image.url}; write the path from the site root (/images/…) instead.`
          : ''
        const where = reference.kind === 'frontmatter' ? ` (frontmatter "${reference.where}")` : ''
        return findingAt(input, 'missing-image', {
          severity: 'error',
          message: `Missing image "${reference.src}"${where}: there is no file ${image.url} in the site's public folder, so readers would see a broken image. Add the file there or fix the path.${relative}`,
          from: reference.from,
          to: reference.to,
        })
      })
  },
}
