// `pnpm --dir bench run sigv4 [-- --baseline=<git rev>] [--runs=N]`: presign and verify ops/s of the
// signer's SigV4 code (server/src/sign), in-process, no network. With --baseline the same cases run
// against that revision's server/src (extracted with `git archive` into a temp folder), interleaved
// run by run with the working tree's, so machine noise falls on both alike; each figure is the median
// of the runs. The cases are the signer's hot paths: the upload URL of POST /api/v1/files (a plain
// URL string with content-type and content-length), a multipart part URL (a URL with a query: the
// general path), and the embedded store's verify of an upload URL.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { ROOT } from './paths.ts'

interface SigV4Module {
  createPresigner(
    creds: Credentials,
  ): (opts: {
    method: string
    url: string | URL
    expiresIn: number
    headers?: Record<string, string>
    now?: Date
  }) => string
  verifyPresigned(
    creds: Credentials,
    input: { method: string; url: string | URL; headers: Record<string, string>; now?: Date },
  ): { ok: boolean }
}
interface Credentials {
  accessKeyId: string
  secretAccessKey: string
  region: string
  service: string
}

const CREDS: Credentials = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  region: 'auto',
  service: 's3',
}
const ORIGIN = 'http://127.0.0.1:9000'
const RUN_MS = 400

const args = new Map(
  process.argv
    .slice(2)
    .filter((a) => a.startsWith('--'))
    .map((a) => {
      const [name, value = ''] = a.slice(2).split('=')
      return [name as string, value] as const
    }),
)
const runs = Number(args.get('runs') ?? 9)
const baseline = args.get('baseline')

type Case = { name: string; make(m: SigV4Module): () => unknown }

const CASES: Case[] = [
  {
    name: 'presign upload URL (plain)',
    make(m) {
      const presign = m.createPresigner(CREDS)
      let i = 0
      return () =>
        presign({
          method: 'PUT',
          url: `${ORIGIN}/bucket/uploads/own3r/f${(i++ % 1000).toString(36)}`,
          expiresIn: 900,
          headers: { 'content-type': 'image/png', 'content-length': String(1000 + (i % 7)) },
        })
    },
  },
  {
    name: 'presign part URL (parsed)',
    make(m) {
      const presign = m.createPresigner(CREDS)
      let i = 0
      return () => {
        const url = new URL(`${ORIGIN}/bucket/quarantine/own3r/f1`)
        url.searchParams.set('partNumber', String((i++ % 100) + 1))
        url.searchParams.set('uploadId', 'MjAyNC0wMy0wNVQwNjowNzowOC4xMjNa')
        return presign({ method: 'PUT', url, expiresIn: 900, headers: { 'content-length': '33554432' } })
      }
    },
  },
  {
    name: 'verify upload URL',
    make(m) {
      const presign = m.createPresigner(CREDS)
      const headers = { 'content-type': 'image/png', 'content-length': '1234' }
      const url = presign({ method: 'PUT', url: `${ORIGIN}/store/uploads/own3r/f1`, expiresIn: 900, headers })
      const request = { method: 'PUT', url, headers: { ...headers, host: '127.0.0.1:9000' } }
      return () => {
        if (!m.verifyPresigned(CREDS, request).ok) throw new Error('verify failed')
      }
    },
  },
]

/** Calls `op` for RUN_MS and returns its rate; batches of 1000 keep the clock out of the loop. */
function measure(op: () => unknown): number {
  let count = 0
  const start = process.hrtime.bigint()
  const until = start + BigInt(RUN_MS * 1e6)
  let now = start
  while (now < until) {
    for (let i = 0; i < 1000; i++) op()
    count += 1000
    now = process.hrtime.bigint()
  }
  return count / (Number(now - start) / 1e9)
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}

async function load(root: string): Promise<SigV4Module> {
  return (await import(pathToFileURL(join(root, 'server/src/sign/sigv4.ts')).href)) as SigV4Module
}

async function main() {
  const modules: [string, SigV4Module][] = [['working tree', await load(ROOT)]]
  let extracted: string | undefined
  if (baseline !== undefined) {
    extracted = mkdtempSync(join(tmpdir(), 'dropgate-sigv4-'))
    const tar = execFileSync('git', ['-C', ROOT, 'archive', baseline, 'server/src/sign', 'server/src/core'])
    execFileSync('tar', ['-x', '-C', extracted], { input: tar })
    modules.unshift([`baseline ${baseline}`, await load(extracted)])
  }
  try {
    for (const c of CASES) {
      const ops = modules.map(([, m]) => c.make(m))
      for (const op of ops) measure(op) // warm-up: JIT and the signing-key cache
      const rates: number[][] = ops.map(() => [])
      for (let r = 0; r < runs; r++) for (const [i, op] of ops.entries()) rates[i]?.push(measure(op))
      const medians = rates.map(median)
      const line = modules
        .map(([label], i) => `${label}: ${Math.round(medians[i] as number).toLocaleString('en')} ops/s`)
        .join('  ')
      const ratio =
        medians.length === 2 ? `  (${((medians[1] as number) / (medians[0] as number)).toFixed(3)}×)` : ''
      console.log(`${c.name.padEnd(28)} ${line}${ratio}`)
    }
  } finally {
    if (extracted !== undefined) rmSync(extracted, { recursive: true, force: true })
  }
}

await main()
