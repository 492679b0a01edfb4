// @vitest-environment happy-dom
import { beforeAll, describe, expect, it } from 'vitest'
import { apiError } from './api.js'
import { describeFailure, describeLimits, describeRefusal } from './describe.js'
import { classifyFailure } from './failure.js'
import { createTranslator } from './i18n.js'
import { loadLocale } from './load-locale.js'
import { DEFAULT_POLICY } from './policy.js'
import { mergeRules } from './rules.js'

const en = createTranslator('en')

beforeAll(() => Promise.all([loadLocale('pt-BR'), loadLocale('de')]))

describe('describeRefusal', () => {
  it('words each reason', () => {
    expect(describeRefusal({ reason: 'size', name: 'a.jpg', kind: 'image', limit: 10485760 }, en, 'en')).toBe(
      'a.jpg was not added: the limit for images is 10 MiB.',
    )
    expect(describeRefusal({ reason: 'count', name: 'b.png', limit: 1 }, en, 'en')).toBe(
      'b.png was not added: only one file can be uploaded.',
    )
    expect(describeRefusal({ reason: 'count', name: 'b.png', limit: 3 }, en, 'en')).toBe(
      'b.png was not added: at most 3 files can be uploaded.',
    )
    expect(describeRefusal({ reason: 'extension', name: 'x.pdf', extension: 'pdf' }, en, 'en')).toBe(
      'x.pdf was not added: files ending in .pdf are not accepted.',
    )
    expect(describeRefusal({ reason: 'content', name: 'cat.png', format: 'html' }, en, 'en')).toBe(
      'cat.png was not added: it is not really an image, a video or an audio file.',
    )
  })

  it('formats the limit for the locale', () => {
    const ptBR = createTranslator('pt-BR')
    expect(
      describeRefusal(
        { reason: 'size', name: 'v.mp4', kind: 'video', limit: 1.5 * 1024 ** 3 },
        ptBR,
        'pt-BR',
      ),
    ).toBe('v.mp4 não foi adicionado: o limite para vídeos é 1,5 GiB.')
  })
})

describe('describeFailure', () => {
  const failure = (error: unknown, stage: 'upload' | 'confirm' = 'upload') => classifyFailure(error, stage)
  const say = (error: unknown, names = ['a.png']) => describeFailure(names, failure(error), en, 'en')

  it('says what happened and what to do, from the messages of the wire contract', () => {
    expect(say(apiError(401, 'Invalid or missing API key'))).toBe(
      "a.png could not be uploaded: this site's upload key is not accepted (revoked or mistyped). Retrying will not help: tell the site's owner.",
    )
    expect(say(apiError(403, 'Origin not allowed'))).toMatch("page's address may not upload")
    expect(say(apiError(401, 'Upload token expired'))).toMatch('Reload the page')
    expect(say(apiError(400, 'File too large (max 10MB)'))).toMatch('files this large')
    expect(say(apiError(400, 'File content does not match its declared type'))).toMatch(
      'does not match its type',
    )
    expect(say(apiError(400, 'Only image/, video/, or audio/ content types are accepted'))).toMatch(
      'does not accept this type',
    )
    expect(say(apiError(0, 'Failed to fetch'))).toMatch('could not be reached')
    expect(say(apiError(503, 'Storage not configured'))).toMatch('had a problem')
    expect(say(apiError(429, 'Slow down'))).toMatch('Retry in a minute')
    expect(say(apiError(418, 'Teapot'))).toBe(
      'a.png could not be uploaded: the server answered “Teapot”. Retry, or remove the file.',
    )
  })

  it('names every file that failed for one cause in one sentence', () => {
    expect(say(apiError(0, 'x'), ['a.png', 'b.png', 'c.png'])).toBe(
      'a.png, b.png, and c.png could not be uploaded: the server could not be reached. Check the connection, then retry.',
    )
    const de = createTranslator('de')
    expect(describeFailure(['a.png', 'b.png'], failure(apiError(0, 'x')), de, 'de')).toMatch(
      /^a\.png und b\.png konnten nicht hochgeladen werden: Der Server/,
    )
  })
})

