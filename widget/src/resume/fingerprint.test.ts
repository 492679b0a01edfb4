import { describe, expect, it } from 'vitest'
import { fingerprintOf } from './fingerprint.js'

const file = (bytes: Uint8Array<ArrayBuffer>, name = 'video.mp4', lastModified = 1_700_000_000_000) =>
  new File([bytes], name, { type: 'video/mp4', lastModified })
const bytes = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) % 251)

describe('fingerprintOf', () => {
  it('is the same for the same file picked again', async () => {
    const data = bytes(4096, 1)
    expect(await fingerprintOf(file(data), 1024)).toBe(await fingerprintOf(file(data.slice()), 1024))
  })

  it('differs for another file of the same name, size, type and date', async () => {
    const a = await fingerprintOf(file(bytes(4096, 1)), 1024)
    const b = await fingerprintOf(file(bytes(4096, 2)), 1024)
    expect(a.split('|').slice(0, 4)).toEqual(b.split('|').slice(0, 4))
    expect(a).not.toBe(b)
  })

  it('reads only the first part: a change after it is the size or date that tells', async () => {
    const data = bytes(4096, 1)
    const changedLate = data.slice()
    changedLate[3000] = (changedLate[3000] as number) ^ 0xff
    expect(await fingerprintOf(file(changedLate), 1024)).toBe(await fingerprintOf(file(data), 1024))
    expect(await fingerprintOf(file(data, 'video.mp4', 1), 1024)).not.toBe(
      await fingerprintOf(file(data), 1024),
    )
    expect(await fingerprintOf(file(data, 'other.mp4'), 1024)).not.toBe(await fingerprintOf(file(data), 1024))
  })

  it('keeps a name with the separator apart', async () => {
    const data = bytes(10, 3)
    expect(await fingerprintOf(file(data, 'a|b.mp4'), 1024)).toMatch(/^a%7Cb\.mp4\|10\|video\/mp4\|/)
  })
})
