import { watch } from 'node:fs'
import { readdir } from 'node:fs/promises'
import { request as httpRequest } from 'node:http'
import { join } from 'node:path'
import { connectionsOnPort, multipartFormHead, multipartFormTail, openFds, trickle } from '@dropgate/testkit'
import { expect } from 'vitest'
import { mp4, png } from './media.js'
import type { RunningServer } from './server-process.js'

/**
 * What the fault suites (test/integration/faults-*.test.ts) share: multipart-mode bodies whose file
 * starts as real media and goes on for as long as asked, and the checks that a fault left nothing
 * behind in the server process or its data folder.
 */

export const MiB = 1024 * 1024
export const BOUNDARY = 'dropgate-fault-boundary'

/** A file of `size` bytes that passes the magic-byte check: real media first, then filler. */
export function mediaFile(type: 'image/png' | 'video/mp4', size: number): Buffer {
  const head = type === 'image/png' ? png(8, 8, 3) : mp4(256)
  const file = Buffer.alloc(size, 0x5a)
  head.copy(file, 0, 0, Math.min(head.length, size))
  return file
}

/** A multipart/form-data body with `file` as its one part, and its Content-Type. */
export function formOf(file: Uint8Array, type: string, filename = 'clip.bin') {
  const head = multipartFormHead(BOUNDARY, 'file', filename, type)
  const tail = multipartFormTail(BOUNDARY)
  return {
    head,
    tail,
    body: Buffer.concat([head, file, tail]),
    contentType: `multipart/form-data; boundary=${BOUNDARY}`,
  }
}

/** The body of `form` in chunks of `size`, so a client can vanish part-way through it. */
export async function* inChunks(body: Uint8Array, size = 64 * 1024): AsyncIterable<Uint8Array> {
  for (let at = 0; at < body.length; at += size) yield body.subarray(at, at + size)
}

/** Open file descriptors of the server that point into its data folder (a temp file held open). */
export async function fdsIntoDataDir(server: RunningServer): Promise<string[]> {
  const pid = server.process.pid as number
  return (await openFds(pid)).filter((target) => target.startsWith(server.dataDir))
}

/** Entries of a folder under the data folder, [] when it does not exist. */
export async function entriesOf(server: RunningServer, ...path: string[]): Promise<string[]> {
  try {
    return await readdir(join(server.dataDir, ...path))
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw error
  }
}

/** Resolves once a folder under the data folder holds at least `count` entries (fs.watch, no polling). */
export async function untilEntries(server: RunningServer, count: number, ...path: string[]): Promise<void> {
  const folder = join(server.dataDir, ...path)
  const watcher = watch(folder)
  try {
    while ((await entriesOf(server, ...path)).length < count)
      await new Promise((resolve) => watcher.once('change', resolve))
  } finally {
    watcher.close()
  }
}

/** Nothing of an aborted upload is left on the embedded store: no temp file, no open fd, no upload. */
export async function expectNothingLeftLocally(server: RunningServer): Promise<void> {
  expect(await fdsIntoDataDir(server)).toEqual([])
  expect(await entriesOf(server, 'tmp')).toEqual([])
  expect(await entriesOf(server, 'multipart')).toEqual([])
}

/** A multipart-mode POST of a whole form with fetch; the answer's status, body and time taken. */
export async function postForm(server: RunningServer, key: string, form: ReturnType<typeof formOf>) {
  const started = performance.now()
  const res = await fetch(`${server.url}/api/v1/files`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': form.contentType },
    body: form.body,
  })
  const body = await res.json()
  return { status: res.status, body, ms: performance.now() - started }
}

/** The owner prefix a key's files go under, read from an upload URL the server signs for it. */
export async function ownerOf(server: RunningServer, key: string): Promise<string> {
  const res = await fetch(`${server.url}/api/v1/files`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ filename: 'probe.png', contentType: 'image/png' }),
  })
  const { data } = await res.json()
  const segments = new URL(data.uploadUrl).pathname.split('/')
  return segments[segments.length - 2] as string
}

/** No log line says a fault of the client was the store's, or a bug. */
export function expectNoFalseAlarms(server: RunningServer): void {
  expect(server.events('unhandled')).toEqual([])
  expect(server.events('storage_unavailable')).toEqual([])
}

