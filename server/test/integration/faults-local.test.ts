import { connect } from 'node:net'
import { sendPartial, trickle } from '@dropgate/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  entriesOf,
  expectNoFalseAlarms,
  expectNothingLeftLocally,
  formOf,
  inChunks,
  MiB,
  mediaFile,
  postForm,
  untilEntries,
} from '../faults.js'
import { mp4Of, wavOf } from '../media-fixtures.js'
import { type RunningServer, startServer } from '../server-process.js'

/**
 * Faults on the embedded store, against the real server over HTTP (README "Failure behaviour"): clients
 * that vanish mid-body, stall, trickle, a full disk, a stop while uploads run. Each case checks what
 * the client got, within what time, and that nothing is left: no fd into the data folder, no temp
 * file, no multipart upload; and that later uploads work.
 */
const KEY = 'faults-local-key'
const IDLE_S = 2
const auth = { authorization: `Bearer ${KEY}` }

describe('faults on the embedded store', () => {
  let server: RunningServer
  beforeAll(async () => {
    server = await startServer({
      DROPGATE_API_KEYS: KEY,
      DROPGATE_BODY_IDLE_TIMEOUT: String(IDLE_S),
      DROPGATE_HEADERS_TIMEOUT: '2',
      DROPGATE_TOKEN_SECRET: 'x'.repeat(32),
    })
  })
  afterAll(() => server?.stop())

  const video = formOf(mediaFile('video/mp4', 100 * MiB), 'video/mp4', 'clip.mp4')

  it('F1: five 100 MiB uploads whose clients vanish mid-body leave no fd, temp file or upload; the next works', async () => {
    const gone = server.events('client_gone').length
    const vanished = await Promise.all(
      [0, 1, 2, 3, 4].map((i) =>
        sendPartial({
          url: `${server.url}/api/v1/files`,
          method: 'POST',
          headers: { ...auth, 'content-type': video.contentType },
          body: inChunks(video.body),
          declaredLength: video.body.length,
          stopAfterBytes: (2 + i) * MiB,
          how: i % 2 === 0 ? 'destroy' : 'reset',
        }),
      ),
    )
    expect(vanished.map((v) => v.status)).toEqual([null, null, null, null, null])
    await server.logged('client_gone', gone + 5)
    await expectNothingLeftLocally(server)
    expectNoFalseAlarms(server)
    const next = await postForm(server, KEY, formOf(mediaFile('image/png', 300 * 1024), 'image/png', 'a.png'))
    expect(next.status).toBe(200)
  })

  it('a client that vanishes inside a file part of another field name does not bring the server down', async () => {
    const other = formOf(mediaFile('image/png', 4 * MiB), 'image/png', 'other.png')
    const body = Buffer.from(other.body.toString('latin1').replace('name="file"', 'name="other"'), 'latin1')
    const gone = server.events('client_gone').length
    await sendPartial({
      url: `${server.url}/api/v1/files`,
      method: 'POST',
      headers: { ...auth, 'content-type': other.contentType },
      body: inChunks(body),
      declaredLength: body.length,
      stopAfterBytes: MiB,
      how: 'reset',
    })
    await server.logged('client_gone', gone + 1)
    expect(server.process.exitCode).toBeNull()
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
  })

  it('a presigned PUT to /store whose client vanishes leaves nothing, and the same URL then works', async () => {
    const file = new Uint8Array(mediaFile('video/mp4', 20 * MiB))
    const created = await fetch(`${server.url}/api/v1/files`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ filename: 'v.mp4', contentType: 'video/mp4', fileSize: file.length }),
    })
    const { data } = await created.json()
    const gone = server.events('client_gone').length
    await sendPartial({
      url: data.uploadUrl,
      headers: { 'content-type': 'video/mp4' },
      body: inChunks(file),
      declaredLength: file.length,
      stopAfterBytes: 3 * MiB,
      how: 'reset',
    })
    await server.logged('client_gone', gone + 1)
    await expectNothingLeftLocally(server)
    // A retry of the same upload URL (the widget's retry) is not blocked by what the first left.
    const retried = await fetch(data.uploadUrl, {
      method: 'PUT',
      headers: { 'content-type': 'video/mp4' },
      body: file,
    })
    expect(retried.status).toBe(200)
  })

  it('F3: with a one-file token, an aborted upload then the same file again succeeds', async () => {
    const minted = await fetch(`${server.url}/api/v1/tokens`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ maxFiles: 1 }),
    })
    const { token } = (await minted.json()).data
    const form = formOf(mediaFile('image/png', 4 * MiB), 'image/png', 'once.png')
    const gone = server.events('client_gone').length
    await sendPartial({
      url: `${server.url}/api/v1/files`,
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': form.contentType },
      body: inChunks(form.body),
      declaredLength: form.body.length,
      stopAfterBytes: MiB,
      how: 'destroy',
    })
    await server.logged('client_gone', gone + 1)
    const again = await postForm(server, token, form)
    expect(again.status, JSON.stringify(again.body)).toBe(200)
    await expectNothingLeftLocally(server)
  })

  it('F4: a slow but moving upload takes as long as it needs, past several idle deadlines', async () => {
    const form = formOf(mediaFile('image/png', 40 * 1024), 'image/png', 'slow.png')
    const started = performance.now()
    const slow = trickle({
      url: `${server.url}/api/v1/files`,
      method: 'POST',
      headers: { ...auth, 'content-type': form.contentType },
      declaredLength: form.body.length,
      body: form.body,
      bytesPerSecond: 6 * 1024, // ~7 s for the whole form: 3.5 idle deadlines
    })
    const answer = await slow.answered
    expect(performance.now() - started).toBeGreaterThan(3 * IDLE_S * 1000)
    expect(answer?.status, answer?.body).toBe(200)
    expect(JSON.parse(answer?.body ?? '{}').data.publicUrl).toMatch(/^http/)
  }, 30_000)

  it('F4: a body that stops arriving is answered 408 in the documented shape after the idle deadline, nothing kept', async () => {
    const form = formOf(mediaFile('video/mp4', 10 * MiB), 'video/mp4', 'stuck.mp4')
    const started = performance.now()
    const stuck = trickle({
      url: `${server.url}/api/v1/files`,
      method: 'POST',
      headers: { ...auth, 'content-type': form.contentType },
      declaredLength: form.body.length,
      burst: form.body.subarray(0, 2 * MiB), // then nothing more
      bytesPerSecond: 0.0001,
    })
    const answer = await stuck.answered
    const ms = performance.now() - started
    expect(answer?.status).toBe(408)
    expect(JSON.parse(answer?.body ?? '{}')).toEqual({
      code: 408,
      msg: `The request body stalled: nothing arrived for ${IDLE_S} s`,
    })
    expect(ms).toBeGreaterThanOrEqual(IDLE_S * 1000 - 50)
    expect(ms).toBeLessThan(IDLE_S * 1000 + 1500)
    await stuck.stop()
    await server.logged('body_idle')
    await expectNothingLeftLocally(server)
  })

  it('a request whose headers never finish is closed after the headers deadline', async () => {
    const socket = connect(Number(new URL(server.url).port), '127.0.0.1')
    const started = performance.now()
    socket.write('POST /api/v1/files HTTP/1.1\r\nHost: x\r\nX-Slow: ')
    const answer = await new Promise<string>((resolve) => {
      let text = ''
      socket.on('data', (chunk) => {
        text += chunk.toString('latin1')
      })
      socket.on('close', () => resolve(text))
    })
    expect(answer).toMatch(/^HTTP\/1\.1 408/)
    expect(performance.now() - started).toBeLessThan(2000 + 1500)
  })
})

