#!/usr/bin/env node
// Send one SigV4-signed S3 request (path-style) and print the status and body.
//
//   node scripts/s3-request.mjs METHOD PATH [options]
//     PATH               "/bucket", "/bucket/key", "/bucket?acl", ... (path-style)
//     --header K:V       extra request header, signed (repeatable)
//     --data STRING      request body
//     --data-file FILE   request body from a file
//     --ok-exists        treat 409 BucketAlreadyOwnedByYou / BucketAlreadyExists as success
//     --quiet            print nothing on success
//
// Reads S3_ENDPOINT, S3_REGION (default "auto"), S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY.
// Exits 0 on HTTP < 300, 1 otherwise, 2 on bad usage.
//
// SigV4 is written out with node:crypto on purpose: this runs before (or
// without) `pnpm install`, e.g. when a test setup creates its bucket, so it
// must not need anything from node_modules.
import { createHash, createHmac } from 'node:crypto'
import { readFileSync } from 'node:fs'

function usage(msg) {
  if (msg) console.error(`s3-request: ${msg}`)
  console.error(
    'usage: node scripts/s3-request.mjs METHOD PATH [--header K:V]... [--data S | --data-file F] [--ok-exists] [--quiet]',
  )
  process.exit(2)
}

const args = process.argv.slice(2)
if (args.length < 2) usage()
const method = args[0].toUpperCase()
const path = args[1]
if (!path.startsWith('/')) usage('PATH must start with /')
const extraHeaders = {}
let body
let okExists = false
let quiet = false
for (let i = 2; i < args.length; i++) {
  const a = args[i]
  if (a === '--header') {
    const h = args[++i]
    const c = h?.indexOf(':') ?? -1
    if (c <= 0) usage(`bad --header ${h}`)
    extraHeaders[h.slice(0, c).trim().toLowerCase()] = h.slice(c + 1).trim()
  } else if (a === '--data') {
    body = Buffer.from(args[++i] ?? '')
  } else if (a === '--data-file') {
    body = readFileSync(args[++i])
  } else if (a === '--ok-exists') {
    okExists = true
  } else if (a === '--quiet') {
    quiet = true
  } else usage(`unknown option ${a}`)
}

const env = (name, fallback) => {
  const v = process.env[name] ?? fallback
  if (v === undefined || v === '') usage(`${name} is not set`)
  return v
}
const endpoint = new URL(env('S3_ENDPOINT'))
const region = env('S3_REGION', 'auto')
const accessKey = env('S3_ACCESS_KEY_ID')
const secretKey = env('S3_SECRET_ACCESS_KEY')

// RFC 3986 encoding as SigV4 wants it (encodeURIComponent leaves !'()* alone).
const enc = (s) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
const sha256 = (data) => createHash('sha256').update(data).digest('hex')
const hmac = (key, data) => createHmac('sha256', key).update(data).digest()

const q = path.indexOf('?')
const rawPath = q < 0 ? path : path.slice(0, q)
const rawQuery = q < 0 ? '' : path.slice(q + 1)
// S3 canonical URI: each segment encoded once (decode first so "a%20b" and "a b" agree),
// after any path prefix the endpoint itself has.
const canonicalUri = `${endpoint.pathname.replace(/\/$/, '')}${rawPath}`
  .split('/')
  .map((seg) => enc(decodeURIComponent(seg)))
  .join('/')
const params = rawQuery
  ? rawQuery.split('&').map((kv) => {
      const e = kv.indexOf('=')
      const k = decodeURIComponent(e < 0 ? kv : kv.slice(0, e))
      const v = e < 0 ? '' : decodeURIComponent(kv.slice(e + 1).replace(/\+/g, ' '))
      return [enc(k), enc(v)]
    })
  : []
params.sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
const canonicalQuery = params.map(([k, v]) => `${k}=${v}`).join('&')

const amzDate = new Date()
  .toISOString()
  .replace(/[-:]/g, '')
  .replace(/\.\d{3}/, '')
const day = amzDate.slice(0, 8)
const payloadHash = sha256(body ?? '')
const headers = {
  ...extraHeaders,
  host: endpoint.host,
  'x-amz-date': amzDate,
  'x-amz-content-sha256': payloadHash,
}
const signedNames = Object.keys(headers).sort()
const canonicalHeaders = signedNames
  .map((n) => `${n}:${String(headers[n]).trim().replace(/\s+/g, ' ')}\n`)
  .join('')
const signedHeaders = signedNames.join(';')
const canonicalRequest = [
  method,
  canonicalUri,
  canonicalQuery,
  canonicalHeaders,
  signedHeaders,
  payloadHash,
].join('\n')
const scope = `${day}/${region}/s3/aws4_request`
const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonicalRequest)].join('\n')
let key = hmac(`AWS4${secretKey}`, day)
for (const part of [region, 's3', 'aws4_request']) key = hmac(key, part)
const signature = createHmac('sha256', key).update(stringToSign).digest('hex')

const { host: _host, ...sendHeaders } = headers // fetch sets Host itself (same value)
sendHeaders.authorization = `AWS4-HMAC-SHA256 Credential=${accessKey}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`

const url = `${endpoint.origin}${canonicalUri}${canonicalQuery ? `?${canonicalQuery}` : ''}`
let res
try {
  res = await fetch(url, { method, headers: sendHeaders, body })
} catch (err) {
  console.error(`s3-request: ${method} ${url} failed: ${err.cause?.message ?? err.message}`)
  process.exit(1)
}
const text = await res.text()
const code = /<Code>([^<]*)<\/Code>/.exec(text)?.[1]
const exists = res.status === 409 && (code === 'BucketAlreadyOwnedByYou' || code === 'BucketAlreadyExists')
const ok = res.status < 300 || (okExists && exists)
if (!ok || !quiet) {
  const out = ok ? console.log : console.error
  out(`${res.status} ${res.statusText}${code ? ` ${code}` : ''}`)
  if (text) out(text)
}
process.exit(ok ? 0 : 1)
