import { describe, expect, it } from 'vitest'
import { parsePublishableKey } from './publishable-keys.js'
import { createRateLimiter, parseRateLimit } from './rate-limit.js'
import { effectiveCap, typeInScope, UNSCOPED } from './scope.js'
import { createSlotReservations, fileIdStem, slotFileId } from './token-slots.js'
import { mintToken, verifyToken } from './upload-token.js'

const secret = Buffer.from('s'.repeat(32))
const claims = { owner: 'key-1', types: null, maxFileSize: null, maxFiles: null, iat: 1_000, exp: 2_000 }

describe('upload tokens', () => {
  it('verify what they mint, until they expire', () => {
    const { token, claims: minted } = mintToken(secret, claims)
    expect(token).toMatch(/^dg_tk_[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/)
    expect(verifyToken(secret, token, 1_500)).toEqual({ ok: true, claims: minted })
    expect(verifyToken(secret, token, 2_000)).toEqual({ ok: false, reason: 'expired' })
  })

  it('refuse tampering, other secrets and garbage', () => {
    const { token } = mintToken(secret, claims)
    const [payload, mac] = token.slice(6).split('.') as [string, string]
    const widened = Buffer.from(JSON.stringify({ ...claims, jti: 'x', maxFiles: 999 })).toString('base64url')
    expect(verifyToken(secret, `dg_tk_${widened}.${mac}`, 1_500).ok).toBe(false)
    expect(verifyToken(Buffer.from('t'.repeat(32)), token, 1_500)).toEqual({
      ok: false,
      reason: 'bad-signature',
    })
    expect(verifyToken(secret, `dg_tk_${payload}`, 1_500)).toEqual({ ok: false, reason: 'malformed' })
    expect(verifyToken(secret, `${token}.x`, 1_500)).toEqual({ ok: false, reason: 'malformed' })
    expect(verifyToken(secret, 'dg_sk_abc', 1_500)).toEqual({ ok: false, reason: 'malformed' })
  })
})

describe('scope', () => {
  it('matches exact types and family patterns', () => {
    const scope = { types: ['image/*', 'video/mp4'], maxFileSize: 5, maxFiles: null }
    expect(typeInScope(scope, 'image/png')).toBe(true)
    expect(typeInScope(scope, 'video/mp4')).toBe(true)
    expect(typeInScope(scope, 'video/webm')).toBe(false)
    expect(typeInScope(scope, 'audio/mpeg')).toBe(false)
    expect(typeInScope(UNSCOPED, 'audio/mpeg')).toBe(true)
    expect(effectiveCap(scope, 10)).toBe(5)
    expect(effectiveCap(scope, 3)).toBe(3)
    expect(effectiveCap(UNSCOPED, 3)).toBe(3)
  })
})

describe('token slots', () => {
  it('give each slot a stable, distinct, unguessable id whatever the extension', () => {
    const a = slotFileId(secret, { jti: 'j', iat: 1_000 }, 0, 'png')
    expect(slotFileId(secret, { jti: 'j', iat: 1_000 }, 0, 'png')).toBe(a)
    expect(fileIdStem(slotFileId(secret, { jti: 'j', iat: 1_000 }, 0, 'jpg'))).toBe(fileIdStem(a))
    expect(slotFileId(secret, { jti: 'j', iat: 1_000 }, 1, 'png')).not.toBe(a)
    expect(slotFileId(secret, { jti: 'k', iat: 1_000 }, 0, 'png')).not.toBe(a)
    expect(slotFileId(Buffer.from('t'.repeat(32)), { jti: 'j', iat: 1_000 }, 0, 'png')).not.toBe(a)
  })

  it('remember which file holds which slot until the token expires', () => {
    let now = 0
    const reservations = createSlotReservations(() => now)
    reservations.reserve('j', 100, 'a.png', 0)
    expect(reservations.held('j', 'a.png')).toBe(0)
    expect(reservations.isReserved('j', 0)).toBe(true)
    expect(reservations.isReserved('j', 1)).toBe(false)
    now = 200
    reservations.reserve('other', 300, 'b.png', 0)
    expect(reservations.held('j', 'a.png')).toBeUndefined()
    expect(reservations.size()).toBe(1)
  })
})

describe('rate limiter', () => {
  it('allows `limit` hits a window, then says how long to wait', () => {
    let now = 0
    const limiter = createRateLimiter({ limit: 2, windowSeconds: 10 }, () => now)
    expect(limiter.hit('a')).toBe(0)
    expect(limiter.hit('a')).toBe(0)
    expect(limiter.hit('b')).toBe(0)
    now = 4_000
    expect(limiter.hit('a')).toBe(6)
    now = 10_000
    expect(limiter.hit('a')).toBe(0)
  })

  it('stays bounded in memory', () => {
    const limiter = createRateLimiter({ limit: 1, windowSeconds: 60 }, () => 0, 10)
    for (let i = 0; i < 100; i++) limiter.hit(`client-${i}`)
    expect(limiter.hit('client-99')).toBeGreaterThan(0)
  })

  it('parses <requests>/<seconds>', () => {
    expect(parseRateLimit('60/60')).toEqual({ limit: 60, windowSeconds: 60 })
    expect(parseRateLimit(' 5 / 1 ')).toEqual({ limit: 5, windowSeconds: 1 })
    for (const bad of ['', '0/60', '5/0', '5', 'a/b', '5/60/1']) expect(parseRateLimit(bad)).toBeNull()
  })
})

describe('publishable keys', () => {
  it('parse key|origin|origin entries', () => {
    const key = parsePublishableKey('dg_pk_demo|http://localhost:5173|https://shop.example.com')
    expect(key).toMatchObject({
      key: 'dg_pk_demo',
      origins: ['http://localhost:5173', 'https://shop.example.com'],
    })
    expect(typeof key === 'object' && key.owner).toMatch(/^pk-[0-9a-f]{16}$/)
    expect(parsePublishableKey('dg_pk_demo')).toMatch(/names no origin/)
    expect(parsePublishableKey('dg_pk_demo|https://x.example/path')).toMatch(/not an origin/)
    expect(parsePublishableKey('short|https://x.example')).toMatch(/8 to 128/)
  })
})