/**
 * 300 clients trickling bodies at 1 byte/s for `durationMs` (after a first burst that takes each one
 * past the server's first checks): 100 multipart-mode forms with Content-Length, 100 chunked ones,
 * 100 JSON-mode bodies. Meanwhile `/healthz`, a presign and a small multipart-mode upload are timed
 * every second; afterwards, until the server has seen every trickler go, nothing else runs.
 * Resolves with each probe kind's p50, p95 and slowest (ms), and the clients' connections the server
 * holds before and after.
 */
export async function trickleStorm(server: RunningServer, key: string, durationMs: number) {
  const pid = server.process.pid as number
  const port = Number(new URL(server.url).port)
  const connectionsBefore = await connectionsOnPort(pid, port)
  const gone = server.events('client_gone').length
  const auth = { authorization: `Bearer ${key}` }
  const file = mediaFile('image/png', 64 * 1024)
  const form = formOf(file, 'image/png', 'slow.png')
  const burst = form.body.subarray(0, form.head.length + 8 * 1024)
  const url = `${server.url}/api/v1/files`
  // The clients vanish together at `durationMs`: probes stop well before, so what they time is the
  // trickle, not the 300 disconnects' clean-up.
  const stormEnds = performance.now() + durationMs
  // One client every way a body can trickle in: a form with Content-Length, a chunked form, JSON.
  const kinds = [
    { type: form.contentType, declaredLength: form.body.length, burst },
    { type: form.contentType, burst },
    { type: 'application/json', declaredLength: 200, burst: Buffer.from('{"filename":"x.png",') },
  ]
  const clients = kinds.flatMap(({ type, ...body }) =>
    Array.from({ length: 100 }, () =>
      trickle({
        url,
        method: 'POST',
        headers: { ...auth, 'content-type': type },
        ...body,
        bytesPerSecond: 1,
        durationMs,
      }),
    ),
  )
  const samples: Record<'healthz' | 'presign' | 'upload', number[]> = { healthz: [], presign: [], upload: [] }
  // Each probe on a connection of its own, closed after (a new visitor): none is left pooled in this
  // process to count as held afterwards.
  const timed = async (
    name: keyof typeof samples,
    path: string,
    method: string,
    headers: Record<string, string>,
    body?: Uint8Array,
  ) => {
    const started = performance.now()
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        `${server.url}${path}`,
        {
          method,
          agent: false,
          headers: {
            ...headers,
            connection: 'close',
            ...(body && { 'content-length': String(body.length) }),
          },
        },
        (res) => {
          res.resume()
          res.on('end', () => resolve(res.statusCode ?? 0))
        },
      )
      req.on('error', reject)
      req.end(body)
    })
    expect(status, name).toBe(200)
    samples[name].push(performance.now() - started)
  }
  const small = formOf(mediaFile('image/png', 100 * 1024), 'image/png', 'probe.png')
  const probeRound = async () => {
    await timed('healthz', '/healthz', 'GET', {})
    await timed(
      'presign',
      '/api/v1/files',
      'POST',
      { ...auth, 'content-type': 'application/json' },
      Buffer.from(JSON.stringify({ filename: 'p.png', contentType: 'image/png', fileSize: 10 })),
    )
    await timed('upload', '/api/v1/files', 'POST', { ...auth, 'content-type': small.contentType }, small.body)
  }
  // Timed once every client is past its first burst: what is measured is the trickle, not 300 connects.
  await Promise.all(clients.map((client) => client.ready))
  // One round untimed first: the first requests of a fresh process compile their code paths.
  await probeRound()
  for (const kind of Object.values(samples)) kind.length = 0
  const until = stormEnds - 3000
  let probes = 0
  while (performance.now() < until) {
    await probeRound()
    probes++
    // The probes' pace (a client's behaviour), not a wait for the server.
    await new Promise((resolve) => setTimeout(resolve, 1000))
  }
  await Promise.all(clients.map((client) => client.answered))
  await server.logged('client_gone', gone + clients.length, 30_000)
  const stats = (ms: number[]) => {
    const sorted = [...ms].sort((a, b) => a - b)
    const at = (q: number) =>
      Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0)
    return { p50: at(0.5), p95: at(0.95), max: at(1) }
  }
  return {
    probes,
    healthz: stats(samples.healthz),
    presign: stats(samples.presign),
    upload: stats(samples.upload),
    connectionsBefore,
    connectionsAfter: await connectionsOnPort(pid, port),
  }
}
