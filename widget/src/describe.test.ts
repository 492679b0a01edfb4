import { describe, expect, it } from 'vitest'
import { describeFailure, describeRefusal } from './describe.js'
import { createTranslator } from './i18n.js'

const en = createTranslator('en')

describe('describeRefusal', () => {
  it('words each reason', () => {
    expect(describeRefusal({ reason: 'size', name: 'a.jpg', kind: 'image', limit: 10485760 }, en, 'en')).toBe(
      'a.jpg was not added: the limit for images is 10 MB.',
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
    ).toBe('v.mp4 não foi adicionado: o limite para vídeos é 1,5 GB.')
  })
})

describe('describeFailure', () => {
  it('translates the messages of the wire contract', () => {
    expect(describeFailure('a.png', 401, 'Invalid or missing API key', en)).toMatch('not allowed to upload')
    expect(describeFailure('a.png', 400, 'File too large (max 10MB)', en)).toMatch('files this large')
    expect(describeFailure('a.png', 400, 'File content does not match its declared type', en)).toMatch(
      'does not match its type',
    )
    expect(
      describeFailure('a.png', 400, 'Only image/, video/, or audio/ content types are accepted', en),
    ).toMatch('does not accept this type')
    expect(describeFailure('a.png', 0, 'Failed to fetch', en)).toMatch('could not be reached')
    expect(describeFailure('a.png', 503, 'Storage not configured', en)).toMatch('had a problem')
    expect(describeFailure('a.png', 429, 'Slow down', en)).toMatch('try again in a minute')
  })

  it('shows the server words for anything else', () => {
    expect(describeFailure('a.png', 404, 'File not found', en)).toBe(
      'a.png could not be uploaded (File not found).',
    )
  })
})
