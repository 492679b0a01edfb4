import type { Refusal } from './check-file.js'
import type { Failure } from './failure.js'
import type { Translate } from './i18n.js'
import type { MediaKind } from './media-types.js'
import type { Rules } from './rules.js'
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
      return t.plural('refused.count', refusal.limit ?? 0, { name, limit: refusal.limit ?? 0 })
    case 'dimensions':
    case 'duration':
      return refusal.message ?? name
    case 'extension':
      return t('refused.extension', { name, extension: refusal.extension ?? '' })
    default:
      return t(`refused.${refusal.reason}`, { name })
  }
}

/** `a.png, b.png and c.png`, as the locale lists things. */
export function listNames(names: readonly string[], locale: string): string {
  try {
    return new Intl.ListFormat(locale, { type: 'conjunction' }).format(names)
  } catch {
    return names.join(', ')
  }
}

/**
 * The sentence shown for a failed upload of one file, or of several that failed for the same cause:
 * what happened, and what to do (retry, reload, remove the file, or tell the site's owner).
 */
export function describeFailure(
  names: readonly string[],
  failure: Pick<Failure, 'cause' | 'raw'>,
  t: Translate,
  locale: string,
): string {
  const reason = t(`reason.${failure.cause}`, { msg: failure.raw })
  return names.length === 1
    ? t('failed.one', { name: names[0] ?? '', reason })
    : t('failed.many', { names: listNames(names, locale), reason })
}

/**
 * What may be uploaded, from the merged rules: "Images up to 10 MiB, videos and audio files up to
 * 100 MiB · at most 6 files", in the binary units the server counts in.
 */
export function describeLimits(rules: Rules, t: Translate, locale: string): string {
  const bySize = new Map<number, MediaKind[]>()
  for (const kind of ['image', 'video', 'audio'] as const) {
    const rule = rules.kinds[kind]
    if (rule) bySize.set(rule.maxBytes, [...(bySize.get(rule.maxBytes) ?? []), kind])
  }
  const groups = [...bySize]
    .sort(([a], [b]) => a - b)
    .map(([bytes, kinds]) =>
      t('limits.group', {
        kinds: listNames(
          kinds.map((k) => t(`kind.${k}`)),
          locale,
        ),
        size: formatSize(bytes, locale),
      }),
    )
  const parts = groups.length > 0 ? [groups.join(', ')] : []
  if (Number.isFinite(rules.maxFiles)) parts.push(t.plural('limits.count', rules.maxFiles))
  const line = parts.join(' · ')
  return line.charAt(0).toLocaleUpperCase(locale) + line.slice(1)
}
