import { createHmac, randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { hmacKey, hmacSha256, hmacSha256Hex } from './hmac-sha256.js'

const reference = (key: Uint8Array | string, message: string) =>
  createHmac('sha256', key).update(message, 'utf8').digest()

describe('hmacSha256', () => {
  // Keys shorter than, equal to and longer than SHA-256's 64-byte block (hashed first), and empty.
  const keys: (Uint8Array | string)[] = [
    Buffer.alloc(0),
    randomBytes(16),
    randomBytes(32),
    randomBytes(63),
    randomBytes(64),
    randomBytes(65),
    randomBytes(200),
    'AWS4secret',
    'é'.repeat(40), // a string key of 80 UTF-8 bytes
  ]
  // Empty, ASCII, multi-byte UTF-8, a surrogate pair, a lone surrogate, and one longer than the buffer.
  const messages = [
    '',
    'abc',
    'AWS4-HMAC-SHA256\n20261203T120000Z\nscope\nhash',
    'ünïcödé ✓',
    '😀x',
    '\ud800',
    'x'.repeat(5000),
    '€'.repeat(3000),
  ]

  it('equals createHmac for every key length and message', () => {
    for (const key of keys)
      for (const message of messages) {
        const prepared = hmacKey(key)
        expect(hmacSha256(prepared, message).equals(reference(key, message))).toBe(true)
        expect(hmacSha256Hex(prepared, message)).toBe(reference(key, message).toString('hex'))
      }
  })

  it('matches RFC 4231 test case 2', () => {
    const mac = hmacSha256Hex(hmacKey('Jefe'), 'what do ya want for nothing?')
    expect(mac).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843')
  })

  it('keeps each key its own while MACs interleave, and returns buffers that later MACs leave alone', () => {
    const [k1, k2] = [randomBytes(32), randomBytes(32)]
    const [p1, p2] = [hmacKey(k1), hmacKey(k2)]
    const first = hmacSha256(p1, 'one')
    const second = hmacSha256(p2, 'two')
    hmacSha256(p1, 'three'.repeat(500))
    expect(first.equals(reference(k1, 'one'))).toBe(true)
    expect(second.equals(reference(k2, 'two'))).toBe(true)
  })

  it('copies the key: changing the caller’s bytes afterwards changes nothing', () => {
    const key = randomBytes(32)
    const copy = Buffer.from(key)
    const prepared = hmacKey(key)
    key.fill(0)
    expect(hmacSha256(prepared, 'm').equals(reference(copy, 'm'))).toBe(true)
  })
})