describe('faults on the embedded store with media rules', () => {
  let server: RunningServer
  beforeAll(async () => {
    server = await startServer({
      DROPGATE_API_KEYS: KEY,
      DROPGATE_MEDIA_MIN_SECONDS: '1',
      DROPGATE_MEDIA_MAX_SECONDS: '600',
      DROPGATE_IMAGE_MIN_SIDE: '128',
    })
  })
  afterAll(() => server?.stop())

  it.each([
    ['while the media check waits for its first 64 KiB', () => wavOf(300), 20 * 1024, 'audio/wav'],
    [
      'past the head, of an MP4 left to the stored check',
      () => mp4Of(30, { moovAtEnd: true, mdatBytes: 8 * MiB }),
      3 * MiB,
      'video/mp4',
    ],
  ] as const)(
    'a client that vanishes %s leaves nothing, and the next upload works',
    async (_, file, stopAfter, type) => {
      const form = formOf(file(), type, 'clip')
      const gone = server.events('client_gone').length
      const vanished = await sendPartial({
        url: `${server.url}/api/v1/files`,
        method: 'POST',
        headers: { ...auth, 'content-type': form.contentType },
        body: inChunks(form.body),
        declaredLength: form.body.length,
        stopAfterBytes: stopAfter,
        how: 'reset',
      })
      expect(vanished.status).toBeNull()
      await server.logged('client_gone', gone + 1)
      await expectNothingLeftLocally(server)
      expectNoFalseAlarms(server)
      const next = await postForm(server, KEY, formOf(wavOf(2), 'audio/wav', 'ok.wav'))
      expect(next.status).toBe(200)
    },
  )
})