describe('classifyFailure', () => {
  it('offers Retry only where a retry can help', () => {
    const retryable = (error: unknown, stage: 'upload' | 'confirm' = 'upload') =>
      classifyFailure(error, stage).retryable
    expect(retryable(apiError(503, 'Storage is unavailable, try again shortly'), 'confirm')).toBe(true)
    expect(retryable(apiError(0, 'Failed to fetch'))).toBe(true)
    expect(retryable({ status: 403, serviceCode: 'AccessDenied', message: 'S3 returned 403' })).toBe(true)
    expect(retryable({ code: 'NETWORK', message: 'Network error' })).toBe(true)
    for (const refused of [
      apiError(401, 'Invalid or missing API key'),
      apiError(403, 'Origin not allowed'),
      apiError(401, 'Upload token expired'),
      apiError(401, 'Invalid upload token'),
      apiError(403, 'This upload token allows at most 3 files'),
      apiError(400, 'File too large (max 10MB)'),
      apiError(400, 'File content does not match its declared type'),
    ])
      expect(retryable(refused), refused.msg).toBe(false)
  })

  it("reads the server's media refusals as final, in its own words", () => {
    const msg = 'photo.png is 100 × 90 px; at least 128 × 128 px is needed'
    const failure = classifyFailure(apiError(400, msg), 'confirm')
    expect(failure).toMatchObject({ cause: 'media', retryable: false })
    expect(describeFailure(['photo.png'], failure, en, 'en')).toBe(
      `photo.png could not be uploaded: the server refuses it: ${msg}. Remove it.`,
    )
    const unreadable =
      "clip.mp4: its duration could not be read, so the server's media rules cannot be checked"
    expect(classifyFailure(apiError(400, unreadable), 'upload').cause).toBe('media')
  })

  it("reads the embedded store's refusal of a PUT by its S3 error document", () => {
    const msg = "clip.webm: its duration could not be read, so the server's media rules cannot be checked"
    const body = `<?xml version="1.0" encoding="UTF-8"?><Error><Code>InvalidArgument</Code><Message>${msg.replace("'", '&apos;')}</Message></Error>`
    const refused = classifyFailure({ status: 400, serviceCode: 'InvalidArgument', body }, 'upload')
    expect(refused).toMatchObject({ cause: 'media', retryable: false, raw: msg })
    const other = `<Error><Code>InvalidArgument</Code><Message>Something else</Message></Error>`
    expect(
      classifyFailure({ status: 400, serviceCode: 'InvalidArgument', body: other }, 'upload').cause,
    ).toBe('storeRefused')
  })

  it('passes on a media refusal the reader worded', () => {
    const message = 'photo.png is 100 × 90 px; at least 128 × 128 px is needed.'
    expect(describeRefusal({ reason: 'dimensions', name: 'photo.png', message }, en, 'en')).toBe(message)
  })

  it('reads a 404 on complete as an object that is gone, to send again', () => {
    expect(classifyFailure(apiError(404, 'File not found'), 'confirm')).toMatchObject({
      cause: 'gone',
      retryable: true,
    })
    expect(classifyFailure({ status: 404, serviceCode: 'NoSuchUpload' }, 'upload').cause).toBe('storeRefused')
  })
})

describe('describeLimits', () => {
  it('words the merged policy in MiB, grouping kinds of the same cap', () => {
    expect(describeLimits(mergeRules(DEFAULT_POLICY, { maxFiles: 6 }), en, 'en')).toBe(
      'Images up to 10 MiB, videos and audio files up to 100 MiB · at most 6 files',
    )
    const ptBR = createTranslator('pt-BR')
    expect(describeLimits(mergeRules(DEFAULT_POLICY, { maxFiles: 1 }), ptBR, 'pt-BR')).toBe(
      'Imagens até 10 MiB, vídeos e arquivos de áudio até 100 MiB · um arquivo',
    )
  })
})
