import { mkdir, mkdtemp } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { BENCH, DATA } from '../paths.ts'
import { freePort, type Peer, startPeer } from '../processes.ts'

/**
 * Peer (c) of the presign benchmark: @uppy/companion standalone (its own `companion` binary, in
 * production mode), with S3 configured for the same Swift bucket Dropgate signs for.
 */
export async function startCompanion(s3: Record<string, string>): Promise<Peer> {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const require = createRequire(join(BENCH, 'package.json'))
  const pkg = require.resolve('@uppy/companion/package.json')
  await mkdir(DATA, { recursive: true })
  return startPeer({
    name: 'companion',
    command: process.execPath,
    args: [join(dirname(pkg), 'bin', 'companion')],
    cwd: BENCH,
    env: {
      NODE_ENV: 'production',
      COMPANION_PORT: String(port),
      COMPANION_DOMAIN: `127.0.0.1:${port}`,
      COMPANION_PROTOCOL: 'http',
      COMPANION_SECRET: 'bench-secret-not-for-production-use-0123456789',
      COMPANION_DATADIR: await mkdtemp(join(DATA, 'companion-')),
      COMPANION_CLIENT_ORIGINS: 'http://127.0.0.1',
      COMPANION_UPLOAD_URLS: `${s3.S3_ENDPOINT}/.*`,
      COMPANION_AWS_KEY: s3.S3_ACCESS_KEY_ID ?? '',
      COMPANION_AWS_SECRET: s3.S3_SECRET_ACCESS_KEY ?? '',
      COMPANION_AWS_BUCKET: s3.S3_BUCKET ?? '',
      COMPANION_AWS_REGION: s3.S3_REGION ?? '',
      COMPANION_AWS_ENDPOINT: s3.S3_ENDPOINT ?? '',
      COMPANION_AWS_FORCE_PATH_STYLE: 'true',
    },
    readyUrl: `${url}/`,
    url,
    timeoutMs: 60_000,
  })
}
