import type { Context } from 'hono'
import type { Config } from '../config.js'
import { familyOf, MEDIA_TYPES, type MediaFamily } from '../core/policy.js'
import { success } from './json.js'

/** GET /api/v1/policy: public, so the widget enforces exactly what the server will. */
export function policyHandler(config: Config) {
  const families: MediaFamily[] = ['image', 'video', 'audio']
  const body = success({
    types: Object.fromEntries(
      families.map((family) => {
        const mimeTypes = Object.keys(MEDIA_TYPES).filter((type) => familyOf(type) === family)
        const extensions = [...new Set(mimeTypes.flatMap((type) => MEDIA_TYPES[type] ?? []))]
        return [family, { maxBytes: config.caps[family], mimeTypes, extensions }]
      }),
    ),
    multipart: config.multipart,
    uploadUrlTtl: config.uploadUrlTtl,
    fileTtl: config.fileTtl,
  })
  return (c: Context) => {
    c.header('Cache-Control', 'public, max-age=60')
    return c.json(body)
  }
}
