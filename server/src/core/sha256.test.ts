import { createHash } from 'node:crypto'
import { expect, test } from 'vitest'
import { sha256Bytes, sha256Hex } from './sha256.js'

test.each(['', 'abc', 'PUT\n/b/k\nX-Amz-Date=20240305T060708Z', 'héllo 日本 😀', 'x'.repeat(10_000)])(
  'one-shot SHA-256 of %j is createHash’s, as hex and as bytes',
  (value) => {
    const expected = createHash('sha256').update(value, 'utf8').digest()
    expect(sha256Hex(value)).toBe(expected.toString('hex'))
    expect(sha256Bytes(value)).toEqual(expected)
  },
)
