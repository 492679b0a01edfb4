import { hasDurationRule } from '@dropgate/core'
import type { Refusal } from './check-file.js'
import { loadedLocale } from './load-locale.js'
import { loadMediaReader } from './media-loader.js'
import { kindOf } from './media-types.js'
import type { MediaRuleSources, Rules } from './rules.js'

const anyDurationRule = ({ server, page }: MediaRuleSources): boolean =>
  hasDurationRule(server) ||
  page.duration?.minSeconds !== undefined ||
  page.duration?.maxSeconds !== undefined

/**
 * Whether a file these rules accept can need the media reader: any image (the pixel guard), a clip
 * or a sound only under a duration rule. An uploader for sounds alone, with no duration rule, never
 * loads it.
 */
export function needsMediaReader(rules: Rules): boolean {
  const { image, video, audio } = rules.kinds
  return image !== undefined || ((video !== undefined || audio !== undefined) && anyDurationRule(rules.media))
}

/**
 * Starts loading the media reader as the uploader mounts (and again when the policy changes the
 * rules) when its files may need it, so that a dropped file's check does not wait a round trip for
 * the chunk (the module is fetched once; the check's own load then finds it). A failure here is
 * the check's to report, when it loads the reader itself.
 */
export function warmMediaReader(rules: Rules): void {
  if (needsMediaReader(rules)) loadMediaReader().catch(() => {})
}

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
  if (!kind || (kind !== 'image' && !anyDurationRule(rules))) return undefined
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
