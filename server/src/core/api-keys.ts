import { Buffer } from 'node:buffer'
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { sha256Bytes } from './sha256.js'

/**
 * Secret API keys. Configured as the raw key or as `sha256:<hex>`; either way only the digest is
 * kept, so a config dump or heap snapshot never holds a usable key. A key's owner (its key prefix in
 * storage) is derived from the digest, so it is the same whichever form the operator configured.
 */

export interface ApiKey {
  digest: Buffer
  owner: string
}

const SHA256_ENTRY = /^sha256:([0-9a-fA-F]{64})$/

/** Runs on every secret-key request, hence the one-shot hash (sha256.ts). */
export function sha256(value: string): Buffer {
  return sha256Bytes(value)
}

/** Parses one configured entry; returns null for an entry that is neither form. */
export function parseApiKey(entry: string): ApiKey | null {
  const trimmed = entry.trim()
  if (trimmed === '') return null
  const hashed = SHA256_ENTRY.exec(trimmed)
  if (trimmed.startsWith('sha256:') && !hashed) return null
  const digest = hashed ? Buffer.from(hashed[1] as string, 'hex') : sha256(trimmed)
  return { digest, owner: ownerOf(digest) }
}

export function ownerOf(digest: Buffer): string {
  return `key-${digest.toString('hex').slice(0, 16)}`
}

/**
 * Finds the configured key matching a presented one. Compares against every entry with
 * `timingSafeEqual` and no early exit, so timing tells nothing about which entry was close.
 */
export function matchApiKey(keys: readonly ApiKey[], presented: string): ApiKey | null {
  const digest = sha256(presented)
  let found: ApiKey | null = null
  for (const key of keys) if (timingSafeEqual(key.digest, digest) && !found) found = key
  return found
}

/** A fresh secret key: 32 random bytes, prefixed so it is recognisable in a leaked-secret scan. */
export function newSecretKey(): { key: string; entry: string } {
  const key = `dg_sk_${randomBytes(32).toString('base64url')}`
  return { key, entry: `sha256:${sha256(key).toString('hex')}` }
}
