import { describe, expect, it } from 'vitest'
import { linkPath, readLink } from './verified-link.js'

const secret = Buffer.alloc(32, 7)
const claim = {
  owner: 'key-abc',
  fileId: 'mabc123-AAAAAAAAAAAAAAAAAAAAAAAA.png',
  cap: 1000,
  exp: 2_000_000_000,
}

function parse(path: string) {
  const url = new URL(path, 'http://x')
  const [, , owner = '', fileId = ''] = url.pathname.split('/')
  return { owner, fileId, query: Object.fromEntries(url.searchParams) }
}

describe('verified links', () => {
  it('a link reads back as its claim until it expires', () => {
    const { owner, fileId, query } = parse(linkPath(secret, claim))
    expect(readLink(secret, owner, fileId, query, 1_999_999_999_000)).toEqual(claim)
    expect(readLink(secret, owner, fileId, query, 2_000_000_000_000)).toBeNull()
  })

  it('a raised cap, a stretched lifetime, another file or another secret does not verify', () => {
    const { owner, fileId, query } = parse(linkPath(secret, claim))
    const now = 1_000_000_000_000
    expect(readLink(secret, owner, fileId, { ...query, cap: '1001' }, now)).toBeNull()
    expect(readLink(secret, owner, fileId, { ...query, exp: '2000000001' }, now)).toBeNull()
    expect(readLink(secret, 'key-abd', fileId, query, now)).toBeNull()
    expect(readLink(secret, owner, fileId.replace('png', 'gif'), query, now)).toBeNull()
    expect(readLink(Buffer.alloc(32, 8), owner, fileId, query, now)).toBeNull()
    expect(readLink(secret, owner, fileId, { ...query, sig: undefined }, now)).toBeNull()
    expect(readLink(secret, owner, fileId, { ...query, cap: '1e3' }, now)).toBeNull()
    expect(readLink(secret, owner, fileId, { ...query, cap: '01000' }, now)).toBeNull()
    expect(readLink(secret, owner, fileId, { ...query, sig: `${query.sig}!` }, now)).toBeNull()
    expect(readLink(secret, '../x', fileId, query, now)).toBeNull()
  })
})

describe("verified links with an upload token's media rules", () => {
  const withMedia = { ...claim, media: { image: { minSide: 128 }, duration: { maxSeconds: 60 } } }

  it('carry them under the MAC, and read back with them', () => {
    const path = linkPath(secret, withMedia)
    expect(path).toContain('&m=n128_t60&')
    const { owner, fileId, query } = parse(path)
    expect(readLink(secret, owner, fileId, query, 1_000_000_000_000)).toEqual(withMedia)
  })

  it('an altered, added or removed m= does not verify', () => {
    const now = 1_000_000_000_000
    const { owner, fileId, query } = parse(linkPath(secret, withMedia))
    expect(readLink(secret, owner, fileId, { ...query, m: 'n64_t60' }, now)).toBeNull()
    expect(readLink(secret, owner, fileId, { ...query, m: 'n128' }, now)).toBeNull()
    expect(readLink(secret, owner, fileId, { ...query, m: undefined }, now)).toBeNull()
    expect(readLink(secret, owner, fileId, { ...query, m: 't60_n128' }, now)).toBeNull()
    const plain = parse(linkPath(secret, claim))
    expect(readLink(secret, owner, fileId, { ...plain.query, m: 'n128' }, now)).toBeNull()
    expect(readLink(secret, owner, fileId, { ...plain.query, m: '' }, now)).toBeNull()
  })
})
