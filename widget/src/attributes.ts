import type { UploaderOptions } from './options.js'

type Kind = 'string' | 'boolean' | 'number'

/** The element's attributes that configure its uploader, kebab-case, with how each is read. */
export const OPTION_ATTRIBUTES = {
  endpoint: 'string',
  token: 'string',
  'publishable-key': 'string',
  accept: 'string',
  'max-image-size': 'string',
  'max-video-size': 'string',
  'max-audio-size': 'string',
  'max-files': 'number',
  multiple: 'boolean',
  locale: 'string',
  theme: 'string',
  inline: 'boolean',
  note: 'string',
  'auto-upload': 'boolean',
  'page-drop': 'boolean',
} as const satisfies Record<string, Kind>

export type OptionAttribute = keyof typeof OPTION_ATTRIBUTES

export const camelCase = (name: string): string =>
  name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())

/**
 * Reads the element's attributes into uploader options. Values are passed on as written (a bad
 * `max-files` becomes NaN) so that `resolveOptions` reports every problem in one message.
 * A boolean attribute is on when present, as in HTML, except for the explicit value "false".
 */
export function optionsFromAttributes(
  getAttribute: (name: string) => string | null,
): Partial<UploaderOptions> {
  const options: Record<string, string | number | boolean> = {}
  for (const [name, kind] of Object.entries(OPTION_ATTRIBUTES) as [OptionAttribute, Kind][]) {
    const value = getAttribute(name)
    if (value === null) continue
    const key = camelCase(name)
    if (kind === 'boolean') options[key] = value.trim().toLowerCase() !== 'false'
    else if (kind === 'number') options[key] = value.trim() === '' ? Number.NaN : Number(value)
    else options[key] = value
  }
  return options as Partial<UploaderOptions>
}
