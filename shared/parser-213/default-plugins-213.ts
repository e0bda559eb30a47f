/** The remark plugins a 2.13 site runs by default (mdc's defaults plus remark-emoji from the mdc module). */
export const DEFAULT_REMARK_213: readonly string[] = ['remark-mdc', 'remark-gfm', 'remark-emoji']
/** The rehype plugins a 2.13 site runs by default (@nuxtjs/mdc's defaults). */
export const DEFAULT_REHYPE_213: readonly string[] = ['rehype-external-links', 'rehype-sort-attribute-values', 'rehype-sort-attributes', 'rehype-raw']
