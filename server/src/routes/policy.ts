import { extensionsOf, MEDIA_FAMILIES, type PolicyAnswer, typesOf } from '@dropgate/core'
import type { Context } from 'hono'
import type { Config } from '../config.js'
import { success } from './json.js'

/**
 * GET /api/v1/policy: public, so the widget enforces exactly what the server will. Each family lists
 * every spelling of its types the media table accepts and every extension they go by; the widget
 * offers those extensions in its file picker and refuses a name whose extension is not among them.
 * `media`: the pixel and length rules every route enforces (media-settings.ts), that the widget
 * applies before any request.
 */
export function policyHandler(config: Config) {
  const data: PolicyAnswer = {
    types: Object.fromEntries(
      MEDIA_FAMILIES.map((family) => [
        family,
        { maxBytes: config.caps[family], mimeTypes: typesOf(family), extensions: extensionsOf(family) },
      ]),
    ),
    multipart: config.multipart,
    media: config.media,
    uploadUrlTtl: config.uploadUrlTtl,
    fileTtl: config.fileTtl,
  }
  const body = success(data)
  return (c: Context) => {
    c.header('Cache-Control', 'public, max-age=60')
    return c.json(body)
  }
}
