import { createHash } from 'node:crypto'

/**
 * Publishable keys: public strings bound to the origins that may use them, configured as
 * `key|origin|origin…` entries. Safe in a page's HTML; what they may do is limited elsewhere
 * (create uploads within the server policy, from those origins, at a limited rate).
 */
export interface PublishableKey {
  key: string
  owner: string
  origins: readonly string[]
}

export function parsePublishableKey(entry: string): PublishableKey | string {
  const [key = '', ...origins] = entry.split('|').map((part) => part.trim())
  if (!/^[A-Za-z0-9_-]{8,128}$/.test(key)) return 'the key must be 8 to 128 letters, digits, _ or -'
  if (origins.length === 0) return 'it names no origin (expected key|https://example.com)'
  for (const origin of origins)
    if (!isOrigin(origin)) return `"${origin}" is not an origin like https://example.com`
  return { key, owner: `pk-${createHash('sha256').update(key).digest('hex').slice(0, 16)}`, origins }
}

export function isOrigin(value: string): boolean {
  try {
    const url = new URL(value)
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value
  } catch {
    return false
  }
}
