import enUS from '@uppy/locales/lib/en_US.js'
import { describe, expect, it } from 'vitest'
import { LOCALE_CATALOG } from './locale-catalog.js'
import { LOCALE_LOADERS } from './locale-loader.js'
import type { LocalePack } from './locale-pack.js'
import { en } from './locales/en.js'
import { MEDIA_MESSAGES_EN } from './locales/media.js'
import { RESUME_MESSAGES_EN } from './locales/resume.js'

// Every locale file against English: the gate a new English key (or a typo in a placeholder) trips.
const placeholders = (s: string): string[] =>
  [...new Set([...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? ''))].sort()
const PLURAL = /^(.*)\.(zero|one|two|few|many|other)$/
// A plural group's placeholders are those of all its English forms: ru's `one` covers 21 as well as
// 1, so it may carry {count} where en's "1 file attached" does not.
const englishPlaceholders = (key: string): string[] => {
  const base = PLURAL.exec(key)?.[1]
  if (!base || !Object.hasOwn(en, `${base}.other`))
    return placeholders((en as Record<string, string>)[key] ?? '')
  return placeholders(
    `${en[`${base}.one` as keyof typeof en] ?? ''} ${en[`${base}.other` as keyof typeof en]}`,
  )
}

const translated = Object.entries(
  LOCALE_CATALOG as Record<string, { uppy: string; strings?: string }>,
).filter(([, entry]) => entry.strings !== undefined)
const packs = new Map<string, LocalePack>()
for (const [tag] of Object.entries(LOCALE_CATALOG))
  packs.set(tag, await LOCALE_LOADERS[tag as keyof typeof LOCALE_LOADERS]())

describe('the locale files', () => {
  it('translate the widget into the 21 languages the issue lists, English built in', () => {
    const required = ['es', 'pt-BR', 'pt-PT', 'fr', 'de', 'it', 'nl', 'pl', 'tr', 'ru', 'uk', 'ar', 'he']
    required.push('hi', 'ja', 'ko', 'zh-CN', 'zh-TW', 'id', 'vi')
    for (const tag of required) expect(packs.get(tag)?.widget, tag).toBeDefined()
  })

  it.each(translated)('%s answers every English key, with no placeholder English lacks', (tag) => {
    const messages = packs.get(tag)?.widget?.messages as Record<string, string | null>
    for (const key of Object.keys(en)) {
      // `null` says "not translated yet" out loud; a missing key is the mistake.
      expect(Object.hasOwn(messages, key), `${tag} lacks ${key}`).toBe(true)
    }
    for (const [key, text] of Object.entries(messages)) {
      const base = PLURAL.exec(key)?.[1]
      const known = Object.hasOwn(en, key) || (base !== undefined && Object.hasOwn(en, `${base}.other`))
      expect(known, `${tag} has ${key}, which en does not`).toBe(true)
      if (text === null) continue
      expect(text.trim(), `${tag} ${key}`).not.toBe('')
      for (const name of placeholders(text))
        expect(englishPlaceholders(key), `${tag} ${key} has {${name}}`).toContain(name)
    }
  })

  it.each(translated)('%s words the media refusals with the placeholders English has', (tag) => {
    const media = packs.get(tag)?.widget?.media ?? {}
    for (const [code, template] of Object.entries(media))
      expect(placeholders(template ?? ''), `${tag} ${code}`).toEqual(
        placeholders(MEDIA_MESSAGES_EN[code as keyof typeof MEDIA_MESSAGES_EN]),
      )
  })

  it.each(translated)('%s words every resume sentence, with the placeholders English has', (tag) => {
    const resume = packs.get(tag)?.widget?.resume ?? {}
    expect(Object.keys(resume).sort(), tag).toEqual(Object.keys(RESUME_MESSAGES_EN).sort())
    for (const [key, template] of Object.entries(resume))
      expect(placeholders(template ?? ''), `${tag} ${key}`).toEqual(
        placeholders(RESUME_MESSAGES_EN[key as keyof typeof RESUME_MESSAGES_EN]),
      )
  })

  it.each(translated)('%s keeps Uppy’s %{…} placeholders in the Dashboard strings it rewords', (tag) => {
    const uppy = packs.get(tag)?.widget?.uppy ?? {}
    const marks = (s: unknown) => [...String(s).matchAll(/%\{(\w+)\}/g)].map((m) => m[1]).sort()
    for (const [key, text] of Object.entries(uppy)) {
      expect(Object.hasOwn(enUS.strings, key), `${tag} rewords ${key}, which Uppy lacks`).toBe(true)
      expect(marks(text), `${tag} ${key}`).toEqual(marks(enUS.strings[key as keyof typeof enUS.strings]))
    }
  })
})

describe('the npm build’s loaders', () => {
  it('load each @uppy/locales pack the catalog names, with the widget strings it names', async () => {
    expect(Object.keys(LOCALE_LOADERS).sort()).toEqual(Object.keys(LOCALE_CATALOG).sort())
    for (const [tag, entry] of Object.entries(LOCALE_CATALOG)) {
      const uppy = (await import(`../node_modules/@uppy/locales/lib/${entry.uppy}.js`)).default
      expect(packs.get(tag)?.uppy, tag).toBe(uppy)
      if ('strings' in entry)
        expect(packs.get(tag)?.widget, tag).toBe((await import(`./locales/${entry.strings}.ts`)).default)
      else expect(packs.get(tag)?.widget, tag).toBeUndefined()
    }
  })

  it('cover every pack @uppy/locales ships', async () => {
    // The widget's tsconfig has no Node types (it is browser code); vitest runs on Node.
    const fs = 'node:fs'
    const { readdirSync } = (await import(/* @vite-ignore */ fs)) as { readdirSync(dir: URL): string[] }
    const shipped = readdirSync(new URL('../node_modules/@uppy/locales/lib/', import.meta.url))
      .filter((f) => /^[a-z]{2}_[A-Za-z_]+\.js$/.test(f) && f !== 'en_US.js')
      .map((f) => f.slice(0, -3))
    expect(
      Object.values(LOCALE_CATALOG)
        .map((e) => e.uppy)
        .sort(),
    ).toEqual(shipped.sort())
  })
})
