import type { Sniffed } from '@dropgate/core'
import { describe, expect, it } from 'vitest'
import { parseAccept } from './accept.js'
import { checkCandidate, checkContent, declaredType } from './check-file.js'
import { DEFAULT_POLICY, parsePolicy } from './policy.js'
import { mergeRules } from './rules.js'

const MIB = 1024 * 1024
const rules = mergeRules(
  parsePolicy({
    types: {
      image: { maxBytes: 10 * MIB, mimeTypes: ['image/png', 'image/jpeg', 'image/heic'] },
      video: { maxBytes: 100 * MIB, mimeTypes: ['video/*'] },
    },
  }),
  { maxFiles: 2 },
)
const file = (name: string, type: string, size = 1000) => ({ name, type, size })
const reason = (checked: ReturnType<typeof checkCandidate>) => (checked.ok ? 'ok' : checked.refusal.reason)

describe('checkCandidate', () => {
  it('accepts a file within the rules and answers its type', () => {
    expect(checkCandidate(file('cat.png', 'image/png'), rules, 0)).toEqual({ ok: true, type: 'image/png' })
  })

  it('infers the type of a file the browser did not type', () => {
    expect(declaredType(file('IMG_1.HEIC', ''))).toBe('image/heic')
    expect(declaredType(file('clip.mkv', 'application/octet-stream'))).toBe('video/x-matroska')
    expect(checkCandidate(file('IMG_1.HEIC', ''), rules, 0)).toEqual({ ok: true, type: 'image/heic' })
    expect(reason(checkCandidate(file('notes', ''), rules, 0))).toBe('type')
  })

  it('refuses types outside the rules', () => {
    expect(reason(checkCandidate(file('page.html', 'text/html'), rules, 0))).toBe('type')
    expect(reason(checkCandidate(file('anim.gif', 'image/gif'), rules, 0))).toBe('type')
    expect(reason(checkCandidate(file('song.mp3', 'audio/mpeg'), rules, 0))).toBe('type')
  })

  it('refuses a name that contradicts the type', () => {
    const checked = checkCandidate(file('invoice.pdf', 'image/png'), rules, 0)
    expect(checked).toEqual({
      ok: false,
      refusal: { reason: 'extension', name: 'invoice.pdf', extension: 'pdf' },
    })
    expect(reason(checkCandidate(file('clip.mp4', 'image/png'), rules, 0))).toBe('extension')
    // Same kind, but not accepted: a .gif name on a PNG.
    expect(reason(checkCandidate(file('x.gif', 'image/png'), rules, 0))).toBe('extension')
  })

  it('lets unknown names through only under a wildcard', () => {
    expect(reason(checkCandidate(file('take.xyz', 'video/mp4'), rules, 0))).toBe('ok')
    expect(reason(checkCandidate(file('shot.xyz', 'image/png'), rules, 0))).toBe('extension')
    expect(reason(checkCandidate(file('shot', 'image/png'), rules, 0))).toBe('ok')
  })

  it('refuses empty and oversized files with the limit of their kind', () => {
    expect(reason(checkCandidate(file('a.png', 'image/png', 0), rules, 0))).toBe('empty')
    expect(checkCandidate(file('big.jpg', 'image/jpeg', 10 * MIB + 1), rules, 0)).toEqual({
      ok: false,
      refusal: { reason: 'size', name: 'big.jpg', kind: 'image', limit: 10 * MIB },
    })
    expect(reason(checkCandidate(file('big.jpg', 'image/jpeg', 10 * MIB), rules, 0))).toBe('ok')
  })

  it('refuses a file past the count', () => {
    expect(reason(checkCandidate(file('b.png', 'image/png'), rules, 1))).toBe('ok')
    expect(checkCandidate(file('c.png', 'image/png'), rules, 2)).toEqual({
      ok: false,
      refusal: { reason: 'count', name: 'c.png', limit: 2 },
    })
  })
})

describe('checkContent', () => {
  const png: Sniffed = { verdict: 'media', format: 'png', types: ['image/png'] }
  const mp4: Sniffed = {
    verdict: 'media',
    format: 'mp4',
    types: ['video/mp4', 'audio/mp4', 'video/quicktime'],
  }
  const html: Sniffed = { verdict: 'refused', format: 'html' }
  const unknown: Sniffed = { verdict: 'unknown' }

  it('keeps the declared type when the bytes agree', () => {
    expect(checkContent(file('a.png', 'image/png'), 'image/png', png, rules)).toEqual({
      ok: true,
      type: 'image/png',
    })
    expect(checkContent(file('a.mov', 'video/quicktime'), 'video/quicktime', mp4, rules)).toEqual({
      ok: true,
      type: 'video/quicktime',
    })
  })

  it('refuses a renamed HTML file', () => {
    expect(checkContent(file('cat.png', 'image/png'), 'image/png', html, rules)).toEqual({
      ok: false,
      refusal: { reason: 'content', name: 'cat.png', format: 'html' },
    })
  })

  it('uses the real type when the bytes are another format of the same kind', () => {
    expect(checkContent(file('cat.jpg', 'image/jpeg'), 'image/jpeg', png, rules)).toEqual({
      ok: true,
      type: 'image/png',
    })
  })

  it('refuses bytes of another kind', () => {
    const checked = checkContent(file('cat.png', 'image/png'), 'image/png', mp4, rules)
    expect(checked.ok || checked.refusal.reason).toBe('mismatch')
  })

  it('refuses a known format without its signature, but not a type the sniffer does not know', () => {
    const checked = checkContent(file('cat.png', 'image/png'), 'image/png', unknown, rules)
    expect(checked.ok || checked.refusal).toEqual({ reason: 'content', name: 'cat.png', format: 'unknown' })
    const open = mergeRules(DEFAULT_POLICY, { accept: parseAccept('video/*') })
    expect(checkContent(file('a.avi', 'video/x-msvideo'), 'video/x-msvideo', unknown, open)).toEqual({
      ok: true,
      type: 'video/x-msvideo',
    })
  })
})
