import { hasDurationRule } from '@dropgate/core'
import type { Refusal } from './check-file.js'
import { loadedLocale } from './load-locale.js'
import { loadMediaReader } from './media-loader.js'
import { kindOf } from './media-types.js'
import type { MediaRuleSources } from './rules.js'

/**
 * The media rules' check of a file whose type and bytes passed (`type` is the checked type): an
 * image's pixels always (the pixel guard holds even when no other rule is set), a clip's length
 * when a duration rule is set. The reader is loaded the first time one is needed; when it cannot be
 * loaded, or cannot measure the file, the file goes on and the server decides.
 */
export async function checkMedia(
  file: { readonly name: string; readonly data: Blob },
  type: string,
  rules: MediaRuleSources,
  locale: string,
): Promise<Refusal | undefined> {
  const kind = kindOf(type)
  const { minSeconds, maxSeconds } = rules.page.duration ?? {}
  const anyDurationRule =
    hasDurationRule(rules.server) || minSeconds !== undefined || maxSeconds !== undefined
  if (!kind || (kind !== 'image' && !anyDurationRule)) return undefined
  try {
    const verdict = await (await loadMediaReader()).inspectMedia(
      file.data,
      file.name,
      kind,
      rules,
      locale,
      loadedLocale(locale)?.widget?.media,
    )
    return (
      verdict && {
        reason: kind === 'image' ? 'dimensions' : 'duration',
        name: file.name,
        code: verdict.refusal.code,
        message: verdict.message,
      }
    )
  } catch (error) {
    console.warn(`Dropgate: could not measure ${file.name}; the server checks it.`, error)
    return undefined
  }
}
