/**
 * The Nuxt Content id of a file: `content:` + its path relative to the content folder with `/`
 * (or Windows `\`) turned into `:`, e.g. `blog/post.md` → `content:blog:post.md`.
 */
export function contentIdFor(relativeFile: string): string {
  const clean = relativeFile.replace(/\\/g, '/').replace(/^\.\//, '').replace(/^\/+/, '')
  return 'content:' + clean.split('/').join(':')
}
