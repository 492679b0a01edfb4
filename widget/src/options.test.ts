import { describe, expect, it } from 'vitest'
import { optionsFromAttributes } from './attributes.js'
import { resolveOptions } from './options.js'

const base = { endpoint: 'https://up.example.com/', token: 'tok' }

describe('resolveOptions', () => {
  it('fills defaults: one file, modal, light, English', () => {
    const resolved = resolveOptions(base)
    expect(resolved.endpoint).toBe('https://up.example.com')
    expect(resolved.credentials).toEqual({ token: 'tok' })
    expect(resolved.limits).toEqual({ maxBytes: {}, maxFiles: 1 })
    expect(resolved).toMatchObject({ locale: 'en', theme: 'light', inline: false })
    expect(Object.isFrozen(resolved)).toBe(true)
  })

  it('reads sizes, accept and counts', () => {
    const resolved = resolveOptions({
      ...base,
      accept: 'image/*,.mp4',
      maxImageSize: '5MB',
      maxVideoSize: 1000,
      maxFiles: 4,
    })
    expect(resolved.limits).toEqual({
      accept: ['image/*', 'video/mp4'],
      maxBytes: { image: 5 * 1024 * 1024, video: 1000 },
      maxFiles: 4,
    })
  })

  it('lets multiple lift the count, and multiple: false pin it to one', () => {
    expect(resolveOptions({ ...base, multiple: true }).limits.maxFiles).toBeUndefined()
    expect(resolveOptions({ ...base, multiple: true, maxFiles: 3 }).limits.maxFiles).toBe(3)
    expect(resolveOptions({ ...base, multiple: false, maxFiles: 3 }).limits.maxFiles).toBe(1)
  })

  it('resolves the locale from the option, then the browser languages', () => {
    expect(resolveOptions({ ...base, locale: 'pt-BR' }).locale).toBe('pt-BR')
    expect(resolveOptions(base, { languages: ['de-CH', 'en'] }).locale).toBe('de')
  })

  it('resolves a relative endpoint against the page', () => {
    expect(
      resolveOptions({ ...base, endpoint: '/dropgate' }, { baseUrl: 'https://site.test/a/b' }).endpoint,
    ).toBe('https://site.test/dropgate')
  })

  it('names every problem at once', () => {
    expect(() =>
      resolveOptions({
        endpoint: 'ftp://x',
        accept: 'application/zip',
        maxImageSize: 'huge',
        maxFiles: 0,
        theme: 'neon' as 'dark',
      }),
    ).toThrowError(
      'Dropgate: endpoint must be an http(s) URL, got "ftp://x"; one of token, getToken or publishableKey is required; accept: application/zip is not an image, video or audio type; maxImageSize must be a number of bytes or a size such as "10MB"; maxFiles must be a whole number above 0; theme must be one of light, dark, auto',
    )
    expect(() => resolveOptions({ token: 'x' } as never)).toThrowError('endpoint is required')
  })
})

describe('the mediaRules option', () => {
  it("is kept to narrow the server's rules, and checked", () => {
    const mediaRules = { image: { minSide: 512 }, duration: { maxSeconds: 60 } }
    expect(resolveOptions({ ...base, mediaRules }).limits.media).toEqual(mediaRules)
    expect(() => resolveOptions({ ...base, mediaRules: { image: { minSide: -1 } } })).toThrow(
      'mediaRules must be',
    )
    expect(() => resolveOptions({ ...base, mediaRules: { duration: 60 } as never })).toThrow(
      'mediaRules must be',
    )
  })
})

describe('optionsFromAttributes', () => {
  const read = (attributes: Record<string, string>) =>
    optionsFromAttributes((name) => attributes[name] ?? null)

  it('maps kebab-case attributes to camelCase options', () => {
    expect(
      read({
        endpoint: 'https://up.example.com',
        'publishable-key': 'pk_1',
        'max-image-size': '10MB',
        'max-files': '3',
        multiple: '',
        inline: '',
        theme: 'dark',
        note: 'Images only',
      }),
    ).toEqual({
      endpoint: 'https://up.example.com',
      publishableKey: 'pk_1',
      maxImageSize: '10MB',
      maxFiles: 3,
      multiple: true,
      inline: true,
      theme: 'dark',
      note: 'Images only',
    })
  })

  it('leaves absent attributes out and reads multiple="false" as off', () => {
    expect(read({ multiple: 'false' })).toEqual({ multiple: false })
    expect(read({})).toEqual({})
  })

  it('hands bad numbers on so that resolveOptions can name them', () => {
    const options = read({ endpoint: 'https://x', token: 't', 'max-files': 'many' })
    expect(() => resolveOptions(options as never)).toThrowError('maxFiles must be a whole number above 0')
  })
})
