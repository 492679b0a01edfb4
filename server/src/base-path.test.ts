import { describe, expect, it } from 'vitest'
import { parseBasePath } from './base-path.js'
import { loadConfig } from './config.js'

describe('parseBasePath', () => {
  it('takes a prefix of unreserved segments, without its trailing slash; unset or / is the root', () => {
    expect(parseBasePath(undefined)).toBe('')
    expect(parseBasePath('/')).toBe('')
    expect(parseBasePath('/uploads')).toBe('/uploads')
    expect(parseBasePath('/api/uploads-v2/')).toBe('/api/uploads-v2')
  })

  it('refuses what a route, a request path and a signed URL would not spell alike', () => {
    for (const raw of ['uploads', '/up loads', '/a//b', '/a/../b', '/.', '/%41', '/a?b', '/a#b', '/é'])
      expect(parseBasePath(raw), raw).toBeNull()
  })
})

describe('DROPGATE_BASE_PATH in loadConfig', () => {
  it('puts the signer`s own URLs under the prefix; DROPGATE_LINK_BASE_URL is the server`s root', () => {
    expect(loadConfig({ DROPGATE_BASE_PATH: '/uploads/' })).toMatchObject({
      basePath: '/uploads',
      linkBaseUrl: 'http://127.0.0.1:8787/uploads',
      publicBaseUrl: 'http://127.0.0.1:8787/uploads/files',
    })
    const behind = loadConfig({
      DROPGATE_API_KEYS: 'k',
      DROPGATE_BASE_PATH: '/uploads',
      DROPGATE_LINK_BASE_URL: 'https://example.com/',
    })
    expect(behind.linkBaseUrl).toBe('https://example.com/uploads')
    expect(behind.publicBaseUrl).toBe('https://example.com/uploads/files')
    expect(behind.warnings.filter((w) => w.includes('BASE_PATH'))).toEqual([])
  })

  it('is empty by default, so nothing moves', () => {
    expect(loadConfig({})).toMatchObject({
      basePath: '',
      linkBaseUrl: 'http://127.0.0.1:8787',
      publicBaseUrl: 'http://127.0.0.1:8787/files',
    })
  })

  it('refuses a malformed prefix, and warns of a link base that already ends with it', () => {
    expect(() => loadConfig({ DROPGATE_BASE_PATH: 'uploads' })).toThrow(/DROPGATE_BASE_PATH must be a path/)
    const twice = loadConfig({
      DROPGATE_BASE_PATH: '/uploads',
      DROPGATE_LINK_BASE_URL: 'https://example.com/uploads',
    })
    expect(twice.warnings).toContain(
      'DROPGATE_LINK_BASE_URL ends with DROPGATE_BASE_PATH, which is added to it: links read https://example.com/uploads/uploads/l/...',
    )
  })
})
