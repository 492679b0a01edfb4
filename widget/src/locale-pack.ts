import type { MediaRefusal } from '@dropgate/core'
import type { MessageKey } from './locales/en.js'
import type { ResumeMessage } from './locales/resume.js'

/** The plural categories Intl.PluralRules may answer besides `one` and `other`, which en has. */
export type ExtraPluralCategory = 'zero' | 'two' | 'few' | 'many'
/** A message chosen by count: en has `<base>.one` and `<base>.other`, as `ui.attached.one`. */
export type PluralBase = MessageKey extends infer K ? (K extends `${infer B}.other` ? B : never) : never

/**
 * One locale's widget strings. Every key en has must be here: a translated string, or `null` to say
 * out loud that it is not translated yet (English is shown, and a console note says so once), so a
 * new English key fails the type check and the parity test until each locale answers it. A plural
 * base may add the categories its language needs (`ui.attached.few` in ru), chosen by Intl.PluralRules.
 */
export type Translation = Readonly<Record<MessageKey, string | null>> &
  Readonly<Partial<Record<`${PluralBase}.${ExtraPluralCategory}`, string>>>

/** The media refusals' sentences (locales/media.ts has English); a missing one is shown in English. */
export type MediaTranslation = Readonly<Partial<Record<MediaRefusal['code'], string>>>

/** The resume machinery's sentences (locales/resume.ts has English); a missing one is shown in English. */
export type ResumeTranslation = Readonly<Partial<Record<ResumeMessage, string>>>

/** What a locale file under locales/ exports by default. */
export interface WidgetStrings {
  readonly messages: Translation
  readonly media?: MediaTranslation
  readonly resume?: ResumeTranslation
  /** Uppy Dashboard strings the widget words differently from @uppy/locales (see uppy-strings.ts). */
  readonly uppy?: Readonly<Record<string, string>>
}

/** An @uppy/locales pack, as each of its modules exports by default. */
export interface UppyLocalePack {
  readonly strings: Readonly<Record<string, string | Readonly<Record<number, string>>>>
  readonly pluralize: (n: number) => number
}

/** One loaded language: @uppy/locales' pack and, for the locales the widget translates, its strings. */
export interface LocalePack {
  readonly uppy: UppyLocalePack
  readonly widget?: WidgetStrings
}
