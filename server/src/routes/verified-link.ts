import { capFor, isAllowedType, narrowMediaRules } from '@dropgate/core'
import type { Context } from 'hono'
import { isExpired } from '../core/file-record.js'
import { objectKey } from '../core/keys.js'
import { readLink } from '../core/verified-link.js'
import { DropgateError, errors } from '../errors.js'
import { type AppDeps, storageOf } from '../usecases/deps.js'
import { resolveUpload } from '../usecases/resolve-upload.js'

/**
 * GET|HEAD /l/{owner}/{fileId}?cap&exp&sig: a verified link (core/verified-link.ts), the public URL
 * of an upload on a store that cannot check bytes as they arrive (S3). No credential: the link is
 * the capability. The first read checks the staged upload (the server's policy, the cap in the link,
 * magic bytes, the media rules with the token's in the link), promotes it out of quarantine and redirects (302) to the object's own URL; later
 * reads only look it up. What fails is deleted and answers 404 (no hint of why to whoever holds the
 * link), as does anything expired or forged.
 * The redirect is cacheable for what is left of an hour, never past the file's lifetime.
 */
export function verifiedLinkHandler(deps: AppDeps) {
  return async (c: Context) => {
    const owner = c.req.param('owner') ?? ''
    const fileId = c.req.param('fileId') ?? ''
    const claim = readLink(deps.config.linkSecret, owner, fileId, {
      cap: c.req.query('cap'),
      exp: c.req.query('exp'),
      sig: c.req.query('sig'),
      m: c.req.query('m'),
    })
    c.header('Access-Control-Allow-Origin', '*')
    if (!claim) throw errors.fileNotFound()
    const storage = storageOf(deps)
    const key = objectKey(owner, fileId)
    const info = await resolveUpload(
      storage,
      key,
      (type, size) => {
        const typeCap = capFor(deps.config.caps, type)
        if (typeCap === null || !isAllowedType(type)) throw errors.typeNotAllowed()
        if (size > Math.min(typeCap, claim.cap)) throw errors.tooLarge(Math.min(typeCap, claim.cap))
      },
      // The server's media rules, narrowed by the upload token's the link carries (never wider).
      {
        recheckLive: false,
        fileTtl: deps.config.fileTtl,
        media: claim.media ? narrowMediaRules(deps.config.media, claim.media) : deps.config.media,
      },
    ).catch((error: unknown) => {
      // An upload that failed its checks is deleted: to whoever holds the link, it is not there.
      if (error instanceof DropgateError && error.status === 400) return null
      throw error
    })
    if (!info || isExpired(info, deps.config.fileTtl)) throw errors.fileNotFound()
    const lifetimeEnd = Math.min(info.lastModified.getTime() + deps.config.fileTtl * 1000, claim.exp * 1000)
    const left = Math.floor((lifetimeEnd - Date.now()) / 1000)
    c.header('Cache-Control', `public, max-age=${Math.max(0, Math.min(3600, left))}`)
    return c.redirect(storage.publicUrl(key), 302)
  }
}
