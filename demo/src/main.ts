import './style.css'
import {
  createUploader,
  type DropgateEventMap,
  type DropgateEventName,
  EVENT_NAMES,
  type Uploader,
} from '@dropgate/widget'
import { createEventLog } from './event-log.js'
import { createGallery, type Source } from './gallery.js'
import { showServerFacts } from './server-facts.js'
import {
  DEFAULT_ENDPOINT,
  DEFAULT_PUBLISHABLE_KEY,
  type DemoLocale,
  type DemoTheme,
  LOCALES,
  THEMES,
} from './settings.js'
import { npmSnippet, scriptSnippet } from './snippets.js'

const endpoint = (import.meta.env.VITE_DROPGATE_ENDPOINT || DEFAULT_ENDPOINT).replace(/\/+$/, '')
const publishableKey = import.meta.env.VITE_DROPGATE_PUBLISHABLE_KEY || DEFAULT_PUBLISHABLE_KEY

function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id)
  if (!element) throw new Error(`demo: #${id} is missing from index.html`)
  return element as T
}

// Locale and theme come from the address (?locale=pt-BR&theme=dark), so a view can be shared.
const params = new URLSearchParams(location.search)
const localeCodes = LOCALES.map(([code]) => code)
let locale: DemoLocale =
  localeCodes.find((code) => code === params.get('locale')) ??
  localeCodes.find((code) => navigator.language.toLowerCase().startsWith(code.slice(0, 2).toLowerCase())) ??
  'en'
let theme: DemoTheme = THEMES.find((t) => t === params.get('theme')) ?? 'auto'

const gallery = createGallery(byId('gallery'), byId('files-empty'), byId('files-count'))
const log = createEventLog(byId('log'), byId('log-empty'), byId('log-clear'))

function record<K extends DropgateEventName>(source: Source, type: K, detail: DropgateEventMap[K]) {
  log.add(source, type, detail)
  if (type === 'dropgate:upload') gallery.add(detail as DropgateEventMap['dropgate:upload'], source)
}

// The script-tag embed: <dropgate-upload> in index.html, defined by /dropgate.iife.js. Its events
// are DOM events that bubble out of the element.
const scriptEmbed = byId<HTMLElementTagNameMap['dropgate-upload']>('script-embed')
for (const type of EVENT_NAMES) {
  scriptEmbed.addEventListener(type, (event) => record('script tag', type, (event as CustomEvent).detail))
}

// The npm embed: createUploader from @dropgate/widget, rendered into a <div> this page owns.
const npmHost = byId('npm-embed')
let npmUploader: Uploader | undefined
function mountNpmEmbed() {
  npmUploader?.destroy()
  npmUploader = createUploader({
    endpoint,
    publishableKey,
    target: npmHost,
    inline: true,
    multiple: true,
    maxFiles: 6,
    locale,
    theme,
  })
  for (const type of EVENT_NAMES) {
    npmUploader.on(type, (detail) => record('npm', type, detail as DropgateEventMap[typeof type]))
  }
}

// "What the form sent": the form posts into this frame; /echo answers with what arrived.
const echoFrame = byId<HTMLIFrameElement>('echo-frame')
const effectiveTheme = () =>
  theme === 'auto' ? (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light') : theme
function styleEcho() {
  const doc = echoFrame.contentDocument
  if (!doc || doc.URL === 'about:blank') return
  doc.documentElement.dataset.theme = effectiveTheme()
  echoFrame.style.height = `${doc.documentElement.scrollHeight + 4}px`
}
echoFrame.addEventListener('load', () => {
  if (echoFrame.contentDocument?.URL === 'about:blank') return
  echoFrame.hidden = false
  byId('echo-empty').hidden = true
  styleEcho()
})

// Switches.
const localeSwitch = byId<HTMLSelectElement>('locale-switch')
for (const [code, label] of LOCALES) localeSwitch.add(new Option(label, code, false, code === locale))
localeSwitch.addEventListener('change', () => {
  locale = localeSwitch.value as DemoLocale
  apply()
})

const themeSwitch = byId<HTMLFieldSetElement>('theme-switch')
for (const value of THEMES) {
  const input = Object.assign(document.createElement('input'), {
    type: 'radio',
    name: 'theme',
    value,
    checked: value === theme,
  })
  input.addEventListener('change', () => {
    theme = value
    apply()
  })
  const label = document.createElement('label')
  label.append(input, document.createTextNode(value[0]?.toUpperCase() + value.slice(1)))
  themeSwitch.append(label)
}
matchMedia('(prefers-color-scheme: dark)').addEventListener('change', styleEcho)

/** Applies locale and theme to the page and both embeds (each rebuilds its uploader). */
function apply({ remember = true } = {}) {
  document.documentElement.dataset.theme = theme
  scriptEmbed.setAttribute('locale', locale)
  scriptEmbed.setAttribute('theme', theme)
  mountNpmEmbed()
  styleEcho()
  if (!remember) return
  const url = new URL(location.href)
  url.searchParams.set('locale', locale)
  url.searchParams.set('theme', theme)
  history.replaceState(null, '', url)
}

byId('snippet-script').textContent = scriptSnippet(
  endpoint,
  publishableKey,
  new URL('/dropgate.iife.js', location.href).href,
)
byId('snippet-npm').textContent = npmSnippet(endpoint, publishableKey)
// At 375 px a snippet scrolls sideways: a keyboard must be able to reach it (axe
// scrollable-region-focusable).
for (const code of ['snippet-script', 'snippet-npm']) {
  const pre = byId(code).parentElement
  if (pre) pre.tabIndex = 0
}

apply({ remember: false })
void showServerFacts(endpoint, byId('server-facts'))
