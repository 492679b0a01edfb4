// @vitest-environment happy-dom
import { DEFAULT_MEDIA_RULES, ERROR_TABLE, type MediaRefusal, type MediaRules } from '@dropgate/core'
import { afterEach, describe, expect, it, vi } from 'vitest'
import de from './locales/de.js'
import es from './locales/es.js'
import { describeMediaRefusal, MEDIA_MESSAGES_EN } from './locales/media.js'
import ptBR from './locales/pt-BR.js'
import { inspectMedia, readImageSize } from './media-reader.js'
import { gif, jpeg, png, webpVP8L, webpVP8X } from './test-fixtures.js'

const SERVER_RULES: MediaRules = {
  image: { minSide: 128, maxAspect: 4, maxPixels: DEFAULT_MEDIA_RULES.image.maxPixels },
  duration: { minSeconds: 1, maxSeconds: 600 },
}
/** The server's rules with no page narrowing (rules.ts `MediaRuleSources`). */
const RULES = { server: SERVER_RULES, page: {} }
const blob = (bytes: Uint8Array<ArrayBuffer>, type: string) => new Blob([bytes], { type })

afterEach(() => vi.restoreAllMocks())

describe('readImageSize', () => {
  it('reads the header of PNG, JPEG (EXIF before SOF), WebP and GIF files without any decoder', async () => {
    const createElement = vi.spyOn(document, 'createElement')
    expect(await readImageSize(blob(png(100, 90), 'image/png'))).toEqual({ width: 100, height: 90 })
    expect(await readImageSize(blob(jpeg(800, 600), 'image/jpeg'))).toEqual({ width: 800, height: 600 })
    expect(await readImageSize(blob(webpVP8X(1000, 200), 'image/webp'))).toEqual({ width: 1000, height: 200 })
    expect(await readImageSize(blob(webpVP8L(64, 64), 'image/webp'))).toEqual({ width: 64, height: 64 })
    expect(await readImageSize(blob(gif(300, 300), 'image/gif'))).toEqual({ width: 300, height: 300 })
    expect(createElement).not.toHaveBeenCalled()
  })

  it('reads further into a JPEG whose APP segments pass the first 64 KiB', async () => {
    const big = jpeg(4000, 3000, { exifBytes: 65_000 })
    const padded = new Uint8Array(big.length + 100_000)
    padded.set(big)
    expect(await readImageSize(blob(padded, 'image/jpeg'))).toEqual({ width: 4000, height: 3000 })
  })
})

describe('inspectMedia', () => {
  it('refuses a pixel-bomb PNG from its header, by default, without decoding it', async () => {
    const createElement = vi.spyOn(document, 'createElement')
    const createObjectURL = vi.spyOn(URL, 'createObjectURL')
    const bomb = blob(png(30000, 30000, { pixels: false }), 'image/png')
    const verdict = await inspectMedia(
      bomb,
      'bomb.png',
      'image',
      { server: DEFAULT_MEDIA_RULES, page: {} },
      'en',
    )
    expect(verdict?.refusal).toEqual({
      code: 'image_too_many_pixels',
      params: { name: 'bomb.png', width: 30000, height: 30000, maxPixels: 16383 * 16383 },
    })
    expect(verdict?.message).toBe('bomb.png is 30,000 × 30,000 px; at most 268,402,689 pixels are allowed.')
    expect(createElement).not.toHaveBeenCalled()
    expect(createObjectURL).not.toHaveBeenCalled()
  })

  it('applies the rules: too small, too wide, and a valid image', async () => {
    const small = await inspectMedia(blob(png(100, 90), 'image/png'), 'photo.png', 'image', RULES, 'en')
    expect(small?.message).toBe('photo.png is 100 × 90 px; at least 128 × 128 px is needed.')
    const wide = await inspectMedia(blob(png(1000, 200), 'image/png'), 'strip.png', 'image', RULES, 'en')
    expect(wide?.refusal.code).toBe('image_aspect')
    expect(
      await inspectMedia(blob(png(256, 256), 'image/png'), 'ok.png', 'image', RULES, 'en'),
    ).toBeUndefined()
  })

  it('leaves an image it cannot measure to the server, and revokes its object URL', async () => {
    const create = document.createElement.bind(document)
    let img: HTMLElement | undefined
    vi.spyOn(document, 'createElement').mockImplementation(((tag: string) => {
      img = create(tag)
      return img
    }) as typeof document.createElement)
    vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:avif')
    const revoke = vi.spyOn(URL, 'revokeObjectURL')
    const pending = inspectMedia(blob(new Uint8Array(64), 'image/avif'), 'x.avif', 'image', RULES, 'en')
    await vi.waitFor(() => expect(img?.tagName).toBe('IMG'))
    // As a browser that cannot decode the format does.
    img?.dispatchEvent(new Event('error'))
    expect(await pending).toBeUndefined()
    expect(revoke).toHaveBeenCalledWith('blob:avif')
  })

  it('reads a clip only through the browser metadata, and refuses one too long', async () => {
    const create = document.createElement.bind(document)
    let media: HTMLMediaElement | undefined
    vi.spyOn(document, 'createElement').mockImplementation(((tag: string) => {
      const element = create(tag)
      if (element instanceof HTMLMediaElement) media = element
      return element
    }) as typeof document.createElement)
    const pending = inspectMedia(
      blob(new Uint8Array(64), 'audio/wav'),
      'clip.wav',
      'audio',
      RULES,
      'de',
      de.media,
    )
    await vi.waitFor(() => expect(media?.preload).toBe('metadata'))
    Object.defineProperty(media, 'duration', { value: 601.04 })
    media?.dispatchEvent(new Event('loadedmetadata'))
    expect((await pending)?.message).toBe('clip.wav dauert 601 s; höchstens 600 s sind erlaubt.')
  })
})

