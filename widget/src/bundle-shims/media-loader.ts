// The script-tag build's media-loader.ts: the media reader is a file of its own, dropgate-media.js
// (`vite build --mode media`), next to dropgate.iife.js, loaded by a dynamic import() of a URL
// resolved against the script's own src (read while the script runs: `currentScript` is null later).
// A classic script may import() a module in every browser the widget supports.
const base = (document.currentScript as HTMLScriptElement | null)?.src || location.href

export const loadMediaReader = (): Promise<typeof import('../media-reader.js')> =>
  import(/* @vite-ignore */ new URL('dropgate-media.js', base).href)

// Every image and clip is measured by it: fetched once the page has loaded, its round trip is off
// the first file's path to a link (the browser keeps the module for later imports).
addEventListener('load', loadMediaReader)
