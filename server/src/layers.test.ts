import { readdirSync, readFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

/**
 * The signer's layers, read off its imports (docs/ARCHITECTURE.md, "Layers of the signer"). From the
 * bottom: pure core → config and errors → the storage port → HTTP plumbing → use cases → routes →
 * the app → entries and adapters (node/, cli/). The drivers (storage/local/, storage/s3/) sit beside
 * that line: they implement the port and know nothing above it, and nothing but entries and the
 * wiring (storage/create-storage.ts) builds them, through their public index.
 */
const SRC = dirname(fileURLToPath(import.meta.url))

type Layer =
  | 'core'
  | 'base'
  | 'port'
  | 'driver'
  | 'wiring'
  | 'http'
  | 'usecases'
  | 'routes'
  | 'app'
  | 'workers'
  | 'entry'

function layerOf(path: string): Layer {
  if (path.startsWith('core/') || path.startsWith('sign/')) return 'core'
  if (
    ['errors.ts', 'log.ts', 'config.ts', 'config-from.ts', 'media-settings.ts', 'base-path.ts'].includes(path)
  )
    return 'base'
  if (path.startsWith('storage/local/') || path.startsWith('storage/s3/')) return 'driver'
  if (path === 'storage/create-storage.ts') return 'wiring'
  if (path.startsWith('storage/')) return 'port' // the contract, its errors, helpers shared by drivers
  if (path.startsWith('http/')) return 'http'
  if (path.startsWith('usecases/')) return 'usecases'
  if (path.startsWith('routes/')) return 'routes'
  if (path === 'app.ts') return 'app'
  if (path.startsWith('entries/workers')) return 'workers' // the Cloudflare Workers entry
  return 'entry' // node/, cli/, cli.ts, the package's entry
}

/** What each layer may import (besides its own layer, and `driver` within its own driver only). */
const MAY_IMPORT: Record<Layer, readonly Layer[]> = {
  core: [],
  base: ['core'],
  port: ['core'],
  driver: ['core', 'port'],
  wiring: ['core', 'base', 'port', 'driver'],
  http: ['core', 'base', 'port'],
  usecases: ['core', 'base', 'port', 'http'],
  routes: ['core', 'base', 'port', 'http', 'usecases'],
  app: ['core', 'base', 'port', 'http', 'usecases', 'routes'],
  // The Worker runs the app on the S3 driver and never pulls in Node's entry (node/, cli/).
  workers: ['core', 'base', 'port', 'driver', 'http', 'usecases', 'routes', 'app'],
  entry: ['core', 'base', 'port', 'driver', 'wiring', 'http', 'usecases', 'routes', 'app', 'entry'],
}

/**
 * node:crypto's one-shot primitives, the only Node API core may use: workerd (nodejs_compat), Deno and
 * Bun all provide them, and a port in front of each HMAC would cost the presign hot path (every
 * signature and key check is one) for no runtime that lacks them. `hash` is probed and falls back to
 * createHash (core/sha256.ts); KeyObject and createSecretKey hold SigV4's cached signing keys.
 */
const CORE_CRYPTO = new Set([
  'createHash',
  'createHmac',
  'createSecretKey',
  'hash',
  'KeyObject',
  'randomBytes',
  'randomFillSync',
  'timingSafeEqual',
])
/** Busboy and the guarded body reader work on Node streams, which nodejs_compat, Deno and Bun provide. */
const HTTP_NODE = new Set(['node:stream', 'node:stream/web'])
/**
 * `Buffer`, imported from node:buffer (never the global): nodejs_compat, Deno and Bun provide it, and
 * the signer's HMACs, base64url and body chunks are Buffers on Node without a copy.
 */
const PORTABLE_NODE = new Set(['node:buffer'])
/** Node's globals, which a portable layer must not lean on (Buffer only through its import). */
const NODE_GLOBALS = /\b(process\.|setImmediate\(|__dirname|__filename|require\()/
/** Where no Node API may be used at all (but core's crypto) and nothing may look for Node's objects. */
const PORTABLE: readonly Layer[] = ['core', 'http', 'usecases', 'routes', 'app', 'workers']
const NODE_OBJECTS = /\b(IncomingMessage|ServerResponse)\b|\benv\b[^\n]*\b(incoming|outgoing)\b/

interface Import {
  line: number
  typeOnly: boolean
  names: string
  from: string
}

function importsOf(text: string): Import[] {
  const found: Import[] = []
  const statement = /^(import|export)\s+(type\s+)?([^'"]*?)\s*from\s*'([^']+)'/gms
  for (const match of text.matchAll(statement)) {
    const line = text.slice(0, match.index).split('\n').length
    found.push({ line, typeOnly: Boolean(match[2]), names: match[3] ?? '', from: match[4] ?? '' })
  }
  for (const match of text.matchAll(/\bimport\(\s*'([^']+)'\s*\)/g)) {
    const line = text.slice(0, match.index).split('\n').length
    found.push({ line, typeOnly: false, names: '', from: match[1] ?? '' })
  }
  return found
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  )
}

const driverOf = (path: string) => /^storage\/(local|s3)\//.exec(path)?.[1] ?? null
const isDriverIndex = (path: string) => /^storage\/(local|s3)\/index\.ts$/.test(path)

/** Every broken rule of one source file, as `file:line what`. */
function problemsOf(path: string, text: string): string[] {
  const layer = layerOf(path)
  const problems: string[] = []
  const say = (line: number, what: string) => problems.push(`${path}:${line} ${what}`)
  for (const { line, typeOnly, names, from: specifier } of importsOf(text)) {
    // `fs` is node:fs as much as `node:fs` is.
    const from = builtinModules.includes(specifier) ? `node:${specifier}` : specifier
    if (from.startsWith('node:')) {
      if (PORTABLE_NODE.has(from) && PORTABLE.includes(layer)) continue
      if (layer === 'core') {
        const namespace = /^\*\s+as\s+(\w+)$/.exec(names.trim())?.[1]
        const used = namespace
          ? [...text.matchAll(new RegExp(`\\b${namespace}\\.(\\w+)`, 'g'))].map((m) => m[1] ?? '')
          : names
              .replace(/[{}]/g, '')
              .split(',')
              .map((n) => n.trim().replace(/^type\s+/, ''))
        const outside = used.filter((name) => name !== '' && !CORE_CRYPTO.has(name))
        if (from !== 'node:crypto' || outside.length > 0) say(line, `core uses ${from} ${outside.join(', ')}`)
      } else if (layer === 'http') {
        if (!HTTP_NODE.has(from)) say(line, `HTTP plumbing uses ${from}`)
      } else if (PORTABLE.includes(layer)) say(line, `${layer} uses ${from}`)
      continue
    }
    if (!from.startsWith('.')) continue
    const target = relative(SRC, resolve(SRC, dirname(path), from)).replace(/\.js$/, '.ts')
    if (target.startsWith('..')) {
      say(line, `imports ${from}, outside src/`)
      continue
    }
    const targetLayer = layerOf(target)
    const ownDriver = driverOf(path)
    if (targetLayer === 'driver') {
      const sameDriver = ownDriver !== null && ownDriver === driverOf(target)
      // The union of the drivers' types (storage/storage.ts) names their public types, erased at run time.
      const unionOfTypes = layer === 'port' && typeOnly && isDriverIndex(target)
      if (!sameDriver && !unionOfTypes) {
        if (!MAY_IMPORT[layer].includes('driver')) say(line, `${layer} imports the driver file ${target}`)
        else if (!isDriverIndex(target))
          say(line, `imports ${target}, a driver's internals (use its index.ts)`)
      }
      continue
    }
    if (layer === 'driver' && target === 'log.ts') continue // a driver logs what it retries behind an answer
    if (layer === 'port' && target === 'log.ts') continue // retry-later.ts
    if (targetLayer !== layer && !MAY_IMPORT[layer].includes(targetLayer))
      say(line, `${layer} imports ${target} (${targetLayer}), a layer above or beside it`)
  }
  if (PORTABLE.includes(layer)) {
    text.split('\n').forEach((content, index) => {
      if (content.trim().startsWith('*') || content.trim().startsWith('//')) return
      if (NODE_OBJECTS.test(content))
        say(index + 1, `${layer} looks for Node's own objects: ${content.trim()}`)
      if (NODE_GLOBALS.test(content)) say(index + 1, `${layer} uses a Node global: ${content.trim()}`)
      if (/\bBuffer\b/.test(content) && !/from 'node:buffer'/.test(text))
        say(index + 1, `${layer} uses the global Buffer (import it from node:buffer): ${content.trim()}`)
    })
  }
  return problems
}

const CAST = /\bas\s+(LocalStorage|S3Storage)\b|<(LocalStorage|S3Storage)>\s*\w/

describe('layers of server/src', () => {
  const files = sourceFiles(SRC).map((file) => ({
    path: relative(SRC, file),
    text: readFileSync(file, 'utf8'),
  }))
  const sources = files.filter(({ path }) => !path.endsWith('.test.ts'))

  it('reads the imports it checks', () => {
    // Guards the rule against passing vacuously: imports known to exist are found and placed.
    const app = sources.find(({ path }) => path === 'app.ts')
    expect(importsOf(app?.text ?? '').map(({ from }) => from)).toContain('./routes/create-file.js')
    expect(layerOf('storage/s3/s3-client.ts')).toBe('driver')
    expect(
      problemsOf('routes/x.ts', "import { createS3Client } from '../storage/s3/s3-client.js'\n"),
    ).toHaveLength(1)
    expect(problemsOf('core/x.ts', "import { errors } from '../errors.js'\n")).toHaveLength(1)
    expect(
      problemsOf('entries/workers-x.ts', "import { startNodeServer } from '../node/node.js'\n"),
    ).toHaveLength(1)
    expect(problemsOf('entries/workers-x.ts', "import { readFile } from 'node:fs'\n")).toHaveLength(1)
    expect(problemsOf('core/x.ts', "import { createHmac } from 'node:crypto'\n")).toEqual([])
    expect(problemsOf('core/x.ts', "import { readFile } from 'node:fs'\n")).toHaveLength(1)
    // A builtin without its node: prefix, a Node global, and the global Buffer are Node APIs too.
    expect(problemsOf('routes/x.ts', "import { readFileSync } from 'fs'\n")).toHaveLength(1)
    expect(problemsOf('routes/x.ts', 'const dir = process.env.HOME\n')).toHaveLength(1)
    expect(problemsOf('routes/x.ts', 'const bytes = Buffer.from(text)\n')).toHaveLength(1)
    expect(
      problemsOf('routes/x.ts', "import { Buffer } from 'node:buffer'\nconst bytes = Buffer.from(text)\n"),
    ).toEqual([])
    expect(
      problemsOf('routes/x.ts', 'const incoming = (c.env as { incoming?: unknown }).incoming\n'),
    ).toHaveLength(1)
    expect(problemsOf('storage/local/x.ts', "import type { S3Client } from '../s3/index.js'\n")).toHaveLength(
      1,
    )
    expect(
      problemsOf('cli/x.ts', "import { keepFirst } from '../storage/s3/s3-guessed-put.js'\n"),
    ).toHaveLength(1)
  })

  it('imports only from its own layer or those below, and drivers only through their index', () => {
    expect(sources.flatMap(({ path, text }) => problemsOf(path, text))).toEqual([])
  })

  it('never casts to a driver type (narrow on `storage.kind`)', () => {
    const casts = files.flatMap(({ path, text }) =>
      text
        .split('\n')
        .flatMap((content, index) => (CAST.test(content) ? [`${path}:${index + 1} ${content.trim()}`] : [])),
    )
    expect(casts).toEqual([])
  })
})
