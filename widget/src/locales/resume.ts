import type { ResumeTranslation } from '../locale-pack.js'

// The resume machinery's sentences (uppy-resume.ts) in English. Like locales/media.ts they live
// apart from en.ts because only the lazily loaded chunk (dist/dropgate-resume.js) shows them, so the
// script-tag bundle does not carry them; other locales' are their locale file's `resume`.
export type ResumeMessage =
  | 'unfinished'
  | 'discard'
  | 'continuing'
  | 'restarted'
  | 'offline'
  | 'online'
  | 'list'
  | 'continue'
  | 'reopenDenied'
  | 'reopenGone'
  | 'reopenChanged'

export const RESUME_MESSAGES_EN: Readonly<Record<ResumeMessage, string>> = {
  list: 'Unfinished uploads',
  unfinished: '{name}: {percent}% sent — add the file again to continue',
  discard: 'Discard',
  continuing: '{name}: continuing where it stopped ({percent}% already sent).',
  restarted: '{name}: the earlier upload is no longer in storage; it starts again from the beginning.',
  offline: 'The connection was lost: uploads are paused and continue when it is back.',
  online: 'The connection is back: uploads continue.',
  continue: 'Continue',
  reopenDenied: '{name}: permission to read the file was not given; add the file again to continue.',
  reopenGone: '{name} can no longer be read (moved or deleted); add the file again to continue.',
  reopenChanged:
    '{name} has changed since its upload began, so that upload cannot continue; add it again to upload it anew.',
}

/**
 * The sentence in the locale's words (`translated`: its locale file's `resume`, handed over by the
 * widget, which loaded it), else English; placeholders filled, numbers as the locale writes them.
 */
export function resumeMessage(
  locale: string,
  key: ResumeMessage,
  params: Record<string, string | number> = {},
  translated: ResumeTranslation = {},
) {
  const numbers = new Intl.NumberFormat(locale)
  const template = translated[key] ?? RESUME_MESSAGES_EN[key]
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name]
    if (value === undefined) return whole
    return typeof value === 'number' ? numbers.format(value) : value
  })
}
