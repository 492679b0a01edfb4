import { Hono, type MiddlewareHandler } from 'hono'
import { cors } from 'hono/cors'
import { createSlotReservations } from './core/token-slots.js'
import { DropgateError, errors } from './errors.js'
import { type AuthEnv, createAuth } from './http/auth.js'
import { useIo, webIo } from './http/runtime-io.js'
import { asHttpError } from './http/storage-error.js'
import { createLogger, type Logger } from './log.js'
import { compatRoutes } from './routes/compat/index.js'
import { createFileHandler } from './routes/create-file.js'
import { completeBatchHandler } from './routes/create-files-batch.js'
import { completeFileHandler, deleteFileHandler, getFileHandler } from './routes/file-by-id.js'
import { initiateUploadHandler } from './routes/initiate-upload.js'
import { createUploadHandler, signUploadStepHandler } from './routes/multipart.js'
import { openApiHandler } from './routes/openapi/handler.js'
import { policyHandler } from './routes/policy.js'
import { createTokenHandler } from './routes/tokens.js'
import { verifiedLinkHandler } from './routes/verified-link.js'
import type { AppDeps } from './usecases/deps.js'

export type { AppDeps } from './usecases/deps.js'

/** What an app embedding the signer passes: without a logger, JSON lines go to standard error. */
export type AppOptions = Omit<AppDeps, 'logger'> & { logger?: Logger }

/**
 * Wires routes to their dependencies; holds no state of its own, so any number can run side by side.
 * Every route lives under `config.basePath` (DROPGATE_BASE_PATH: '' or e.g. `/uploads`), the prefix
 * the storage's URLs and the links were built with, so a host app mounts it with `host.route('/', app)`.
 */
export function createApp(options: AppOptions): Hono {
  const deps = {
    ...options,
    logger: options.logger ?? createLogger(),
    reservations: createSlotReservations(),
  }
  const { config, logger } = deps
  const io = deps.io ?? webIo
  const app = new Hono().basePath(config.basePath || '/')
  const auth = createAuth(config, deps.rateLimiter)
  const anyCaller = auth(['secret-key', 'upload-token', 'publishable-key'])
  const owners = auth(['secret-key', 'upload-token'])

  app.use('*', (c, next) => {
    const started = performance.now()
    useIo(c, io)
    // next() settles once the answer is made (hono turns errors into answers on the way); chaining
    // on it saves the extra promise an async middleware would add to every request.
    return next().then(() => {
      // The path only (the router parsed it already): query strings of upload URLs carry signatures.
      logger.info('request', {
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
      })
    })
  })

  // How long a browser may keep a preflight's answer (docs/API.md §2.11): every preflight is one
  // round trip before the request it clears, and the widget clears its signer routes as it mounts,
  // so they should stay cleared until a file is dropped. 2 hours is Chromium's cap (Firefox keeps a
  // day, WebKit its own shorter cap). The cache holds only which methods and headers are allowed:
  // every answer is still checked against its own Access-Control-Allow-Origin, so an origin taken
  // off the list is refused at once.
  const PREFLIGHT_MAX_AGE_S = 7200
  const browserAccess = cors({
    origin: [...config.allowedOrigins],
    allowMethods: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
    allowHeaders: ['Authorization', 'Content-Type'],
    exposeHeaders: ['ETag'],
    maxAge: PREFLIGHT_MAX_AGE_S,
  })
  // A request without Origin is not a CORS request (servers, scripts, curl): it needs only `Vary`.
  // Set before the handler, that header costs nothing, while hono's cors() touches the answer before
  // and after it, rebuilding it as a web Response each time (most of a presign's cost otherwise).
  const corsWhenOrigin: MiddlewareHandler = (c, next) => {
    if (c.req.method === 'OPTIONS' || c.req.header('origin') !== undefined) return browserAccess(c, next)
    // `Vary: Origin` on every answer of a CORS-enabled route; preset on the runtime's own response
    // where it has one (on Node: see node/body-stream.ts `nodeIo`), as c.header costs ~10 µs there.
    if (!io.presetHeader(c, 'Vary', 'Origin')) c.header('Vary', 'Origin')
    return next()
  }
  app.use('/api/*', corsWhenOrigin)
  app.use('/store/*', corsWhenOrigin)
  app.use('/v1/*', corsWhenOrigin) // the compatible APIs (routes/compat)
  app.use('/healthz', corsWhenOrigin)

  app.get('/healthz', (c) =>
    c.json({ code: 200, msg: 'success', data: { status: 'ok', storage: config.storage.kind } }),
  )
  app.get(
    '/openapi.json',
    openApiHandler({ basePath: config.basePath, embeddedStore: Boolean(deps.storeRoutes) }),
  )
  app.get('/api/v1/policy', policyHandler(config))
  // Verified links: public, the link itself is the capability (routes/verified-link.ts).
  app.get('/l/:owner/:fileId', verifiedLinkHandler(deps))
  app.on('HEAD', '/l/:owner/:fileId', verifiedLinkHandler(deps))

  const api = new Hono<AuthEnv>()
  api.post('/files', anyCaller, createFileHandler(deps))
  api.post('/files/complete', anyCaller, completeBatchHandler(deps)) // before /files/:fileId/...
  api.post('/files/:fileId/complete', anyCaller, completeFileHandler(deps))
  api.get('/files/:fileId', owners, getFileHandler(deps))
  api.delete('/files/:fileId', owners, deleteFileHandler(deps))
  api.post('/tokens', auth(['secret-key']), createTokenHandler(deps))
  api.post('/uploads', anyCaller, createUploadHandler(deps))
  api.post('/uploads/:fileId/sign', anyCaller, signUploadStepHandler(deps))
  // Public: the ticket is the capability (routes/initiate-upload.ts).
  api.post('/uploads/:fileId/initiate', initiateUploadHandler(deps))
  app.route('/', compatRoutes(deps, auth)) // docs/API.md §3; before the native routes, so they never shadow it
  app.route('/api/v1', api)

  if (deps.storeRoutes) app.route('/', deps.storeRoutes)

  app.notFound(() => {
    throw errors.notFound()
  })
  app.onError((caught, c) => {
    const error = asHttpError(caught)
    if (error instanceof DropgateError) {
      logFault(logger, error, c.req.path)
      for (const [name, value] of Object.entries(error.headers)) c.header(name, value)
      return c.json({ code: error.status, msg: error.message }, error.status)
    }
    // Anything else is a bug or an outage: log it whole, tell the client nothing internal.
    logger.error('unhandled', {
      path: new URL(c.req.url).pathname,
      error: String(error),
      stack: (error as Error).stack,
    })
    const internal = errors.internal()
    return c.json({ code: internal.status, msg: internal.message }, internal.status)
  })
  return app
}

/**
 * The client-side and disk faults get a log event of their own, so that a client that left or stalled
 * is never counted as a store outage (`storage_unavailable`, logged by the S3 driver) or a bug.
 */
function logFault(logger: Logger, error: DropgateError, path: string): void {
  if (error.code === 'client_gone') logger.info('client_gone', { path })
  else if (error.code === 'body_idle') logger.warn('body_idle', { path })
  else if (error.code === 'storage_full') logger.error('storage_full', { path })
}