describe('the refusal messages', () => {
  const refusals: MediaRefusal[] = [
    { code: 'image_too_small', params: { name: 'photo.png', width: 100, height: 90, minSide: 128 } },
    { code: 'image_too_big', params: { name: 'photo.png', width: 9000, height: 600, maxSide: 8192 } },
    { code: 'image_aspect', params: { name: 'photo.png', width: 1000, height: 200, maxAspect: 4 } },
    {
      code: 'image_too_many_pixels',
      params: { name: 'photo.png', width: 30000, height: 30000, maxPixels: 268402689 },
    },
    { code: 'media_too_short', params: { name: 'clip.wav', seconds: 0.5, minSeconds: 1 } },
    { code: 'media_too_long', params: { name: 'clip.wav', seconds: 601, maxSeconds: 600 } },
  ]

  it('words English as the server error table does, word for word', () => {
    for (const [code, template] of Object.entries(MEDIA_MESSAGES_EN))
      expect(template).toBe(`${ERROR_TABLE[code as MediaRefusal['code']].message}.`)
  })

  it('names the rule and the file value in each locale, numbers as the locale writes them', () => {
    const packs: Record<string, typeof de.media> = { 'pt-BR': ptBR.media, de: de.media, es: es.media }
    const said = (locale: string) => refusals.map((r) => describeMediaRefusal(r, locale, packs[locale]))
    expect(said('en')).toEqual([
      'photo.png is 100 × 90 px; at least 128 × 128 px is needed.',
      'photo.png is 9,000 × 600 px; at most 8,192 × 8,192 px is allowed.',
      'photo.png is 1,000 × 200 px; its long side may be at most 4 times its short side.',
      'photo.png is 30,000 × 30,000 px; at most 268,402,689 pixels are allowed.',
      'clip.wav lasts 0.5 s; at least 1 s is needed.',
      'clip.wav lasts 601 s; at most 600 s is allowed.',
    ])
    expect(said('pt-BR')).toEqual([
      'photo.png tem 100 × 90 px; são necessários pelo menos 128 × 128 px.',
      'photo.png tem 9.000 × 600 px; são permitidos no máximo 8.192 × 8.192 px.',
      'photo.png tem 1.000 × 200 px; o lado maior pode ter no máximo 4 vezes o lado menor.',
      'photo.png tem 30.000 × 30.000 px; são permitidos no máximo 268.402.689 pixels.',
      'clip.wav dura 0,5 s; são necessários pelo menos 1 s.',
      'clip.wav dura 601 s; são permitidos no máximo 600 s.',
    ])
    expect(said('de')).toEqual([
      'photo.png hat 100 × 90 px; mindestens 128 × 128 px sind nötig.',
      'photo.png hat 9.000 × 600 px; höchstens 8.192 × 8.192 px sind erlaubt.',
      'photo.png hat 1.000 × 200 px; die lange Seite darf höchstens 4-mal so lang sein wie die kurze.',
      'photo.png hat 30.000 × 30.000 px; höchstens 268.402.689 Pixel sind erlaubt.',
      'clip.wav dauert 0,5 s; mindestens 1 s sind nötig.',
      'clip.wav dauert 601 s; höchstens 600 s sind erlaubt.',
    ])
    expect(said('es')).toEqual([
      'photo.png mide 100 × 90 px; se necesitan al menos 128 × 128 px.',
      'photo.png mide 9000 × 600 px; se permiten como máximo 8192 × 8192 px.',
      'photo.png mide 1000 × 200 px; su lado largo puede medir como máximo 4 veces su lado corto.',
      'photo.png mide 30.000 × 30.000 px; se permiten como máximo 268.402.689 píxeles.',
      'clip.wav dura 0,5 s; se necesitan al menos 1 s.',
      'clip.wav dura 601 s; se permiten como máximo 600 s.',
    ])
  })
})