describe('F7: the embedded store on a full disk', () => {
  let server: RunningServer
  // A private 3 MiB tmpfs on the data folder, in a mount namespace of the server's own (unshare):
  // nothing is mounted on the machine, and it goes when the server does.
  const mountTmpfs = [
    'unshare',
    '--user',
    '--map-root-user',
    '--mount',
    'sh',
    '-c',
    'mount -t tmpfs -o size=3m tmpfs "$DROPGATE_DATA_DIR" && exec "$@"',
    'sh',
  ]
  beforeAll(async () => {
    server = await startServer({ DROPGATE_API_KEYS: KEY }, [], { wrapper: mountTmpfs })
  })
  afterAll(() => server?.stop())

  it('an upload that fills the disk is 507 in the documented shape, logged as storage_full, and nothing is kept', async () => {
    const big = await postForm(server, KEY, formOf(mediaFile('image/png', 5 * MiB), 'image/png', 'big.png'))
    expect(big.status).toBe(507)
    expect(big.body).toEqual({ code: 507, msg: "The server's storage is full, try again later" })
    await server.logged('storage_full')
    await expectNothingLeftLocally(server)
    expect(server.events('unhandled')).toEqual([])
    // The space the failed upload took is free again: a small one fits.
    const small = await postForm(
      server,
      KEY,
      formOf(mediaFile('image/png', 200 * 1024), 'image/png', 's.png'),
    )
    expect(small.status).toBe(200)
  })

  it('a presigned PUT that fills the disk is 507 InsufficientStorage, and nothing is kept', async () => {
    const file = new Uint8Array(mediaFile('image/png', 5 * MiB))
    const created = await fetch(`${server.url}/api/v1/files`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ filename: 'big.png', contentType: 'image/png', fileSize: file.length }),
    })
    const { data } = await created.json()
    const put = await fetch(data.uploadUrl, { method: 'PUT', headers: data.headers, body: file }).catch(
      (e) => {
        throw new Error(`${e}\n${server.logs.join('')}`)
      },
    )
    expect(put.status).toBe(507)
    expect(await put.text()).toContain('<Code>InsufficientStorage</Code>')
    await expectNothingLeftLocally(server)
    expect(await entriesOf(server, 'objects', 'uploads')).not.toContain('big.png')
  })
})

describe('stopping (SIGTERM) while uploads run', () => {
  it('an upload that ends within the grace is stored; one still arriving after it gets 503, nothing is kept, the process exits', async () => {
    const server = await startServer({
      DROPGATE_API_KEYS: KEY,
      DROPGATE_SHUTDOWN_GRACE: '2',
      DROPGATE_BODY_IDLE_TIMEOUT: '60',
    })
    try {
      const quick = formOf(mediaFile('image/png', 20 * 1024), 'image/png', 'quick.png')
      const stuck = formOf(mediaFile('video/mp4', 10 * MiB), 'video/mp4', 'stuck.mp4')
      const finishing = trickle({
        url: `${server.url}/api/v1/files`,
        method: 'POST',
        headers: { ...auth, 'content-type': quick.contentType },
        declaredLength: quick.body.length,
        burst: quick.body.subarray(0, 8 * 1024),
        body: quick.body.subarray(8 * 1024),
        bytesPerSecond: 12 * 1024, // about one more second: within the grace
      })
      const stalled = trickle({
        url: `${server.url}/api/v1/files`,
        method: 'POST',
        headers: { ...auth, 'content-type': stuck.contentType },
        declaredLength: stuck.body.length,
        burst: stuck.body.subarray(0, MiB),
        bytesPerSecond: 0.0001,
      })
      // Both are being written (a temp file each) when the stop comes.
      await untilEntries(server, 2, 'tmp')
      const exited = new Promise<number | null>((resolve) => server.process.once('exit', resolve))
      server.process.kill('SIGTERM')
      const [done, cut] = await Promise.all([finishing.answered, stalled.answered])
      expect(done?.status, done?.body).toBe(200)
      expect(cut?.status).toBe(503)
      expect(JSON.parse(cut?.body ?? '{}')).toEqual({
        code: 503,
        msg: 'The server is restarting, try again shortly',
      })
      expect(await exited).toBe(0)
      expect(await entriesOf(server, 'tmp')).toEqual([])
      expect(server.events('stop_cut_off').length).toBe(1)
      expect(server.events('stopped').length).toBe(1)
    } finally {
      await server.stop()
    }
  }, 30_000)
})
