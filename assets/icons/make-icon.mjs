// Draws the Inkpost app icon (assets/icons/icon.png, 512×512 RGBA) with Node only: shapes as
// signed distances, 4×4 supersampling for smooth edges, and a tiny PNG encoder (zlib + CRC32).
// Run: node assets/icons/make-icon.mjs   (the PNG is committed; rerun only to change the design)
import { writeFileSync } from 'node:fs'
import { deflateSync } from 'node:zlib'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const SIZE = 512
const SAMPLES = 4

// --- shapes (coordinates in 0..512, y down); each returns a signed distance (negative inside) ---
const roundedRect = (x, y, cx, cy, hw, hh, r) => {
  const qx = Math.abs(x - cx) - hw + r
  const qy = Math.abs(y - cy) - hh + r
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r
}
const circle = (x, y, cx, cy, r) => Math.hypot(x - cx, y - cy) - r
// An ink drop: a circle with a pointed top (union of a circle and a cone tangent to it).
const drop = (x, y) => {
  const cx = 256, cy = 250, r = 92, tipY = 64
  const body = circle(x, y, cx, cy, r)
  // cone from the tip to the tangent points of the circle
  const h = cy - tipY
  const sinA = r / h
  const cosA = Math.sqrt(1 - sinA * sinA)
  const dx = Math.abs(x - cx), dy = y - tipY
  const along = dy * cosA + dx * sinA // distance along the cone side direction
  const side = dx * cosA - dy * sinA // signed distance to the cone side
  const tangentY = tipY + h * cosA * cosA
  const cone = y > tangentY ? Infinity : along < 0 ? Math.hypot(dx, dy) : side
  return Math.min(body, cone)
}

/** Colour of one sample point as [r, g, b, a] in 0..1. */
function sample(x, y) {
  const bg = roundedRect(x, y, 256, 256, 232, 232, 104)
  if (bg > 0) return [0, 0, 0, 0]
  // background: diagonal gradient indigo → violet
  const t = Math.min(1, Math.max(0, (x + y) / 1024))
  let color = [0.31 + 0.17 * t, 0.27 - 0.04 * t, 0.9 - 0.05 * t]
  // the white ink drop
  if (drop(x, y) < 0) color = [1, 1, 1]
  // three "text lines" of a post under the drop
  const lines = [[392, 150], [424, 110], [456, 70]]
  for (const [ly, half] of lines) if (roundedRect(x, y, 256, ly, half, 9, 9) < 0) color = [1, 1, 1]
  return [...color, 1]
}

const pixels = Buffer.alloc(SIZE * (SIZE * 4 + 1))
for (let py = 0; py < SIZE; py++) {
  const row = py * (SIZE * 4 + 1)
  pixels[row] = 0 // filter: none
  for (let px = 0; px < SIZE; px++) {
    let r = 0, g = 0, b = 0, a = 0
    for (let sy = 0; sy < SAMPLES; sy++) {
      for (let sx = 0; sx < SAMPLES; sx++) {
        const [cr, cg, cb, ca] = sample(px + (sx + 0.5) / SAMPLES, py + (sy + 0.5) / SAMPLES)
        r += cr * ca; g += cg * ca; b += cb * ca; a += ca
      }
    }
    const o = row + 1 + px * 4
    const n = SAMPLES * SAMPLES
    pixels[o] = a ? Math.round((r / a) * 255) : 0
    pixels[o + 1] = a ? Math.round((g / a) * 255) : 0
    pixels[o + 2] = a ? Math.round((b / a) * 255) : 0
    pixels[o + 3] = Math.round((a / n) * 255)
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
const crc32 = (buf) => {
  let c = 0xffffffff
  for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}
const chunk = (type, data) => {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([len, body, crc])
}
const header = Buffer.alloc(13)
header.writeUInt32BE(SIZE, 0)
header.writeUInt32BE(SIZE, 4)
header[8] = 8 // bit depth
header[9] = 6 // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(pixels, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
])
const out = join(dirname(fileURLToPath(import.meta.url)), 'icon.png')
writeFileSync(out, png)
console.log(`wrote ${out} (${SIZE}×${SIZE}, ${png.length} bytes)`)
