import { describe, expect, it } from 'vitest'
import {
  corsDocument,
  corsGaps,
  expiryDays,
  lifecycleDocument,
  lifecycleFor,
  parseCors,
  parseLifecycle,
  quarantineLifecycleDocument,
  uploadsLifecycle,
} from './bucket-config.js'

const ORIGINS = ['https://app.example.com', 'http://localhost:5173']

describe('CORS rules', () => {
  it('the document setup writes lets every origin upload and read ETag', () => {
    const xml = corsDocument(ORIGINS)
    expect(xml).toMatch(
      /^<CORSConfiguration xmlns="http:\/\/s3\.amazonaws\.com\/doc\/2006-03-01\/"><CORSRule><ID>dropgate<\/ID>/,
    )
    expect(corsGaps(parseCors(xml).rules, ORIGINS)).toEqual([])
  })

  it('keeps the bucket other rules and replaces its own', () => {
    const existing =
      '<CORSConfiguration><CORSRule><ID>cdn</ID><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule>' +
      '<CORSRule><ID>dropgate</ID><AllowedOrigin>https://old.example</AllowedOrigin><AllowedMethod>PUT</AllowedMethod></CORSRule></CORSConfiguration>'
    const { rules } = parseCors(corsDocument(ORIGINS, existing))
    expect(rules.map((rule) => rule.id)).toEqual(['cdn', 'dropgate'])
    expect(rules[1]?.origins).toEqual(ORIGINS)
  })

  it('finds what an origin could not do, as S3 matches rules (wildcards included)', () => {
    const rules = parseCors(
      '<CORSConfiguration>' +
        '<CORSRule><AllowedOrigin>https://*.example.com</AllowedOrigin><AllowedMethod>PUT</AllowedMethod><AllowedMethod>POST</AllowedMethod>' +
        '<AllowedMethod>GET</AllowedMethod><AllowedMethod>DELETE</AllowedMethod><AllowedHeader>Content-*</AllowedHeader></CORSRule>' +
        '<CORSRule><AllowedOrigin>http://localhost:5173</AllowedOrigin><AllowedMethod>GET</AllowedMethod><AllowedMethod>PUT</AllowedMethod>' +
        '<ExposeHeader>etag</ExposeHeader></CORSRule></CORSConfiguration>',
    ).rules
    expect(corsGaps(rules, ORIGINS)).toEqual([
      'https://app.example.com cannot read the ETag header (ExposeHeader ETag is missing)',
      // PUT needs Content-Type allowed; this rule allows no request headers.
      'http://localhost:5173 may not PUT/POST/DELETE with Content-Type',
    ])
    expect(corsGaps([], ['https://x.example'])).toEqual([
      'https://x.example may not PUT/POST/GET/DELETE with Content-Type',
    ])
  })
})

describe('lifecycle rules', () => {
  it('expiry is DROPGATE_FILE_TTL in whole days, at least one', () => {
    expect(expiryDays(604_800)).toBe(7)
    expect(expiryDays(604_801)).toBe(8)
    expect(expiryDays(60)).toBe(1)
  })

  it('the document setup writes expires uploads/, aborts incomplete uploads, expires quarantine/ after a day, keeping other rules', () => {
    const existing =
      '<LifecycleConfiguration><Rule><ID>logs</ID><Prefix>logs/</Prefix><Status>Enabled</Status><Expiration><Days>30</Days></Expiration></Rule>' +
      '<Rule><ID>dropgate-expire-uploads</ID><Filter><Prefix>uploads/</Prefix></Filter><Status>Enabled</Status><Expiration><Days>99</Days></Expiration></Rule></LifecycleConfiguration>'
    const { rules } = parseLifecycle(lifecycleDocument(7, existing))
    expect(rules).toEqual([
      { id: 'logs', enabled: true, prefix: 'logs/', expirationDays: 30, abortIncompleteDays: undefined },
      {
        id: 'dropgate-expire-uploads',
        enabled: true,
        prefix: 'uploads/',
        expirationDays: 7,
        abortIncompleteDays: undefined,
      },
      {
        id: 'dropgate-abort-incomplete-multipart',
        enabled: true,
        prefix: 'uploads/',
        expirationDays: undefined,
        abortIncompleteDays: 1,
      },
      {
        id: 'dropgate-expire-quarantine',
        enabled: true,
        prefix: 'quarantine/',
        expirationDays: 1,
        abortIncompleteDays: 1,
      },
    ])
    expect(uploadsLifecycle(rules)).toEqual({ expirationDays: 7, abortIncompleteDays: 1 })
  })

  it('only enabled rules that take in all of uploads/ count', () => {
    const { rules } = parseLifecycle(
      '<LifecycleConfiguration>' +
        '<Rule><Filter><Prefix>uploads/old/</Prefix></Filter><Status>Enabled</Status><Expiration><Days>1</Days></Expiration></Rule>' +
        '<Rule><Filter><And><Prefix>uploads/</Prefix><Tag><Key>a</Key><Value>b</Value></Tag></And></Filter><Status>Enabled</Status><Expiration><Days>2</Days></Expiration></Rule>' +
        '<Rule><Filter><Prefix>uploads/</Prefix></Filter><Status>Disabled</Status><Expiration><Days>3</Days></Expiration></Rule>' +
        '<Rule><Filter/><Status>Enabled</Status><Expiration><Days>30</Days></Expiration></Rule>' +
        '</LifecycleConfiguration>',
    )
    expect(uploadsLifecycle(rules)).toEqual({ expirationDays: 30, abortIncompleteDays: undefined })
  })

  it("S3_QUARANTINE_BUCKET's document: only the quarantine rule, the bucket's own rules kept, replaced on a rerun", () => {
    const existing =
      '<LifecycleConfiguration><Rule><ID>theirs</ID><Filter><Prefix>tmp/</Prefix></Filter><Status>Enabled</Status><Expiration><Days>3</Days></Expiration></Rule></LifecycleConfiguration>'
    const once = quarantineLifecycleDocument(existing)
    const twice = quarantineLifecycleDocument(once)
    const { rules } = parseLifecycle(twice)
    expect(rules.map((rule) => rule.id)).toEqual(['theirs', 'dropgate-expire-quarantine'])
    expect(lifecycleFor('quarantine/', rules)).toEqual({ expirationDays: 1, abortIncompleteDays: 1 })
    expect(uploadsLifecycle(rules)).toEqual({ expirationDays: undefined, abortIncompleteDays: undefined })
  })
})
