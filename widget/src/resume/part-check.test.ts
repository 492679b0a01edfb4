import { describe, expect, it } from 'vitest'
import { loadMd5 } from './md5.js'
import { checkParts } from './part-check.js'

// Real bytes and the ETags a store gives them (S3's: the quoted MD5 of each part), made here with
// Node's own MD5, not the widget's. The widget's tsconfig has no Node types (it is browser code).
const nodeCrypto = 'node:crypto'
const { createHash } = (await import(/* @vite-ignore */ nodeCrypto)) as {
  createHash(algorithm: string): { update(data: Uint8Array | string): { digest(encoding: 'hex'): string } }
}
const PART = 1000
const bytesOf = (size: number, seed: number) =>
  Uint8Array.from({ length: size }, (_, i) => (i * 131 + seed * 7 + (i >> 8)) % 256)
const md5Hex = (bytes: Uint8Array) => createHash('md5').update(bytes).digest('hex')
const etagsOf = (bytes: Uint8Array, numbers: number[]) =>
  new Map(numbers.map((n) => [n, `"${md5Hex(bytes.subarray((n - 1) * PART, n * PART))}"`]))
/** The same file with one byte changed in part `n`. */
const changedIn = (bytes: Uint8Array, n: number) => {
  const copy = bytes.slice()
  const at = (n - 1) * PART + 17
  copy[at] = (copy[at] as number) ^ 0x5a
  return copy
}
const plan = { fileSize: 4500, partSize: PART }
const original = bytesOf(4500, 1)

describe('checking stored parts against the local file', () => {
  it('keeps every stored part whose ETag is the MD5 of the same slice of the file', async () => {
    const stored = etagsOf(original, [1, 2, 3, 5])
    const checked = await checkParts(plan, stored, new Blob([original]), await loadMd5())
    expect(checked).toEqual({ kept: stored, changed: [], by: 'md5' })
  })

  it('sends again a stored part whose bytes changed, and keeps the others', async () => {
    const stored = etagsOf(original, [1, 2, 3, 4, 5])
    const edited = changedIn(changedIn(original, 3), 5)
    const checked = await checkParts(plan, stored, new Blob([edited]), await loadMd5())
    expect(checked.changed).toEqual([3, 5])
    expect([...checked.kept.keys()]).toEqual([1, 2, 4])
    expect(checked.by).toBe('md5')
  })

  it('calibrates on the first stored part even when part 1 is not stored', async () => {
    const stored = etagsOf(original, [2, 4])
    const checked = await checkParts(plan, stored, new Blob([changedIn(original, 4)]), await loadMd5())
    expect(checked).toEqual({ kept: new Map([[2, stored.get(2)]]), changed: [4], by: 'md5' })
  })

  it('treats ETags of MD5 shape that are not MD5s (SSE-KMS) as opaque: size only', async () => {
    // 32 hex digits, but of another hash: the first stored part's MD5 does not match.
    const opaque = new Map(
      [1, 2, 3].map((n) => [n, `"${createHash('sha256').update(`part${n}`).digest('hex').slice(0, 32)}"`]),
    )
    const checked = await checkParts(plan, opaque, new Blob([changedIn(original, 2)]), await loadMd5())
    expect(checked).toEqual({ kept: opaque, changed: [], by: 'size' })
  })

  it('checks by size an ETag that is not 32 hex digits, and the rest by MD5', async () => {
    const stored = etagsOf(original, [1, 2, 3])
    stored.set(2, '"opaque-etag-2"')
    const edited = changedIn(changedIn(original, 2), 3)
    const checked = await checkParts(plan, stored, new Blob([edited]), await loadMd5())
    expect([...checked.kept.keys()]).toEqual([1, 2])
    expect(checked.changed).toEqual([3])
    const none = new Map([
      [1, 'a-1'],
      [2, ''],
    ])
    expect(await checkParts(plan, none, new Blob([edited]), await loadMd5())).toEqual({
      kept: none,
      changed: [],
      by: 'size',
    })
  })

  it('hashes the short last part as its own length', async () => {
    const stored = etagsOf(original, [1, 5])
    expect(stored.get(5)).toBe(`"${md5Hex(original.subarray(4000))}"`)
    const checked = await checkParts(plan, stored, new Blob([original]), await loadMd5())
    expect(checked.kept.has(5)).toBe(true)
    expect(
      (await checkParts(plan, stored, new Blob([changedIn(original, 5)]), await loadMd5())).changed,
    ).toEqual([5])
  })

  it('without MD5 (WebAssembly refused) keeps what the sizes kept', async () => {
    const stored = etagsOf(original, [1, 3])
    const checked = await checkParts(plan, stored, new Blob([changedIn(original, 3)]), undefined)
    expect(checked).toEqual({ kept: stored, changed: [], by: 'size' })
  })
})

describe('MD5 of a part', () => {
  it('is the MD5 of its bytes, read a slice at a time', async () => {
    const big = bytesOf(9 * 1024 * 1024 + 5, 3)
    const blob = new Blob([big])
    const read: number[] = []
    const watched = {
      size: blob.size,
      slice: (start: number, end: number) => {
        read.push(Math.min(end, blob.size) - start)
        return blob.slice(start, end)
      },
    } as unknown as Blob
    const md5 = await loadMd5()
    expect(await md5?.(watched)).toBe(md5Hex(big))
    expect(read).toEqual([4 * 1024 * 1024, 4 * 1024 * 1024, 1024 * 1024 + 5])
    // The hasher starts afresh for each part.
    expect(await md5?.(new Blob([big.subarray(0, 10)]))).toBe(md5Hex(big.subarray(0, 10)))
  })
})
