// The reference's side of the differential fuzz: a long-lived child process that parses posts
// with Nuxt Content 2.7.2's own transformers (argv[2] = the installed reference folder). The
// runner kills and restarts it when a post runs past its time (remark-mdc can loop forever).
// In: {job, source, id}; out: {job, json} or {job, error: {kind, message}}; first {ready: true}.
import { loadReferenceTransform } from '../../scripts/locate-reference.mjs'

console.warn = () => {} // the reference's unsafe-attribute notices are not answers
console.log = () => {}
const transform = await loadReferenceTransform(process.argv[2])

process.on('message', async ({ job, source, id }) => {
  try {
    const parsed = await transform(id, source)
    process.send({ job, json: JSON.stringify(parsed) })
  } catch (error) {
    const message = String(error?.message ?? error).split('\n')[0]
    process.send({ job, error: { kind: error?.name ?? 'Error', message } })
  }
})
process.send({ ready: true })
