import { type MediaRules, narrowMediaRules } from '@dropgate/core'
import { decodeMediaRules, MEDIA_QUERY_PARAM } from '../core/media-claim.js'
import { DropgateError } from '../errors.js'
import type { WrittenObject } from '../storage/local/index.js'
import { checkMediaBytes } from '../usecases/media-check.js'

/**
 * The media rules (usecases/media-check.ts) on an object written but not yet in place (the local
 * driver's `check`): one that breaks them, or whose check cannot finish, is removed before `/files`
 * could ever serve it, and the client, answered the failure, may PUT it again.
 */
export function mediaCheck(rules: MediaRules, type: string, filename: string | undefined) {
  return async (written: WrittenObject) => {
    try {
      await checkMediaBytes(written.readRange, written.size, rules, type, filename || 'The file')
    } catch (error) {
      if (error instanceof DropgateError && error.status === 400) throw new MediaRefusal(error)
      throw error
    }
  }
}

/** The rules refused the bytes (told apart from a body's own failures, a client gone among them). */
class MediaRefusal extends Error {
  constructor(readonly refusal: DropgateError) {
    super(refusal.message)
  }
}
export const isMediaRefusal = (error: unknown): error is MediaRefusal => error instanceof MediaRefusal

/**
 * The server's media rules, narrowed by the upload token's the URL carries (`x-dropgate-media`,
 * core/media-claim.ts, covered by the signature: never wider than the server's); null for a word the
 * signer never writes.
 */
export function mediaRulesOf(params: URLSearchParams, server: MediaRules): MediaRules | null {
  const word = params.get(MEDIA_QUERY_PARAM)
  if (word === null) return server
  const token = decodeMediaRules(word)
  return token && narrowMediaRules(server, token)
}
