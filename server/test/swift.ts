import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { freeSwiftPort, SWIFT_SCRIPT, swiftS3Env } from '@dropgate/testkit'
import { inject } from 'vitest'
import type { S3Settings } from '../src/config.js'
import { createS3Storage, type S3Storage, type S3StorageOptions } from '../src/storage/s3/s3.js'
import type { S3Client, S3Request } from '../src/storage/s3/s3-client.js'
import { abortIncompleteUpload, listIncompleteUploads } from '../src/storage/s3/s3-incomplete-uploads.js'
import { createUpload } from '../src/storage/s3/s3-multipart-steps.js'
import { xmlElements, xmlText } from '../src/storage/s3/s3-xml.js'

/** What test/swift-global-setup.ts hands to the tests. */
export type SwiftState = { ok: true; env: SwiftEnv } | { ok: false; error: string }

/** `scripts/swift-s3.sh env`: S3_* variables and DROPGATE_PUBLIC_BASE_URL. */
export type SwiftEnv = Record<string, string>

declare module 'vitest' {
  export interface ProvidedContext {
    swift: SwiftState
  }
}

const run = promisify(execFile)

/** The shared Swift's settings; throws (so the test fails, never skips) when it could not start. */
export function swiftEnv(): SwiftEnv {
  const state = inject('swift')
  if (!state) throw new Error('the Swift globalSetup did not run (see server/vitest.config.ts)')
  if (!state.ok) throw new Error(state.error)
  return state.env
}

export function settingsFrom(env: SwiftEnv): S3Settings {
  const read = (name: string) => {
    const value = env[name]
    if (!value) throw new Error(`${name} missing from scripts/swift-s3.sh env`)
    return value
  }
  return {
    endpoint: read('S3_ENDPOINT'),
    bucket: read('S3_BUCKET'),
    region: read('S3_REGION'),
    accessKeyId: read('S3_ACCESS_KEY_ID'),
    secretAccessKey: read('S3_SECRET_ACCESS_KEY'),
    ...(env.S3_QUARANTINE_BUCKET && { quarantineBucket: env.S3_QUARANTINE_BUCKET }),
  }
}

/** An owner name (key prefix `uploads/<owner>/`) no earlier run used, so old objects never interfere. */
export function uniqueOwner(label: string): string {
  return `${label}${Date.now().toString(36)}${randomBytes(4).toString('hex')}`
}

/** The s3 driver on the shared Swift. */
export function swiftStorage(options: S3StorageOptions = {}): S3Storage {
  const env = swiftEnv()
  return createS3Storage(settingsFrom(env), env.DROPGATE_PUBLIC_BASE_URL as string, options)
}

/**
 * The driver's S3 client, each request's shape noted in `calls` on its way to the real store:
 * `PUT (<length>)`, `create`, `part <n> (<length>)` or `part <n> (copy <range|all>)`, `complete`, `abort`.
 */
export function recordingClient(storage: S3Storage): { client: S3Client; calls: string[] } {
  const calls: string[] = []
  const client: S3Client = {
    ...storage.client,
    send(request: S3Request) {
      const copy =
        request.headers?.['x-amz-copy-source-range'] ?? (request.headers?.['x-amz-copy-source'] && 'all')
      calls.push(
        request.query?.partNumber
          ? `part ${request.query.partNumber} (${copy ? `copy ${copy}` : request.stream?.length})`
          : request.query && 'uploads' in request.query
            ? 'create'
            : request.query?.uploadId
              ? request.method === 'POST'
                ? 'complete'
                : 'abort'
              : `${request.method} (${request.stream?.length ?? request.body?.length ?? ''})`,
      )
      return storage.client.send(request)
    },
  }
  return { client, calls }
}

/** Keys of the multipart uploads still open under `prefix` (S3 ListMultipartUploads). */
export async function openMultipartUploads(storage: S3Storage, prefix: string): Promise<string[]> {
  const answer = await storage.client.send({ method: 'GET', query: { uploads: '', prefix } })
  return xmlElements(answer.text(), 'Upload').map((upload) => xmlText(upload, 'Key') ?? '')
}

