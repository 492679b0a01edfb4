import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closedPort } from '../../test/black-hole.js'
import { type BucketSettingsProxy, bucketSettingsProxy } from '../../test/bucket-settings-proxy.js'
import { swiftEnv } from '../../test/swift.js'
import { main } from '../cli.js'

/**
 * `dropgate storage check|setup` against the real S3 API of Swift (which keeps CORS in its own
 * config and has no lifecycle rules), against a store that does keep them (Swift behind a proxy
 * answering ?cors and ?lifecycle), and against nothing at all.
 */
async function cli(args: string[], env: Record<string, string | undefined>) {
  let out = ''
  let err = ''
  const code = await main(
    args,
    { write: (text: string) => (out += text) },
    { write: (text: string) => (err += text) },
    env,
  )
  return { code, out, err }
}

let s3Env: Record<string, string>
beforeAll(() => {
  s3Env = { ...swiftEnv(), DROPGATE_STORAGE: 's3' }
})

/** A report must never carry a stack trace or an internal error name. */
function expectPlainWords(text: string) {
  expect(text).not.toMatch(/\n\s+at |S3RequestError|TypeError|undefined/)
}

describe('storage check on Swift', () => {
  it('reports what is true of this store, line by line, and exits 0 with a warning', async () => {
    const { code, out, err } = await cli(['storage', 'check'], s3Env)
    expect(err).toBe('')
    expect(code).toBe(0)
    const lines = out.trimEnd().split('\n')
    expect(lines[0]).toBe(`S3 bucket "dropgate" at ${s3Env.S3_ENDPOINT} (region auto)`)
    // Status and topic of each line, then the verdict.
    expect(
      lines.slice(1, -1).map((line) => /^ {2}(ok|warn|FAIL) +([^:]+):/.exec(line)?.slice(1).join(' ')),
    ).toEqual([
      'ok bucket',
      'ok upload URL',
      'ok public URL',
      'ok copy',
      'ok delete',
      'ok quarantine',
      'ok conditional writes',
      'ok CORS',
      'warn lifecycle',
      'ok quarantine CORS',
      'warn quarantine lifecycle',
      'ok incomplete uploads',
    ])
    expect(lines.at(-1)).toBe('Ready, with 2 warning(s).')
    expect(out).toContain(
      `DROPGATE_PUBLIC_BASE_URL serves it: ${s3Env.DROPGATE_PUBLIC_BASE_URL}/uploads/.dropgate-check/`,
    )
    expect(out).toMatch(
      /CORS: this store does not report CORS rules \(GetBucketCors: it answered 501 NotImplemented/,
    )
    expect(out).toContain(
      'browser preflights from http://localhost:5173, http://127.0.0.1:5173 are allowed and ETag is exposed',
    )
    expect(out).toMatch(/lifecycle: this store does not support lifecycle rules .* older than 7 day\(s\)/)
    // S3_QUARANTINE_BUCKET: browsers PUT there too (Swift's CORS is its proxy's, for every bucket), and
    // Swift 2.30 has no lifecycle rules there either.
    expect(out).toMatch(
      /ok {4}quarantine CORS: this store does not report CORS rules .*; browser preflights from http:\/\/localhost:5173, http:\/\/127\.0\.0\.1:5173 are allowed and ETag is exposed/,
    )
    expect(out).toMatch(
      new RegExp(
        `warn {2}quarantine lifecycle: this store does not support lifecycle rules .* unchecked uploads never completed stay in bucket "${s3Env.S3_QUARANTINE_BUCKET}"`,
      ),
    )
    expect(out).toContain(
      'ok    incomplete uploads: no multipart upload under uploads/ was left incomplete for more than 24h',
    )
    expectPlainWords(out)
  })

  it('fails on an origin the store does not allow, naming it', async () => {
    const { code, out } = await cli(['storage', 'check'], {
      ...s3Env,
      DROPGATE_ALLOWED_ORIGINS: 'https://app.example.com,http://localhost:5173',
    })
    expect(code).toBe(1)
    expect(out).toMatch(
      /FAIL {2}CORS: .*https:\/\/app\.example\.com may not PUT\/POST\/GET\/DELETE; https:\/\/app\.example\.com cannot read the ETag header/,
    )
    expect(out).toMatch(
      /FAIL {2}quarantine CORS: .*https:\/\/app\.example\.com may not PUT\/POST\/GET\/DELETE/,
    )
    expect(out).not.toMatch(/http:\/\/localhost:5173 may not/)
    expect(out).toMatch(/2 problem\(s\) to fix, 2 warning\(s\)\.\n$/)
  })

  it('names the setting at fault: secret, bucket, public base URL', async () => {
    const secret = await cli(['storage', 'check'], { ...s3Env, S3_SECRET_ACCESS_KEY: 'wrong' })
    expect(secret.code).toBe(1)
    expect(secret.out).toContain(
      'FAIL  bucket: the secret does not match the access key (check S3_SECRET_ACCESS_KEY)',
    )

    const bucket = await cli(['storage', 'check'], { ...s3Env, S3_BUCKET: 'no-such-bucket' })
    expect(bucket.code).toBe(1)
    expect(bucket.out).toContain('FAIL  bucket: bucket "no-such-bucket" does not exist')

    const publicBase = await cli(['storage', 'check'], {
      ...s3Env,
      DROPGATE_PUBLIC_BASE_URL: `${s3Env.S3_ENDPOINT}/v1/AUTH_test/elsewhere`,
    })
    expect(publicBase.code).toBe(1)
    expect(publicBase.out).toMatch(
      /FAIL {2}public URL: .*\/elsewhere\/uploads\/\.dropgate-check\/\S+ answered 40\d/,
    )
    for (const run of [secret, bucket, publicBase]) expectPlainWords(run.out)
  })
})

describe('storage setup on Swift', () => {
  it('writes nothing Swift does not take, says what to do instead, then checks', async () => {
    const { code, out, err } = await cli(['storage', 'setup'], s3Env)
    expect(err).toBe('')
    expect(code).toBe(0)
    const [setup, check] = out.split('Check:\n') as [string, string]
    expect(setup).toMatch(
      /warn {2}CORS: not written: this store does not support S3 bucket CORS rules \(GetBucketCors: it answered 501 NotImplemented.*\)\. Allow http:\/\/localhost:5173, http:\/\/127\.0\.0\.1:5173 in the store's own configuration instead/,
    )
    expect(setup).toMatch(
      /warn {2}lifecycle: not written: this store does not support S3 lifecycle rules .* after 7 day\(s\) another way/,
    )
    // The quarantine bucket is told apart, with the same honesty: nothing Swift would not take.
    expect(setup).toMatch(
      /warn {2}quarantine CORS: not written: this store does not support S3 bucket CORS rules \(GetBucketCors: it answered 501/,
    )
    expect(setup).toMatch(
      /warn {2}quarantine lifecycle: not written: this store does not support S3 lifecycle rules .* Expire objects under quarantine\/ of "[^"]+" after 1 day another way/,
    )
    expect(check).toContain('ok    CORS:')
    expect(check).toContain('ok    quarantine CORS:')
    expect(check).toMatch(/Ready, with 2 warning\(s\)\.\n$/)
    expectPlainWords(out)
  })
})

describe('storage setup on a store that keeps CORS and lifecycle rules', () => {
  let proxy: BucketSettingsProxy
  beforeAll(async () => {
    proxy = await bucketSettingsProxy(swiftEnv().S3_ENDPOINT as string)
  })
  afterAll(() => proxy?.close())

  it("check fails before setup; setup writes both buckets' settings (with Content-MD5, keeping other rules); check passes after", async () => {
    const env = { ...s3Env, S3_ENDPOINT: proxy.url, DROPGATE_FILE_TTL: String(3 * 86_400 + 1) }
    const main = s3Env.S3_BUCKET as string
    const quarantine = s3Env.S3_QUARANTINE_BUCKET as string
    const before = await cli(['storage', 'check'], env)
    expect(before.code).toBe(1)
    expect(before.out).toContain(
      'FAIL  CORS: the bucket has no CORS rules, so browsers cannot upload to it: run `dropgate storage setup`',
    )
    expect(before.out).toContain('FAIL  lifecycle: no rule expires objects under uploads/')
    expect(before.out).toContain(
      `FAIL  quarantine CORS: the quarantine bucket "${quarantine}" has no CORS rules, so browsers cannot upload to it`,
    )
    expect(before.out).toContain(
      `warn  quarantine lifecycle: no rule expires unchecked uploads in bucket "${quarantine}"`,
    )

    proxy.documents[main] = {
      lifecycle:
        '<LifecycleConfiguration><Rule><ID>keep-logs</ID><Filter><Prefix>logs/</Prefix></Filter><Status>Enabled</Status><Expiration><Days>90</Days></Expiration></Rule></LifecycleConfiguration>',
    }
    const setup = await cli(['storage', 'setup'], env)
    expect(setup.err).toBe('')
    expect(setup.code).toBe(0)
    expect(proxy.puts).toEqual([
      { bucket: main, name: 'cors', md5Ok: true },
      { bucket: main, name: 'lifecycle', md5Ok: true },
      { bucket: quarantine, name: 'cors', md5Ok: true },
      { bucket: quarantine, name: 'lifecycle', md5Ok: true },
    ])
    expect(setup.out).toContain(
      'ok    CORS: written: http://localhost:5173, http://127.0.0.1:5173 may GET/PUT/POST/DELETE/HEAD with any header; ETag is exposed',
    )
    // 3 days and 1 second round up to 4 whole days.
    expect(setup.out).toContain('ok    lifecycle: written: objects under uploads/ expire after 4 day(s)')
    expect(setup.out).toContain(
      'ok    quarantine CORS: written: http://localhost:5173, http://127.0.0.1:5173 may',
    )
    expect(setup.out).toContain(
      `ok    quarantine lifecycle: written: unchecked uploads under quarantine/ of "${quarantine}" expire after 1 day`,
    )
    const written = (bucket: string) => proxy.documents[bucket] ?? {}
    expect(written(main).lifecycle).toContain('<ID>keep-logs</ID>')
    expect(written(main).lifecycle).toContain('<Expiration><Days>4</Days></Expiration>')
    expect(written(main).cors).toContain('<ExposeHeader>ETag</ExposeHeader>')
    // The quarantine bucket holds only unchecked uploads: its one rule expires them after a day.
    expect(written(quarantine).lifecycle).toContain(
      '<ID>dropgate-expire-quarantine</ID><Filter><Prefix>quarantine/</Prefix></Filter><Status>Enabled</Status><Expiration><Days>1</Days></Expiration>',
    )
    expect(written(quarantine).lifecycle).not.toContain('dropgate-expire-uploads')
    expect(written(quarantine).cors).toBe(written(main).cors)
    const check = setup.out.split('Check:\n')[1] as string
    expect(check).toContain(
      "ok    CORS: the bucket's rules let http://localhost:5173, http://127.0.0.1:5173 upload and read ETag",
    )
    expect(check).toContain('ok    lifecycle: objects under uploads/ expire after 4 day(s)')
    expect(check).toContain(
      `ok    quarantine CORS: the quarantine bucket "${quarantine}"'s rules let http://localhost:5173, http://127.0.0.1:5173 upload and read ETag`,
    )
    expect(check).toContain(
      `ok    quarantine lifecycle: unchecked uploads in bucket "${quarantine}" expire after 1 day(s)`,
    )
    expect(check).toMatch(/Ready\.\n$/)

    // Running it again replaces Dropgate's rules instead of adding more.
    await cli(['storage', 'setup'], env)
    expect(written(main).lifecycle?.match(/<ID>dropgate-expire-uploads<\/ID>/g)?.length).toBe(1)
    expect(written(main).cors?.match(/<ID>dropgate<\/ID>/g)?.length).toBe(1)
    expect(written(quarantine).lifecycle?.match(/<ID>dropgate-expire-quarantine<\/ID>/g)?.length).toBe(1)
    expect(written(quarantine).cors?.match(/<ID>dropgate<\/ID>/g)?.length).toBe(1)

    // A quarantine bucket whose rule hides ETag fails on its own line: multipart uploads stop there.
    const good = written(quarantine).cors as string
    try {
      ;(proxy.documents[quarantine] as { cors?: string }).cors = good.replace(
        '<ExposeHeader>ETag</ExposeHeader>',
        '',
      )
      const hidden = await cli(['storage', 'check'], env)
      expect(hidden.code).toBe(1)
      expect(hidden.out).toContain("ok    CORS: the bucket's rules let")
      expect(hidden.out).toContain(
        'FAIL  quarantine CORS: http://localhost:5173 cannot read the ETag header (ExposeHeader ETag is missing)',
      )
    } finally {
      ;(proxy.documents[quarantine] as { cors?: string }).cors = good
    }
  })

  it('without S3_QUARANTINE_BUCKET: setup writes the main bucket only, whose lifecycle also expires its quarantine/', async () => {
    const { S3_QUARANTINE_BUCKET: _quarantine, ...withoutQuarantine } = s3Env
    const env = { ...withoutQuarantine, S3_ENDPOINT: proxy.url }
    const putsBefore = proxy.puts.length
    const setup = await cli(['storage', 'setup'], env)
    expect(setup.code).toBe(0)
    expect(proxy.puts.slice(putsBefore).map((put) => `${put.bucket} ${put.name}`)).toEqual([
      `${s3Env.S3_BUCKET} cors`,
      `${s3Env.S3_BUCKET} lifecycle`,
    ])
    expect(setup.out).not.toContain('quarantine CORS')
    expect(setup.out).toContain(
      'ok    lifecycle: unchecked uploads under quarantine/ of the bucket expire after 1 day(s)',
    )
  })

  it('credentials that may not touch bucket settings: one clear line each, and the preflight check still runs', async () => {
    proxy.deny = true
    try {
      const env = { ...s3Env, S3_ENDPOINT: proxy.url }
      const { code, out } = await cli(['storage', 'setup'], env)
      expect(out).toMatch(
        /warn {2}CORS: not written: these credentials may not read or change bucket settings \(GetBucketCors: it answered 403 AccessDenied/,
      )
      expect(out).toMatch(
        /warn {2}lifecycle: not written: these credentials may not read or change bucket settings/,
      )
      expect(out).toMatch(
        /ok {4}CORS: these credentials may not read the bucket's CORS rules .*; browser preflights from/,
      )
      expect(out).toMatch(/warn {2}lifecycle: these credentials may not read the bucket's lifecycle rules/)
      expect(code).toBe(0)
      expectPlainWords(out)
    } finally {
      proxy.deny = false
    }
  })

  it('credentials that may not list multipart uploads: a warning naming the permission; the check still passes', async () => {
    proxy.refuseUploadListings = true
    try {
      const { code, out } = await cli(['storage', 'check'], { ...s3Env, S3_ENDPOINT: proxy.url })
      expect(out).toContain(
        'warn  incomplete uploads: listing incomplete multipart uploads (ListMultipartUploads) failed: the store ' +
          'answered 403 AccessDenied: Access Denied; `dropgate storage sweep` needs it (AWS: s3:ListBucketMultipartUploads)',
      )
      expect(out).not.toContain('FAIL')
      expect(code).toBe(0)
    } finally {
      proxy.refuseUploadListings = false
    }
  })
})

describe('storage check and setup without a store', () => {
  it('a closed port: one line saying so, exit 1', async () => {
    const endpoint = await closedPort()
    for (const command of ['check', 'setup']) {
      const started = performance.now()
      const { code, out, err } = await cli(['storage', command], { ...s3Env, S3_ENDPOINT: endpoint })
      expect(code).toBe(1)
      expect(err).toBe('')
      expect(out).toContain(`FAIL  bucket: cannot reach the store at ${endpoint}: connection refused`)
      expect(out.match(/FAIL {2}bucket/g)?.length).toBe(1)
      expect(performance.now() - started).toBeLessThan(3000)
      expectPlainWords(out)
    }
  })

  it('local storage has nothing to check; s3 without its variables is a usage error', async () => {
    expect(await cli(['storage', 'check'], {})).toMatchObject({
      code: 0,
      out: expect.stringContaining('DROPGATE_STORAGE is local'),
    })
    const missing = await cli(['storage', 'check'], {
      DROPGATE_STORAGE: 's3',
      S3_ENDPOINT: 'http://127.0.0.1:1',
    })
    expect(missing.code).toBe(2)
    expect(missing.err).toContain(
      'DROPGATE_STORAGE=s3 needs S3_BUCKET, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY',
    )
    expect((await cli(['storage', 'nope'], {})).code).toBe(2)
  })

  it('the installed command: `dropgate storage check` exits with the verdict', async () => {
    const bin = join(import.meta.dirname, '..', '..', 'bin', 'dropgate-dev.mjs')
    const run = promisify(execFile)
    const { stdout } = await run(process.execPath, [bin, 'storage', 'check'], {
      env: { PATH: process.env.PATH, ...s3Env },
    })
    expect(stdout).toMatch(/Ready, with 2 warning\(s\)\.\n$/)
    const failed = await run(process.execPath, [bin, 'storage', 'check'], {
      env: { PATH: process.env.PATH, ...s3Env, S3_ENDPOINT: await closedPort() },
    }).catch((error: { code: number; stdout: string; stderr: string }) => error)
    expect(failed).toMatchObject({ code: 1, stderr: '' })
    expect((failed as { stdout: string }).stdout).toMatch(/FAIL {2}bucket: cannot reach the store/)
  })
})
