import { createMiddleware } from 'hono/factory'
import { type ApiKey, matchApiKey } from '../core/api-keys.js'
import { errors } from '../errors.js'

/** Who is calling. The owner is the storage prefix every file of this caller lives under. */
export interface Caller {
  kind: 'secret-key'
  owner: string
}

export type AuthEnv = { Variables: { caller: Caller } }

export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? '')
  return match ? (match[1] as string) : null
}

export function requireCaller(keys: readonly ApiKey[]) {
  return createMiddleware<AuthEnv>(async (c, next) => {
    const presented = bearerToken(c.req.header('authorization'))
    const key = presented ? matchApiKey(keys, presented) : null
    if (!key) throw errors.unauthorized()
    c.set('caller', { kind: 'secret-key', owner: key.owner })
    await next()
  })
}
