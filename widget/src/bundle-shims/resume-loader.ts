// The script-tag build's resume-loader.ts: dist/dropgate-resume.js (`vite build --mode resume`), next
// to dropgate.iife.js, imported from a URL resolved against the script's own src, as media-loader.ts.
const base = (document.currentScript as HTMLScriptElement | null)?.src || location.href

export const loadResume = (): Promise<typeof import('../uppy-resume.js')> =>
  import(/* @vite-ignore */ new URL('dropgate-resume.js', base).href)
