import { randomBytes } from 'node:crypto'
import { mkdir, mkdtemp } from 'node:fs/promises'
import { join } from 'node:path'
import { BENCH, DATA, ROOT, TMP } from './paths.ts'
import { freePort, type Launch, launched, type Peer, startPeer } from './processes.ts'

/** The secret key every benchmark request presents (a throwaway, made per run). */
export const SECRET_KEY = `dg_sk_bench_${randomBytes(24).toString('base64url')}`

/**
 * Dropgate as an operator runs it, configured by the environment: `dropgate serve`, from the sources
 * (`node server/bin/dropgate-dev.mjs serve`, through tsx: the same JavaScript once loaded).
 * DROPGATE_BENCH_SERVER=<path of another checkout's bin/dropgate-dev.mjs (bin/dropgate.mjs before)>
 * runs that one instead (A/B runs);
 * BENCH_CPU_PROF=1 writes each server's CPU profile to bench/.tmp/profiles/<name>/ when it stops
 * (read them with `pnpm --dir bench run profile-top <file>`). `how.launcher` runs Node under a tool
 * (valgrind: instructions.ts); `how.server` is another build's bin, as DROPGATE_BENCH_SERVER.
 */
export async function startDropgate(
  name: string,
  env: Record<string, string>,
  how: Launch & { server?: string } = {},
): Promise<Peer> {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  await mkdir(DATA, { recursive: true })
  return startPeer({
    name,
    ...launched(how, [
      ...(process.env.BENCH_CPU_PROF
        ? [
            '--cpu-prof',
            `--cpu-prof-dir=${join(TMP, 'profiles', name)}`,
            '--import',
            join(BENCH, 'src', 'profiling', 'exit-on-signal.mjs'),
          ]
        : []),
      how.server ?? process.env.DROPGATE_BENCH_SERVER ?? join(ROOT, 'server', 'bin', 'dropgate-dev.mjs'),
      'serve',
    ]),
    cwd: ROOT,
    env: {
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      DROPGATE_DATA_DIR: await mkdtemp(join(DATA, `${name}-`)),
      DROPGATE_API_KEYS: SECRET_KEY,
      ...env,
    },
    readyUrl: `${url}/healthz`,
    url,
  })
}

export interface PresignedPut {
  fileId: string
  uploadUrl: string
  headers: Record<string, string>
}

/** JSON mode of POST /api/v1/files: a presigned PUT with the length bound. */
export async function presignPut(server: string, size: number, filename = 'clip.mp4'): Promise<PresignedPut> {
  const answer = await fetch(`${server}/api/v1/files`, {
    method: 'POST',
    headers: { authorization: `Bearer ${SECRET_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ filename, contentType: 'video/mp4', fileSize: size }),
  })
  const body = (await answer.json()) as { data?: PresignedPut; msg?: string }
  if (!answer.ok || !body.data) throw new Error(`presign: ${answer.status} ${body.msg ?? ''}`)
  return body.data
}
