import { Hono } from 'hono'
import type { AuthEnv, createAuth } from '../../http/auth.js'
import type { RouteDeps } from '../../usecases/deps.js'
import { filesUploadRoutes } from './files-upload.js'
import { uploadImagesRoutes } from './upload-images.js'
import { uploadUrlRoutes } from './upload-url.js'

/**
 * The three compatible upload APIs of docs/API.md §3, each a thin adapter over the native core: the same
 * policy (`admit`), storage (the `Storage` interface only, so local and s3 alike), ids and credentials.
 * `auth` is the app's own, so a publishable key's rate limit counts its native and compatible calls
 * together. CORS comes from app.ts, on the same terms as the native API. Each adapter is a sub-app with its own `onError`, which is how the same `DropgateError`s
 * come out in each API's error shape.
 */
export function compatRoutes(deps: RouteDeps, auth: ReturnType<typeof createAuth>): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>()
  app.route('/', filesUploadRoutes(deps, auth))
  app.route('/', uploadUrlRoutes(deps, auth))
  app.route('/', uploadImagesRoutes(deps, auth))
  return app
}
