import type { Refusal } from './check-file.js'
import type { Translate } from './i18n.js'
import { formatSize } from './size.js'

/** The sentence shown for a refusal, in the page's language. */
export function describeRefusal(refusal: Refusal, t: Translate, locale: string): string {
  const { name } = refusal
  switch (refusal.reason) {
    case 'size':
      return t('refused.size', {
        name,
        kind: refusal.kind ? t(`kind.${refusal.kind}`) : '',
        limit: formatSize(refusal.limit ?? 0, locale),
      })
    case 'count':
      return t(refusal.limit === 1 ? 'refused.count.one' : 'refused.count.other', {
        name,
        limit: refusal.limit ?? 0,
      })
    case 'extension':
      return t('refused.extension', { name, extension: refusal.extension ?? '' })
    default:
      return t(`refused.${refusal.reason}`, { name })
  }
}

/**
 * The sentence shown for a failed upload. The wire contract fixes the server's messages (API.md §2),
 * so the known ones are matched by status and text to a translated sentence; anything else shows
 * the server's own words.
 */
export function describeFailure(name: string, code: number, msg: string, t: Translate): string {
  if (code === 0) return t('error.network', { name })
  if (code === 401 || code === 403) return t('error.auth', { name })
  if (code === 413 || /too large/i.test(msg)) return t('error.tooLarge', { name })
  if (/content does not match/i.test(msg)) return t('error.mismatch', { name })
  if (/content types are accepted/i.test(msg)) return t('error.type', { name })
  if (code === 429) return t('error.busy', { name })
  if (code >= 500) return t('error.server', { name })
  return t('error.other', { name, msg })
}