/** Deletes every object under `prefix`: what a test run leaves behind in the shared store. */
export async function deleteAll(storage: S3Storage, prefix: string): Promise<void> {
  const keys: string[] = []
  for await (const info of storage.list(prefix)) keys.push(info.key)
  await Promise.all(keys.map((key) => storage.delete(key)))
}

export interface ThrowawayBucket {
  /** The shared Swift's settings with S3_BUCKET and DROPGATE_PUBLIC_BASE_URL of this bucket. */
  env: SwiftEnv
  storage: S3Storage
  /** Aborts its uploads, deletes its objects and the bucket. */
  destroy(): Promise<void>
}

/**
 * A bucket of its own on the shared Swift, anonymously readable like the shared one, for tests that
 * assert a whole bucket's state (every incomplete upload under `uploads/`): nothing another test file
 * does at the same time shows up in it.
 */
export async function throwawayBucket(label: string): Promise<ThrowawayBucket> {
  const shared = swiftEnv()
  const bucket = `${label}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`
  // Its quarantine is its own `quarantine/`, never the shared quarantine bucket: a test that moves the
  // sweep's clock on must not reach other files' uploads.
  const { S3_QUARANTINE_BUCKET: _shared, ...rest } = shared
  const env: SwiftEnv = {
    ...rest,
    S3_BUCKET: bucket,
    DROPGATE_PUBLIC_BASE_URL: `${(shared.DROPGATE_PUBLIC_BASE_URL as string).replace(/\/[^/]+$/, '')}/${bucket}`,
  }
  const storage = createS3Storage(settingsFrom(env), env.DROPGATE_PUBLIC_BASE_URL as string)
  // S3 CreateBucket with a canned ACL; Swift's s3api maps public-read onto the container's ".r:*".
  await storage.client.send({ method: 'PUT', headers: { 'x-amz-acl': 'public-read' } })
  return {
    env,
    storage,
    async destroy() {
      for await (const upload of listIncompleteUploads(storage.client, ''))
        await abortIncompleteUpload(storage.client, upload)
      await deleteAll(storage, '')
      await storage.client.send({ method: 'DELETE', accept: [404] })
    },
  }
}

/**
 * S3 CreateMultipartUpload as if it had run at `initiated`, so ListMultipartUploads reports an upload
 * that old: the test Swift keeps a client's X-Timestamp (container sync's header; see the gatekeeper
 * in scripts/swift-s3.sh) on the record s3api keeps for the upload.
 */
export async function startUploadAt(client: S3Client, key: string, initiated: Date): Promise<string> {
  const uploadId = await createUpload(client, key, {
    'content-type': 'video/mp4',
    'x-timestamp': (initiated.getTime() / 1000).toFixed(5),
  })
  for await (const upload of listIncompleteUploads(client, key))
    if (upload.uploadId === uploadId && Math.abs(upload.initiated.getTime() - initiated.getTime()) > 2000)
      throw new Error(
        `the S3 test server took no X-Timestamp (Initiated ${upload.initiated.toISOString()}, asked ` +
          `${initiated.toISOString()}): it runs an older config; stop it (scripts/swift-s3.sh stop) and the tests restart it`,
      )
  return uploadId
}

export interface ThrowawaySwift {
  env: SwiftEnv
  start(): Promise<void>
  stop(): Promise<void>
  /** Stops it and removes its folder. */
  destroy(): Promise<void>
}

/**
 * A second, private Swift (own port and folder) for tests that stop and restart the store, so the
 * shared one is never disturbed. Its backends use port+10..13 (scripts/swift-s3.sh).
 */
export async function throwawaySwift(): Promise<ThrowawaySwift> {
  const port = await freeSwiftPort()
  const dir = join(import.meta.dirname, '..', '..', '.tmp', `swift-throwaway-${process.pid}-${port}`)
  const env = { ...process.env, SWIFT_PORT: String(port) }
  const script = (command: string, ...args: string[]) =>
    run('bash', [SWIFT_SCRIPT, command, ...args], { env, timeout: 60_000 })
  const start = async () => {
    await script('start', dir)
  }
  const stop = async () => {
    await script('stop', dir)
  }
  await start()
  return {
    env: await swiftS3Env(env),
    start,
    stop,
    async destroy() {
      await stop().catch(() => {})
      await rm(dir, { recursive: true, force: true })
    },
  }
}
