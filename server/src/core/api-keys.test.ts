import { describe, expect, it } from 'vitest'
import { matchApiKey, newSecretKey, parseApiKey, sha256 } from './api-keys.js'

describe('api keys', () => {
  it('accepts raw and sha256 entries and gives both the same owner', () => {
    const raw = parseApiKey('secret-one')
    const hashed = parseApiKey(`sha256:${sha256('secret-one').toString('hex').toUpperCase()}`)
    expect(raw?.owner).toMatch(/^key-[0-9a-f]{16}$/)
    expect(hashed?.owner).toBe(raw?.owner)
  })

  it('refuses malformed entries', () => {
    expect(parseApiKey('')).toBeNull()
    expect(parseApiKey('   ')).toBeNull()
    expect(parseApiKey('sha256:abc')).toBeNull()
    expect(parseApiKey(`sha256:${'z'.repeat(64)}`)).toBeNull()
  })

  it('matches only the presented key', () => {
    const keys = ['alpha', `sha256:${sha256('beta').toString('hex')}`].map((e) => parseApiKey(e) ?? fail(e))
    expect(matchApiKey(keys, 'alpha')).toBe(keys[0])
    expect(matchApiKey(keys, 'beta')).toBe(keys[1])
    expect(matchApiKey(keys, 'gamma')).toBeNull()
    expect(matchApiKey(keys, 'alpha ')).toBeNull()
    expect(matchApiKey([], 'alpha')).toBeNull()
  })

  it('mints keys whose printed entry matches them', () => {
    const { key, entry } = newSecretKey()
    expect(key).toMatch(/^dg_sk_[A-Za-z0-9_-]{43}$/)
    expect(matchApiKey([parseApiKey(entry) ?? fail(entry)], key)).not.toBeNull()
    expect(newSecretKey().key).not.toBe(key)
  })
})

function fail(entry: string): never {
  throw new Error(`did not parse: ${entry}`)
}
