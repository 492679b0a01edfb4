import { builtinModules } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build, type Plugin } from 'esbuild'

/**
 * Bundles the Worker (src/entries/workers.ts) into one ES module for workerd, as `wrangler deploy`
 * does: Node's built-ins stay imports (`node:*`, served by nodejs_compat), and a CommonJS dependency's
 * `require('stream')` (busboy) is turned into an import of `node:stream`, since an ES module Worker
 * has no `require`.
 */
export const SERVER_DIR = join(dirname(fileURLToPath(import.meta.url)), '..')
export const WORKER_ENTRY = join(SERVER_DIR, 'src/entries/workers.ts')

const builtins = new Set(builtinModules.filter((name) => !name.startsWith('_')))
const BUILTIN = new RegExp(`^(node:)?(${[...builtins].map((name) => name.replace('/', '\\/')).join('|')})$`)

const nodeBuiltins: Plugin = {
  name: 'node-builtins',
  setup(build) {
    build.onResolve({ filter: BUILTIN }, ({ path, kind }) => {
      const name = path.startsWith('node:') ? path : `node:${path}`
      if (kind === 'require-call') return { path: name, namespace: 'required-builtin' }
      return { path: name, external: true }
    })
    build.onLoad({ filter: /.*/, namespace: 'required-builtin' }, ({ path }) => ({
      contents: `import * as all from '${path}'; module.exports = all.default ?? all`,
      loader: 'js',
    }))
  },
}

export interface WorkerBundle {
  code: string
  bytes: number
}

/** The Worker as one module; `minify` for the size a deploy uploads. */
export async function bundleWorker(options: { minify?: boolean } = {}): Promise<WorkerBundle> {
  const result = await build({
    entryPoints: [WORKER_ENTRY],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    // workerd's own conditions first, as wrangler resolves; workspace packages from their sources.
    conditions: ['workerd', 'worker', 'browser', '@dropgate/source', 'import', 'module', 'default'],
    mainFields: ['browser', 'module', 'main'],
    external: ['cloudflare:*'],
    plugins: [nodeBuiltins],
    minify: options.minify ?? false,
    logLevel: 'silent',
  })
  const file = result.outputFiles[0]
  if (!file) throw new Error('esbuild produced no Worker bundle')
  return { code: file.text, bytes: file.contents.byteLength }
}
