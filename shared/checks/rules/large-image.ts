import { findingAt, type CheckRule } from '../check-input'
import { siteImageReferences } from '../site-image-references'

/** Images larger than this slow the page down noticeably (1 MB). */
const LARGE_IMAGE_BYTES = 1024 * 1024

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
}

/** A referenced public image over 1 MB: it slows the page down for every reader, most on phones. */
export const largeImage: CheckRule = {
  id: 'large-image',
  run(input) {
    return siteImageReferences(input)
      .filter((image) => image.file !== null && image.file.bytes > LARGE_IMAGE_BYTES)
      .map((image) => findingAt(input, 'large-image', {
        severity: 'warning',
        message: `The image ${image.url} is ${megabytes(image.file!.bytes)}, over the 1 MB limit: it slows the page down, most on phones. Resize or recompress it (e.g. 1600 px wide, JPEG or WebP); images dropped into Inkpost's editor are optimised for you.`,
        from: image.reference.from,
        to: image.reference.to,
      }))
  },
}
